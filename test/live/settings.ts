/**
 * What the live acceptance suite connects to, read from `INTUNE_LIVE_*` environment variables:
 * a real tenant (`npm run test:live`) or the emulator (`emulator.test.ts` sets the same variables).
 */
import type { ConnectionConfig } from "../../provider/config";

/** Every variable the suite reads, with what it means (also the text of the "not configured" error). */
export const LIVE_VARIABLES = {
    INTUNE_LIVE_TENANT_ID: "directory (tenant) id or verified domain; required",
    INTUNE_LIVE_CLIENT_ID: "application (client) id of the app registration; required",
    INTUNE_LIVE_CLIENT_SECRET: "client secret value; this or INTUNE_LIVE_CERTIFICATE_PATH",
    INTUNE_LIVE_CERTIFICATE_PATH: "PEM file with certificate and private key; this or INTUNE_LIVE_CLIENT_SECRET",
    INTUNE_LIVE_CERTIFICATE_PASSWORD: "password of an encrypted private key; optional",
    INTUNE_LIVE_CLOUD: "global (default), usGovernment, usGovernmentDoD or china; optional",
    INTUNE_LIVE_GRAPH_ENDPOINT: "Graph root for anything else (the emulator); optional",
    INTUNE_LIVE_AUTHORITY_HOST: "Entra ID authority host for anything else (the emulator); optional",
    INTUNE_LIVE_SWEEP_HOURS: "age after which leftovers of earlier runs are deleted (default 24; 'off' disables)",
    INTUNE_LIVE_RECORD: "folder to write sanitized request/response fixtures to; optional",
} as const;

export type LiveVariable = keyof typeof LIVE_VARIABLES;

/** The suite's connection and options. */
export interface LiveSettings {
    tenantId: string;
    clientId: string;
    clientSecret?: string;
    certificatePath?: string;
    certificatePassword?: string;
    cloud?: string;
    graphEndpoint?: string;
    authorityHost?: string;
    /** Leftovers of earlier runs older than this are deleted at start; `undefined`: no sweep. */
    sweepHours?: number;
    /** Where `--record` mode writes fixtures. */
    recordDir?: string;
}

/** Thrown when the environment does not say which tenant to use. */
export class LiveSettingsError extends Error {}

const DEFAULT_SWEEP_HOURS = 24;

/** Reads the suite's settings; throws naming every missing or invalid variable. */
export function liveSettings(env: NodeJS.ProcessEnv): LiveSettings {
    const get = (name: LiveVariable) => env[name]?.trim() || undefined;
    const problems: string[] = [];
    const tenantId = get("INTUNE_LIVE_TENANT_ID");
    const clientId = get("INTUNE_LIVE_CLIENT_ID");
    if (!tenantId) problems.push("INTUNE_LIVE_TENANT_ID is not set");
    if (!clientId) problems.push("INTUNE_LIVE_CLIENT_ID is not set");
    const clientSecret = env.INTUNE_LIVE_CLIENT_SECRET || undefined;
    const certificatePath = get("INTUNE_LIVE_CERTIFICATE_PATH");
    if (!clientSecret && !certificatePath)
        problems.push("neither INTUNE_LIVE_CLIENT_SECRET nor INTUNE_LIVE_CERTIFICATE_PATH is set");
    if (clientSecret && certificatePath)
        problems.push("both INTUNE_LIVE_CLIENT_SECRET and INTUNE_LIVE_CERTIFICATE_PATH are set; set one");
    const sweep = get("INTUNE_LIVE_SWEEP_HOURS") ?? String(DEFAULT_SWEEP_HOURS);
    const sweepHours = sweep.toLowerCase() === "off" ? undefined : Number(sweep);
    if (sweepHours !== undefined && !(Number.isFinite(sweepHours) && sweepHours >= 1))
        problems.push(`INTUNE_LIVE_SWEEP_HOURS is "${sweep}"; use a number of hours of at least 1, or "off"`);
    if (problems.length) {
        const help = Object.entries(LIVE_VARIABLES)
            .map(([name, meaning]) => `  ${name}: ${meaning}`)
            .join("\n");
        throw new LiveSettingsError(
            `The live acceptance suite needs a tenant: ${problems.join("; ")}.\nVariables:\n${help}`,
        );
    }
    return {
        tenantId: tenantId!,
        clientId: clientId!,
        clientSecret,
        certificatePath,
        certificatePassword: env.INTUNE_LIVE_CERTIFICATE_PASSWORD || undefined,
        cloud: get("INTUNE_LIVE_CLOUD"),
        graphEndpoint: get("INTUNE_LIVE_GRAPH_ENDPOINT"),
        authorityHost: get("INTUNE_LIVE_AUTHORITY_HOST"),
        sweepHours,
        recordDir: get("INTUNE_LIVE_RECORD"),
    };
}

/** Plain stack config (`intune:*`) for the suite's stacks. */
export function stackConfig(live: LiveSettings): Record<string, string> {
    const config: Record<string, string> = {
        "intune:tenantId": live.tenantId,
        "intune:clientId": live.clientId,
    };
    if (live.certificatePath) config["intune:clientCertificatePath"] = live.certificatePath;
    if (live.cloud) config["intune:cloud"] = live.cloud;
    if (live.graphEndpoint) config["intune:graphEndpoint"] = live.graphEndpoint;
    if (live.authorityHost) config["intune:authorityHost"] = live.authorityHost;
    return config;
}

/**
 * The credential's secrets as the provider's environment fallbacks (`AZURE_CLIENT_SECRET`,
 * `AZURE_CLIENT_CERTIFICATE_PASSWORD`): handed to the engine's processes through their
 * environment, so they are on no command line and in no state file.
 */
export function secretEnv(live: LiveSettings): Record<string, string> {
    const env: Record<string, string> = {};
    if (live.clientSecret) env.AZURE_CLIENT_SECRET = live.clientSecret;
    if (live.certificatePassword) env.AZURE_CLIENT_CERTIFICATE_PASSWORD = live.certificatePassword;
    return env;
}

/** Connection settings for the suite's own Graph session (setup, changes behind Pulumi's back, cleanup). */
export function connectionSettings(live: LiveSettings): ConnectionConfig {
    return {
        tenantId: live.tenantId,
        clientId: live.clientId,
        clientSecret: live.clientSecret,
        clientCertificatePath: live.certificatePath,
        clientCertificatePassword: live.certificatePassword,
        cloud: live.cloud as ConnectionConfig["cloud"],
        graphEndpoint: live.graphEndpoint,
        authorityHost: live.authorityHost,
    };
}

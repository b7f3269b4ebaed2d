/**
 * The connection config: which tenant, which identity, which cloud, how fast — the `connection`
 * rows of {@link CONFIG_TABLE}, checked together (which credential needs what, endpoints over
 * https) and completed with the table's defaults.
 *
 * Plain data that may hold secrets: keep it in the provider process, never log it — use
 * {@link describeConnection}.
 *
 * @packageDocumentation
 */

import { z } from "zod";
import { CLOUD_NAMES, resolveEndpoints } from "./clouds";
import { ConfigError, type ConfigSource, checkValue, readConfig } from "./read";
import {
    CONFIG_FIELDS,
    type ConfigField,
    type ConfigSources,
    type ConfigValues,
    type CredentialKind,
    type FieldsOf,
    configDefault,
    configEntry,
    configKey,
} from "./table";

/**
 * Timings only tests change (an emulator with a one-second throttle window, millisecond back-off).
 * They are not stack config: code passes them, or the provider process reads them from
 * {@link TEST_TUNING_ENV}.
 */
export interface TransportTuning {
    /** Length of the pacer's sliding window in seconds (Intune's is 20). */
    throttleWindowSeconds: number;
    /** First back-off step, in milliseconds, when Graph gives no `Retry-After`. */
    retryInitialDelayMs: number;
    /** Largest back-off step, in milliseconds, when Graph gives no `Retry-After`. */
    retryMaxDelayMs: number;
}

/** Intune's and Microsoft's timings: what {@link TransportTuning} is outside tests. */
export const DEFAULT_TUNING: Readonly<TransportTuning> = Object.freeze({
    throttleWindowSeconds: 20,
    retryInitialDelayMs: 1000,
    retryMaxDelayMs: 30_000,
});

/** Environment variable (JSON, e.g. `{"retryMaxDelayMs":80}`) through which tests reach a provider process. */
export const TEST_TUNING_ENV = "PULUMI_INTUNE_TEST_TUNING";

const tuningSchema = z
    .object({
        throttleWindowSeconds: z.number().min(0.001),
        retryInitialDelayMs: z.number().min(0),
        retryMaxDelayMs: z.number().min(0),
    })
    .partial()
    .strict();

type ConnectionField = FieldsOf<"connection">;

/** Fields with a default in the table; always set once the config is validated. */
type DefaultedField =
    "writesPer20Seconds" | "requestsPer20Seconds" | "maxRetryDurationSeconds" | "requestTimeoutSeconds";

/**
 * Everything needed to talk to Microsoft Graph for one tenant, as given (from config or code).
 * May contain secrets (`clientSecret`, `clientCertificatePem`, `clientCertificatePassword`).
 */
export type ConnectionConfig = Pick<ConfigValues, ConnectionField> & {
    tenantId: string;
    /** Where each field was read from, so messages name what the user must fix. */
    sources?: ConfigSources;
} & Partial<TransportTuning>;

/** A checked {@link ConnectionConfig}: normalized, with every default filled in. */
export type ValidConnectionConfig = ConnectionConfig &
    Required<Pick<ConnectionConfig, DefaultedField>> &
    TransportTuning;

const CONNECTION_FIELDS = CONFIG_FIELDS.filter((f) => configEntry(f).scope === "connection") as ConnectionField[];

/**
 * The name under which the user set `field` (config key, env var or flag), for messages; the
 * config key when the field was not read from config.
 */
export function configLabel(config: Pick<ConnectionConfig, "sources"> | undefined, field: ConfigField): string {
    return config?.sources?.[field] ?? configKey(field);
}

/**
 * Reads the connection config from stack config (`intune:*`) with the `AZURE_*` environment as
 * fallback, and checks it (see {@link validateConnectionConfig}).
 *
 * @throws ConfigError naming the key to fix.
 */
export function readConnectionConfig(source: ConfigSource, env: NodeJS.ProcessEnv): ValidConnectionConfig {
    const { values, sources } = readConfig(source, env);
    return connectionFrom(values, sources, env);
}

/** The connection part of values read by `readConfig`, checked. */
export function connectionFrom(
    values: ConfigValues,
    sources: ConfigSources,
    env: NodeJS.ProcessEnv,
): ValidConnectionConfig {
    const picked: Record<string, unknown> = {};
    for (const field of CONNECTION_FIELDS) if (values[field] !== undefined) picked[field] = values[field];
    return validateConnectionConfig({ ...(picked as ConnectionConfig), ...testTuning(env), sources });
}

function testTuning(env: NodeJS.ProcessEnv): Partial<TransportTuning> {
    const text = env[TEST_TUNING_ENV];
    if (!text) return {};
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    const parsed = tuningSchema.safeParse(json);
    if (!parsed.success)
        throw new ConfigError(
            TEST_TUNING_ENV,
            `${TEST_TUNING_ENV} must be a JSON object with numbers for ${Object.keys(DEFAULT_TUNING).join(", ")}.`,
        );
    return parsed.data;
}

/** The credential kind the config selects (explicit, or inferred as the table documents). */
export function effectiveCredentialKind(config: ConnectionConfig): CredentialKind {
    if (config.credential) return config.credential;
    if (config.clientSecret) return "clientSecret";
    if (config.clientCertificatePath || config.clientCertificatePem) return "clientCertificate";
    if (config.federatedTokenFile) return "workloadIdentity";
    return "default";
}

const TENANT_PATTERN = /^[0-9a-zA-Z-.]+$/;

function checkHttpsUrl(config: ConnectionConfig, field: "graphEndpoint" | "authorityHost"): string {
    const label = configLabel(config, field);
    const value = config[field] as string;
    const kind = configEntry(field).kind;
    const example = kind.type === "url" ? kind.example : "";
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ConfigError(label, `${label} is "${value}", which is not a URL; expected something like ${example}.`);
    }
    if (url.protocol !== "https:") {
        throw new ConfigError(
            label,
            `${label} is "${value}", but it must use https (Microsoft Graph and the Entra ID token endpoint only speak https, ` +
                `and @azure/identity refuses an http authority); expected something like ${example}.`,
        );
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new ConfigError(
            label,
            `${label} is "${value}"; it must be a plain https://host[:port] with no query, fragment or user info.`,
        );
    }
    if (url.pathname.replace(/\/+$/, "") !== "") {
        throw new ConfigError(
            label,
            `${label} is "${value}", but it must be the service root without a path` +
                (field === "graphEndpoint"
                    ? " or API version (the provider always uses /beta)"
                    : " (the tenant is added from intune:tenantId)") +
                `; expected something like ${example}.`,
        );
    }
    return `${url.protocol}//${url.host}`;
}

/**
 * Checks a connection config built in code or read by {@link readConnectionConfig} and returns a
 * normalized copy (URLs without trailing slash, defaults filled in). Touches neither the network
 * nor the file system.
 *
 * @throws ConfigError naming the key to fix.
 */
export function validateConnectionConfig(config: ConnectionConfig): ValidConnectionConfig {
    const c = { ...config } as ConnectionConfig;
    if (!c.tenantId || !String(c.tenantId).trim()) {
        throw new ConfigError(
            configKey("tenantId"),
            `No tenant is configured: set ${configKey("tenantId")} (\`pulumi config set ${configKey("tenantId")} <directory-tenant-id>\`) ` +
                `or the AZURE_TENANT_ID environment variable to the directory (tenant) ID of the Intune tenant.`,
        );
    }
    c.tenantId = String(c.tenantId).trim();
    if (!TENANT_PATTERN.test(c.tenantId)) {
        const label = configLabel(c, "tenantId");
        throw new ConfigError(
            label,
            `${label} is "${c.tenantId}", which is not a tenant ID; use the directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com.`,
        );
    }
    if (c.cloud !== undefined && !(CLOUD_NAMES as readonly string[]).includes(c.cloud)) {
        const label = configLabel(c, "cloud");
        throw new ConfigError(
            label,
            `${label} is "${c.cloud}", which is not a cloud this provider knows; use one of ${CLOUD_NAMES.map((n) => `"${n}"`).join(", ")}, ` +
                `or set ${configKey("graphEndpoint")} and ${configKey("authorityHost")} explicitly.`,
        );
    }
    for (const field of CONNECTION_FIELDS) {
        if (c[field] !== undefined && field !== "cloud") checkValue(field, c[field], configLabel(c, field));
    }
    if (c.graphEndpoint !== undefined) c.graphEndpoint = checkHttpsUrl(c, "graphEndpoint");
    if (c.authorityHost !== undefined) c.authorityHost = checkHttpsUrl(c, "authorityHost");
    checkCredential(c);
    const tuning = tuningSchema.safeParse({
        throttleWindowSeconds: c.throttleWindowSeconds,
        retryInitialDelayMs: c.retryInitialDelayMs,
        retryMaxDelayMs: c.retryMaxDelayMs,
    });
    if (!tuning.success) throw new ConfigError("tuning", `Invalid transport tuning: ${tuning.error.message}`);
    return {
        ...DEFAULT_TUNING,
        ...c,
        writesPer20Seconds: c.writesPer20Seconds ?? configDefault("writesPer20Seconds"),
        requestsPer20Seconds: c.requestsPer20Seconds ?? configDefault("requestsPer20Seconds"),
        maxRetryDurationSeconds: c.maxRetryDurationSeconds ?? configDefault("maxRetryDurationSeconds"),
        requestTimeoutSeconds: c.requestTimeoutSeconds ?? configDefault("requestTimeoutSeconds"),
        throttleWindowSeconds: c.throttleWindowSeconds ?? DEFAULT_TUNING.throttleWindowSeconds,
        retryInitialDelayMs: c.retryInitialDelayMs ?? DEFAULT_TUNING.retryInitialDelayMs,
        retryMaxDelayMs: c.retryMaxDelayMs ?? DEFAULT_TUNING.retryMaxDelayMs,
    };
}

/** What each credential kind needs. @throws ConfigError */
function checkCredential(c: ConnectionConfig): void {
    const kind = effectiveCredentialKind(c);
    const need = (field: ConfigField, why: string): void => {
        if (c[field as keyof ConnectionConfig]) return;
        const env = configEntry(field).env;
        throw new ConfigError(
            configKey(field),
            `The ${kind} credential needs ${why}: set ${configKey(field)}` +
                (env ? ` or the ${env} environment variable` : "") +
                (c.credential ? ` (or change ${configKey("credential")}).` : "."),
        );
    };
    switch (kind) {
        case "clientSecret":
            need("clientId", "the application (client) ID of the app registration");
            need("clientSecret", "the client secret value of the app registration");
            break;
        case "clientCertificate":
            need("clientId", "the application (client) ID of the app registration");
            if (!c.clientCertificatePath && !c.clientCertificatePem) {
                throw new ConfigError(
                    configKey("clientCertificatePem"),
                    `The clientCertificate credential needs a certificate with its private key: set ${configKey("clientCertificatePem")} (PEM text, as a secret) ` +
                        `or ${configKey("clientCertificatePath")} / AZURE_CLIENT_CERTIFICATE_PATH (a PEM file).`,
                );
            }
            if (c.clientCertificatePath && c.clientCertificatePem) {
                throw new ConfigError(
                    configKey("clientCertificatePem"),
                    `Both ${configLabel(c, "clientCertificatePem")} and ${configLabel(c, "clientCertificatePath")} are set; keep only one.`,
                );
            }
            if (c.clientCertificatePem && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.clientCertificatePem)) {
                const label = configLabel(c, "clientCertificatePem");
                throw new ConfigError(
                    label,
                    `${label} does not contain a PEM private key (-----BEGIN … PRIVATE KEY-----); it must hold the certificate and its private key.`,
                );
            }
            break;
        case "workloadIdentity":
            need("clientId", "the application (client) ID the federated credential belongs to");
            need("federatedTokenFile", "the path of the federated token file");
            break;
        case "managedIdentity":
        case "azureCli":
        case "default":
            break;
    }
}

/**
 * A one-line, log-safe description of the connection: tenant, app, credential kind, cloud and
 * endpoints. Never contains a secret, certificate or password.
 */
export function describeConnection(config: ConnectionConfig): string {
    const endpoints = resolveEndpoints(config);
    const kind = effectiveCredentialKind(config);
    const parts = [`tenant ${config.tenantId}`];
    if (kind === "managedIdentity") {
        const mi = config.managedIdentityClientId ?? config.clientId;
        parts.push(mi ? `user-assigned managed identity ${mi}` : "system-assigned managed identity");
    } else if (config.clientId) {
        parts.push(`app ${config.clientId}`);
    }
    let credential = `credential ${kind}`;
    if (kind === "clientSecret") credential += ` (secret from ${configLabel(config, "clientSecret")})`;
    if (kind === "clientCertificate") {
        credential += config.clientCertificatePem
            ? ` (certificate from ${configLabel(config, "clientCertificatePem")})`
            : ` (certificate file ${config.clientCertificatePath})`;
    }
    if (kind === "workloadIdentity") credential += ` (token file ${config.federatedTokenFile})`;
    parts.push(credential);
    parts.push(`cloud ${endpoints.cloud}`);
    parts.push(`Graph ${endpoints.graphBetaRoot}`);
    parts.push(`authority ${endpoints.authorityHost}`);
    return parts.join(", ");
}

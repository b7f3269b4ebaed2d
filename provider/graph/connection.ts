/**
 * Connection settings: which tenant, which identity, which cloud, how fast.
 *
 * Read from Pulumi stack config (`intune:*`, secrets arrive decrypted in a dynamic provider's
 * `configure()`) with the standard `AZURE_*` environment variables as fallback. Plain data: the
 * object is safe to keep in a provider field set by `configure()`, but it may hold secrets, so
 * never log it — use {@link describeConnection}.
 *
 * @packageDocumentation
 */

import { CLOUD_NAMES, type CloudName, isCloudName, resolveEndpoints } from "./clouds";

/** The kinds of credential the provider can build (see `credentials.ts`). */
export type CredentialKind =
    "clientSecret" | "clientCertificate" | "workloadIdentity" | "managedIdentity" | "azureCli" | "default";

/** All credential kinds, for validation and messages. */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = Object.freeze([
    "clientSecret",
    "clientCertificate",
    "workloadIdentity",
    "managedIdentity",
    "azureCli",
    "default",
]);

/** Default number of writes (POST/PUT/PATCH/DELETE) per 20 s per app per tenant (Intune's limit). */
export const DEFAULT_WRITES_PER_20_SECONDS = 100;
/** Default number of requests of any kind per 20 s per app per tenant (Intune's limit). */
export const DEFAULT_REQUESTS_PER_20_SECONDS = 1000;
/** Default upper bound, in seconds, for retrying one request (throttling, 503/504, dropped connections). */
export const DEFAULT_MAX_RETRY_DURATION_SECONDS = 300;
/** Default time, in seconds, Graph is given to finish a create whose answer was lost before the policy is looked for. */
export const DEFAULT_CREATE_SETTLE_SECONDS = 5;

/**
 * Everything needed to talk to Microsoft Graph for one tenant.
 *
 * May contain secrets (`clientSecret`, `clientCertificatePem`, `clientCertificatePassword`):
 * keep it out of logs, outputs and anything a Pulumi closure captures.
 */
export interface ConnectionSettings {
    /** Directory (tenant) ID or verified domain of the Entra ID tenant. Config `intune:tenantId`, env `AZURE_TENANT_ID`. */
    tenantId: string;
    /** Application (client) ID of the app registration. Config `intune:clientId`, env `AZURE_CLIENT_ID`. */
    clientId?: string;
    /** Client secret **value** (not its ID). Config `intune:clientSecret` (set it as a secret), env `AZURE_CLIENT_SECRET`. */
    clientSecret?: string;
    /** Path to a PEM file with certificate and private key. Config `intune:clientCertificatePath`, env `AZURE_CLIENT_CERTIFICATE_PATH`. */
    clientCertificatePath?: string;
    /** PEM text with certificate and private key (usually a secret). Config `intune:clientCertificatePem`. */
    clientCertificatePem?: string;
    /** Password of an encrypted private key. Config `intune:clientCertificatePassword`, env `AZURE_CLIENT_CERTIFICATE_PASSWORD`. */
    clientCertificatePassword?: string;
    /** Federated (workload identity) token file. Config `intune:federatedTokenFile`, env `AZURE_FEDERATED_TOKEN_FILE`. */
    federatedTokenFile?: string;
    /** Client ID of a user-assigned managed identity. Config `intune:managedIdentityClientId`. */
    managedIdentityClientId?: string;
    /**
     * Which credential to build. Config `intune:credential`.
     * @default inferred: `clientSecret` if a client secret is set, else `clientCertificate` if a
     * certificate is set, else `workloadIdentity` if a federated token file is set, else `default`
     * (`DefaultAzureCredential`).
     */
    credential?: CredentialKind;
    /** National cloud. Config `intune:cloud`. @default "global" (or the cloud of a known `graphEndpoint`) */
    cloud?: CloudName;
    /** Graph service root override, without version (e.g. an emulator). Config `intune:graphEndpoint`. */
    graphEndpoint?: string;
    /** Entra ID authority host override. Config `intune:authorityHost`, env `AZURE_AUTHORITY_HOST`. */
    authorityHost?: string;
    /** Writes allowed per throttle window for this tenant. Config `intune:writesPer20Seconds`. @default 100 */
    writesPer20Seconds?: number;
    /** Requests of any kind allowed per throttle window for this tenant. Config `intune:requestsPer20Seconds`. @default 1000 */
    requestsPer20Seconds?: number;
    /** Longest time, in seconds, spent retrying one request. Config `intune:maxRetryDurationSeconds`. @default 300 */
    maxRetryDurationSeconds?: number;
    /**
     * Length of the pacer's sliding window in seconds. Only tests (an emulator with a short
     * window) should change it. Config `intune:throttleWindowSeconds`. @default 20
     */
    throttleWindowSeconds?: number;
    /** First back-off step, in milliseconds, when Graph gives no `Retry-After`. Config `intune:retryInitialDelayMs`. @default 1000 */
    retryInitialDelayMs?: number;
    /** Largest back-off step, in milliseconds, when Graph gives no `Retry-After`. Config `intune:retryMaxDelayMs`. @default 30000 */
    retryMaxDelayMs?: number;
    /** Timeout of a single HTTP attempt in seconds. Config `intune:requestTimeoutSeconds`. @default 100 */
    requestTimeoutSeconds?: number;
    /**
     * How long, in seconds, Graph is given to finish creating a policy when the answer to the create
     * was lost (a timeout, a dropped connection, a 5xx), before the policy is looked for and, if it
     * is not there, created again; also how long after such a re-sent create a late copy is looked
     * for (and deleted). Config `intune:createSettleSeconds`. @default 5
     */
    createSettleSeconds?: number;
    /**
     * Where each field was read from (`"intune:clientSecret"`, `"AZURE_CLIENT_SECRET"`), filled by
     * {@link readConnectionSettings}, so error messages can name the setting the user must fix.
     */
    sources?: Partial<Record<SettingName, string>>;
}

/** Names of the settable fields of {@link ConnectionSettings}. */
export type SettingName = Exclude<keyof ConnectionSettings, "sources">;

/** Thrown for unusable connection settings; the message names the config key to fix. */
export class ConnectionSettingsError extends Error {
    /** The config key (or env var) the problem is about. */
    readonly setting: string;
    constructor(setting: string, message: string) {
        super(message);
        this.name = "ConnectionSettingsError";
        this.setting = setting;
    }
}

/** The config namespace of this provider. */
export const CONFIG_NAMESPACE = "intune";

type StringField = Exclude<SettingName, "credential" | "cloud" | NumberField>;
type NumberField =
    | "writesPer20Seconds"
    | "requestsPer20Seconds"
    | "maxRetryDurationSeconds"
    | "throttleWindowSeconds"
    | "retryInitialDelayMs"
    | "retryMaxDelayMs"
    | "requestTimeoutSeconds"
    | "createSettleSeconds";

/** Env var fallbacks, per field (the names `@azure/identity`'s EnvironmentCredential uses). */
const ENV_FALLBACK: Partial<Record<SettingName, string>> = {
    tenantId: "AZURE_TENANT_ID",
    clientId: "AZURE_CLIENT_ID",
    clientSecret: "AZURE_CLIENT_SECRET",
    clientCertificatePath: "AZURE_CLIENT_CERTIFICATE_PATH",
    clientCertificatePassword: "AZURE_CLIENT_CERTIFICATE_PASSWORD",
    federatedTokenFile: "AZURE_FEDERATED_TOKEN_FILE",
    authorityHost: "AZURE_AUTHORITY_HOST",
};

const STRING_FIELDS: readonly StringField[] = [
    "tenantId",
    "clientId",
    "clientSecret",
    "clientCertificatePath",
    "clientCertificatePem",
    "clientCertificatePassword",
    "federatedTokenFile",
    "managedIdentityClientId",
    "graphEndpoint",
    "authorityHost",
];

const NUMBER_FIELDS: readonly { field: NumberField; integer: boolean; min: number }[] = [
    { field: "writesPer20Seconds", integer: true, min: 1 },
    { field: "requestsPer20Seconds", integer: true, min: 1 },
    { field: "maxRetryDurationSeconds", integer: false, min: 0 },
    { field: "throttleWindowSeconds", integer: false, min: 0.001 },
    { field: "retryInitialDelayMs", integer: false, min: 0 },
    { field: "retryMaxDelayMs", integer: false, min: 0 },
    { field: "requestTimeoutSeconds", integer: false, min: 0.001 },
    { field: "createSettleSeconds", integer: false, min: 0 },
];

/** Fields that hold secrets; never printed. */
export const SECRET_FIELDS: readonly SettingName[] = [
    "clientSecret",
    "clientCertificatePem",
    "clientCertificatePassword",
];

/** The config key of a field, e.g. `intune:clientSecret`. */
export function configKey(field: SettingName): string {
    return `${CONFIG_NAMESPACE}:${field}`;
}

/**
 * The name under which the user set `field` (config key or env var), for messages; the config
 * key when the field was not read by {@link readConnectionSettings}.
 */
export function settingLabel(settings: Pick<ConnectionSettings, "sources"> | undefined, field: SettingName): string {
    return settings?.sources?.[field] ?? configKey(field);
}

function clean(value: string | undefined): string | undefined {
    if (value === undefined || value === null) return undefined;
    const trimmed = String(value).trim();
    return trimmed === "" ? undefined : trimmed;
}

/**
 * Reads connection settings from stack config (`intune:*`) with the standard `AZURE_*`
 * environment variables as fallback, then validates them (see {@link validateConnectionSettings}).
 *
 * @param config - anything with `get(key)`, e.g. the `config` of a dynamic provider's
 *   `ConfigureRequest` (keys are read fully qualified, `intune:tenantId`).
 * @param env - usually `process.env`.
 * @throws ConnectionSettingsError naming the key to fix.
 */
export function readConnectionSettings(
    config: { get(key: string): string | undefined },
    env: NodeJS.ProcessEnv,
): ConnectionSettings {
    const raw: Partial<ConnectionSettings> = {};
    const sources: Partial<Record<SettingName, string>> = {};
    const fromConfig = (field: SettingName): string | undefined => clean(config.get(configKey(field)) ?? undefined);

    for (const field of STRING_FIELDS) {
        let value = fromConfig(field);
        let source = configKey(field);
        const envName = ENV_FALLBACK[field];
        if (value === undefined && envName) {
            value = clean(env[envName]);
            source = envName;
        }
        if (value !== undefined) {
            raw[field] = value;
            sources[field] = source;
        }
    }

    // A certificate configured in stack config wins over one in the environment.
    if (sources.clientCertificatePem && sources.clientCertificatePath === ENV_FALLBACK.clientCertificatePath) {
        delete raw.clientCertificatePath;
        delete sources.clientCertificatePath;
    }

    const credential = fromConfig("credential");
    if (credential !== undefined) {
        if (!(CREDENTIAL_KINDS as readonly string[]).includes(credential)) {
            throw new ConnectionSettingsError(
                configKey("credential"),
                `${configKey("credential")} is "${credential}", which is not a credential kind this provider knows; ` +
                    `use one of ${CREDENTIAL_KINDS.map((k) => `"${k}"`).join(", ")}, or leave it unset to infer it.`,
            );
        }
        raw.credential = credential as CredentialKind;
        sources.credential = configKey("credential");
    }

    const cloud = fromConfig("cloud");
    if (cloud !== undefined) {
        raw.cloud = cloud as CloudName; // validated below
        sources.cloud = configKey("cloud");
    }

    for (const { field } of NUMBER_FIELDS) {
        const text = fromConfig(field);
        if (text === undefined) continue;
        const value = Number(text);
        if (!Number.isFinite(value)) {
            throw new ConnectionSettingsError(
                configKey(field),
                `${configKey(field)} is "${text}", which is not a number.`,
            );
        }
        raw[field] = value;
        sources[field] = configKey(field);
    }

    return validateConnectionSettings({ ...(raw as ConnectionSettings), sources });
}

/** The credential kind the settings select (explicit, or inferred as documented on {@link ConnectionSettings.credential}). */
export function effectiveCredentialKind(settings: ConnectionSettings): CredentialKind {
    if (settings.credential) return settings.credential;
    if (settings.clientSecret) return "clientSecret";
    if (settings.clientCertificatePath || settings.clientCertificatePem) return "clientCertificate";
    if (settings.federatedTokenFile) return "workloadIdentity";
    return "default";
}

const TENANT_PATTERN = /^[0-9a-zA-Z-.]+$/;

function checkHttpsUrl(
    settings: ConnectionSettings,
    field: "graphEndpoint" | "authorityHost",
    example: string,
): string {
    const label = settingLabel(settings, field);
    const value = settings[field] as string;
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ConnectionSettingsError(
            label,
            `${label} is "${value}", which is not a URL; expected something like ${example}.`,
        );
    }
    if (url.protocol !== "https:") {
        throw new ConnectionSettingsError(
            label,
            `${label} is "${value}", but it must use https (Microsoft Graph and the Entra ID token endpoint only speak https, ` +
                `and @azure/identity refuses an http authority); expected something like ${example}.`,
        );
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new ConnectionSettingsError(
            label,
            `${label} is "${value}"; it must be a plain https://host[:port] with no query, fragment or user info.`,
        );
    }
    const path = url.pathname.replace(/\/+$/, "");
    if (path !== "") {
        throw new ConnectionSettingsError(
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
 * Checks settings built in code or read by {@link readConnectionSettings} and returns a normalized
 * copy (URLs without trailing slash). Does not touch the network or the file system.
 *
 * @throws ConnectionSettingsError naming the key to fix.
 */
export function validateConnectionSettings(settings: ConnectionSettings): ConnectionSettings {
    const s: ConnectionSettings = { ...settings };
    if (!s.tenantId || !String(s.tenantId).trim()) {
        throw new ConnectionSettingsError(
            configKey("tenantId"),
            `No tenant is configured: set ${configKey("tenantId")} (\`pulumi config set ${configKey("tenantId")} <directory-tenant-id>\`) ` +
                `or the AZURE_TENANT_ID environment variable to the directory (tenant) ID of the Intune tenant.`,
        );
    }
    s.tenantId = String(s.tenantId).trim();
    if (!TENANT_PATTERN.test(s.tenantId)) {
        const label = settingLabel(s, "tenantId");
        throw new ConnectionSettingsError(
            label,
            `${label} is "${s.tenantId}", which is not a tenant ID; use the directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com.`,
        );
    }

    if (s.credential !== undefined && !(CREDENTIAL_KINDS as readonly string[]).includes(s.credential)) {
        const label = settingLabel(s, "credential");
        throw new ConnectionSettingsError(
            label,
            `${label} is "${s.credential}"; use one of ${CREDENTIAL_KINDS.map((k) => `"${k}"`).join(", ")}.`,
        );
    }
    if (s.cloud !== undefined && !isCloudName(s.cloud)) {
        const label = settingLabel(s, "cloud");
        throw new ConnectionSettingsError(
            label,
            `${label} is "${s.cloud}", which is not a cloud this provider knows; use one of ${CLOUD_NAMES.map((c) => `"${c}"`).join(", ")}, ` +
                `or set ${configKey("graphEndpoint")} and ${configKey("authorityHost")} explicitly.`,
        );
    }
    if (s.graphEndpoint !== undefined)
        s.graphEndpoint = checkHttpsUrl(s, "graphEndpoint", "https://graph.microsoft.com");
    if (s.authorityHost !== undefined)
        s.authorityHost = checkHttpsUrl(s, "authorityHost", "https://login.microsoftonline.com");

    for (const { field, integer, min } of NUMBER_FIELDS) {
        const value = s[field];
        if (value === undefined) continue;
        if (
            typeof value !== "number" ||
            !Number.isFinite(value) ||
            value < min ||
            (integer && !Number.isInteger(value))
        ) {
            const label = settingLabel(s, field);
            throw new ConnectionSettingsError(
                label,
                `${label} is ${JSON.stringify(value)}; it must be ${integer ? "an integer" : "a number"} of at least ${min}.`,
            );
        }
    }

    const kind = effectiveCredentialKind(s);
    const need = (field: SettingName, why: string): void => {
        if (!s[field]) {
            throw new ConnectionSettingsError(
                configKey(field),
                `The ${kind} credential needs ${why}: set ${configKey(field)}` +
                    (ENV_FALLBACK[field] ? ` or the ${ENV_FALLBACK[field]} environment variable` : "") +
                    (s.credential ? ` (or change ${configKey("credential")}).` : "."),
            );
        }
    };
    switch (kind) {
        case "clientSecret":
            need("clientId", "the application (client) ID of the app registration");
            need("clientSecret", "the client secret value of the app registration");
            break;
        case "clientCertificate":
            need("clientId", "the application (client) ID of the app registration");
            if (!s.clientCertificatePath && !s.clientCertificatePem) {
                throw new ConnectionSettingsError(
                    configKey("clientCertificatePem"),
                    `The clientCertificate credential needs a certificate with its private key: set ${configKey("clientCertificatePem")} (PEM text, as a secret) ` +
                        `or ${configKey("clientCertificatePath")} / AZURE_CLIENT_CERTIFICATE_PATH (a PEM file).`,
                );
            }
            if (s.clientCertificatePath && s.clientCertificatePem) {
                throw new ConnectionSettingsError(
                    configKey("clientCertificatePem"),
                    `Both ${settingLabel(s, "clientCertificatePem")} and ${settingLabel(s, "clientCertificatePath")} are set; keep only one.`,
                );
            }
            if (s.clientCertificatePem && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s.clientCertificatePem)) {
                const label = settingLabel(s, "clientCertificatePem");
                throw new ConnectionSettingsError(
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
    return s;
}

/**
 * A one-line, log-safe description of the connection: tenant, app, credential kind, cloud and
 * endpoints. Never contains a secret, certificate or password.
 */
export function describeConnection(settings: ConnectionSettings): string {
    const endpoints = resolveEndpoints(settings);
    const kind = effectiveCredentialKind(settings);
    const parts = [`tenant ${settings.tenantId}`];
    if (kind === "managedIdentity") {
        const mi = settings.managedIdentityClientId ?? settings.clientId;
        parts.push(mi ? `user-assigned managed identity ${mi}` : "system-assigned managed identity");
    } else if (settings.clientId) {
        parts.push(`app ${settings.clientId}`);
    }
    let credential = `credential ${kind}`;
    if (kind === "clientSecret") credential += ` (secret from ${settingLabel(settings, "clientSecret")})`;
    if (kind === "clientCertificate") {
        credential += settings.clientCertificatePem
            ? ` (certificate from ${settingLabel(settings, "clientCertificatePem")})`
            : ` (certificate file ${settings.clientCertificatePath})`;
    }
    if (kind === "workloadIdentity") credential += ` (token file ${settings.federatedTokenFile})`;
    parts.push(credential);
    parts.push(`cloud ${endpoints.cloud}`);
    parts.push(`Graph ${endpoints.graphBetaRoot}`);
    parts.push(`authority ${endpoints.authorityHost}`);
    return parts.join(", ");
}

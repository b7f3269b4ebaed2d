/**
 * The provider's configuration (`intune:*` stack config, `AZURE_*` environment) as one typed table.
 *
 * Every key is described once here: its kind (type and bounds), environment fallback, whether it
 * is a secret, its default, its command-line flag in `export`, and its documentation. Reading and
 * validation (`read.ts`), redaction, the export command's connection flags and help, and the
 * README's configuration table (`markdown.ts`) are all derived from {@link CONFIG_TABLE}.
 *
 * Pure data: no functions with effects, nothing loaded but the cloud names.
 *
 * @packageDocumentation
 */

import { CLOUD_NAMES } from "./clouds";

/** The config namespace of this provider. */
export const CONFIG_NAMESPACE = "intune";

/** The kinds of credential the provider can build (see `graph/credentials.ts`). */
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

/** The type and bounds of one key's value; the schema, the messages and the docs follow from it. */
export type ConfigKind =
    | { readonly type: "string" }
    | { readonly type: "url"; readonly example: string }
    | { readonly type: "enum"; readonly members: readonly string[] }
    | { readonly type: "number"; readonly min: number; readonly integer?: boolean }
    | { readonly type: "boolean" };

/**
 * Who reads a key: `connection` keys make up the connection to Graph (resolved once per provider
 * process); `engine` keys tune what the provider does with it (they are not part of the connection).
 */
export type ConfigScope = "connection" | "engine";

/** One row of the table. */
export interface ConfigEntry {
    readonly kind: ConfigKind;
    readonly scope: ConfigScope;
    /** Documentation, one or two sentences (Markdown), shown in the README and in messages. */
    readonly doc: string;
    /** The standard environment variable read when the key is not set (the names `@azure/identity` uses). */
    readonly env?: string;
    /** Whether the value is a credential: set it with `pulumi config set --secret`; never printed. */
    readonly secret?: boolean;
    /** The value used when the key is unset; `undefined` when there is none (or it is inferred). */
    readonly default?: string | number | boolean;
    /** How the default reads in the docs, when it is not a plain value (e.g. inferred). */
    readonly defaultDoc?: string;
    /** The `export` command's flag for the key, when it has one. */
    readonly flag?: string;
}

/** The table. Order is the order of the README table and of the export's help. */
export const CONFIG_TABLE = {
    tenantId: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_TENANT_ID",
        flag: "tenant-id",
        doc: "Directory (tenant) id or verified domain of the Intune tenant. Required.",
    },
    clientId: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_CLIENT_ID",
        flag: "client-id",
        doc: "Application (client) id of the app registration.",
    },
    clientSecret: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_CLIENT_SECRET",
        secret: true,
        flag: "client-secret",
        doc: "Client secret **value** (not its id): `pulumi config set --secret intune:clientSecret …`.",
    },
    clientCertificatePath: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_CLIENT_CERTIFICATE_PATH",
        flag: "certificate-path",
        doc: "PEM file with the certificate and its private key.",
    },
    clientCertificatePem: {
        kind: { type: "string" },
        scope: "connection",
        secret: true,
        doc: "The PEM (certificate and private key) itself.",
    },
    clientCertificatePassword: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_CLIENT_CERTIFICATE_PASSWORD",
        secret: true,
        doc: "Password of an encrypted private key.",
    },
    federatedTokenFile: {
        kind: { type: "string" },
        scope: "connection",
        env: "AZURE_FEDERATED_TOKEN_FILE",
        doc: "Token file of workload identity federation (a CI system's OIDC token).",
    },
    managedIdentityClientId: {
        kind: { type: "string" },
        scope: "connection",
        doc: "Client id of a user-assigned managed identity.",
    },
    credential: {
        kind: { type: "enum", members: CREDENTIAL_KINDS },
        scope: "connection",
        flag: "credential",
        defaultDoc:
            "inferred: `clientSecret` with a secret, else `clientCertificate` with a certificate, else `workloadIdentity` with a token file, else `default`",
        doc: "Which credential to build (`default` is `DefaultAzureCredential`).",
    },
    cloud: {
        kind: { type: "enum", members: CLOUD_NAMES },
        scope: "connection",
        flag: "cloud",
        default: "global",
        doc: "National cloud (`usGovernment` is L4, `usGovernmentDoD` is L5).",
    },
    graphEndpoint: {
        kind: { type: "url", example: "https://graph.microsoft.com" },
        scope: "connection",
        flag: "graph-endpoint",
        defaultDoc: "the cloud's",
        doc: "Microsoft Graph service root, without version, for a Graph outside the national clouds (a proxy; the tests' emulator).",
    },
    authorityHost: {
        kind: { type: "url", example: "https://login.microsoftonline.com" },
        scope: "connection",
        env: "AZURE_AUTHORITY_HOST",
        flag: "authority-host",
        defaultDoc: "the cloud's",
        doc: "Entra ID authority host, for anything but a national cloud.",
    },
    writesPer20Seconds: {
        kind: { type: "number", min: 1, integer: true },
        scope: "connection",
        default: 100,
        doc: "Writes per 20 s the provider sends to the tenant (Intune allows 100 per app).",
    },
    requestsPer20Seconds: {
        kind: { type: "number", min: 1, integer: true },
        scope: "connection",
        default: 1000,
        doc: "Requests of any kind per 20 s the provider sends to the tenant (Intune allows 1000 per app).",
    },
    maxRetryDurationSeconds: {
        kind: { type: "number", min: 0 },
        scope: "connection",
        default: 300,
        doc: "Upper bound of the retries of one request (throttling, 503/504, dropped connections).",
    },
    requestTimeoutSeconds: {
        kind: { type: "number", min: 0.001 },
        scope: "connection",
        default: 100,
        doc: "Time limit of one attempt of one request.",
    },
    createSettleSeconds: {
        kind: { type: "number", min: 0 },
        scope: "engine",
        default: 5,
        doc: "After a create whose answer was lost (timeout, dropped connection, 5xx): how long Graph is given to finish before the policy is looked for and, if absent, created again.",
    },
    verifyAtPreview: {
        kind: { type: "boolean" },
        scope: "engine",
        default: true,
        doc: "Before anything is written, fetch a token, read the policy collection once (permission and licence) and resolve group names. `false` previews without credentials (untrusted pull requests); preview then warns that it did not verify the connection.",
    },
} as const satisfies Record<string, ConfigEntry>;

/** The names of the keys (`tenantId`, …; the config key is `intune:<name>`). */
export type ConfigField = keyof typeof CONFIG_TABLE;

/** All key names, in table order. */
export const CONFIG_FIELDS: readonly ConfigField[] = Object.freeze(Object.keys(CONFIG_TABLE) as ConfigField[]);

/** The table row of a key. */
export function configEntry(field: ConfigField): ConfigEntry {
    return CONFIG_TABLE[field];
}

/** The fully qualified config key of a field, e.g. `intune:clientSecret`. */
export function configKey(field: ConfigField): string {
    return `${CONFIG_NAMESPACE}:${field}`;
}

/** The keys holding credentials (never printed, redacted from messages). */
export const SECRET_FIELDS: readonly ConfigField[] = CONFIG_FIELDS.filter((f) => configEntry(f).secret);

type ValueOf<K extends ConfigKind> = K extends { type: "number" }
    ? number
    : K extends { type: "boolean" }
      ? boolean
      : K extends { type: "enum"; members: readonly (infer M)[] }
        ? M
        : string;

/** The typed values of every key that is set. */
export type ConfigValues = { -readonly [F in ConfigField]?: ValueOf<(typeof CONFIG_TABLE)[F]["kind"]> };

/** Where each value was read from (`intune:clientSecret`, `AZURE_CLIENT_SECRET`, `--client-secret`), for messages. */
export type ConfigSources = Partial<Record<ConfigField, string>>;

/** Fields of a scope. */
export type FieldsOf<S extends ConfigScope> = {
    [F in ConfigField]: (typeof CONFIG_TABLE)[F]["scope"] extends S ? F : never;
}[ConfigField];

/** The table's default of a key, typed (for keys that have one). */
export function configDefault<F extends ConfigField>(field: F): NonNullable<ConfigValues[F]> {
    const value = configEntry(field).default;
    if (value === undefined) throw new Error(`internal: ${configKey(field)} has no default`);
    return value as NonNullable<ConfigValues[F]>;
}

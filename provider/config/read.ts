/**
 * Reads and type-checks `intune:*` stack config (with the `AZURE_*` environment as fallback)
 * against {@link CONFIG_TABLE}: unknown keys are rejected with the closest known key, each value is
 * parsed by the zod schema of its kind, and every error names the key, the value and what is
 * allowed. Secret values never appear in a message.
 *
 * @packageDocumentation
 */

import { z } from "zod";
import {
    CONFIG_FIELDS,
    CONFIG_NAMESPACE,
    type ConfigField,
    type ConfigKind,
    type ConfigSources,
    type ConfigValues,
    configEntry,
    configKey,
} from "./table";
import { closest } from "./suggest";

/** What `configure()` receives: namespaced keys such as `intune:tenantId`. */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** Every key that is set (all namespaces), so unknown `intune:*` keys can be reported. */
    keys?(): Iterable<string>;
}

/** Thrown for unusable configuration; the message names the key (or variable, or flag) to fix. */
export class ConfigError extends Error {
    /** The config key, environment variable or flag the problem is about. */
    readonly key: string;
    constructor(key: string, message: string) {
        super(message);
        this.name = "ConfigError";
        this.key = key;
    }
}

/** What a kind allows, in words (messages and the README use the same sentence). */
export function describeKind(kind: ConfigKind): string {
    switch (kind.type) {
        case "string":
            return "text";
        case "url":
            return `an https URL without path, such as ${kind.example}`;
        case "enum":
            return `one of ${kind.members.map((m) => `"${m}"`).join(", ")}`;
        case "number":
            return `${kind.integer ? "an integer" : "a number"} of at least ${kind.min}`;
        case "boolean":
            return "true or false";
    }
}

function numberSchema(kind: Extract<ConfigKind, { type: "number" }>): z.ZodNumber {
    const n = z.number().min(kind.min);
    return kind.integer ? n.int() : n;
}

/** The zod schema of a typed value of `kind`. */
export function valueSchema(kind: ConfigKind): z.ZodType {
    switch (kind.type) {
        case "string":
        case "url":
            return z.string().min(1);
        case "enum":
            return z.enum(kind.members as [string, ...string[]]);
        case "number":
            return numberSchema(kind);
        case "boolean":
            return z.boolean();
    }
}

/** The zod schema that turns config text into a typed value of `kind`. */
function textSchema(kind: ConfigKind): z.ZodType {
    switch (kind.type) {
        case "number":
            return z
                .string()
                .regex(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i)
                .transform(Number)
                .pipe(numberSchema(kind));
        case "boolean":
            return z
                .string()
                .transform((t) => t.toLowerCase())
                .pipe(z.enum(["true", "false"]))
                .transform((t) => t === "true");
        default:
            return valueSchema(kind);
    }
}

/** `"value"` for messages, or `(secret)` for a secret key. */
function shown(field: ConfigField, value: unknown): string {
    return configEntry(field).secret ? "set (value not shown)" : JSON.stringify(value);
}

/**
 * Checks one typed value against its kind.
 * @throws ConfigError naming `label`, the value and what is allowed.
 */
export function checkValue(field: ConfigField, value: unknown, label = configKey(field)): void {
    const kind = configEntry(field).kind;
    if (!valueSchema(kind).safeParse(value).success)
        throw new ConfigError(label, `${label} is ${shown(field, value)}; it must be ${describeKind(kind)}.`);
}

function clean(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    const trimmed = String(value).trim();
    return trimmed === "" ? undefined : trimmed;
}

/**
 * Rejects `intune:*` keys the table does not know, naming the closest known key.
 * @throws ConfigError
 */
export function rejectUnknownKeys(keys: Iterable<string>): void {
    const prefix = `${CONFIG_NAMESPACE}:`;
    for (const key of keys) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length);
        if ((CONFIG_FIELDS as readonly string[]).includes(name)) continue;
        const near = closest(name, CONFIG_FIELDS);
        throw new ConfigError(
            key,
            `${key} is not a setting of this provider` +
                (near ? `; did you mean ${configKey(near as ConfigField)}?` : ".") +
                ` Known keys: ${CONFIG_FIELDS.map((f) => configKey(f)).join(", ")}.`,
        );
    }
}

/**
 * Reads every key of the table from `source` (then its environment variable), typed and checked
 * one by one. Cross-key rules (which credential needs what) are the connection's business.
 *
 * @throws ConfigError naming the key to fix.
 */
export function readConfig(
    source: ConfigSource,
    env: NodeJS.ProcessEnv,
): { values: ConfigValues; sources: ConfigSources } {
    if (source.keys) rejectUnknownKeys(source.keys());
    const values: Record<string, unknown> = {};
    const sources: ConfigSources = {};
    for (const field of CONFIG_FIELDS) {
        const entry = configEntry(field);
        let text = clean(source.get(configKey(field)));
        let label = configKey(field);
        if (text === undefined && entry.env) {
            text = clean(env[entry.env]);
            label = entry.env;
        }
        if (text === undefined) continue;
        const parsed = textSchema(entry.kind).safeParse(text);
        if (!parsed.success)
            throw new ConfigError(label, `${label} is ${shown(field, text)}; it must be ${describeKind(entry.kind)}.`);
        values[field] = parsed.data;
        sources[field] = label;
    }
    // A certificate configured in stack config wins over one in the environment.
    if (sources.clientCertificatePem && sources.clientCertificatePath === configEntry("clientCertificatePath").env) {
        delete values.clientCertificatePath;
        delete sources.clientCertificatePath;
    }
    return { values: values as ConfigValues, sources };
}

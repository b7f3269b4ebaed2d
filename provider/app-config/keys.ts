/**
 * Typed options to `customSettings` pairs and back, driven by one table per app that maps each
 * option to its documented configuration key, its doc link and its value kind.
 */
import type { KeyValuePair } from "../settings/kinds";
import { shown, SHOWN_LIMIT } from "../settings/shown";
import type { ValueCodec } from "./values";

/** One documented configuration key behind a typed option. */
export interface ConfigKey<T> {
    /** The key exactly as Microsoft documents it (keys are case sensitive). */
    readonly key: string;
    /** The learn.microsoft.com page and section that documents the key. */
    readonly doc: string;
    /** How the option's value is checked and held as a string. */
    readonly codec: ValueCodec<T>;
}

/** Every option of `O` with its key: the table cannot miss an option nor name one `O` lacks. */
export type KeyTable<O> = { readonly [K in keyof O]-?: ConfigKey<NonNullable<O[K]>> };

/**
 * One `customSettings` entry (Graph `keyValuePair`) as a helper writes it. A type, not an
 * interface, so that it also fits `Record<string, string>` (the settings kinds' pair records).
 */
export type AppConfigPair = {
    /** The configuration key. */
    name: string;
    /** The value, as the string the app reads. */
    value: string;
};

/** What a reader makes of a policy's `customSettings`. */
export interface ReadSettings<O> {
    /** The pairs this app's helper writes, as typed options. */
    options: O;
    /**
     * Every other pair, unchanged and in its order: other apps' keys, undocumented keys, a known
     * key whose value is not one the helper writes, and every pair of a key listed more than once.
     */
    otherSettings: KeyValuePair[];
}

/** Why `options` (given to `helper`) is not allowed, one reason per bad option. */
function problems<O>(helper: string, table: KeyTable<O>, options: unknown): string[] {
    if (typeof options !== "object" || options === null || Array.isArray(options))
        return [`options must be an object of ${helper} options, not ${shown(options)}`];
    const specs = table as Record<string, ConfigKey<unknown>>;
    const reasons: string[] = [];
    for (const [option, value] of Object.entries(options)) {
        const spec = Object.prototype.hasOwnProperty.call(specs, option) ? specs[option] : undefined;
        if (!spec) {
            const byKey = Object.keys(specs).find((name) => specs[name].key === option);
            reasons.push(
                byKey
                    ? `${option}: give this key as the option ${byKey}`
                    : `${option.length > SHOWN_LIMIT ? shown(option) : option}: not an option of ${helper}`,
            );
            continue;
        }
        if (value === undefined) continue;
        const problem =
            value === null
                ? `must be ${spec.codec.allowed} (null is not a value: leave the option out to stop managing it)`
                : spec.codec.problem(value);
        if (problem) reasons.push(`${option} (${spec.key}): ${shown(value)} ${problem}`);
    }
    return reasons;
}

/**
 * The `customSettings` pairs for `options`, one per option set, in the table's order. Options
 * left out (or `undefined`) write no pair: unset means unmanaged. Throws one error naming every
 * bad option, its key, its value and what is allowed.
 */
export function writePairs<O>(helper: string, table: KeyTable<O>, options: O): AppConfigPair[] {
    const reasons = problems(helper, table, options);
    if (reasons.length === 1) throw new Error(`${helper}: ${reasons[0]}`);
    if (reasons.length > 1) throw new Error(`${helper}: ${reasons.length} problems:\n- ${reasons.join("\n- ")}`);
    const values = options as Record<string, unknown>;
    const pairs: AppConfigPair[] = [];
    for (const [option, spec] of Object.entries(table) as [string, ConfigKey<unknown>][]) {
        const value = values[option];
        if (value !== undefined) pairs.push({ name: spec.key, value: spec.codec.encode(value) });
    }
    return pairs;
}

/**
 * Splits `customSettings` pairs into the options `table` knows and everything else. A pair
 * becomes an option only when its key appears once and its value is exactly what the helper
 * writes for that option, so the helper's pairs plus `otherSettings` are always the pairs read.
 */
export function readPairs<O>(table: KeyTable<O>, pairs: readonly KeyValuePair[]): ReadSettings<O> {
    const optionOf = new Map(
        (Object.entries(table) as [string, ConfigKey<unknown>][]).map(([option, spec]) => [spec.key, option]),
    );
    const count = new Map<string, number>();
    for (const { name } of pairs) count.set(name, (count.get(name) ?? 0) + 1);
    const options: Record<string, unknown> = {};
    const otherSettings: KeyValuePair[] = [];
    for (const pair of pairs) {
        const option = optionOf.get(pair.name);
        const spec = option === undefined ? undefined : (table as Record<string, ConfigKey<unknown>>)[option];
        const value =
            spec && count.get(pair.name) === 1 && typeof pair.value === "string"
                ? spec.codec.decode(pair.value)
                : undefined;
        if (option !== undefined && value !== undefined) options[option] = value;
        else otherSettings.push(pair);
    }
    return { options: options as O, otherSettings };
}

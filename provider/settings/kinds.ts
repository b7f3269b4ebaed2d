/**
 * Value kinds: how one kind of setting value is typed, validated, normalized and
 * translated to and from Graph's JSON. Every setting in the catalog names its kind;
 * the generated argument types, `check`, `diff`, the Graph body and the docs all
 * follow from it.
 *
 * Normalization only chooses between forms Graph treats as the same value (`PT720M` and
 * `PT12H`, enum casing, the order of a set, stray separators); it never alters text, so every
 * string Graph holds can be declared as it is and is held exactly once declared
 * (docs/graph.md 2.5, "How Graph holds values").
 */
import { canonicalDuration, parseDuration } from "./duration";

/**
 * A text format: what one string (a setting, a list item, a pair field) must match. `name` is
 * set on the formats the catalog reuses, so that tools (the test generators) can tell them apart
 * without reading `allowed`.
 */
export interface TextFormat {
    readonly name?: string;
    readonly pattern: RegExp;
    /** What is allowed, in words. */
    readonly allowed: string;
}

/**
 * What values a kind takes, as data: messages are worded from it, and tools that need to
 * generate or describe values (the test generators, docs) read it instead of `allowed`.
 */
export type ValueShape =
    | { readonly type: "boolean" }
    | { readonly type: "integer"; readonly min: number; readonly max: number }
    /** One member of an enum. */
    | { readonly type: "enum"; readonly members: readonly string[] }
    /** A set of enum members (a Graph collection). */
    | { readonly type: "set"; readonly members: readonly string[] }
    /** A Graph flags enum (one comma-separated string); `none` alone means no flag. */
    | { readonly type: "flags"; readonly members: readonly string[]; readonly none: string }
    /** An ISO-8601 day-time duration of at most `maxMs`. */
    | { readonly type: "duration"; readonly maxMs: number }
    /** Free text. */
    | { readonly type: "text"; readonly maxLength: number; readonly required: boolean }
    /** Text in a format (version, patch level, URL scheme, package id, policy id). */
    | { readonly type: "formatted"; readonly format: TextFormat; readonly maxLength: number }
    /** A set of strings in a format; `joinedBy` when Graph keeps them as one joined string. */
    | { readonly type: "strings"; readonly item: TextFormat; readonly joinedBy?: string }
    /** A set of `keyValuePair`s as typed objects with two fields. */
    | {
          readonly type: "pairs";
          readonly fields: readonly [string, string];
          readonly formats: readonly [TextFormat, TextFormat];
          /** Each name at most once (a dictionary such as `customSettings`). */
          readonly uniqueNames?: boolean;
      }
    /** Targeted apps, identified by one of the policy type's app id schemes. */
    | { readonly type: "apps"; readonly schemes: readonly { readonly key: string; readonly format: TextFormat }[] }
    /** Include and exclude groups. */
    | { readonly type: "assignments" };

/** How a kind of value behaves. `T` is the canonical, user-facing form. */
export interface ValueKind<T = unknown> {
    /** What values the kind takes, as data. */
    readonly shape: ValueShape;
    /**
     * Whether {@link problem} checks the known parts of a value that contains values not known
     * yet (preview); otherwise such a value passes unchecked and is checked once known.
     */
    readonly checksPartlyKnown?: boolean;
    /** TypeScript type of the plain value (text, for the generated resource args and outputs). */
    readonly tsType: string;
    /**
     * The argument's type when it differs from `tsType`: a list or object whose every element and
     * field also takes a `pulumi.Input` (written against the generated file's `pulumi` import).
     */
    readonly tsInputType?: string;
    /** What is allowed, in words: used in error messages and docs. */
    readonly allowed: string;
    /** Why `value` is not allowed, or undefined when it is. */
    problem(value: unknown): string | undefined;
    /** Canonical form of a valid value, so that equivalent values compare equal. */
    normalize(value: T): T;
    /** Graph JSON for a canonical value. */
    toGraph(value: T): unknown;
    /** Canonical value from Graph JSON; undefined when Graph reports "not configured". */
    fromGraph(value: unknown): T | undefined;
}

/** A `{ name, value }` pair as Graph's `keyValuePair` holds it. */
export interface KeyValuePair {
    name: string;
    value: string | null;
}

const quote = (value: unknown): string => JSON.stringify(value);

const isString = (value: unknown): value is string => typeof value === "string";

/** `true` or `false`. */
export function bool(): ValueKind<boolean> {
    return {
        shape: { type: "boolean" },
        tsType: "boolean",
        allowed: "true or false",
        problem: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
        normalize: (value) => value,
        toGraph: (value) => value,
        fromGraph: (value) => (typeof value === "boolean" ? value : undefined),
    };
}

/** A whole number between `min` and `max` inclusive. */
export function int(min: number, max: number): ValueKind<number> {
    const allowed = `a whole number from ${min} to ${max}`;
    return {
        shape: { type: "integer", min, max },
        tsType: "number",
        allowed,
        problem: (value) =>
            typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
                ? undefined
                : `must be ${allowed}`,
        normalize: (value) => value,
        toGraph: (value) => value,
        fromGraph: (value) => (typeof value === "number" ? value : undefined),
    };
}

/** Finds the member that `value` names, ignoring case. */
function member<M extends string>(members: readonly M[], value: unknown): M | undefined {
    if (!isString(value)) return undefined;
    const lower = value.toLowerCase();
    return members.find((m) => m.toLowerCase() === lower);
}

/** One member of a Graph enum. Casing is normalized to Graph's. */
export function oneOf<M extends string>(members: readonly M[]): ValueKind<M> {
    const allowed = `one of ${members.map(quote).join(", ")}`;
    return {
        shape: { type: "enum", members },
        tsType: members.map(quote).join(" | "),
        allowed,
        problem: (value) => (member(members, value) ? undefined : `must be ${allowed}`),
        normalize: (value) => member(members, value) ?? value,
        toGraph: (value) => value,
        fromGraph: (value) => member(members, value) ?? (isString(value) && value ? (value as M) : undefined),
    };
}

/** `pulumi.Input<T>` in the generated file, for the elements and fields of list and object kinds. */
const input = (tsType: string): string => `pulumi.Input<${tsType}>`;

/** Sorts in a fixed order and drops duplicates. */
function uniqueSorted<T>(items: readonly T[], key: (item: T) => string = String): T[] {
    const seen = new Map<string, T>();
    for (const item of items) seen.set(key(item), item);
    return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/**
 * Why `value` is not `allowed` (a list whose items `element` checks), or undefined when it is.
 * The reason always starts with "must be <allowed>", then names the first bad item:
 * `must be a list of "box", "sharePoint"; item 1 ("dropbox") is not one of them`.
 */
function listProblem(
    value: unknown,
    allowed: string,
    element: (item: unknown) => string | undefined,
): string | undefined {
    if (!Array.isArray(value)) return `must be ${allowed}`;
    for (const [index, item] of value.entries()) {
        const problem = element(item);
        if (problem) return `must be ${allowed}; item ${index} (${quote(item)}) ${problem}`;
    }
    return undefined;
}

/**
 * A set of enum members, as a Graph collection. Order and duplicates do not matter;
 * an empty list and "not configured" are the same to Graph.
 */
export function setOf<M extends string>(members: readonly M[]): ValueKind<M[]> {
    const allowed = `a list of ${members.map(quote).join(", ")}`;
    const normalize = (value: M[]) => uniqueSorted(value.map((v) => member(members, v) ?? v));
    return {
        shape: { type: "set", members },
        tsType: `(${members.map(quote).join(" | ")})[]`,
        tsInputType: `${input(members.map(quote).join(" | "))}[]`,
        allowed,
        problem: (value) =>
            listProblem(value, allowed, (item) => (member(members, item) ? undefined : "is not one of them")),
        normalize,
        toGraph: (value) => value,
        fromGraph: (value) => normalize(Array.isArray(value) ? (value as M[]) : []),
    };
}

/**
 * A Graph flags enum: several members in one comma-separated string (`"unmanaged,mdm"`).
 * Users give a list; `none` is the member that means "no flag".
 */
export function flagsOf<M extends string>(members: readonly M[], none: M): ValueKind<M[]> {
    const allowed = `a list of ${members.map(quote).join(", ")} (${quote(none)} alone means none)`;
    const normalize = (value: M[]) => {
        const known = value.map((v) => member(members, v) ?? v);
        const flags = known.filter((v) => v !== none);
        return flags.length ? members.filter((m) => flags.includes(m)) : [none];
    };
    return {
        shape: { type: "flags", members, none },
        tsType: `(${members.map(quote).join(" | ")})[]`,
        tsInputType: `${input(members.map(quote).join(" | "))}[]`,
        allowed,
        problem: (value) => {
            const bad = listProblem(value, allowed, (item) =>
                member(members, item) ? undefined : "is not one of them",
            );
            if (bad) return bad;
            const list = value as string[];
            if (list.length === 0)
                return `must be ${allowed}; an empty list names no member (use [${quote(none)}] for none)`;
            if (list.length > 1 && list.some((v) => member(members, v) === none))
                return `must be ${allowed}; ${quote(none)} cannot be combined with other members`;
            return undefined;
        },
        normalize,
        toGraph: (value) => value.join(","),
        fromGraph: (value) =>
            isString(value) && value ? normalize(value.split(",").map((v) => v.trim()) as M[]) : undefined,
    };
}

/** .NET `TimeSpan.MaxValue` (10675199 days 02:48:05.477), the longest duration Graph stores. */
const MAX_GRAPH_DURATION_MS = 922_337_203_685_477;

/**
 * An ISO-8601 day-time duration such as `PT30M`, `PT12H` or `P90D`, compared in the
 * canonical form Graph returns (`PT720M` equals `PT12H`, `PT24H` equals `P1D`).
 */
export function duration(): ValueKind<string> {
    const allowed =
        'a non-negative ISO-8601 duration such as "PT30M", "PT12H" or "P90D" (days, hours, minutes, seconds; no years or months; at most P10675199D, what Graph can store)';
    return {
        shape: { type: "duration", maxMs: MAX_GRAPH_DURATION_MS },
        tsType: "string",
        allowed,
        problem: (value) => {
            const ms = isString(value) ? parseDuration(value) : undefined;
            return ms === undefined || ms < 0 || ms > MAX_GRAPH_DURATION_MS ? `must be ${allowed}` : undefined;
        },
        normalize: (value) => canonicalDuration(value) ?? value,
        toGraph: (value) => value,
        fromGraph: (value) => (isString(value) && value ? (canonicalDuration(value) ?? value) : undefined),
    };
}

/**
 * Text that must match `pattern`; `""` from Graph means "not configured". Held exactly as
 * written: Graph keeps strings verbatim (spaces and line breaks included), so any change here
 * would make a value Graph holds impossible to declare, or different once declared.
 */
function patterned(format: TextFormat, maxLength = 1024): ValueKind<string> {
    const { pattern, allowed } = format;
    return {
        shape: { type: "formatted", format, maxLength },
        tsType: "string",
        allowed,
        problem: (value) =>
            isString(value) && value.length <= maxLength && pattern.test(value) ? undefined : `must be ${allowed}`,
        normalize: (value) => value,
        toGraph: (value) => value,
        fromGraph: (value) => (isString(value) && value !== "" ? value : undefined),
    };
}

/** Free text such as a display name or description; `""` is a value (it reads back as `""`). */
export function text(maxLength = 1024, required = false): ValueKind<string> {
    const kind = patterned(
        {
            pattern: required ? /\S/ : /^[\s\S]*$/,
            allowed: `${required ? "non-empty " : ""}text of at most ${maxLength} characters`,
        },
        maxLength,
    );
    const blank = (value: unknown) =>
        required && isString(value) && value !== "" && value.length <= maxLength && !/\S/.test(value);
    return {
        ...kind,
        shape: { type: "text", maxLength, required },
        problem: (value) =>
            blank(value)
                ? `must be ${kind.allowed}; it is only white space, which would list as a policy without a name`
                : kind.problem(value),
        fromGraph: (value) => (isString(value) ? value : undefined),
    };
}

/** A dotted version number such as `16.0` or `5.0.4300`. */
export function version(): ValueKind<string> {
    return patterned(formats.version, 64);
}

/** An Android security patch level `YYYY-MM-DD`; Graph reports `0000-00-00` when not configured. */
export function patchLevel(): ValueKind<string> {
    const kind = patterned(formats.patchLevel, 10);
    return {
        ...kind,
        fromGraph: (value) => (isString(value) && value !== "" && value !== "0000-00-00" ? value : undefined),
    };
}

/** A URL scheme such as `microsoft-edge` or `skype` (without `://`). */
export function urlScheme(): ValueKind<string> {
    return patterned(formats.urlScheme, 256);
}

/** Android application id pattern (`com.example.app`). */
export const ANDROID_PACKAGE_ID = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
/** iOS bundle id pattern (`com.example.app`). */
export const IOS_BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The text formats the catalog reuses, by name. */
export const formats = {
    version: {
        name: "version",
        pattern: /^\d+(\.\d+){0,3}$/,
        allowed: 'a version number of up to four dot-separated numbers, such as "16.0" or "4.2.1"',
    },
    patchLevel: {
        name: "patchLevel",
        pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
        allowed: 'a date "YYYY-MM-DD" such as "2026-01-01"',
    },
    urlScheme: {
        name: "urlScheme",
        pattern: /^[A-Za-z][A-Za-z0-9+.-]*$/,
        allowed: 'a URL scheme such as "skype" or "microsoft-edge" (letters, digits, "+", ".", "-"; no "://")',
    },
    packageId: {
        name: "packageId",
        pattern: ANDROID_PACKAGE_ID,
        allowed: 'an Android package id such as "com.microsoft.emmx"',
    },
    /** A policy's Graph id (`T_<guid>` for app protection policies). */
    policyId: {
        name: "policyId",
        pattern: /^[A-Za-z0-9_-]{1,128}$/,
        allowed: 'a policy id such as "T_2c8160fa-dfa6-4e01-8e7b-0f80f1f389df"',
    },
} as const satisfies Record<string, TextFormat>;

/** An Android package id such as `com.microsoft.emmx`. */
export function packageId(): ValueKind<string> {
    return patterned(formats.packageId, 256);
}

/** The Graph id of an existing policy (`adoptPolicyId`). */
export function policyId(): ValueKind<string> {
    return patterned(formats.policyId, 128);
}

/**
 * A set of strings, each matching `pattern`, as a Graph string collection. Order and duplicates
 * do not matter; each item is held exactly as written (spaces included).
 */
export function stringSet(pattern: RegExp, each: string): ValueKind<string[]> {
    const normalize = (value: string[]) => uniqueSorted(value);
    const allowed = `a list of ${each}`;
    return {
        shape: { type: "strings", item: { pattern, allowed: each } },
        tsType: "string[]",
        tsInputType: `${input("string")}[]`,
        allowed,
        problem: (value) =>
            listProblem(value, allowed, (item) => (isString(item) && pattern.test(item) ? undefined : "is not one")),
        normalize,
        toGraph: (value) => value,
        fromGraph: (value) => normalize(Array.isArray(value) ? value.filter(isString) : []),
    };
}

/**
 * A set of strings that Graph keeps as one `;`-joined string
 * (`allowedIosDeviceModels`, `allowedAndroidDeviceManufacturers`). Users give a list. Items are
 * held exactly as written (spaces included); order, duplicates and empty items (stray `;`, as in
 * `"a;;b;"`) do not matter, since they name no model or manufacturer.
 */
export function joinedSet(each: string): ValueKind<string[]> {
    const normalize = (value: string[]) => uniqueSorted(value.filter((v) => v !== ""));
    const allowed = `a list of ${each}`;
    return {
        shape: { type: "strings", item: { pattern: /^[^;]+$/, allowed: each }, joinedBy: ";" },
        tsType: "string[]",
        tsInputType: `${input("string")}[]`,
        allowed,
        problem: (value) => listProblem(value, allowed, joinedItemProblem),
        normalize,
        toGraph: (value) => value.join(";"),
        // Graph keeps "no item" as null or "": both are the empty list.
        fromGraph: (value) => (isString(value) ? normalize(value.split(";")) : []),
    };
}

/** Why one item of a {@link joinedSet} list is not allowed, or undefined when it is. */
function joinedItemProblem(item: unknown): string | undefined {
    if (!isString(item)) return "is not text";
    if (item === "") return "is empty (Graph's ';'-joined string cannot hold an empty item)";
    if (item.includes(";")) return 'contains ";", which Graph uses to separate items';
    return undefined;
}

/** The typed shape of one `keyValuePair` list: which user field lands in `name` and which in `value`. */
export interface PairShape {
    /** User field stored in the pair's `name`. */
    nameField: string;
    /** User field stored in the pair's `value`. */
    valueField: string;
    /** Docs for each field, and their patterns. */
    fields: Record<string, { doc: string; pattern: RegExp; allowed: string }>;
}

/** Why one item of a {@link pairs} list is not allowed, or undefined when it is. */
function pairProblem({ nameField, valueField, fields }: PairShape, item: unknown): string | undefined {
    if (typeof item !== "object" || item === null || Array.isArray(item))
        return `is not an object with ${nameField} and ${valueField}`;
    const record = item as Record<string, unknown>;
    const extra = Object.keys(record).find((k) => k !== nameField && k !== valueField);
    if (extra !== undefined) return `has unknown field ${quote(extra)} (allowed: ${nameField}, ${valueField})`;
    for (const field of [nameField, valueField]) {
        const v = record[field];
        if (v === undefined) return `has no ${field}, which must be ${fields[field].allowed}`;
        if (!isString(v) || !fields[field].pattern.test(v))
            return `has ${field} ${quote(v)}, which must be ${fields[field].allowed}`;
    }
    return undefined;
}

/**
 * A list of Graph `keyValuePair`s presented as typed objects, e.g. approved keyboards as
 * `{ packageId, name }`. Order and duplicates do not matter; fields are held exactly as written.
 */
export function pairs(shape: PairShape): ValueKind<Record<string, string>[]> {
    const { nameField, valueField, fields } = shape;
    const keyOf = (item: Record<string, string>) => `${item[nameField]}\u0000${item[valueField]}`;
    const normalize = (value: Record<string, string>[]) =>
        uniqueSorted(
            value.map((item) => ({ [nameField]: item[nameField], [valueField]: item[valueField] })),
            keyOf,
        );
    const fieldTypes = (type: string) =>
        `{ ${[nameField, valueField].map((f) => `/** ${fields[f].doc} */ ${f}: ${type};`).join(" ")} }`;
    const tsType = `${fieldTypes("string")}[]`;
    const tsInputType = `${input(fieldTypes(input("string")))}[]`;
    const allowed = `a list of { ${nameField}, ${valueField} } where ${[nameField, valueField].map((f) => `${f} is ${fields[f].allowed}`).join(" and ")}`;
    return {
        shape: {
            type: "pairs",
            fields: [nameField, valueField],
            formats: [fields[nameField], fields[valueField]],
        },
        tsType,
        tsInputType,
        allowed,
        problem: (value) => listProblem(value, allowed, (item) => pairProblem(shape, item)),
        normalize,
        toGraph: (value) => value.map((item) => ({ name: item[nameField], value: item[valueField] })),
        fromGraph: (value) =>
            normalize(
                (Array.isArray(value) ? (value as KeyValuePair[]) : []).map((pair) => ({
                    [nameField]: pair.name ?? "",
                    [valueField]: pair.value ?? "",
                })),
            ),
    };
}

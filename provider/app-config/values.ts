/**
 * Value kinds of app configuration keys: how one typed option is checked and written as the
 * string Graph holds in a `keyValuePair` (`customSettings` of a targetedManagedAppConfiguration),
 * and read back.
 *
 * Every kind is exact both ways: `decode` returns a value only when `encode` of that value gives
 * back the very same string, so a pair read from Graph and written again is the same pair
 * (export, then `up`, makes no change). Strings that do not decode stay raw pairs.
 *
 * Keys and values are case sensitive ("App configuration keys are case sensitive", Microsoft Learn,
 * manage-microsoft-edge and outlook-for-ios-and-android-configuration-with-microsoft-intune), so
 * unlike the policy settings' enums nothing here ignores case.
 */
import { bool } from "../settings/kinds";

/** How one kind of option value is checked and held as a string. */
export interface ValueCodec<T> {
    /** What is allowed, in words: used in error messages. */
    readonly allowed: string;
    /** Why `value` is not allowed ("must be ..."), or undefined when it is. */
    problem(value: unknown): string | undefined;
    /** The string Graph holds for a valid value. */
    encode(value: T): string;
    /** The value a string holds, or undefined when the string is not one this kind writes. */
    decode(text: string): T | undefined;
}

const quote = (value: unknown): string => JSON.stringify(value);

const isString = (value: unknown): value is string => typeof value === "string";

/** Adds the exactness guard: a string decodes only to a valid value that encodes back to it. */
function exact<T>(codec: ValueCodec<T>): ValueCodec<T> {
    return {
        ...codec,
        decode: (text) => {
            const value = codec.decode(text);
            return value !== undefined && codec.problem(value) === undefined && codec.encode(value) === text
                ? value
                : undefined;
        },
    };
}

/** `true` or `false`, held as `"true"` or `"false"` (the documented accepted values). */
export function flag(): ValueCodec<boolean> {
    const kind = bool();
    return exact({
        allowed: kind.allowed,
        problem: kind.problem,
        encode: String,
        decode: (text) => (text === "true" ? true : text === "false" ? false : undefined),
    });
}

/** One of the documented values, held as written (numbers as their digits). */
export function choice<M extends string | number>(members: readonly M[]): ValueCodec<M> {
    const allowed = `one of ${members.map(quote).join(", ")}`;
    return exact({
        allowed,
        problem: (value) => (members.includes(value as M) ? undefined : `must be ${allowed}`),
        encode: String,
        decode: (text) => members.find((m) => String(m) === text),
    });
}

/** An `http://` or `https://` URL, without white space or `|` (which separates list items). */
const WEB_URL = /^https?:\/\/[^\s|]+$/;

function isWebUrl(value: unknown): value is string {
    if (!isString(value) || !WEB_URL.test(value)) return false;
    try {
        new URL(value);
        return true;
    } catch {
        return false;
    }
}

/** A web address with its `http://` or `https://` prefix. */
export function webUrl(example: string): ValueCodec<string> {
    const allowed = `an http:// or https:// URL such as ${quote(example)}`;
    return exact({
        allowed,
        problem: (value) => (isWebUrl(value) ? undefined : `must be ${allowed}`),
        encode: (value) => value,
        decode: (text) => text,
    });
}

/** Text with at least one character that is not white space, held as written. */
export function text(example: string): ValueCodec<string> {
    const allowed = `non-empty text such as ${quote(example)}`;
    return exact({
        allowed,
        problem: (value) => (isString(value) && /\S/.test(value) ? undefined : `must be ${allowed}`),
        encode: (value) => value,
        decode: (text) => text,
    });
}

/** Text matching `pattern`, held as written. */
export function patterned(pattern: RegExp, allowed: string): ValueCodec<string> {
    return exact({
        allowed,
        problem: (value) => (isString(value) && pattern.test(value) ? undefined : `must be ${allowed}`),
        encode: (value) => value,
        decode: (text) => text,
    });
}

/** Limits of a {@link list}. */
export interface ListOptions {
    /** Most items the app reads (documented limits only). */
    readonly max?: number;
    /** The only items allowed, when the doc lists them. */
    readonly members?: readonly string[];
    /** What one item must match, when `members` is not given. */
    readonly pattern?: RegExp;
}

/**
 * Why `value` is not a non-empty list of at most `max` items, or undefined when it is: the reason
 * says "must be <allowed>", then names the first item `itemReason` refuses ("item 2 <its reason>").
 */
function listProblem(
    value: unknown,
    allowed: string,
    max: number | undefined,
    itemReason: (item: unknown, index: number, items: unknown[]) => string | undefined,
): string | undefined {
    if (!Array.isArray(value) || value.length === 0) return `must be ${allowed}`;
    if (max !== undefined && value.length > max) return `must be ${allowed}; it has ${value.length}`;
    for (const [index, item] of value.entries()) {
        const reason = itemReason(item, index, value);
        if (reason) return `must be ${allowed}; item ${index} ${reason}`;
    }
    return undefined;
}

/**
 * A list held as one string with its items separated by `|` (`URL1|URL2|URL3`), in the order
 * given. An item cannot be empty or contain `|`; an item may appear once; an empty list is not a
 * value (leave the option out instead).
 */
export function list<T extends string = string>(
    each: string,
    { max, members, pattern }: ListOptions = {},
): ValueCodec<T[]> {
    const allowed = `a non-empty list of ${each}${max ? ` (at most ${max})` : ""}, written joined by "|"`;
    const itemProblem = (item: unknown, index: number, items: unknown[]): string | undefined => {
        if (!isString(item)) return "is not text";
        if (members && !members.includes(item)) return "is not one of them";
        if (item === "") return "is empty";
        if (item.includes("|")) return 'contains "|", which separates the items';
        if (pattern && !pattern.test(item)) return "is not one";
        if (items.indexOf(item) !== index) return "is listed twice";
        return undefined;
    };
    return exact({
        allowed,
        problem: (value) =>
            listProblem(value, allowed, max, (item, index, items) => {
                const problem = itemProblem(item, index, items);
                return problem && `(${quote(item)}) ${problem}`;
            }),
        encode: (value) => value.join("|"),
        decode: (text) => text.split("|") as T[],
    });
}

/** A titled web link, as the Edge bookmark and top site keys take it. */
export interface TitledUrl {
    /** The title shown to the user (no `|`). */
    title: string;
    /** The `http://` or `https://` URL. */
    url: string;
}

/**
 * Titled links held as `title|url` pairs joined by `||`
 * (`Microsoft Bing|https://www.bing.com||Contoso|https://www.contoso.com`), in the order given.
 */
export function titledUrls(example: string, max?: number): ValueCodec<TitledUrl[]> {
    const allowed = `a non-empty list of { title, url }${max ? ` (at most ${max})` : ""} where title is non-empty text without "|" and url is an http:// or https:// URL, such as ${example}`;
    const itemProblem = (item: unknown): string | undefined => {
        if (typeof item !== "object" || item === null || Array.isArray(item)) return "is not an object { title, url }";
        const record = item as Record<string, unknown>;
        const extra = Object.keys(record).find((k) => k !== "title" && k !== "url");
        if (extra !== undefined) return `has unknown field ${quote(extra)} (allowed: title, url)`;
        if (!isString(record.title) || !/\S/.test(record.title) || record.title.includes("|"))
            return `has title ${quote(record.title)}, which must be non-empty text without "|"`;
        if (!isWebUrl(record.url)) return `has url ${quote(record.url)}, which must be an http:// or https:// URL`;
        return undefined;
    };
    return exact({
        allowed,
        problem: (value) => listProblem(value, allowed, max, itemProblem),
        encode: (value) => value.map(({ title, url }) => `${title}|${url}`).join("||"),
        decode: (text) => {
            const entries = text.split("||").map((entry) => entry.split("|"));
            return entries.every((parts) => parts.length === 2)
                ? entries.map(([title, url]) => ({ title, url }))
                : undefined;
        },
    });
}

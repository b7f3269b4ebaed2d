/**
 * Values as TypeScript literals: strings, numbers, booleans, lists and plain objects, on one
 * line when they fit and one element per line otherwise. What this prints evaluates back to
 * an equal value.
 *
 * Ours, not a library: TypeScript's printer escapes non-ASCII as `\uXXXX`, knows no line width and drops
 * trailing commas; Prettier's API is async, re-quotes strings holding `"` and cannot lay out commented-out
 * settings. Either would add a runtime dependency and remove none of the line breaking below.
 */

/** Longest line a value may take before it is broken up. */
export const LINE_WIDTH = 110;
/** One level of indentation. */
export const INDENT = "    ";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as written in a literal: bare when it is an identifier. */
export function propertyKey(key: string): string {
    return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A literal on one line. */
export function inlineLiteral(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new Error(`cannot print ${value} as a literal`);
        return Object.is(value, -0) ? "0" : String(value);
    }
    if (typeof value === "boolean") return String(value);
    if (value === null) return "null";
    if (Array.isArray(value)) return value.length ? `[${value.map(inlineLiteral).join(", ")}]` : "[]";
    if (isPlainObject(value)) {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        return entries.length
            ? `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${inlineLiteral(v)}`).join(", ")} }`
            : "{}";
    }
    throw new Error(`cannot print a ${typeof value} as a literal`);
}

/**
 * A literal that starts after `prefix` on a line indented by `indent`: inline when the whole
 * line (with `suffix`) fits in {@link LINE_WIDTH}, otherwise one element or property per line.
 */
export function literal(value: unknown, indent: string, prefix = "", suffix = ","): string {
    const inline = inlineLiteral(value);
    const fits = indent.length + prefix.length + inline.length + suffix.length <= LINE_WIDTH;
    if (fits || (!Array.isArray(value) && !isPlainObject(value))) return inline;
    const inner = indent + INDENT;
    const lines = Array.isArray(value)
        ? value.map((item) => `${inner}${literal(item, inner)},`)
        : Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => `${inner}${propertyKey(k)}: ${literal(v, inner, `${propertyKey(k)}: `)},`);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    return `${open}\n${lines.join("\n")}\n${indent}${close}`;
}

/** Text safe inside a `//` comment: one line, no control characters. */
export function commentText(text: string): string {
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

/** Wraps `text` into `//` comment lines of at most {@link LINE_WIDTH} columns. */
export function commentLines(text: string, indent: string): string[] {
    const words = commentText(text).split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = "";
    for (const word of words) {
        if (line && indent.length + 3 + line.length + 1 + word.length > LINE_WIDTH) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) lines.push(line);
    return lines.map((l) => `${indent}// ${l}`);
}

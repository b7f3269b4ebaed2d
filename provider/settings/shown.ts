/**
 * Values echoed in error messages, cut to a readable length: a 1 MB display name must not become
 * a 1 MB line in `pulumi preview`.
 */

/** Most characters of one value an error message shows. */
export const SHOWN_LIMIT = 100;

/** Most characters of one whole message. */
const MESSAGE_LIMIT = 2000;

/** Text as a JSON string of at most {@link SHOWN_LIMIT} characters between the quotes, then its length. */
function shownText(text: string): string {
    if (text.length <= SHOWN_LIMIT) return JSON.stringify(text);
    return `"${JSON.stringify(text.slice(0, SHOWN_LIMIT - 1)).slice(1, -1)}…" (${text.length} characters)`;
}

/** A value as JSON for a message: at most {@link SHOWN_LIMIT} characters, then its total length. */
export function shown(value: unknown): string {
    if (typeof value === "string") return shownText(value);
    const text = JSON.stringify(value) ?? String(value);
    return text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT)}… (${text.length} characters)` : text;
}

/**
 * A message built elsewhere (which may echo a whole value) cut to 2,000 characters, with its
 * length.
 */
export function shortenEchoes(message: string): string {
    return message.length > MESSAGE_LIMIT
        ? `${message.slice(0, MESSAGE_LIMIT)}… (${message.length} characters)`
        : message;
}

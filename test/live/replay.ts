/**
 * Replays recorded fixtures (record.ts) against a Graph: each request is sent with its
 * placeholders filled in, and each answer is compared with the recorded one by status and shape
 * (shape.ts). Placeholders are bound from answers as they come (the `id` of a created policy
 * becomes the `{{id:N}}` of the requests that follow), so a recording made against one tenant
 * replays against another.
 */
import type { Fixture } from "./record";
import type { Exchange } from "./sanitize";
import { shapeDifferences } from "./shape";

/** Something that answers Graph requests (path relative to the beta root). */
export type Send = (method: string, path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

const PLACEHOLDER = /\{\{[a-z]+(?::\d+)?\}\}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `text` with every placeholder replaced by its binding; throws naming an unbound one. */
export function fill(text: string, bindings: ReadonlyMap<string, string>): string {
    return text.replace(PLACEHOLDER, (name) => {
        const value = bindings.get(name);
        if (value === undefined) throw new Error(`${name} is used before any answer introduced it`);
        return value;
    });
}

function fillValue(value: unknown, bindings: ReadonlyMap<string, string>): unknown {
    if (typeof value === "string") return fill(value, bindings);
    if (Array.isArray(value)) return value.map((item) => fillValue(item, bindings));
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, bindings)]));
    return value;
}

/** Binds the placeholders of a recorded answer to the values at the same places in an actual one. */
export function bind(recorded: unknown, actual: unknown, bindings: Map<string, string>): void {
    if (typeof recorded === "string" && typeof actual === "string") {
        const names = recorded.match(PLACEHOLDER);
        if (!names) return;
        const pattern = recorded
            .split(PLACEHOLDER)
            .map(escape)
            .reduce((acc, literal, i) => {
                const name = names[i - 1];
                const bound = bindings.get(name);
                return `${acc}${bound === undefined ? "(.+?)" : `(${escape(bound)})`}${literal}`;
            });
        const match = new RegExp(`^${pattern}$`, "s").exec(actual);
        if (match) names.forEach((name, i) => bindings.has(name) || bindings.set(name, match[i + 1]));
        return;
    }
    if (Array.isArray(recorded) && Array.isArray(actual)) {
        if (recorded.length === actual.length) recorded.forEach((item, i) => bind(item, actual[i], bindings));
        return;
    }
    if (recorded && actual && typeof recorded === "object" && typeof actual === "object") {
        for (const [key, value] of Object.entries(recorded))
            if (key in (actual as object)) bind(value, (actual as Record<string, unknown>)[key], bindings);
    }
}

/** What differs in one exchange, as lines naming the fixture, the request and the place. */
export function compareExchange(where: string, recorded: Exchange, status: number, body: unknown): string[] {
    const line = `${where} ${recorded.method} ${recorded.path}`;
    if (recorded.status !== status) return [`${line}: status ${recorded.status} recorded, ${status} answered`];
    return shapeDifferences(recorded.responseBody, body).map((d) => `${line}: ${d}`);
}

/** Replays the fixtures in order with shared bindings; returns every difference (none: same shapes). */
export async function replay(
    fixtures: readonly { file: string; fixture: Fixture }[],
    send: Send,
    bindings: Map<string, string>,
): Promise<{ differences: string[]; replayed: number }> {
    const differences: string[] = [];
    let replayed = 0;
    for (const { file, fixture } of fixtures) {
        for (const [i, exchange] of fixture.exchanges.entries()) {
            const where = `${file}#${i + 1} (${exchange.step})`;
            let path: string;
            let body: unknown;
            try {
                path = fill(exchange.path, bindings);
                body = fillValue(exchange.requestBody, bindings);
            } catch (err) {
                differences.push(`${where}: ${(err as Error).message}`);
                continue;
            }
            const answer = await send(exchange.method, path, body);
            replayed++;
            differences.push(...compareExchange(where, exchange, answer.status, answer.body));
            bind(exchange.responseBody, answer.body, bindings);
        }
    }
    return { differences, replayed };
}

/**
 * Reading Graph's error answers: the `{ error: { code, message, innerError } }` body, Intune's
 * JSON-in-a-string messages inside it, whether a 404 is Graph's own "not found", and whether an
 * error says the tenant has no Intune licence. Pure; the retry policy reads `RetryAfter` with it.
 *
 * @packageDocumentation
 */

import { truncate } from "./phrases";

/** A Graph HTTP error response, as seen after retries. */
export interface ErrorResponseInfo {
    status: number;
    /** The response body: parsed JSON or text. */
    body: unknown;
    /** Response headers (`request-id`, `client-request-id`, `retry-after`). */
    headers?: { get(name: string): string | null };
}

/**
 * Whether a 404 answer is Graph's own "not found": a JSON body `{ error: { code, message } }` whose
 * code says not found (`ResourceNotFound`, `NotFound`, …), with Graph's `request-id` (header or
 * `innerError`). An HTML page or any other body from whatever answers at a wrong endpoint is not.
 */
export function isGraphNotFound(response: ErrorResponseInfo): boolean {
    if (response.status !== 404) return false;
    const type = response.headers?.get("content-type");
    if (type && !/json/i.test(type)) return false;
    let body = response.body;
    if (typeof body === "string") {
        try {
            body = JSON.parse(body);
        } catch {
            return false;
        }
    }
    const error = (body as { error?: Record<string, unknown> } | null | undefined)?.error;
    if (!error || typeof error !== "object") return false;
    if (typeof error.code !== "string" || !/notfound/i.test(error.code) || typeof error.message !== "string")
        return false;
    const inner = (error.innerError ?? error.innererror) as Record<string, unknown> | undefined;
    return Boolean(response.headers?.get("request-id") || typeof inner?.["request-id"] === "string");
}

/** The parts of a Graph error body that matter for messages. */
export interface ParsedGraphError {
    code?: string;
    /** Display message (Intune's JSON-string wrapper removed). */
    message?: string;
    /** Intune's inner `ErrorCode` field, when the message was the JSON-string form (e.g. `Forbidden`). */
    innerErrorCode?: string;
    /** Intune's inner `RetryAfter` field (seconds), when present. */
    retryAfterSeconds?: number;
    requestId?: string;
    clientRequestId?: string;
    date?: string;
}

/**
 * Intune back-end errors put a JSON-encoded object in `error.message` (spec 5.1):
 * `{"_version":3,"Message":"An error has occurred - Operation ID …","RetryAfter":null,…}`, and its
 * 403s wrap that once more: `{"ErrorCode":"Forbidden","Message":"{\"_version\":3,…}",…}`.
 * Returns the innermost `Message` (and any `ErrorCode`, `RetryAfter`), or the text unchanged when
 * it is not that form.
 */
export function unwrapIntuneMessage(message: string): {
    message: string;
    errorCode?: string;
    retryAfterSeconds?: number;
} {
    let text = message;
    let errorCode: string | undefined;
    let retryAfterSeconds: number | undefined;
    for (let depth = 0; depth < 4; depth++) {
        const trimmed = text.trim();
        if (!trimmed.startsWith("{")) break;
        let inner: Record<string, unknown>;
        try {
            inner = JSON.parse(trimmed) as Record<string, unknown>;
        } catch {
            break;
        }
        if (!inner || typeof inner !== "object") break;
        if (!errorCode && typeof inner.ErrorCode === "string" && inner.ErrorCode) errorCode = inner.ErrorCode;
        const ra = inner.RetryAfter;
        if (retryAfterSeconds === undefined) {
            if (typeof ra === "number") retryAfterSeconds = ra;
            else if (typeof ra === "string" && ra.trim() !== "" && Number.isFinite(Number(ra)))
                retryAfterSeconds = Number(ra);
        }
        const next = [inner.Message, inner.message].find((v) => typeof v === "string" && v !== "") as
            string | undefined;
        const phrase =
            typeof inner.CustomApiErrorPhrase === "string" && inner.CustomApiErrorPhrase
                ? inner.CustomApiErrorPhrase
                : undefined;
        if (next === undefined && phrase === undefined) break;
        text = next ?? (phrase as string);
    }
    return {
        message: text,
        ...(errorCode ? { errorCode } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
}

/** Parses a Graph error body (object or JSON text; anything else yields its text as the message). */
export function parseGraphErrorBody(body: unknown): ParsedGraphError {
    let value: unknown = body;
    if (typeof body === "string") {
        const t = body.trim();
        if (t.startsWith("{")) {
            try {
                value = JSON.parse(t);
            } catch {
                return { message: truncate(t) };
            }
        } else {
            return t ? { message: truncate(t) } : {};
        }
    }
    if (!value || typeof value !== "object") return {};
    const err = (value as { error?: unknown }).error;
    if (!err || typeof err !== "object") return {};
    const e = err as Record<string, unknown>;
    const out: ParsedGraphError = {};
    if (typeof e.code === "string") out.code = e.code;
    if (typeof e.message === "string") {
        const unwrapped = unwrapIntuneMessage(e.message);
        out.message = unwrapped.message;
        if (unwrapped.errorCode) out.innerErrorCode = unwrapped.errorCode;
        if (unwrapped.retryAfterSeconds !== undefined) out.retryAfterSeconds = unwrapped.retryAfterSeconds;
    }
    const inner = (e.innerError ?? e.innererror) as Record<string, unknown> | undefined;
    if (inner && typeof inner === "object") {
        if (typeof inner["request-id"] === "string") out.requestId = inner["request-id"];
        if (typeof inner["client-request-id"] === "string") out.clientRequestId = inner["client-request-id"];
        if (typeof inner.date === "string") out.date = inner.date;
        if (!out.message && typeof inner.message === "string") out.message = unwrapIntuneMessage(inner.message).message;
    }
    return out;
}

const UNLICENSED_PATTERNS = [
    /licen[cs]/i,
    /not applicable to target tenant/i,
    /intune (is )?not (enabled|provisioned|available)/i,
    /tenant .*not .*(intune|provisioned)/i,
    /mdm authority/i,
];

/** Whether a Graph error's text says the tenant has no (active) Intune licence. */
export function looksUnlicensed(parsed: ParsedGraphError): boolean {
    const text = `${parsed.code ?? ""} ${parsed.message ?? ""}`;
    return UNLICENSED_PATTERNS.some((p) => p.test(text));
}

/**
 * Reading Entra ID's token errors: the OAuth error body (`error`, `error_description`,
 * `error_codes`, trace and correlation ids) in its raw form or as `@azure/identity` and MSAL
 * carry it (structured fields or message text, anywhere in the cause chain). Pure.
 *
 * @packageDocumentation
 */

import { errorChainText } from "../causes";

/** The Entra ID error fields found in an `@azure/identity` / MSAL error. */
export interface AadErrorInfo {
    /** OAuth error, e.g. `invalid_client`. */
    error?: string;
    /** AADSTS number, e.g. 7000215. */
    aadsts?: number;
    /** Description, e.g. `AADSTS7000215: Invalid client secret provided. …`. */
    description?: string;
    traceId?: string;
    correlationId?: string;
    statusCode?: number;
}

/** Extracts Entra ID error fields from an `@azure/identity` error (structured fields or message text). */
export function parseAadError(err: unknown): AadErrorInfo {
    const out: AadErrorInfo = {};
    const seen = new Set<unknown>();
    const texts: string[] = [];
    let cur: unknown = err;
    while (cur && typeof cur === "object" && !seen.has(cur)) {
        seen.add(cur);
        const e = cur as Record<string, unknown>;
        const resp = e.errorResponse as Record<string, unknown> | undefined;
        if (resp && typeof resp === "object") {
            if (!out.error && typeof resp.error === "string") out.error = resp.error;
            if (!out.description && typeof resp.errorDescription === "string") out.description = resp.errorDescription;
            if (!out.aadsts && Array.isArray(resp.errorCodes) && typeof resp.errorCodes[0] === "number")
                out.aadsts = resp.errorCodes[0];
            if (!out.traceId && typeof resp.traceId === "string") out.traceId = resp.traceId;
            if (!out.correlationId && typeof resp.correlationId === "string") out.correlationId = resp.correlationId;
        }
        if (out.statusCode === undefined && typeof e.statusCode === "number") out.statusCode = e.statusCode;
        if (out.statusCode === undefined && typeof e.status === "number") out.statusCode = e.status;
        if (!out.error && typeof e.errorCode === "string" && /^[a-z_]+$/.test(e.errorCode)) out.error = e.errorCode;
        if (!out.correlationId && typeof e.correlationId === "string" && e.correlationId)
            out.correlationId = e.correlationId;
        if (typeof e.errorMessage === "string") texts.push(e.errorMessage);
        if (typeof e.message === "string") texts.push(e.message);
        cur = e.cause;
    }
    const text = texts.join("\n");
    if (!out.aadsts) {
        const m = /AADSTS(\d+)/.exec(text);
        if (m) out.aadsts = Number(m[1]);
    }
    if (!out.description) {
        const m =
            /Description:\s*(AADSTS\d+:[\s\S]*?)(?=\s+-\s+(?:Trace ID|Correlation ID|Timestamp)\b|$)/.exec(text) ??
            /(AADSTS\d+:[^\n]*?)(?=\s+Trace ID|\s+Correlation ID|\s+Timestamp|$)/m.exec(text);
        if (m) out.description = m[1].trim();
    }
    if (!out.error) {
        const m = /^\s*([a-z]+(?:_[a-z]+)+):/m.exec(text);
        if (m) out.error = m[1];
    }
    if (out.description) out.description = out.description.replace(/\s+(?:-\s+)?Trace ID:[\s\S]*$/, "").trim();
    if (!out.traceId) {
        const m = /Trace ID:\s*([0-9a-fA-F-]{8,})/.exec(text);
        if (m) out.traceId = m[1];
    }
    if (!out.correlationId) {
        const m = /Correlation ID:\s*([0-9a-fA-F-]{8,})/.exec(text);
        if (m) out.correlationId = m[1];
    }
    return out;
}

/**
 * Turns an Entra ID OAuth error body (`{error, error_description, error_codes, trace_id,
 * correlation_id}`) into an error {@link errorFromCredential} understands; `undefined` when the
 * body is not of that shape.
 */
export function aadErrorFromBody(status: number, body: unknown): Error | undefined {
    let value = body;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!value || typeof value !== "object") return undefined;
    const b = value as Record<string, unknown>;
    if (typeof b.error !== "string") return undefined;
    const description = typeof b.error_description === "string" ? b.error_description : "";
    const err = new Error(`${b.error}: ${description}`) as Error & {
        statusCode: number;
        errorResponse: Record<string, unknown>;
    };
    err.name = "AuthenticationError";
    err.statusCode = status;
    err.errorResponse = {
        error: b.error,
        errorDescription: description,
        errorCodes: Array.isArray(b.error_codes) ? b.error_codes : undefined,
        traceId: typeof b.trace_id === "string" ? b.trace_id : undefined,
        correlationId: typeof b.correlation_id === "string" ? b.correlation_id : undefined,
    };
    return err;
}

/** Whether a token failure is MSAL's opaque "could not resolve the authority's endpoints". */
export function isEndpointsResolutionError(err: unknown): boolean {
    return /endpoints_resolution_error/.test(errorChainText(err));
}

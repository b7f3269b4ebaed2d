/**
 * Error shapes: Graph's error envelope (spec 5.1), Intune's JSON-in-a-string back-end messages, and
 * the Azure AD token endpoint's error JSON (spec 6.3).
 */
import { randomUUID } from "crypto";

/** A Graph error that a handler throws; the server turns it into the envelope. */
export class GraphError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        /** Repeat the message in `innerError.message` (Intune model-validation errors do). */
        readonly innerMessage = false,
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
    }
}

/** Per-request ids echoed in headers and `innerError`. */
export interface RequestIds {
    requestId: string;
    clientRequestId: string;
}

/** `date` as Graph prints it in `innerError`: ISO without fraction and without zone suffix. */
export function innerErrorDate(now = new Date()): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "");
}

/** The Graph error envelope. */
export function graphErrorBody(code: string, message: string, ids: RequestIds, innerMessage = false): object {
    const innerError: Record<string, string> = {};
    if (innerMessage) innerError.message = message;
    innerError.date = innerErrorDate();
    innerError["request-id"] = ids.requestId;
    innerError["client-request-id"] = ids.clientRequestId;
    return { error: { code, message, innerError } };
}

/**
 * Intune back-end message: a JSON document serialised into the `message` string (spec 5.1), e.g. for
 * 404 `ResourceNotFound`. `extra` fields (e.g. `ErrorCode`) are added to the inner document.
 */
export function intuneMessage(
    path: string,
    activityId: string,
    text?: string,
    extra: Record<string, unknown> = {},
): string {
    const url = `https://fef.msua06.manage.microsoft.com/MAMAdmin/MAMAdminFEService${path}?api-version=5025-04-01`;
    const message =
        (text ? `${text} - ` : "An error has occurred - ") +
        `Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${activityId} - Url: ${url}`;
    const doc: Record<string, unknown> = {
        _version: 3,
        Message: message,
        CustomApiErrorPhrase: "",
        RetryAfter: null,
        ErrorSourceService: "",
        HttpHeaders: "{}",
        ...extra,
    };
    return JSON.stringify(doc, null, 2).replace(/\n/g, "\r\n");
}

/** Frequently used Graph errors. */
export const errors = {
    resourceNotFound: (path: string, ids: RequestIds): GraphError =>
        new GraphError(404, "ResourceNotFound", intuneMessage(path, ids.requestId)),
    segmentNotFound: (segment: string): GraphError =>
        new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`),
    modelValidation: (message: string): GraphError => new GraphError(400, "ModelValidationFailure", message, true),
    badRequest: (message: string): GraphError => new GraphError(400, "BadRequest", message),
};

/** An Azure AD token-endpoint error (thrown by the token handlers). */
export class AadError extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        readonly aadsts: number,
        readonly text: string,
    ) {
        super(`AADSTS${aadsts}: ${text}`);
    }
}

/** AAD's error JSON (`error`, `error_description` with trace/correlation ids, `error_codes`, …). */
export function aadErrorBody(e: AadError, correlationId: string): object {
    const now = new Date();
    const timestamp = now
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d{3}Z$/, "Z");
    const traceId = randomUUID();
    return {
        error: e.error,
        error_description: `AADSTS${e.aadsts}: ${e.text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [e.aadsts],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `https://login.microsoftonline.com/error?code=${e.aadsts}`,
    };
}

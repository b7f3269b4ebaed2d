/**
 * The error every failed Graph call throws, and what callers branch on.
 *
 * Every {@link GraphRequestError} message is one or two sentences saying what to fix, followed by
 * the service's own code, message and request id (or Entra ID trace/correlation id), passed
 * through `redactSecrets` (`../redaction`). The messages are built by one translator per source:
 * `graph.ts` (Graph's HTTP error answers), `entra.ts` (token failures from Entra ID) and
 * `network.ts` (no answer at all); `graph-body.ts` and `entra-body.ts` read the two services'
 * error bodies, and `phrases.ts` holds the wording the translators share.
 *
 * @packageDocumentation
 */

/** Broad classes of failure, for callers that branch (e.g. delete treats `notFound` as done). */
export type GraphErrorKind =
    | "authentication" // no token: bad secret/certificate, unknown tenant or app, credential unavailable
    | "unauthorized" // Graph answered 401
    | "permission" // 403: missing application permission / admin consent
    | "unlicensed" // 403/400: the tenant has no Intune licence
    | "notFound" // 404 in Graph's own error shape: the object does not exist
    | "notGraph" // an answer that is not Graph's (an HTML 404 from a wrong endpoint, a proxy's page)
    | "validation" // 400 and other 4xx client errors
    | "conflict" // 409 / 412
    | "throttled" // 429 after retries
    | "server" // 5xx after retries
    | "network"; // no HTTP response (connection refused, dropped, timed out, TLS)

/** Fields of a {@link GraphRequestError}. */
export interface GraphRequestErrorInit {
    kind: GraphErrorKind;
    message: string;
    status?: number;
    code?: string;
    graphMessage?: string;
    requestId?: string;
    clientRequestId?: string;
    maybeApplied?: boolean;
    method?: string;
    path?: string;
    attempts?: number;
    retriedForMs?: number;
    retryAfterSeconds?: number;
}

/** An actionable error from the Graph access layer. */
export class GraphRequestError extends Error {
    /** What kind of failure this is. */
    readonly kind: GraphErrorKind;
    /** HTTP status of Graph's (or the token endpoint's) final answer; `undefined` when none arrived. */
    readonly status: number | undefined;
    /** Graph's `error.code` (e.g. `ResourceNotFound`), or the Entra ID code (e.g. `AADSTS7000215`). */
    readonly code: string | undefined;
    /** Graph's message, with Intune's JSON-in-a-string wrapper removed; or Entra ID's description. */
    readonly graphMessage: string | undefined;
    /** Graph's `request-id` (or Entra ID's trace id), for Microsoft support. */
    readonly requestId: string | undefined;
    /** The `client-request-id` we sent (also present when no response arrived). */
    readonly clientRequestId: string | undefined;
    /**
     * `true` when the request may have been applied even though it failed (a create POST whose
     * connection dropped after it was sent, or that got a 5xx): the caller must look for the
     * object before trying again, or it may create a duplicate.
     */
    readonly maybeApplied: boolean;
    /** HTTP method of the failed request. */
    readonly method: string | undefined;
    /** Path of the failed request, relative to the Graph beta root. */
    readonly path: string | undefined;
    /** How many attempts were made (1 = no retry). */
    readonly attempts: number | undefined;
    /** How long, in milliseconds, retries went on before giving up. */
    readonly retriedForMs: number | undefined;
    /** Graph's last `Retry-After` hint in seconds (throttling), when it gave one. */
    readonly retryAfterSeconds: number | undefined;

    constructor(init: GraphRequestErrorInit) {
        super(init.message);
        this.name = "GraphRequestError";
        this.kind = init.kind;
        this.status = init.status;
        this.code = init.code;
        this.graphMessage = init.graphMessage;
        this.requestId = init.requestId;
        this.clientRequestId = init.clientRequestId;
        this.maybeApplied = init.maybeApplied ?? false;
        this.method = init.method;
        this.path = init.path;
        this.attempts = init.attempts;
        this.retriedForMs = init.retriedForMs;
        this.retryAfterSeconds = init.retryAfterSeconds;
    }
}

/**
 * Whether `err` is Microsoft Graph saying the object does not exist: a 404 in Graph's own error
 * shape (see `isGraphNotFound` in `graph-body.ts`). Any other 404 is not evidence that anything was deleted.
 */
export function isNotFound(err: unknown): boolean {
    return err instanceof GraphRequestError && err.kind === "notFound";
}

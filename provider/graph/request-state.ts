/**
 * What one Graph request carries through the Graph client's middleware chain: the session's
 * options for it (idempotence, attempt timeout) and what the middlewares learn (attempts, the
 * final answer's body, the failure, the token generations). The session passes it with the
 * client's per-request `middlewareOptions([state])`; a middleware finds it again through the
 * context's `MiddlewareControl`, keyed by its constructor.
 *
 * @packageDocumentation
 */

import type { Context, MiddlewareOptions } from "@microsoft/microsoft-graph-client";

/** A failure to get a token for an attempt (as opposed to a failure of the request itself). */
export class TokenFailure extends Error {
    constructor(readonly cause: unknown) {
        super("no access token");
        this.name = "TokenFailure";
    }
}

/** Per-request options and results shared between `session.ts` and the middlewares. */
export class RequestState implements MiddlewareOptions {
    /** Whether the request may be repeated after it may have reached the server. */
    readonly idempotent: boolean;
    /** Timeout of each attempt in ms (0 = none). */
    readonly attemptTimeoutMs: number;
    /** Number of attempts made. */
    attempts = 0;
    /** When the first attempt started (ms since epoch). */
    startedAt = 0;
    /** When the last attempt finished (ms since epoch). */
    finishedAt = 0;
    /**
     * The body of the final answer, read inside the retry loop (so a connection dropped while it
     * streams is retried like one dropped earlier); the answer's own body is consumed then.
     */
    responseText = "";
    /** The error that ended the request when no response arrived (network, token). */
    failure: unknown = undefined;
    /** Set when the request failed in a way that may have applied it. */
    maybeApplied = false;
    /** Set when the request ended because no access token could be had (nothing was sent then). */
    tokenFailure = false;
    /** Generation of the token the last attempt carried (see `TokenSource`). */
    tokenGeneration: number | undefined = undefined;
    /** Generation of a token Graph refused (401): the next attempt asks for a newly issued one. */
    refusedTokenGeneration: number | undefined = undefined;
    /** Set once the request was repeated with a newly issued token after a 401. */
    tokenRenewed = false;

    constructor(idempotent: boolean, attemptTimeoutMs: number) {
        this.idempotent = idempotent;
        this.attemptTimeoutMs = attemptTimeoutMs;
    }

    /** Finds the state of the request in a middleware context. */
    static of(context: Context): RequestState | undefined {
        const found = context.middlewareControl?.getMiddlewareOptions(RequestState);
        return found instanceof RequestState ? found : undefined;
    }
}

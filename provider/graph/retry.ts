/**
 * Retry policy for Graph requests, and the Graph-client middleware that applies it.
 *
 * Retried: 429 (honouring `Retry-After`, else exponential back-off with full jitter), 503, 504,
 * and dropped connections / network errors — all bounded by a total retry duration.
 * A request marked `idempotent: false` (a create POST) is retried only on 429 and on connection
 * errors that provably happened before the request was sent (e.g. `ECONNREFUSED`); any other
 * failure of such a request that may have reached the server (a lost answer, any 5xx) is reported
 * with `maybeApplied: true` so the caller can look for the object instead of creating a duplicate.
 * A 401 (Graph refused the access token, so nothing was processed) is retried once, at once, with
 * a newly issued token (see `tokens.ts`); a second 401 is final.
 *
 * @packageDocumentation
 */

import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { errorChainText, isTlsTrustCode, networkErrorCode } from "./causes";
import { parseGraphErrorBody } from "./errors/graph-body";
import { type Pacer, isWriteMethod } from "./pacer";
import { RequestState, TokenFailure } from "./request-state";

/** Tuning of the retry policy. */
export interface RetryPolicy {
    /** Longest total time, in ms, from the first attempt until the last retry may start. */
    maxDurationMs: number;
    /** First back-off step (ms) when the service gives no `Retry-After`. */
    initialDelayMs: number;
    /** Largest back-off step (ms) when the service gives no `Retry-After`. */
    maxDelayMs: number;
    /** Random source in [0, 1) for jitter; replaceable in tests. @default Math.random */
    random?: () => number;
}

/** Retry policy from a validated connection config (its defaults: 300 s total, 1 s … 30 s back-off). */
export function policyFromConfig(s: {
    maxRetryDurationSeconds: number;
    retryInitialDelayMs: number;
    retryMaxDelayMs: number;
}): RetryPolicy {
    return {
        maxDurationMs: s.maxRetryDurationSeconds * 1000,
        initialDelayMs: s.retryInitialDelayMs,
        maxDelayMs: s.retryMaxDelayMs,
    };
}

/**
 * Full-jitter exponential back-off: a random delay in `[0, min(maxDelay, initial · 2^(n-1)))`,
 * where `n` is the 1-based number of the back-off.
 */
export function backoffDelayMs(n: number, policy: RetryPolicy): number {
    const random = policy.random ?? Math.random;
    const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, n - 1));
    return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns `undefined` when absent or unparsable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
    if (header === null || header === undefined) return undefined;
    const text = header.trim();
    if (text === "") return undefined;
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    return Math.max(0, date - nowMs);
}

/** Connection error codes that prove the request never reached the server. */
const NOT_SENT_CODES = new Set([
    "ECONNREFUSED",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "EADDRNOTAVAIL",
    "UND_ERR_CONNECT_TIMEOUT",
]);

/** Connection error codes after which the request may have been sent (and processed). */
const MAYBE_SENT_CODES = new Set([
    "ECONNRESET",
    "EPIPE",
    "ECONNABORTED",
    "ETIMEDOUT",
    "UND_ERR_SOCKET",
    "UND_ERR_CLOSED",
    "UND_ERR_ABORTED",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
    "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
    "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH",
    "ERR_STREAM_PREMATURE_CLOSE",
    "HPE_INVALID_CONSTANT",
    "HPE_INVALID_CHUNK_SIZE",
]);

/** How a failure without an HTTP response is treated. */
export interface NetworkErrorClass {
    /** Whether retrying can help at all (not a TLS trust problem, a bad host name, a programming error). */
    retryable: boolean;
    /** Whether the request provably was not sent (safe to retry even a create). */
    notSent: boolean;
}

/** Classifies an error thrown by `fetch` (or while reading the body). */
export function classifyNetworkError(err: unknown): NetworkErrorClass {
    const code = networkErrorCode(err);
    const name = (err as { name?: unknown } | undefined)?.name;
    const text = errorChainText(err);
    if (code && NOT_SENT_CODES.has(code)) return { retryable: true, notSent: true };
    if (code && MAYBE_SENT_CODES.has(code)) return { retryable: true, notSent: false };
    if (name === "TimeoutError" || code === "ABORT_ERR" || code === "23") return { retryable: true, notSent: false };
    if (/socket hang up|other side closed|terminated|ECONNRESET|connection reset|premature close/i.test(text)) {
        return { retryable: true, notSent: false };
    }
    // TLS trust failures, ENOTFOUND (a wrong host name), invalid URLs, bugs: retrying won't help.
    return { retryable: false, notSent: false };
}

/** What one attempt produced. */
export type AttemptOutcome =
    | {
          kind: "response";
          status: number;
          /** The `Retry-After` header value, if any. */
          retryAfter?: string | null;
          /** The response body text (used for Intune's `RetryAfter` inside the error message). */
          bodyText?: string;
      }
    | { kind: "error"; error: unknown };

/** What to do after an attempt. */
export type RetryDecision =
    | {
          retry: true;
          /** Wait this long before the next attempt. */
          delayMs: number;
          /** Pause the tenant's pacer this long (throttling). */
          pauseMs: number;
          /** Human-readable reason, for logs. */
          reason: string;
      }
    | {
          retry: false;
          /** Whether the (failed) request may have been applied anyway. */
          maybeApplied: boolean;
          /** Why retrying stopped (for messages), when it stopped because of the budget. */
          exhausted?: boolean;
      };

/** The state of a request's retries, input to {@link decideRetry}. */
export interface RetryState {
    /** Whether repeating the request is harmless. */
    idempotent: boolean;
    /** 1-based number of the attempt that just finished. */
    attempt: number;
    /** How many back-offs (without a server-given delay) happened so far. */
    backoffs: number;
    /** Milliseconds since the first attempt started. */
    elapsedMs: number;
    /** Whether the request was already retried with a newly issued token after a 401. */
    tokenRenewed?: boolean;
}

/** Intune's `RetryAfter` inside a Graph error body's message, in ms. */
function retryAfterFromBody(bodyText: string | undefined): number | undefined {
    if (!bodyText?.includes("RetryAfter")) return undefined;
    const s = parseGraphErrorBody(bodyText).retryAfterSeconds;
    return s !== undefined && s >= 0 ? s * 1000 : undefined;
}

/**
 * The wait the service asked for (`Retry-After`, or Intune's `RetryAfter` in the message), in ms.
 * A zero wait counts as none, so back-off applies: a service that keeps answering
 * `Retry-After: 0` must not turn the retries into a busy loop that spends the tenant's budget.
 */
function serverGivenDelay(retryAfter: string | null | undefined, bodyText: string | undefined): number | undefined {
    const delay = parseRetryAfter(retryAfter) ?? retryAfterFromBody(bodyText);
    return delay !== undefined && delay > 0 ? delay : undefined;
}

/**
 * The retry decision for one attempt's outcome. Pure: no clock, no I/O (jitter comes from
 * `policy.random`).
 */
export function decideRetry(outcome: AttemptOutcome, state: RetryState, policy: RetryPolicy): RetryDecision {
    const remaining = policy.maxDurationMs - state.elapsedMs;
    const withinBudget = (delayMs: number): boolean => delayMs <= remaining;

    if (outcome.kind === "response") {
        const { status } = outcome;
        if (status === 401) {
            // Graph checks the token before anything else: repeating even a create is safe.
            if (state.tokenRenewed) return { retry: false, maybeApplied: false };
            return { retry: true, delayMs: 0, pauseMs: 0, reason: "HTTP 401 (token refused; a new one is fetched)" };
        }
        if (status === 429 || status === 503 || status === 504) {
            // 429: the request was refused, so even a create can be repeated.
            // 503/504: it may have been processed; only idempotent requests are repeated.
            if (status !== 429 && !state.idempotent) return { retry: false, maybeApplied: true };
            const serverDelay = serverGivenDelay(outcome.retryAfter, outcome.bodyText);
            const delayMs = serverDelay ?? backoffDelayMs(state.backoffs + 1, policy);
            if (!withinBudget(delayMs))
                return { retry: false, maybeApplied: status !== 429 && !state.idempotent, exhausted: true };
            return {
                retry: true,
                delayMs,
                pauseMs: status === 429 || serverDelay !== undefined ? delayMs : 0,
                reason: `HTTP ${status}${serverDelay !== undefined ? ` (Retry-After ${Math.round(serverDelay / 100) / 10} s)` : ""}`,
            };
        }
        // Any other 5xx (500, 502, …) may come after the server applied the request: not retried,
        // but a create reports that it may have been applied, so the caller looks before re-sending.
        return { retry: false, maybeApplied: status >= 500 && !state.idempotent };
    }

    if (outcome.error instanceof TokenFailure) return { retry: false, maybeApplied: false };
    const cls = classifyNetworkError(outcome.error);
    if (!cls.retryable)
        return { retry: false, maybeApplied: !cls.notSent && !state.idempotent && !isSetupError(outcome.error) };
    if (!state.idempotent && !cls.notSent) return { retry: false, maybeApplied: true };
    const delayMs = backoffDelayMs(state.backoffs + 1, policy);
    if (!withinBudget(delayMs))
        return { retry: false, maybeApplied: !cls.notSent && !state.idempotent, exhausted: true };
    return { retry: true, delayMs, pauseMs: 0, reason: networkErrorCode(outcome.error) ?? "connection error" };
}

/** Errors raised before any byte is sent (TLS trust, DNS, bad URL): never "maybe applied". */
function isSetupError(err: unknown): boolean {
    const code = networkErrorCode(err);
    return isTlsTrustCode(code) || /ENOTFOUND|ERR_INVALID_URL/.test(code ?? "");
}

/** A retry event, for logging. */
export interface RetryEvent {
    method: string;
    url: string;
    attempt: number;
    delayMs: number;
    reason: string;
}

/** Sleeps `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Graph-client middleware applying {@link decideRetry}, before the token middleware (which
 * authorizes each attempt separately) and `HTTPMessageHandler`. Every
 * attempt takes a slot from the tenant's pacer and gives it back when its answer is in (see
 * `pacer.ts`); throttling pauses the pacer. Reads the response body inside the retry loop, so a
 * connection dropped while the body streams is retried like one dropped earlier, and leaves the
 * final answer's body in {@link RequestState.responseText}.
 */
export class RetryMiddleware implements Middleware {
    private nextMiddleware: Middleware | undefined;

    /**
     * @param policy - retry tuning.
     * @param pacer - the tenant's pacer (every attempt takes a slot from it; 429 pauses it).
     * @param onRetry - called before each retry (logging).
     * @param sleep - replaceable in tests.
     */
    constructor(
        private readonly policy: RetryPolicy,
        private readonly pacer: Pacer | undefined,
        private readonly onRetry?: (event: RetryEvent) => void,
        private readonly sleep: Sleep = realSleep,
    ) {}

    /** Sets the next middleware (Graph client API). */
    setNext(next: Middleware): void {
        this.nextMiddleware = next;
    }

    /** Runs the request with retries (Graph client API). */
    async execute(context: Context): Promise<void> {
        const next = this.nextMiddleware;
        if (!next) throw new Error("RetryMiddleware has no next middleware");
        const options = (context.options ?? {}) as RequestInit;
        const method = (options.method ?? "GET").toUpperCase();
        const state = RequestState.of(context) ?? new RequestState(method !== "POST", 0);
        const url = typeof context.request === "string" ? context.request : (context.request as Request).url;
        state.startedAt = Date.now();
        let backoffs = 0;

        for (let attempt = 1; ; attempt++) {
            state.attempts = attempt;
            context.response = undefined;
            const slot = await this.pacer?.acquire(isWriteMethod(method));
            if (state.attemptTimeoutMs > 0) options.signal = AbortSignal.timeout(state.attemptTimeoutMs);
            context.options = options as typeof context.options;
            let outcome: AttemptOutcome;
            let bodyText = "";
            try {
                await next.execute(context);
                const res = context.response as Response | undefined; // reset before the attempt
                if (!res) throw new Error("no response from the HTTP handler");
                bodyText = await res.text();
                outcome = {
                    kind: "response",
                    status: res.status,
                    retryAfter: res.headers.get("retry-after"),
                    bodyText,
                };
            } catch (error) {
                context.response = undefined;
                outcome = { kind: "error", error };
            } finally {
                slot?.release();
            }
            const elapsedMs = Date.now() - state.startedAt;
            const decision = decideRetry(
                outcome,
                { idempotent: state.idempotent, attempt, backoffs, elapsedMs, tokenRenewed: state.tokenRenewed },
                this.policy,
            );
            if (!decision.retry) {
                state.finishedAt = Date.now();
                state.maybeApplied = decision.maybeApplied;
                if (outcome.kind === "response") state.responseText = bodyText;
                if (outcome.kind === "error") {
                    const tokenFailure = outcome.error instanceof TokenFailure;
                    state.tokenFailure = tokenFailure;
                    state.failure = tokenFailure ? (outcome.error as TokenFailure).cause : outcome.error;
                    throw state.failure;
                }
                return;
            }
            if (outcome.kind === "response" && outcome.status === 401) {
                state.refusedTokenGeneration = state.tokenGeneration ?? -1;
                state.tokenRenewed = true;
            }
            const serverDelay =
                outcome.kind === "response" && serverGivenDelay(outcome.retryAfter, bodyText) !== undefined;
            if (!serverDelay) backoffs++;
            if (decision.pauseMs > 0) this.pacer?.pause(decision.pauseMs);
            this.onRetry?.({ method, url, attempt, delayMs: decision.delayMs, reason: decision.reason });
            await this.sleep(decision.delayMs);
        }
    }
}

import {
    backoffDelayMs,
    classifyNetworkError,
    decideRetry,
    parseRetryAfter,
    policyFromConfig,
    type RetryPolicy,
} from "../../provider/graph/retry";
import { TokenFailure } from "../../provider/graph/request-state";
import { validateConnectionConfig } from "../../provider/config";

const policy = (random = 0.999999): RetryPolicy => ({
    maxDurationMs: 300_000,
    initialDelayMs: 1000,
    maxDelayMs: 30_000,
    random: () => random,
});

function fetchError(code: string, message = "boom"): Error {
    return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

describe("back-off", () => {
    it("defaults to 300 s total, 1 s first step, 30 s cap", () => {
        expect(policyFromConfig(validateConnectionConfig({ tenantId: "t" }))).toEqual({
            maxDurationMs: 300_000,
            initialDelayMs: 1000,
            maxDelayMs: 30_000,
        });
    });

    it("doubles the ceiling from ~1 s and caps it at ~30 s", () => {
        const ceilings = [1, 2, 3, 4, 5, 6, 7, 10].map((n) => backoffDelayMs(n, policy()) + 1);
        expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    });

    it("uses full jitter", () => {
        expect(backoffDelayMs(3, policy(0))).toBe(0);
        expect(backoffDelayMs(3, policy(0.5))).toBe(2000);
    });
});

describe("parseRetryAfter", () => {
    it("reads seconds and HTTP dates", () => {
        expect(parseRetryAfter("7")).toBe(7000);
        expect(parseRetryAfter(" 0.5 ")).toBe(500);
        const now = Date.parse("2026-01-01T00:00:00Z");
        expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
        expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:05 GMT", now)).toBe(0);
        expect(parseRetryAfter(null)).toBeUndefined();
        expect(parseRetryAfter("soon")).toBeUndefined();
    });
});

describe("classifyNetworkError", () => {
    it("separates errors before sending from errors after", () => {
        expect(classifyNetworkError(fetchError("ECONNREFUSED"))).toEqual({ retryable: true, notSent: true });
        expect(classifyNetworkError(fetchError("UND_ERR_CONNECT_TIMEOUT"))).toEqual({ retryable: true, notSent: true });
        expect(classifyNetworkError(fetchError("ECONNRESET"))).toEqual({ retryable: true, notSent: false });
        expect(classifyNetworkError(fetchError("UND_ERR_SOCKET", "other side closed"))).toEqual({
            retryable: true,
            notSent: false,
        });
        expect(classifyNetworkError(new TypeError("terminated"))).toEqual({ retryable: true, notSent: false });
        expect(classifyNetworkError(new Error("socket hang up"))).toEqual({ retryable: true, notSent: false });
        expect(
            classifyNetworkError(
                Object.assign(new Error("The operation was aborted due to timeout"), {
                    name: "TimeoutError",
                    code: 23,
                }),
            ),
        ).toEqual({ retryable: true, notSent: false });
    });

    it("does not retry TLS trust failures or unknown hosts", () => {
        expect(classifyNetworkError(fetchError("SELF_SIGNED_CERT_IN_CHAIN")).retryable).toBe(false);
        expect(classifyNetworkError(fetchError("ENOTFOUND")).retryable).toBe(false);
    });
});

describe("decideRetry", () => {
    const idem = { idempotent: true, attempt: 1, backoffs: 0, elapsedMs: 0 };
    const create = { ...idem, idempotent: false };

    it("retries 429 with Retry-After, pausing the tenant for that long", () => {
        expect(decideRetry({ kind: "response", status: 429, retryAfter: "3" }, create, policy())).toMatchObject({
            retry: true,
            delayMs: 3000,
            pauseMs: 3000,
        });
    });

    it("retries 429 without Retry-After with back-off, even for a create", () => {
        const d = decideRetry(
            { kind: "response", status: 429, retryAfter: null },
            { ...create, backoffs: 2 },
            policy(0.5),
        );
        expect(d).toMatchObject({ retry: true, delayMs: 2000, pauseMs: 2000 });
    });

    it("uses Intune's RetryAfter inside the JSON-string message when there is no header", () => {
        const body = JSON.stringify({
            error: {
                code: "TooManyRequests",
                message: JSON.stringify({ _version: 3, Message: "slow down", RetryAfter: 4 }),
            },
        });
        expect(decideRetry({ kind: "response", status: 429, bodyText: body }, idem, policy())).toMatchObject({
            retry: true,
            delayMs: 4000,
        });
    });

    it("retries 503/504 only for idempotent requests", () => {
        expect(decideRetry({ kind: "response", status: 503, retryAfter: "1" }, idem, policy())).toMatchObject({
            retry: true,
            delayMs: 1000,
        });
        expect(decideRetry({ kind: "response", status: 504 }, idem, policy())).toMatchObject({ retry: true });
        expect(decideRetry({ kind: "response", status: 503 }, create, policy())).toEqual({
            retry: false,
            maybeApplied: true,
        });
    });

    it("does not retry other statuses", () => {
        for (const status of [200, 204, 400, 403, 404, 409, 500, 502]) {
            expect(decideRetry({ kind: "response", status }, idem, policy())).toEqual({
                retry: false,
                maybeApplied: false,
            });
        }
    });

    it("reports a create answered with another 5xx as maybe applied, and one refused with a 4xx as not", () => {
        for (const status of [500, 502])
            expect(decideRetry({ kind: "response", status }, create, policy())).toEqual({
                retry: false,
                maybeApplied: true,
            });
        for (const status of [400, 403, 404, 409])
            expect(decideRetry({ kind: "response", status }, create, policy())).toEqual({
                retry: false,
                maybeApplied: false,
            });
    });

    it("retries a 401 once, at once, even for a create (Graph checks the token before anything else)", () => {
        for (const state of [idem, create]) {
            expect(decideRetry({ kind: "response", status: 401 }, state, policy())).toMatchObject({
                retry: true,
                delayMs: 0,
                pauseMs: 0,
            });
            expect(decideRetry({ kind: "response", status: 401 }, { ...state, tokenRenewed: true }, policy())).toEqual({
                retry: false,
                maybeApplied: false,
            });
        }
    });

    it("never retries a failure to get a token, and never reports it as maybe applied", () => {
        const failure = new TokenFailure(fetchError("ECONNRESET"));
        for (const state of [idem, create])
            expect(decideRetry({ kind: "error", error: failure }, state, policy())).toEqual({
                retry: false,
                maybeApplied: false,
            });
    });

    it("retries dropped connections of idempotent requests", () => {
        expect(decideRetry({ kind: "error", error: fetchError("ECONNRESET") }, idem, policy(0.5))).toMatchObject({
            retry: true,
            delayMs: 500,
        });
    });

    it("retries a create only when the connection provably failed before sending", () => {
        expect(decideRetry({ kind: "error", error: fetchError("ECONNREFUSED") }, create, policy())).toMatchObject({
            retry: true,
        });
        expect(
            decideRetry({ kind: "error", error: fetchError("UND_ERR_SOCKET", "other side closed") }, create, policy()),
        ).toEqual({ retry: false, maybeApplied: true });
        expect(
            decideRetry({ kind: "error", error: fetchError("SELF_SIGNED_CERT_IN_CHAIN") }, create, policy()),
        ).toEqual({ retry: false, maybeApplied: false });
    });

    it("stops when the retry budget would be exceeded", () => {
        const late = { ...idem, elapsedMs: 299_000 };
        expect(decideRetry({ kind: "response", status: 429, retryAfter: "2" }, late, policy())).toEqual({
            retry: false,
            maybeApplied: false,
            exhausted: true,
        });
        expect(decideRetry({ kind: "response", status: 429, retryAfter: "1" }, late, policy())).toMatchObject({
            retry: true,
        });
        expect(
            decideRetry(
                { kind: "error", error: fetchError("ECONNRESET") },
                { ...late, elapsedMs: 300_000 },
                policy(0.5),
            ),
        ).toMatchObject({ retry: false, exhausted: true });
    });
});

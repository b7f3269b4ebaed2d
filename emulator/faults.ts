/** Fault injection: rules matched against incoming requests (Graph and token side). */
import type { RequestKind } from "./request-log";

/** A fault rule. All given matchers must match; `nth`/`times` count matching requests. */
export interface FaultRule {
    /** HTTP method, case-insensitive. */
    method?: string;
    /** Regex (or its source) tested against the path without query, e.g. `/targetApps$/`. */
    path?: RegExp | string;
    tenantId?: string;
    kind?: RequestKind;
    /** First matching request (1-based) the fault applies to. Default 1. */
    nth?: number;
    /** How many matching requests (from `nth` on) it applies to. Default: unlimited. */
    times?: number;
    /** Answer with this status instead of processing (e.g. 500, 503, 429). */
    status?: number;
    /** Error code / message of the Graph envelope (defaults per status). */
    code?: string;
    message?: string;
    /** Replace the whole response body. */
    body?: unknown;
    /** Extra response headers. */
    headers?: Record<string, string>;
    /**
     * `Retry-After` seconds for 429/503. `null` omits the header; undefined uses 1 s unless the
     * emulator runs with `retryAfterHeader: false`.
     */
    retryAfterSeconds?: number | null;
    /** Destroy the socket without answering, before processing. */
    dropConnection?: boolean;
    /** Process the request (state changes happen), then destroy the socket instead of answering. */
    dropConnectionAfterProcessing?: boolean;
    /** Delay before processing. */
    latencyMs?: number;
    /**
     * Process the request (state changes happen), then answer with its status and this body
     * instead of the real one (e.g. `{}`: a create answered without the new policy's id).
     */
    bodyAfterProcessing?: unknown;
}

/** What to do with a request (merged from every matching rule). */
export interface FaultAction {
    rules: FaultRule[];
    latencyMs: number;
    status?: FaultRule;
    drop: boolean;
    dropAfter: boolean;
    /** The rule whose `bodyAfterProcessing` replaces the answer's body, if any. */
    bodyAfter?: FaultRule;
}

/** Request attributes rules are matched against. */
export interface FaultSubject {
    method: string;
    path: string;
    tenantId?: string;
    kind: RequestKind;
}

const DEFAULT_CODES: Record<number, [string, string]> = {
    400: ["BadRequest", "Bad request."],
    401: ["InvalidAuthenticationToken", "Access token validation failure."],
    403: ["Forbidden", "Forbidden."],
    404: ["ResourceNotFound", "Resource not found."],
    409: ["Conflict", "Conflict."],
    412: ["PreconditionFailed", "Precondition failed."],
    429: ["TooManyRequests", "Too many requests."],
    500: ["InternalServerError", "An internal server error occurred."],
    502: ["BadGateway", "Bad gateway."],
    503: ["ServiceUnavailable", "The service is temporarily unavailable."],
    504: ["GatewayTimeout", "Gateway timeout."],
};

/** Default `[code, message]` for an injected status. */
export function defaultFault(status: number): [string, string] {
    return DEFAULT_CODES[status] ?? ["UnknownError", `Injected fault (${status}).`];
}

/** The rule set with per-rule match counters. */
export class Faults {
    private rules: Array<{ rule: FaultRule; re?: RegExp; seen: number }> = [];

    add(rule: FaultRule): void {
        const re =
            rule.path === undefined ? undefined : rule.path instanceof RegExp ? rule.path : new RegExp(rule.path);
        this.rules.push({ rule, re, seen: 0 });
    }

    clear(): void {
        this.rules = [];
    }

    /** Evaluates the rules for one request (advancing their counters). */
    match(s: FaultSubject): FaultAction {
        const action: FaultAction = { rules: [], latencyMs: 0, drop: false, dropAfter: false };
        for (const r of this.rules) {
            const { rule } = r;
            if (rule.method && rule.method.toUpperCase() !== s.method.toUpperCase()) continue;
            if (rule.tenantId && rule.tenantId.toLowerCase() !== (s.tenantId ?? "").toLowerCase()) continue;
            if (rule.kind && rule.kind !== s.kind) continue;
            if (r.re && !r.re.test(s.path)) continue;
            r.seen++;
            const first = rule.nth ?? 1;
            const last = rule.times === undefined ? Infinity : first + rule.times - 1;
            if (r.seen < first || r.seen > last) continue;
            action.rules.push(rule);
            action.latencyMs += rule.latencyMs ?? 0;
            if (rule.dropConnection) action.drop = true;
            if (rule.dropConnectionAfterProcessing) action.dropAfter = true;
            if (rule.status !== undefined && !action.status) action.status = rule;
            if (rule.bodyAfterProcessing !== undefined && !action.bodyAfter) action.bodyAfter = rule;
        }
        return action;
    }
}

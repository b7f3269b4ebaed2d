/** What the emulator's handlers exchange: their shared context, a request and an answer. */
import type { Faults } from "./faults";
import type { Fidelity } from "./fidelity";
import type { PolicyService } from "./policies";
import type { RequestLog } from "./request-log";
import type { GraphModel } from "./schema";
import type { Store } from "./store";
import type { Throttle } from "./throttle";

/** Shared state and options the handlers work with. */
export interface EmulatorContext {
    store: Store;
    model: GraphModel;
    policies: PolicyService;
    throttle: Throttle;
    faults: Faults;
    log: RequestLog;
    /** `https://127.0.0.1:PORT` */
    baseUrl(): string;
    options: { retryAfterHeader: boolean; latencyMs: number; pageSize: number; fidelity: Fidelity };
}

/** A request as the handler sees it. */
export interface InboundRequest {
    method: string;
    /** Path without host and query, starting with `/beta` or `/v1.0`. */
    path: string;
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    /** Raw body text ("" when none). */
    rawBody: string;
    viaBatch?: boolean;
}

/** The handler's answer. `drop` asks the server to destroy the socket instead of answering. */
export interface Outbound {
    status: number;
    headers: Record<string, string>;
    body?: unknown;
    drop?: "before" | "after";
}

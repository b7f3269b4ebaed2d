/** The request log that tests and benchmarks read. */

/** What a request did (routing result). */
export type RequestKind =
    | "metadata" // GET /{tenant}/v2.0/.well-known/openid-configuration (and discovery keys)
    | "token" // POST /{tenant}/oauth2/v2.0/token
    | "list"
    | "get"
    | "create"
    | "update"
    | "delete"
    | "targetApps"
    | "assign"
    | "apps" // GET …/{id}/apps[/{appId}]
    | "assignments" // GET …/{id}/assignments[/{id}]
    | "deploymentSummary"
    | "groups"
    | "batch"
    | "other";

/** One logged request (inner `$batch` requests are logged too, with `viaBatch`). */
export interface LoggedRequest {
    seq: number;
    /** ISO time the request arrived. */
    time: string;
    /** Epoch ms the request arrived. */
    timeMs: number;
    durationMs: number;
    tenantId?: string;
    clientId?: string;
    method: string;
    /** Path without host and query, e.g. `/beta/deviceAppManagement/iosManagedAppProtections`. */
    path: string;
    query: Record<string, string>;
    /** Parsed JSON body (token requests: the form, secrets redacted). */
    body?: unknown;
    status: number;
    kind: RequestKind;
    /** Graph/AAD error code of an error response. */
    errorCode?: string;
    /** Set when the request was answered by a fault rule (`status`, `drop`, `drop-after`). */
    fault?: string;
    throttled?: boolean;
    viaBatch?: boolean;
    requestId?: string;
    clientRequestId?: string;
}

/** Filter for `RequestLog.count`. */
export interface CountFilter {
    kind?: string;
    tenantId?: string;
    method?: string;
    status?: number;
}

/** Append-only log with counters. */
export class RequestLog {
    readonly entries: LoggedRequest[] = [];
    private seq = 0;

    add(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
        const e = { seq: ++this.seq, ...entry };
        this.entries.push(e);
        return e;
    }

    clear(): void {
        this.entries.length = 0;
    }

    count(filter: CountFilter = {}): number {
        return this.entries.filter(
            (e) =>
                (filter.kind === undefined || e.kind === filter.kind) &&
                (filter.tenantId === undefined || (e.tenantId ?? "").toLowerCase() === filter.tenantId.toLowerCase()) &&
                (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
                (filter.status === undefined || e.status === filter.status),
        ).length;
    }

    /** Counts by kind. */
    countsByKind(): Record<string, number> {
        const out: Record<string, number> = {};
        for (const e of this.entries) out[e.kind] = (out[e.kind] ?? 0) + 1;
        return out;
    }
}

/**
 * The HTTPS listener on loopback: reads requests, sends token-side paths to `token-endpoint.ts` and
 * everything else to `handleGraph`, writes responses (or drops the connection when a fault says so).
 */
import * as https from "https";
import type { IncomingMessage, ServerResponse } from "http";
import type { AddressInfo } from "net";
import { randomUUID } from "crypto";
import { AadError, aadErrorBody } from "./errors";
import { defaultFault } from "./faults";
import { EmulatorContext, handleGraph, Outbound } from "./graph-handler";
import { issueToken, openIdConfiguration, redactForm, tenantNotFound, TOKEN_PATH } from "./token-endpoint";

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) reject(new Error("body too large"));
            else chunks.push(c);
        });
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    return out;
}

function send(res: ServerResponse, out: Outbound): void {
    if (out.drop) {
        res.socket?.destroy();
        return;
    }
    const body = out.body === undefined ? undefined : JSON.stringify(out.body);
    res.writeHead(out.status, {
        ...out.headers,
        ...(body === undefined ? {} : { "Content-Length": Buffer.byteLength(body) }),
    });
    res.end(body);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The token side: OpenID configuration, token endpoint, discovery keys. */
async function handleToken(
    ctx: EmulatorContext,
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Record<string, string | undefined>,
    rawBody: string,
    m: RegExpExecArray,
): Promise<Outbound> {
    const started = Date.now();
    const tenantId = decodeURIComponent(m[1]);
    const what = m[2];
    const kind = what.startsWith("oauth2") ? "token" : "metadata";
    const form = new URLSearchParams(kind === "token" ? rawBody : "");
    const correlationId = headers["client-request-id"] ?? query.get("client-request-id") ?? randomUUID();
    const clientId = form.get("client_id") ?? undefined;
    const finish = (out: Outbound, extra: Record<string, unknown> = {}): Outbound => {
        const body = out.body as { error?: unknown } | undefined;
        ctx.log.add({
            time: new Date(started).toISOString(),
            timeMs: started,
            durationMs: Date.now() - started,
            tenantId,
            clientId,
            method,
            path,
            query: Object.fromEntries(query),
            body: kind === "token" ? redactForm(form) : undefined,
            status: out.status,
            kind,
            errorCode: typeof body?.error === "string" ? body.error : undefined,
            ...extra,
        });
        return out;
    };
    const json = (status: number, body: unknown, extra: Record<string, string> = {}): Outbound => ({
        status,
        headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Cache-Control": "no-store, no-cache",
            "client-request-id": correlationId,
            "x-ms-request-id": randomUUID(),
            ...extra,
        },
        body,
    });

    const fault = ctx.faults.match({ method, path, tenantId, kind });
    const latency = ctx.options.latencyMs + fault.latencyMs;
    if (latency > 0) await sleep(latency);
    if (fault.drop) return finish({ status: 0, headers: {}, drop: "before" }, { fault: "drop" });
    if (fault.status) {
        const rule = fault.status;
        const [code, message] = defaultFault(rule.status!);
        const retry: Record<string, string> =
            rule.status === 429 || rule.status === 503
                ? rule.retryAfterSeconds === null
                    ? {}
                    : rule.retryAfterSeconds !== undefined
                      ? { "Retry-After": String(rule.retryAfterSeconds) }
                      : ctx.options.retryAfterHeader
                        ? { "Retry-After": "1" }
                        : {}
                : {};
        const body = rule.body ?? {
            error: rule.code ?? code.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase(),
            error_description: rule.message ?? message,
            error_codes: [],
            correlation_id: correlationId,
        };
        return finish(json(rule.status!, body, { ...retry, ...(rule.headers ?? {}) }), { fault: "status" });
    }

    let out: Outbound;
    try {
        if (what === "oauth2/v2.0/token") {
            if (method !== "POST")
                throw new AadError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
            out = json(200, issueToken(ctx.store, tenantId, form).body);
        } else {
            if (method !== "GET")
                throw new AadError(405, "invalid_request", 900561, "The endpoint only accepts GET requests.");
            const tenant = ctx.store.tenant(tenantId);
            if (!tenant) throw tenantNotFound(tenantId, "invalid_tenant");
            out = json(200, what.startsWith("discovery") ? { keys: [] } : openIdConfiguration(ctx.baseUrl(), tenant));
        }
    } catch (e) {
        if (!(e instanceof AadError)) throw e;
        out = json(e.status, aadErrorBody(e, correlationId));
    }
    if (fault.dropAfter) return finish({ ...out, drop: "after" }, { fault: "drop-after" });
    return finish(out);
}

/** Creates the HTTPS server (not yet listening). */
export function createServer(ctx: EmulatorContext, tls: { key: string; cert: string }): https.Server {
    const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
        void (async () => {
            try {
                const url = new URL(req.url ?? "/", "https://127.0.0.1");
                const method = (req.method ?? "GET").toUpperCase();
                const headers = headersOf(req);
                const rawBody = await readBody(req);
                const tokenMatch = TOKEN_PATH.exec(url.pathname);
                const out = tokenMatch
                    ? await handleToken(ctx, method, url.pathname, url.searchParams, headers, rawBody, tokenMatch)
                    : await handleGraph(ctx, { method, path: url.pathname, query: url.searchParams, headers, rawBody });
                send(res, out);
            } catch (e) {
                if (!res.headersSent) {
                    res.writeHead(500, { "Content-Type": "application/json" });
                    res.end(
                        JSON.stringify({
                            error: { code: "InternalServerError", message: `Emulator bug: ${(e as Error).stack ?? e}` },
                        }),
                    );
                }
            }
        })();
    });
    server.keepAliveTimeout = 5_000;
    return server;
}

/** Starts listening on 127.0.0.1; resolves with the bound port. */
export function listen(server: https.Server, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
            server.off("error", reject);
            resolve((server.address() as AddressInfo).port);
        });
    });
}

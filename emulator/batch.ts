/**
 * `POST /$batch` (spec 5.4): at most 20 requests, unique ids (case-insensitive), `Content-Type`
 * required with a body, `dependsOn` sequencing with 424 for failed dependencies. Every inner request
 * goes through `handleGraph` (routing, validation, throttling, faults, log) with the outer token.
 */
import type { RequestIds } from "./errors";
import { errors, graphErrorBody } from "./errors";
import type { EmulatorContext, InboundRequest, Outbound } from "./exchange";
import { isObject } from "./validation";

export const MAX_BATCH = 20;

interface InnerRequest {
    id: string;
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: unknown;
    dependsOn: string[];
}

function parse(raw: string): InnerRequest[] {
    let doc: unknown;
    try {
        doc = JSON.parse(raw);
    } catch {
        throw errors.badRequest("Invalid batch payload format.");
    }
    if (!isObject(doc) || !Array.isArray(doc.requests)) throw errors.badRequest("Invalid batch payload format.");
    if (doc.requests.length === 0) throw errors.badRequest("Invalid batch payload format.");
    if (doc.requests.length > MAX_BATCH)
        throw errors.badRequest(`Number of batch requests exceeds the maximum of ${MAX_BATCH}.`);
    const seen = new Set<string>();
    const out: InnerRequest[] = [];
    for (const r of doc.requests) {
        if (
            !isObject(r) ||
            typeof r.id !== "string" ||
            !r.id ||
            typeof r.method !== "string" ||
            typeof r.url !== "string"
        ) {
            throw errors.badRequest("Invalid batch payload format.");
        }
        const key = r.id.toLowerCase();
        if (seen.has(key)) throw errors.badRequest(`Request Id : ${r.id} is not unique.`);
        seen.add(key);
        const headers: Record<string, string> = {};
        if (isObject(r.headers)) for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
        if (r.body !== undefined && !headers["content-type"]) {
            throw errors.badRequest(`Write request id : ${r.id} does not contain Content-Type header or body.`);
        }
        const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
        out.push({ id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
    }
    const ids = new Set(out.map((r) => r.id.toLowerCase()));
    for (const r of out) {
        for (const d of r.dependsOn) {
            if (!ids.has(d.toLowerCase()))
                throw errors.badRequest(`Request Id : ${r.id} depends on request id : ${d} which does not exist.`);
        }
    }
    return out;
}

/** Handles `POST /$batch`; inner drops of the connection propagate to the outer request. */
export async function handleBatch(
    ctx: EmulatorContext,
    outer: InboundRequest,
    i: RequestIds,
    handleGraph: (ctx: EmulatorContext, req: InboundRequest) => Promise<Outbound>,
): Promise<Outbound> {
    const requests = parse(outer.rawBody);
    const version = outer.path.split("/")[1];
    const byId = new Map(requests.map((r) => [r.id.toLowerCase(), r]));
    const results = new Map<string, { status: number; headers: Record<string, string>; body?: unknown }>();
    let drop: Outbound["drop"];

    const run = async (r: InnerRequest, stack: string[]): Promise<number> => {
        const key = r.id.toLowerCase();
        const done = results.get(key);
        if (done) return done.status;
        if (stack.includes(key)) throw errors.badRequest(`Request Id : ${r.id} has a circular dependency.`);
        let failed: string | undefined;
        for (const d of r.dependsOn) {
            const status = await run(byId.get(d.toLowerCase())!, [...stack, key]);
            if (status >= 400 && failed === undefined) failed = d;
        }
        if (failed !== undefined) {
            results.set(key, {
                status: 424,
                headers: { "Content-Type": "application/json" },
                body: graphErrorBody(
                    "FailedDependency",
                    `Request '${r.id}' was not executed because its dependency '${failed}' failed.`,
                    i,
                ),
            });
            return 424;
        }
        const url = r.url.startsWith("/") ? r.url : `/${r.url}`;
        if (/^https?:/i.test(r.url) || /^\/(beta|v1\.0)\//.test(url)) {
            results.set(key, {
                status: 400,
                headers: { "Content-Type": "application/json" },
                body: graphErrorBody(
                    "BadRequest",
                    "Invalid request URL: batch request URLs must be relative to the version, e.g. '/deviceAppManagement/…'.",
                    i,
                ),
            });
            return 400;
        }
        const u = new URL(`https://batch.invalid/${version}${url}`);
        const rawBody =
            r.body === undefined
                ? ""
                : typeof r.body === "string" && !/json/i.test(r.headers["content-type"] ?? "")
                  ? Buffer.from(r.body, "base64").toString("utf8")
                  : JSON.stringify(r.body);
        const res = await handleGraph(ctx, {
            method: r.method,
            path: u.pathname,
            query: u.searchParams,
            headers: {
                ...r.headers,
                authorization: outer.headers.authorization,
                "client-request-id": outer.headers["client-request-id"],
            },
            rawBody,
            viaBatch: true,
        });
        if (res.drop) drop = drop ?? res.drop;
        const headers = { ...res.headers };
        for (const h of ["request-id", "client-request-id", "x-ms-ags-diagnostic", "OData-Version"]) delete headers[h];
        results.set(key, { status: res.status, headers, body: res.body });
        return res.status;
    };

    for (const r of requests) await run(r, []);
    const responses = requests.map((r) => {
        const res = results.get(r.id.toLowerCase())!;
        return {
            id: r.id,
            status: res.status,
            headers: res.headers,
            ...(res.body === undefined ? {} : { body: res.body }),
        };
    });
    return {
        status: 200,
        headers: {
            "request-id": i.requestId,
            "client-request-id": i.clientRequestId,
            "Content-Type":
                "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
            "OData-Version": "4.0",
        },
        body: { responses },
        drop,
    };
}

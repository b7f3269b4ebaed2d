/**
 * One Graph request, start to end: identify the caller, match faults, authenticate, route, check
 * licence and permissions, throttle, execute, log. Used for top-level requests and for each inner
 * request of a `$batch`.
 */
import { randomUUID } from "crypto";
import { handleBatch } from "./batch";
import type { EmulatorContext, InboundRequest, Outbound } from "./exchange";
import { handleZeroTrustConfig } from "./conditional-access";
import { errors, GraphError, graphErrorBody, intuneMessage, RequestIds } from "./errors";
import { defaultFault, FaultAction } from "./faults";
import { route, Route } from "./graph-routes";
import { checkNames, matches, parseQuery, QueryOptions } from "./odata";
import { LoggedRequest } from "./request-log";
import { BASE_SET, GROUP_READ_ROLES, POLICY_SETS, READ_ROLES, WRITE_ROLES } from "./spec-facts";
import { IssuedToken, StoredPolicy, TenantState } from "./store";
import { isObject, resolveOdataType } from "./validation";

export type { EmulatorContext, InboundRequest, Outbound };

const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Looks up the bearer token (no error yet). */
function bearer(
    ctx: EmulatorContext,
    headers: Record<string, string | undefined>,
): { token?: IssuedToken; raw?: string } {
    const h = headers.authorization ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(h.trim());
    if (!m) return {};
    return { raw: m[1], token: ctx.store.tokens.get(m[1].trim()) };
}

function ids(headers: Record<string, string | undefined>): RequestIds {
    return { requestId: randomUUID(), clientRequestId: headers["client-request-id"] ?? randomUUID() };
}

function baseHeaders(i: RequestIds): Record<string, string> {
    return {
        "request-id": i.requestId,
        "client-request-id": i.clientRequestId,
        "x-ms-ags-diagnostic": JSON.stringify({
            ServerInfo: { DataCenter: "Loopback", Slice: "E", Ring: "0", ScaleUnit: "000", RoleInstance: "EMULATOR" },
        }),
        "OData-Version": "4.0",
    };
}

function errorOut(e: GraphError, i: RequestIds): Outbound {
    return {
        status: e.status,
        headers: { ...baseHeaders(i), "Content-Type": "application/json", ...e.headers },
        body: graphErrorBody(e.code, e.message, i, e.innerMessage),
    };
}

/** Intune's 403 shape: an outer compact JSON (with `ErrorCode`) around the `_version: 3` document. */
function intuneForbidden(path: string, i: RequestIds, text: string): GraphError {
    const outer = {
        ErrorCode: "Forbidden",
        Message: intuneMessage(path, i.requestId, text),
        Target: null,
        Details: null,
        InnerError: null,
        InstanceAnnotations: [],
    };
    return new GraphError(403, "Forbidden", JSON.stringify(outer));
}

function retryAfterHeaders(ctx: EmulatorContext, seconds: number | null | undefined): Record<string, string> {
    if (seconds === null) return {};
    if (seconds === undefined) return ctx.options.retryAfterHeader ? { "Retry-After": "1" } : {};
    return { "Retry-After": String(seconds) };
}

/** Answer for a fault rule with a status. */
function faultOut(ctx: EmulatorContext, rule: NonNullable<FaultAction["status"]>, i: RequestIds): Outbound {
    const status = rule.status!;
    const [code, message] = defaultFault(status);
    const headers = {
        ...baseHeaders(i),
        "Content-Type": "application/json",
        ...(status === 429 || status === 503 ? retryAfterHeaders(ctx, rule.retryAfterSeconds) : {}),
        ...(rule.headers ?? {}),
    };
    return { status, headers, body: rule.body ?? graphErrorBody(rule.code ?? code, rule.message ?? message, i) };
}

function parseBody(raw: string): unknown {
    if (raw.trim() === "") return undefined;
    try {
        return JSON.parse(raw);
    } catch {
        throw errors.badRequest(
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        );
    }
}

/** Handles one Graph request (top level or inside `$batch`), logging it. */
export async function handleGraph(ctx: EmulatorContext, req: InboundRequest): Promise<Outbound> {
    const started = Date.now();
    const i = ids(req.headers);
    const { token, raw } = bearer(ctx, req.headers);
    const valid = token && token.expiresAt > Date.now() ? token : undefined;
    const r = route(req.method, req.path);
    let parsedBody: unknown;
    try {
        parsedBody = req.rawBody ? JSON.parse(req.rawBody) : undefined;
    } catch {
        parsedBody = req.rawBody;
    }
    const entry: Omit<LoggedRequest, "seq"> = {
        time: new Date(started).toISOString(),
        timeMs: started,
        durationMs: 0,
        tenantId: token?.tenantId,
        clientId: token?.clientId,
        method: req.method,
        path: req.path,
        query: Object.fromEntries(req.query),
        body: parsedBody,
        status: 0,
        kind: r.kind,
        viaBatch: req.viaBatch || undefined,
        requestId: i.requestId,
        clientRequestId: i.clientRequestId,
    };
    const finish = (out: Outbound, extra: Partial<LoggedRequest> = {}): Outbound => {
        const body = out.body as { error?: { code?: string } } | undefined;
        ctx.log.add({
            ...entry,
            ...extra,
            status: out.status,
            durationMs: Date.now() - started,
            errorCode: body?.error?.code,
        });
        return out;
    };

    const fault = ctx.faults.match({ method: req.method, path: req.path, tenantId: token?.tenantId, kind: r.kind });
    const latency = ctx.options.latencyMs + fault.latencyMs;
    if (latency > 0) await sleep(latency);
    if (fault.drop) return finish({ status: 0, headers: {}, drop: "before" }, { fault: "drop" });
    if (fault.status) return finish(faultOut(ctx, fault.status, i), { fault: "status" });

    let out: Outbound;
    try {
        out = await execute(ctx, req, r, valid, raw, i, !!token && !valid);
    } catch (e) {
        if (!(e instanceof GraphError)) throw e;
        out = errorOut(e, i);
    }
    if (fault.dropAfter) return finish({ ...out, drop: "after" }, { fault: "drop-after" });
    if (fault.bodyAfter) return finish({ ...out, body: fault.bodyAfter.bodyAfterProcessing }, { fault: "body-after" });
    return finish(out, out.status === 429 ? { throttled: true } : {});
}

async function execute(
    ctx: EmulatorContext,
    req: InboundRequest,
    r: Route,
    token: IssuedToken | undefined,
    raw: string | undefined,
    i: RequestIds,
    expired: boolean,
): Promise<Outbound> {
    if (!token) {
        const message =
            raw === undefined
                ? "Access token is empty."
                : expired
                  ? "Lifetime validation failed, the token is expired."
                  : "Access token validation failure.";
        const e = new GraphError(401, "InvalidAuthenticationToken", message, false, {
            "WWW-Authenticate":
                'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
        });
        throw e;
    }
    const zeroTrust = handleZeroTrustConfig(req, token, ctx.baseUrl(), baseHeaders(i));
    if (zeroTrust) return zeroTrust;
    if (r.error) throw new GraphError(r.error.status, r.error.code, r.error.message);
    const tenant = ctx.store.tenant(token.tenantId);
    if (!tenant)
        throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");

    if (r.kind === "batch") {
        if (req.method !== "POST") throw methodNotAllowed(req.method);
        return handleBatch(ctx, req, i, handleGraph);
    }
    if (r.kind === "groups") {
        if (!token.roles.some((x) => GROUP_READ_ROLES.includes(x))) {
            throw new GraphError(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
            );
        }
        return groups(ctx, req, r, tenant, i);
    }

    if (r.intune) {
        if (!tenant.licensed) {
            throw intuneForbidden(
                req.path.replace(/^\/(beta|v1\.0)/, ""),
                i,
                `Tenant '${tenant.tenantId}' does not have a valid Intune license.`,
            );
        }
        const isWrite = req.method !== "GET";
        const needed = isWrite ? WRITE_ROLES : READ_ROLES;
        if (!token.roles.some((x) => needed.includes(x))) {
            throw intuneForbidden(
                req.path.replace(/^\/(beta|v1\.0)/, ""),
                i,
                `Application is not authorized to perform this operation. Application must have one of the following scopes: ${needed.join(", ")}`,
            );
        }
        const admission = ctx.throttle.admit(tenant.tenantId, token.clientId, req.method);
        if (!admission.ok) {
            const message = JSON.stringify(
                {
                    _version: 3,
                    Message: `Too many requests. Limit '${admission.limit}' reached.`,
                    CustomApiErrorPhrase: "",
                    RetryAfter: null,
                    ErrorSourceService: "",
                    HttpHeaders: "{}",
                },
                null,
                2,
            ).replace(/\n/g, "\r\n");
            const headers: Record<string, string> = ctx.options.retryAfterHeader
                ? { "Retry-After": String(admission.retryAfterSeconds) }
                : {};
            throw new GraphError(429, "TooManyRequests", message, false, headers);
        }
    }
    return intune(ctx, req, r, tenant, i);
}

function methodNotAllowed(method: string): GraphError {
    return new GraphError(405, "BadRequest", `The requested resource does not support http method '${method}'.`);
}

function ok(status: number, body: unknown, i: RequestIds, extra: Record<string, string> = {}): Outbound {
    return {
        status,
        headers: { ...baseHeaders(i), ...(body === undefined ? {} : { "Content-Type": JSON_TYPE }), ...extra },
        body,
    };
}

/** The stored policy addressed by a route, or 404. */
function findPolicy(tenant: TenantState, r: Route, req: InboundRequest, i: RequestIds): StoredPolicy {
    const p = tenant.policies.get((r.id ?? "").toLowerCase());
    const set = POLICY_SETS.find((x) => x.entitySet === r.set);
    if (!p || (set && p["@odata.type"] !== `#microsoft.graph.${set.typeName}`)) {
        throw errors.resourceNotFound(req.path.replace(/^\/(beta|v1\.0)/, ""), i);
    }
    return p;
}

function checkIfMatch(req: InboundRequest, p: StoredPolicy): void {
    const ifMatch = req.headers["if-match"];
    if (
        ifMatch &&
        ifMatch !== "*" &&
        ifMatch !== p.version &&
        `"${ifMatch}"` !== p.version &&
        ifMatch !== `W/${p.version}`
    ) {
        throw new GraphError(
            412,
            "PreconditionFailed",
            "The entity version in If-Match does not match the current version.",
        );
    }
}

function typeNameOfSet(set: Route["set"]): string {
    return POLICY_SETS.find((p) => p.entitySet === set)?.typeName ?? BASE_SET.typeName;
}

/** `$select`/`$expand` applied to one policy. */
function shape(
    ctx: EmulatorContext,
    p: StoredPolicy,
    r: Route,
    q: QueryOptions,
    prefix: string,
): Record<string, unknown> {
    const withType = r.set === BASE_SET.entitySet || (r.kind === "list" && ctx.options.fidelity.odataTypeOnTypedItems);
    const select = q.select?.includes("*") ? undefined : q.select?.filter((s) => s !== "apps" && s !== "assignments");
    const out = ctx.policies.serialize(p, { withType, select });
    const expand = new Set(q.expand?.includes("*") ? ["apps", "assignments", "deploymentSummary"] : (q.expand ?? []));
    for (const nav of ["apps", "assignments"] as const) {
        if (!expand.has(nav)) continue;
        out[`${nav}@odata.context`] = `${prefix}/$metadata#deviceAppManagement/${r.set}('${p.id}')/${nav}`;
        out[nav] = ctx.policies.navigationItems(p, nav);
    }
    if (expand.has("deploymentSummary")) out.deploymentSummary = deploymentSummary(p);
    return out;
}

/** The (static) deployment summary of a policy. */
function deploymentSummary(p: StoredPolicy): Record<string, unknown> {
    return {
        id: p.id.replace(/^T_/, ""),
        displayName: p.displayName,
        configurationDeployedUserCount: 0,
        lastRefreshTime: "0001-01-01T00:00:00Z",
        configurationDeploymentSummaryPerApp: [],
        version: p.version,
    };
}

function contextFor(prefix: string, r: Route, q: QueryOptions, entity: boolean): string {
    const parts = [...(q.select ?? []), ...(q.expand ?? []).map((e) => `${e}()`)];
    const sel = parts.length ? `(${parts.join(",")})` : "";
    return `${prefix}/$metadata#deviceAppManagement/${r.set}${sel}${entity ? "/$entity" : ""}`;
}

async function intune(
    ctx: EmulatorContext,
    req: InboundRequest,
    r: Route,
    tenant: TenantState,
    i: RequestIds,
): Promise<Outbound> {
    const prefix = `${ctx.baseUrl()}/${r.version}`;
    const m = req.method;
    if (!r.set) {
        if (m !== "GET") throw methodNotAllowed(m);
        return ok(
            200,
            { "@odata.context": `${prefix}/$metadata#deviceAppManagement`, id: "00000000-0000-0000-0000-000000000000" },
            i,
        );
    }
    const typeName = typeNameOfSet(r.set);
    const type = ctx.model.type(typeName)!;
    const q = parseQuery(req.query);
    const structural = (n: string) => !!type.properties.get(n) && !type.properties.get(n)!.navigation;
    const navigation = (n: string) => !!type.properties.get(n)?.navigation;

    switch (r.kind) {
        case "list": {
            if (m !== "GET") throw methodNotAllowed(m);
            checkNames(q, typeName, structural, (n) => navigation(n) && r.set !== BASE_SET.entitySet);
            let items = [...tenant.policies.values()].filter(
                (p) => r.set === BASE_SET.entitySet || p["@odata.type"] === `#microsoft.graph.${typeName}`,
            );
            items = items.filter((p) =>
                matches(p, q.filter, (t) =>
                    ctx.model.isAssignable(p["@odata.type"].replace("#microsoft.graph.", ""), t),
                ),
            );
            if (q.orderby) {
                const { prop, desc } = q.orderby;
                items.sort((a, b) => String(a[prop] ?? "").localeCompare(String(b[prop] ?? "")) * (desc ? -1 : 1));
            }
            const total = items.length;
            const pageSize = q.top ?? ctx.options.pageSize;
            const page = items.slice(q.skip, q.skip + pageSize);
            const body: Record<string, unknown> = { "@odata.context": contextFor(prefix, r, q, false) };
            if (q.count) body["@odata.count"] = total;
            if (q.skip + pageSize < total) {
                const next = new URLSearchParams(req.query);
                next.delete("$skiptoken");
                next.delete("$skip");
                next.set("$skiptoken", String(q.skip + pageSize));
                body["@odata.nextLink"] =
                    `${prefix}/deviceAppManagement/${r.set}?${next.toString().replace(/%24/g, "$").replace(/%2C/g, ",")}`;
            }
            body.value = page.map((p) => shape(ctx, p, r, q, prefix));
            return ok(200, body, i);
        }
        case "create": {
            const body = parseBody(req.rawBody);
            if (body === undefined) throw errors.badRequest("Empty Payload. JSON content expected.");
            if (!isObject(body))
                throw errors.modelValidation(
                    "An unexpected 'StartArray' node was found when reading from the JSON reader. A 'StartObject' node was expected.",
                );
            const concrete = resolveOdataType(ctx.model, body["@odata.type"], typeName);
            const stored = ctx.policies.create(tenant, concrete, body);
            ctx.store.save();
            const out = {
                "@odata.context": `${prefix}/$metadata#deviceAppManagement/${r.set}/$entity`,
                ...ctx.policies.serialize(stored, { withType: true }),
            };
            if (r.set !== BASE_SET.entitySet) delete (out as Record<string, unknown>)["@odata.type"];
            return ok(201, out, i, { Location: `${prefix}/deviceAppManagement/${r.set}('${stored.id}')` });
        }
        case "get": {
            if (m !== "GET") throw methodNotAllowed(m);
            checkNames(q, typeName, structural, navigation);
            const p = findPolicy(tenant, r, req, i);
            return ok(200, { "@odata.context": contextFor(prefix, r, q, true), ...shape(ctx, p, r, q, prefix) }, i, {
                ETag: String(p.version),
            });
        }
        case "update": {
            const p = findPolicy(tenant, r, req, i);
            checkIfMatch(req, p);
            const body = parseBody(req.rawBody);
            if (body === undefined) throw errors.badRequest("Empty Payload. JSON content expected.");
            if (isObject(body))
                resolveOdataType(ctx.model, body["@odata.type"], p["@odata.type"].replace("#microsoft.graph.", ""));
            ctx.policies.update(p, body);
            ctx.store.save();
            if (ctx.options.fidelity.patchStatus === 204) return ok(204, undefined, i);
            return ok(
                200,
                {
                    "@odata.context": contextFor(prefix, r, { skip: 0, count: false }, true),
                    ...ctx.policies.serialize(p, { withType: r.set === BASE_SET.entitySet }),
                },
                i,
                { ETag: String(p.version) },
            );
        }
        case "delete": {
            const p = findPolicy(tenant, r, req, i);
            checkIfMatch(req, p);
            tenant.policies.delete(p.id.toLowerCase());
            ctx.store.save();
            return ok(204, undefined, i);
        }
        case "targetApps":
        case "assign": {
            if (m !== "POST") throw methodNotAllowed(m);
            const p = findPolicy(tenant, r, req, i);
            const body = parseBody(req.rawBody);
            if (body === undefined) throw errors.badRequest("Empty Payload. JSON content expected.");
            if (r.kind === "targetApps") ctx.policies.targetApps(p, body);
            else ctx.policies.assign(p, body);
            ctx.store.save();
            return ok(204, undefined, i);
        }
        case "apps":
        case "assignments": {
            if (m !== "GET") {
                throw new GraphError(
                    501,
                    "NotImplemented",
                    `The emulator does not implement ${m} on '${r.kind}'; use the ${r.kind === "apps" ? "targetApps" : "assign"} action.`,
                );
            }
            const p = findPolicy(tenant, r, req, i);
            const list = ctx.policies.navigationItems(p, r.kind);
            const ctxUrl = `${prefix}/$metadata#deviceAppManagement/${r.set}('${p.id}')/${r.kind}`;
            if (r.subId !== undefined) {
                const item = list.find((x) => String(x.id).toLowerCase() === r.subId!.toLowerCase());
                if (!item) throw errors.resourceNotFound(req.path.replace(/^\/(beta|v1\.0)/, ""), i);
                return ok(200, { "@odata.context": `${ctxUrl}/$entity`, ...item }, i);
            }
            return ok(200, { "@odata.context": ctxUrl, value: list }, i);
        }
        case "deploymentSummary": {
            if (m !== "GET")
                throw new GraphError(
                    501,
                    "NotImplemented",
                    `The emulator does not implement ${m} on 'deploymentSummary'.`,
                );
            const p = findPolicy(tenant, r, req, i);
            return ok(
                200,
                {
                    "@odata.context": `${prefix}/$metadata#deviceAppManagement/${r.set}('${p.id}')/deploymentSummary/$entity`,
                    ...deploymentSummary(p),
                },
                i,
            );
        }
        default:
            throw errors.segmentNotFound(req.path.split("/").pop() ?? "");
    }
}

const GROUP_PROPS = [
    "id",
    "displayName",
    "description",
    "mailEnabled",
    "securityEnabled",
    "groupTypes",
    "createdDateTime",
    "mailNickname",
];

function groupJson(g: { id: string; displayName: string }, select?: string[]): Record<string, unknown> {
    const full: Record<string, unknown> = {
        id: g.id,
        displayName: g.displayName,
        description: null,
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
        createdDateTime: "2020-04-06T06:20:36Z",
        mailNickname: g.displayName.replace(/[^A-Za-z0-9]/g, "").slice(0, 64) || "group",
    };
    if (!select) return full;
    return Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k)));
}

/** `GET /groups/{id}` and `GET /groups?$filter=displayName eq '…'`. */
function groups(ctx: EmulatorContext, req: InboundRequest, r: Route, tenant: TenantState, i: RequestIds): Outbound {
    if (req.method !== "GET") throw new GraphError(501, "NotImplemented", "The emulator only serves GET on groups.");
    const q = parseQuery(req.query);
    for (const s of q.select ?? []) {
        if (!GROUP_PROPS.includes(s))
            throw errors.badRequest(`Could not find a property named '${s}' on type 'microsoft.graph.group'.`);
    }
    const prefix = `${ctx.baseUrl()}/${r.version}`;
    const sel = q.select ? `(${q.select.join(",")})` : "";
    if (r.groupId !== undefined) {
        const g = tenant.groups.get(r.groupId.toLowerCase());
        if (!g) {
            throw new GraphError(
                404,
                "Request_ResourceNotFound",
                `Resource '${r.groupId}' does not exist or one of its queried reference-property objects are not present.`,
            );
        }
        return ok(200, { "@odata.context": `${prefix}/$metadata#groups${sel}/$entity`, ...groupJson(g, q.select) }, i);
    }
    for (const f of q.filter ?? []) {
        if (f.op === "isof" || !["displayName", "id", "mailNickname"].includes(f.prop)) {
            throw errors.badRequest(
                "Unsupported or invalid query filter clause specified for property of resource 'Group'.",
            );
        }
    }
    const all = [...tenant.groups.values()].filter((g) => matches(groupJson(g), q.filter, () => false));
    const pageSize = q.top ?? ctx.options.pageSize;
    const body: Record<string, unknown> = { "@odata.context": `${prefix}/$metadata#groups${sel}` };
    if (q.skip + pageSize < all.length) {
        const next = new URLSearchParams(req.query);
        next.set("$skiptoken", String(q.skip + pageSize));
        body["@odata.nextLink"] = `${prefix}/groups?${next.toString()}`;
    }
    body.value = all.slice(q.skip, q.skip + pageSize).map((g) => groupJson(g, q.select));
    return ok(200, body, i);
}

/**
 * Turns what goes wrong between us, Entra ID and Microsoft Graph into errors a user can act on.
 *
 * Every {@link GraphRequestError} message is one or two sentences saying what to fix, followed by
 * the service's own code, message and request id (or Entra ID trace/correlation id). Messages are
 * passed through {@link redactSecrets}: tokens, secrets, PEM blocks and Authorization headers never
 * appear in them.
 *
 * @packageDocumentation
 */

import { CLOUDS, resolveEndpoints } from "../config/clouds";
import { GRAPH_ENDPOINTS, permissionFor } from "./permissions";
import { type ConnectionConfig, SECRET_FIELDS, configKey, effectiveCredentialKind, configLabel } from "../config";

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
 * shape (see {@link isGraphNotFound}). Any other 404 is not evidence that anything was deleted.
 */
export function isNotFound(err: unknown): boolean {
    return err instanceof GraphRequestError && err.kind === "notFound";
}

/**
 * Whether a 404 answer is Graph's own "not found": a JSON body `{ error: { code, message } }` whose
 * code says not found (`ResourceNotFound`, `NotFound`, …), with Graph's `request-id` (header or
 * `innerError`). An HTML page or any other body from whatever answers at a wrong endpoint is not.
 */
export function isGraphNotFound(response: ErrorResponseInfo): boolean {
    if (response.status !== 404) return false;
    const type = response.headers?.get("content-type");
    if (type && !/json/i.test(type)) return false;
    let body = response.body;
    if (typeof body === "string") {
        try {
            body = JSON.parse(body);
        } catch {
            return false;
        }
    }
    const error = (body as { error?: Record<string, unknown> } | null | undefined)?.error;
    if (!error || typeof error !== "object") return false;
    if (typeof error.code !== "string" || !/notfound/i.test(error.code) || typeof error.message !== "string")
        return false;
    const inner = (error.innerError ?? error.innererror) as Record<string, unknown> | undefined;
    return Boolean(response.headers?.get("request-id") || typeof inner?.["request-id"] === "string");
}

// ---------------------------------------------------------------------------------------------
// Redaction

/**
 * Removes anything credential-like from `text`: bearer tokens, JWTs, `client_secret=` /
 * `client_assertion=` form fields, `access_token` JSON fields, PEM blocks, and the literal values
 * of the config's secret keys (those the config table marks secret).
 */
export function redactSecrets(text: string, settings?: Partial<ConnectionConfig>): string {
    let out = text;
    for (const field of SECRET_FIELDS) {
        const secret = (settings as Record<string, unknown> | undefined)?.[field];
        if (typeof secret === "string" && secret.length >= 4) out = out.split(secret).join("[redacted]");
    }
    out = out.replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, "[redacted PEM]");
    out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, "$1 [redacted]");
    out = out.replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g, "[redacted token]");
    out = out.replace(
        /\b(client_secret|client_assertion|assertion|access_token|refresh_token|password)(["']?\s*[=:]\s*["']?)[^&"'\s,}]+/gi,
        "$1$2[redacted]",
    );
    return out;
}

// ---------------------------------------------------------------------------------------------
// Graph error bodies

/** The parts of a Graph error body that matter for messages. */
export interface ParsedGraphError {
    code?: string;
    /** Display message (Intune's JSON-string wrapper removed). */
    message?: string;
    /** Intune's inner `ErrorCode` field, when the message was the JSON-string form (e.g. `Forbidden`). */
    innerErrorCode?: string;
    /** Intune's inner `RetryAfter` field (seconds), when present. */
    retryAfterSeconds?: number;
    requestId?: string;
    clientRequestId?: string;
    date?: string;
}

/**
 * Intune back-end errors put a JSON-encoded object in `error.message` (spec 5.1):
 * `{"_version":3,"Message":"An error has occurred - Operation ID …","RetryAfter":null,…}`, and its
 * 403s wrap that once more: `{"ErrorCode":"Forbidden","Message":"{\"_version\":3,…}",…}`.
 * Returns the innermost `Message` (and any `ErrorCode`, `RetryAfter`), or the text unchanged when
 * it is not that form.
 */
export function unwrapIntuneMessage(message: string): {
    message: string;
    errorCode?: string;
    retryAfterSeconds?: number;
} {
    let text = message;
    let errorCode: string | undefined;
    let retryAfterSeconds: number | undefined;
    for (let depth = 0; depth < 4; depth++) {
        const trimmed = text.trim();
        if (!trimmed.startsWith("{")) break;
        let inner: Record<string, unknown>;
        try {
            inner = JSON.parse(trimmed) as Record<string, unknown>;
        } catch {
            break;
        }
        if (!inner || typeof inner !== "object") break;
        if (!errorCode && typeof inner.ErrorCode === "string" && inner.ErrorCode) errorCode = inner.ErrorCode;
        const ra = inner.RetryAfter;
        if (retryAfterSeconds === undefined) {
            if (typeof ra === "number") retryAfterSeconds = ra;
            else if (typeof ra === "string" && ra.trim() !== "" && Number.isFinite(Number(ra)))
                retryAfterSeconds = Number(ra);
        }
        const next = [inner.Message, inner.message].find((v) => typeof v === "string" && v !== "") as
            string | undefined;
        const phrase =
            typeof inner.CustomApiErrorPhrase === "string" && inner.CustomApiErrorPhrase
                ? inner.CustomApiErrorPhrase
                : undefined;
        if (next === undefined && phrase === undefined) break;
        text = next ?? (phrase as string);
    }
    return {
        message: text,
        ...(errorCode ? { errorCode } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
}

/** Parses a Graph error body (object or JSON text; anything else yields its text as the message). */
export function parseGraphErrorBody(body: unknown): ParsedGraphError {
    let value: unknown = body;
    if (typeof body === "string") {
        const t = body.trim();
        if (t.startsWith("{")) {
            try {
                value = JSON.parse(t);
            } catch {
                return { message: truncate(t) };
            }
        } else {
            return t ? { message: truncate(t) } : {};
        }
    }
    if (!value || typeof value !== "object") return {};
    const err = (value as { error?: unknown }).error;
    if (!err || typeof err !== "object") return {};
    const e = err as Record<string, unknown>;
    const out: ParsedGraphError = {};
    if (typeof e.code === "string") out.code = e.code;
    if (typeof e.message === "string") {
        const unwrapped = unwrapIntuneMessage(e.message);
        out.message = unwrapped.message;
        if (unwrapped.errorCode) out.innerErrorCode = unwrapped.errorCode;
        if (unwrapped.retryAfterSeconds !== undefined) out.retryAfterSeconds = unwrapped.retryAfterSeconds;
    }
    const inner = (e.innerError ?? e.innererror) as Record<string, unknown> | undefined;
    if (inner && typeof inner === "object") {
        if (typeof inner["request-id"] === "string") out.requestId = inner["request-id"];
        if (typeof inner["client-request-id"] === "string") out.clientRequestId = inner["client-request-id"];
        if (typeof inner.date === "string") out.date = inner.date;
        if (!out.message && typeof inner.message === "string") out.message = unwrapIntuneMessage(inner.message).message;
    }
    return out;
}

function truncate(text: string, max = 500): string {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

const UNLICENSED_PATTERNS = [
    /licen[cs]/i,
    /not applicable to target tenant/i,
    /intune (is )?not (enabled|provisioned|available)/i,
    /tenant .*not .*(intune|provisioned)/i,
    /mdm authority/i,
];

/** Whether a Graph error's text says the tenant has no (active) Intune licence. */
export function looksUnlicensed(parsed: ParsedGraphError): boolean {
    const text = `${parsed.code ?? ""} ${parsed.message ?? ""}`;
    return UNLICENSED_PATTERNS.some((p) => p.test(text));
}

// ---------------------------------------------------------------------------------------------
// Context shared by the translators

/** What the translators know about the request that failed. */
export interface RequestContext {
    /** Connection settings (for names in messages and for redaction). */
    settings?: ConnectionConfig;
    method?: string;
    path?: string;
    clientRequestId?: string;
    attempts?: number;
    retriedForMs?: number;
    maybeApplied?: boolean;
    /** Set when the request was repeated with a newly issued token after a 401. */
    tokenRenewed?: boolean;
}

function who(settings?: ConnectionConfig): string {
    if (!settings) return "the app";
    const kind = effectiveCredentialKind(settings);
    if (kind === "managedIdentity") {
        const id = settings.managedIdentityClientId ?? settings.clientId;
        return `${id ? `managed identity ${id}` : "the system-assigned managed identity"} in tenant ${settings.tenantId}`;
    }
    if (kind === "azureCli") return `the Azure CLI user in tenant ${settings.tenantId}`;
    return settings.clientId
        ? `app ${settings.clientId} in tenant ${settings.tenantId}`
        : `the app in tenant ${settings.tenantId}`;
}

function seconds(ms: number | undefined): string {
    const s = (ms ?? 0) / 1000;
    return s >= 10 ? `${Math.round(s)} s` : `${Math.round(s * 10) / 10} s`;
}

function retrySummary(ctx: RequestContext): string {
    if (!ctx.attempts || ctx.attempts <= 1) return "";
    return ` after ${ctx.attempts} attempts over ${seconds(ctx.retriedForMs)}`;
}

function requestLabel(ctx: RequestContext): string {
    return ctx.method && ctx.path ? `${ctx.method} ${ctx.path}` : "the request";
}

/** `(Graph 403 Forbidden: "…"; request-id …; client-request-id …)` */
function serviceDetails(
    service: string,
    status: number | undefined,
    code: string | undefined,
    message: string | undefined,
    ids: [string, string | undefined][],
): string {
    const head = [status !== undefined ? String(status) : undefined, code].filter(Boolean).join(" ");
    const parts = [`${service}${head ? ` ${head}` : ""}${message ? `: "${message}"` : ""}`];
    for (const [label, id] of ids) if (id) parts.push(`${label} ${id}`);
    return ` (${parts.join("; ")})`;
}

// ---------------------------------------------------------------------------------------------
// HTTP error responses from Graph

/** A Graph HTTP error response, as seen after retries. */
export interface ErrorResponseInfo {
    status: number;
    /** The response body: parsed JSON or text. */
    body: unknown;
    /** Response headers (`request-id`, `client-request-id`, `retry-after`). */
    headers?: { get(name: string): string | null };
}

/** Builds the user-facing error for a Graph HTTP error response (after retries). */
export function errorFromResponse(response: ErrorResponseInfo, ctx: RequestContext): GraphRequestError {
    const parsed = parseGraphErrorBody(response.body);
    const status = response.status;
    const requestId = parsed.requestId ?? response.headers?.get("request-id") ?? undefined;
    const clientRequestId = parsed.clientRequestId ?? response.headers?.get("client-request-id") ?? ctx.clientRequestId;
    const settings = ctx.settings;
    const req = requestLabel(ctx);
    const write = ctx.method !== undefined && ctx.method !== "GET";
    let kind: GraphErrorKind;
    let sentence: string;

    if (status === 401 && ctx.tokenRenewed) {
        kind = "unauthorized";
        const credential = settings ? effectiveCredentialKind(settings) : undefined;
        sentence =
            `Microsoft Graph refused the access tokens of ${who(settings)} for ${req}, also one newly issued by Entra ID for the retry: ` +
            `the ${credential ? `${credential} ` : ""}credential gets tokens Graph does not accept. Check the credential: that ${configKey("clientId")} is the app registration consented in tenant ${settings?.tenantId ?? ""} ` +
            `and that its tokens are for this cloud (${configKey("cloud")}); a newly created app registration can take a few minutes to be usable.`;
    } else if (status === 401) {
        kind = "unauthorized";
        const endpoints = settings ? resolveEndpoints(settings) : undefined;
        sentence =
            `Microsoft Graph${endpoints ? ` at ${endpoints.graphEndpoint}` : ""} did not accept the access token of ${who(settings)} for ${req}. ` +
            `Check that ${configKey("cloud")}/${configKey("graphEndpoint")} match the cloud the tenant lives in and that ${configKey("tenantId")} is the tenant the app was consented in; ` +
            `a newly created app registration can take a few minutes to be usable.`;
    } else if (status === 403 && looksUnlicensed(parsed)) {
        kind = "unlicensed";
        sentence =
            `Tenant ${settings?.tenantId ?? ""} cannot use Intune app protection: Microsoft Graph says it has no active Intune licence (${req}). ` +
            `Assign an Intune (or Microsoft 365 E3/E5/EMS) subscription to the tenant and make sure Intune is its MDM authority.`;
    } else if (status === 403) {
        kind = "permission";
        const { permission, endpoint } = permissionFor(ctx.method, ctx.path);
        const others = endpoint?.alsoReads.filter((p) => p !== permission) ?? [];
        sentence =
            `${capitalize(who(settings))} is not allowed to ${endpoint && endpoint !== GRAPH_ENDPOINTS.policies ? endpoint.purpose : `${write ? "change" : "read"} Intune app protection policies`} (${req}). ` +
            `Give the app registration the Microsoft Graph application permission ${permission}${!write && others.length ? ` (or ${others.join(" or ")})` : ""} and grant admin consent for the tenant ` +
            `(Entra admin center → App registrations → API permissions → Add a permission → Microsoft Graph → Application permissions, then "Grant admin consent"); ` +
            `new permissions reach the token within a few minutes.`;
    } else if (
        status === 400 &&
        looksUnlicensed(parsed) &&
        /not applicable to target tenant/i.test(parsed.message ?? "")
    ) {
        kind = "unlicensed";
        sentence =
            `Tenant ${settings?.tenantId ?? ""} cannot use Intune app protection: Microsoft Graph says the request is not applicable to it, which means it has no active Intune licence (${req}). ` +
            `Assign an Intune subscription to the tenant.`;
    } else if (status === 404 && !isGraphNotFound(response)) {
        kind = "notGraph";
        const endpoint = settings ? resolveEndpoints(settings).graphEndpoint : "the Graph endpoint";
        const type = response.headers?.get("content-type") ?? "no content type";
        sentence =
            `${endpoint} answered ${req} with HTTP 404, but not in Microsoft Graph's error format (${type}), so it is not taken to mean the policy was deleted: ` +
            `check that ${configKey("graphEndpoint")}/${configKey("cloud")} point at Microsoft Graph.`;
    } else if (status === 404) {
        kind = "notFound";
        sentence = `Microsoft Graph found nothing at ${ctx.path ?? "the requested path"} in tenant ${settings?.tenantId ?? ""} (${ctx.method ?? "request"}); it may have been deleted outside Pulumi.`;
    } else if (status === 409 || status === 412) {
        kind = "conflict";
        sentence = `Microsoft Graph refused ${req} because of a conflicting change (HTTP ${status}); refresh the stack and try again.`;
    } else if (status === 429) {
        kind = "throttled";
        const wait = retryAfterOf(response, parsed);
        sentence =
            `Microsoft Graph kept throttling tenant ${settings?.tenantId ?? ""}: gave up on ${req}${retrySummary(ctx) || " without retrying"}` +
            (wait !== undefined ? ` (Graph asked to wait another ${wait} s)` : "") +
            `. ` +
            `Try again later, lower ${configKey("writesPer20Seconds")} (other tools may share the tenant's Intune limits) or raise ${configKey("maxRetryDurationSeconds")}.`;
    } else if (status >= 500) {
        kind = "server";
        sentence =
            `Microsoft Graph failed with HTTP ${status} on ${req}${retrySummary(ctx)}; this is usually temporary, try again later.` +
            (ctx.maybeApplied ? " The request may nevertheless have been applied." : "");
    } else {
        kind = "validation";
        sentence = `Microsoft Graph rejected ${req} as invalid (HTTP ${status}): ${parsed.message ?? "no message"}.`;
    }

    const message = redactSecrets(
        sentence +
            serviceDetails("Graph", status, parsed.code, parsed.message, [
                ["request-id", requestId],
                ["client-request-id", clientRequestId],
            ]),
        settings,
    );
    return new GraphRequestError({
        kind,
        message,
        status,
        code: parsed.code,
        graphMessage: parsed.message !== undefined ? redactSecrets(parsed.message, settings) : undefined,
        requestId,
        clientRequestId,
        maybeApplied: ctx.maybeApplied ?? false,
        method: ctx.method,
        path: ctx.path,
        attempts: ctx.attempts,
        retriedForMs: ctx.retriedForMs,
        retryAfterSeconds: status === 429 || status === 503 ? retryAfterOf(response, parsed) : undefined,
    });
}

function retryAfterOf(response: ErrorResponseInfo, parsed: ParsedGraphError): number | undefined {
    const header = response.headers?.get("retry-after")?.trim();
    if (header && /^\d+(\.\d+)?$/.test(header)) return Number(header);
    return parsed.retryAfterSeconds;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Token errors (@azure/identity, MSAL)

/** The Entra ID error fields found in an `@azure/identity` / MSAL error. */
export interface AadErrorInfo {
    /** OAuth error, e.g. `invalid_client`. */
    error?: string;
    /** AADSTS number, e.g. 7000215. */
    aadsts?: number;
    /** Description, e.g. `AADSTS7000215: Invalid client secret provided. …`. */
    description?: string;
    traceId?: string;
    correlationId?: string;
    statusCode?: number;
}

/** Extracts Entra ID error fields from an `@azure/identity` error (structured fields or message text). */
export function parseAadError(err: unknown): AadErrorInfo {
    const out: AadErrorInfo = {};
    const seen = new Set<unknown>();
    const texts: string[] = [];
    let cur: unknown = err;
    while (cur && typeof cur === "object" && !seen.has(cur)) {
        seen.add(cur);
        const e = cur as Record<string, unknown>;
        const resp = e.errorResponse as Record<string, unknown> | undefined;
        if (resp && typeof resp === "object") {
            if (!out.error && typeof resp.error === "string") out.error = resp.error;
            if (!out.description && typeof resp.errorDescription === "string") out.description = resp.errorDescription;
            if (!out.aadsts && Array.isArray(resp.errorCodes) && typeof resp.errorCodes[0] === "number")
                out.aadsts = resp.errorCodes[0];
            if (!out.traceId && typeof resp.traceId === "string") out.traceId = resp.traceId;
            if (!out.correlationId && typeof resp.correlationId === "string") out.correlationId = resp.correlationId;
        }
        if (out.statusCode === undefined && typeof e.statusCode === "number") out.statusCode = e.statusCode;
        if (out.statusCode === undefined && typeof e.status === "number") out.statusCode = e.status;
        if (!out.error && typeof e.errorCode === "string" && /^[a-z_]+$/.test(e.errorCode)) out.error = e.errorCode;
        if (!out.correlationId && typeof e.correlationId === "string" && e.correlationId)
            out.correlationId = e.correlationId;
        if (typeof e.errorMessage === "string") texts.push(e.errorMessage);
        if (typeof e.message === "string") texts.push(e.message);
        cur = e.cause;
    }
    const text = texts.join("\n");
    if (!out.aadsts) {
        const m = /AADSTS(\d+)/.exec(text);
        if (m) out.aadsts = Number(m[1]);
    }
    if (!out.description) {
        const m =
            /Description:\s*(AADSTS\d+:[\s\S]*?)(?=\s+-\s+(?:Trace ID|Correlation ID|Timestamp)\b|$)/.exec(text) ??
            /(AADSTS\d+:[^\n]*?)(?=\s+Trace ID|\s+Correlation ID|\s+Timestamp|$)/m.exec(text);
        if (m) out.description = m[1].trim();
    }
    if (!out.error) {
        const m = /^\s*([a-z]+(?:_[a-z]+)+):/m.exec(text);
        if (m) out.error = m[1];
    }
    if (out.description) out.description = out.description.replace(/\s+(?:-\s+)?Trace ID:[\s\S]*$/, "").trim();
    if (!out.traceId) {
        const m = /Trace ID:\s*([0-9a-fA-F-]{8,})/.exec(text);
        if (m) out.traceId = m[1];
    }
    if (!out.correlationId) {
        const m = /Correlation ID:\s*([0-9a-fA-F-]{8,})/.exec(text);
        if (m) out.correlationId = m[1];
    }
    return out;
}

/**
 * Turns an Entra ID OAuth error body (`{error, error_description, error_codes, trace_id,
 * correlation_id}`) into an error {@link errorFromCredential} understands; `undefined` when the
 * body is not of that shape.
 */
export function aadErrorFromBody(status: number, body: unknown): Error | undefined {
    let value = body;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!value || typeof value !== "object") return undefined;
    const b = value as Record<string, unknown>;
    if (typeof b.error !== "string") return undefined;
    const description = typeof b.error_description === "string" ? b.error_description : "";
    const err = new Error(`${b.error}: ${description}`) as Error & {
        statusCode: number;
        errorResponse: Record<string, unknown>;
    };
    err.name = "AuthenticationError";
    err.statusCode = status;
    err.errorResponse = {
        error: b.error,
        errorDescription: description,
        errorCodes: Array.isArray(b.error_codes) ? b.error_codes : undefined,
        traceId: typeof b.trace_id === "string" ? b.trace_id : undefined,
        correlationId: typeof b.correlation_id === "string" ? b.correlation_id : undefined,
    };
    return err;
}

/** Whether a token failure is MSAL's opaque "could not resolve the authority's endpoints". */
export function isEndpointsResolutionError(err: unknown): boolean {
    return /endpoints_resolution_error/.test(errorChainText(err));
}

/**
 * Builds the user-facing error for a failure to get a token from Entra ID (an `@azure/identity`
 * `AuthenticationError`, `AuthenticationRequiredError`, `CredentialUnavailableError` or
 * `AggregateAuthenticationError`, or an MSAL error).
 */
export function errorFromCredential(err: unknown, ctx: RequestContext): GraphRequestError {
    const settings = ctx.settings;
    const name = (err as { name?: string } | undefined)?.name ?? "Error";
    const rawMessage = String((err as { message?: unknown } | undefined)?.message ?? err);
    const aad = parseAadError(err);
    const endpoints = settings ? resolveEndpoints(settings) : undefined;
    const kind = settings ? effectiveCredentialKind(settings) : undefined;
    const app = settings?.clientId ? `app ${settings.clientId}` : "the app";
    const tenant = settings ? `tenant ${settings.tenantId}` : "the tenant";
    const label = (f: Parameters<typeof configLabel>[1]) => configLabel(settings, f);
    let sentence: string;

    switch (aad.aadsts) {
        case 7000215:
            sentence = `Entra ID rejected the client secret for ${app} in ${tenant}: check ${label("clientSecret")} — it must be the secret's Value (not its Secret ID), belong to this app registration, and not be expired.`;
            break;
        case 7000222:
            sentence = `The client secret for ${app} in ${tenant} has expired: create a new one in the app registration and update ${label("clientSecret")}.`;
            break;
        case 90002:
        case 900023:
        case 90072:
            sentence =
                `Entra ID does not know ${tenant}${endpoints ? ` at ${endpoints.authorityHost}` : ""}: check ${label("tenantId")} (the directory (tenant) ID), ` +
                `and ${configKey("cloud")} if the tenant lives in a national cloud.`;
            break;
        case 700016:
            sentence =
                `Entra ID found no ${app} in ${tenant}: check ${label("clientId")} (the application (client) ID, not the object ID) ` +
                `and that the app is registered in, or consented to by, this tenant.`;
            break;
        case 700027:
        case 700023:
            sentence = `Entra ID rejected the certificate for ${app} in ${tenant}: upload its public certificate to the app registration (Certificates & secrets) or check ${kind === "clientCertificate" && settings?.clientCertificatePem ? label("clientCertificatePem") : label("clientCertificatePath")}.`;
            break;
        case 700024:
            sentence = `Entra ID rejected the client assertion for ${app} because it is outside its validity window: check the clock of this machine.`;
            break;
        case 7000112:
            sentence = `${capitalize(app)} is disabled in ${tenant}: enable the app registration's service principal (Enterprise applications → Properties → Enabled for users to sign in).`;
            break;
        case 70021:
        case 700211:
        case 700212:
        case 700213:
            sentence = `Entra ID found no federated credential on ${app} in ${tenant} matching the token in ${settings?.federatedTokenFile ?? label("federatedTokenFile")}: check the issuer, subject and audience of the app's federated credential.`;
            break;
        case 53003:
            sentence = `A Conditional Access policy in ${tenant} blocked the token for ${app}.`;
            break;
        case 500011:
            sentence = `Microsoft Graph (${endpoints?.scope ?? "its resource"}) is not available in ${tenant}: check ${configKey("cloud")}.`;
            break;
        default:
            if (isIdentityOutage(aad)) {
                sentence =
                    `${capitalize(identityPlatform(endpoints?.authorityHost))} is unavailable (${aad.statusCode !== undefined ? `HTTP ${aad.statusCode}` : aad.error}), so there is no access token for ${app} in ${tenant}. ` +
                    `The credential settings are not the problem: retry in a few minutes.`;
            } else if (aad.error === "invalid_client") {
                sentence = `Entra ID rejected the credentials of ${app} in ${tenant}: check ${kind === "clientSecret" ? label("clientSecret") : kind === "clientCertificate" ? "the certificate settings" : `${configKey("credential")} and the related settings`}.`;
            } else if (aad.error === "invalid_scope") {
                sentence = `Entra ID refused the token scope ${endpoints?.scope ?? ""} for ${app} in ${tenant}: check ${configKey("cloud")} and ${configKey("graphEndpoint")}.`;
            } else if (networkErrorCode(err) && TLS_CODES.test(networkErrorCode(err)!)) {
                sentence =
                    `The TLS certificate of the Entra ID authority ${endpoints?.authorityHost ?? ""} is not trusted (${networkErrorCode(err)}): ` +
                    `if a proxy or emulator sits in between, make Node trust its CA (NODE_EXTRA_CA_CERTS), otherwise check ${configKey("authorityHost")}.`;
            } else if (name === "CredentialUnavailableError" || name === "AggregateAuthenticationError") {
                sentence = credentialUnavailableSentence(rawMessage, settings, endpoints?.authorityHost);
            } else if (/ENOENT|no such file/i.test(rawMessage)) {
                sentence = `A credential file could not be read: check ${kind === "workloadIdentity" ? label("federatedTokenFile") : label("clientCertificatePath")}.`;
            } else if (/PEM|certificate|private key/i.test(rawMessage) && kind === "clientCertificate") {
                sentence = `The client certificate for ${app} could not be used: ${settings?.clientCertificatePem ? label("clientCertificatePem") : label("clientCertificatePath")} must contain a PEM certificate and its private key (and ${configKey("clientCertificatePassword")} if the key is encrypted).`;
            } else if (
                /network|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|certificate|fetch failed/i.test(
                    errorChainText(err),
                )
            ) {
                sentence =
                    `Could not reach ${identityPlatform(endpoints?.authorityHost)} to get an access token for ${app} in ${tenant}: it may be unavailable; retry in a few minutes. ` +
                    `If it keeps failing, check network access from this machine and ${configKey("authorityHost")}/${configKey("cloud")}.`;
            } else {
                sentence = `Could not get an access token for ${app} in ${tenant} with the ${kind ?? ""} credential: check ${configKey("credential")} and the related settings.`;
            }
    }

    const aadCode = aad.aadsts ? `AADSTS${aad.aadsts}` : undefined;
    const netCode = networkErrorCode(err);
    const details = serviceDetails(
        aad.error || aad.aadsts ? "Entra ID" : "token request",
        aad.statusCode,
        [aad.error, aadCode && !(aad.description ?? "").startsWith(aadCode) ? aadCode : undefined]
            .filter(Boolean)
            .join(" ") ||
            netCode ||
            name,
        aad.description ?? firstLine(errorChainText(err) || rawMessage),
        [
            ["trace ID", aad.traceId],
            ["correlation ID", aad.correlationId],
        ],
    );
    const description = aad.description ?? firstLine(rawMessage);
    return new GraphRequestError({
        kind: "authentication",
        message: redactSecrets(sentence + details, settings),
        status: aad.statusCode,
        code: aadCode ?? aad.error ?? name,
        graphMessage: redactSecrets(description, settings),
        requestId: aad.traceId ?? aad.correlationId,
        clientRequestId: ctx.clientRequestId,
        maybeApplied: false,
        method: ctx.method,
        path: ctx.path,
    });
}

/**
 * Whether Entra ID failed to serve a token request (a 5xx, or OAuth's `temporarily_unavailable` /
 * `server_error`): an outage on Microsoft's side, not a problem with the credential.
 */
function isIdentityOutage(aad: AadErrorInfo): boolean {
    return (
        (aad.statusCode !== undefined && aad.statusCode >= 500) ||
        aad.error === "temporarily_unavailable" ||
        aad.error === "server_error"
    );
}

/** "the Microsoft identity platform (Entra ID at <host>)", for messages. */
function identityPlatform(authorityHost: string | undefined): string {
    return `the Microsoft identity platform (Entra ID${authorityHost ? ` at ${authorityHost}` : ""})`;
}

function firstLine(text: string): string {
    return truncate(text.split("\n")[0].trim(), 400);
}

function credentialUnavailableSentence(
    message: string,
    settings: ConnectionConfig | undefined,
    authorityHost: string | undefined,
): string {
    const kind = settings ? effectiveCredentialKind(settings) : undefined;
    if (/endpoints_resolution_error|openid|discovery/i.test(message)) {
        return `Could not resolve the Entra ID endpoints of tenant ${settings?.tenantId ?? ""} at ${authorityHost ?? "the authority host"}: check ${configKey("tenantId")}, ${configKey("cloud")} and ${configKey("authorityHost")}, network access and TLS trust of that host.`;
    }
    switch (kind) {
        case "managedIdentity":
            return `No managed identity is available on this machine: run where a managed identity is assigned, set ${configKey("managedIdentityClientId")} for a user-assigned one, or choose another ${configKey("credential")}.`;
        case "azureCli":
            return `The Azure CLI credential is unavailable: install the Azure CLI and run \`az login --tenant ${settings?.tenantId ?? "<tenant>"}\`, or choose another ${configKey("credential")}.`;
        case "default":
            return (
                `No credential was found for tenant ${settings?.tenantId ?? ""}: set ${configKey("clientId")} and ${configKey("clientSecret")} (as a secret), ` +
                `or a certificate (${configKey("clientCertificatePem")}), or the AZURE_* environment variables, or sign in with \`az login\`.`
            );
        default:
            return `The ${kind ?? ""} credential is unavailable: check ${configKey("credential")} and the related settings.`;
    }
}

// ---------------------------------------------------------------------------------------------
// Network errors (no HTTP response)

/** The most specific error code in an error's cause chain (`ECONNRESET`, `UND_ERR_SOCKET`, …). */
export function networkErrorCode(err: unknown): string | undefined {
    const seen = new Set<unknown>();
    let cur: unknown = err;
    let found: string | undefined;
    while (cur && typeof cur === "object" && !seen.has(cur)) {
        seen.add(cur);
        const code = (cur as { code?: unknown }).code;
        if (typeof code === "string") found = code;
        cur = (cur as { cause?: unknown }).cause;
    }
    return found;
}

/** All messages in an error's cause chain, joined. */
export function errorChainText(err: unknown): string {
    const seen = new Set<unknown>();
    const parts: string[] = [];
    let cur: unknown = err;
    while (cur !== undefined && cur !== null && !seen.has(cur)) {
        seen.add(cur);
        if (typeof cur === "object") {
            const m = (cur as { message?: unknown }).message;
            if (typeof m === "string" && m) parts.push(m);
            cur = (cur as { cause?: unknown }).cause;
        } else {
            parts.push(String(cur));
            break;
        }
    }
    return parts.join(": ");
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|HOSTNAME|ALTNAME/;

/** Builds the user-facing error for a request that got no HTTP response (after retries). */
export function errorFromNetwork(err: unknown, ctx: RequestContext): GraphRequestError {
    const settings = ctx.settings;
    const code = networkErrorCode(err);
    const text = errorChainText(err);
    const endpoint = settings ? resolveEndpoints(settings).graphEndpoint : CLOUDS.global.graphEndpoint;
    const req = requestLabel(ctx);
    let sentence: string;
    if (code && TLS_CODES.test(code)) {
        sentence =
            `The TLS certificate of ${endpoint} is not trusted (${code}) for ${req}: if a proxy or emulator sits in between, ` +
            `make Node trust its CA (NODE_EXTRA_CA_CERTS), otherwise check ${configKey("graphEndpoint")}.`;
    } else if (ctx.maybeApplied) {
        sentence =
            `The connection to Microsoft Graph at ${endpoint} failed after ${req} was sent${retrySummary(ctx)}, so the request may or may not have been applied; ` +
            `it was not retried to avoid creating a duplicate.`;
    } else if (/timeout|TimeoutError|aborted/i.test(`${code ?? ""} ${text}`)) {
        sentence = `Microsoft Graph at ${endpoint} did not answer ${req} in time${retrySummary(ctx)}; try again, or raise ${configKey("requestTimeoutSeconds")}.`;
    } else {
        sentence = `Could not reach Microsoft Graph at ${endpoint} for ${req}${retrySummary(ctx)}: check network access, proxies and ${configKey("graphEndpoint")}/${configKey("cloud")}.`;
    }
    const details = ` (${[code, firstLine(text)].filter(Boolean).join(": ")}${ctx.clientRequestId ? `; client-request-id ${ctx.clientRequestId}` : ""})`;
    return new GraphRequestError({
        kind: "network",
        message: redactSecrets(sentence + details, settings),
        code,
        graphMessage: redactSecrets(firstLine(text), settings),
        clientRequestId: ctx.clientRequestId,
        maybeApplied: ctx.maybeApplied ?? false,
        method: ctx.method,
        path: ctx.path,
        attempts: ctx.attempts,
        retriedForMs: ctx.retriedForMs,
    });
}

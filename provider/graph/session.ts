/**
 * A Graph session: one credential (and its token cache), one Graph client with our middleware
 * chain, and the tenant's pacer — shared by every resource of the provider process.
 *
 * `@microsoft/microsoft-graph-client` and `@azure/identity` are required lazily inside
 * {@link openSession}; sessions live in a module-level cache and are never captured by a Pulumi
 * closure. Call {@link openSession} inside provider methods, from settings stored by `configure()`.
 *
 * Middleware chain: retry (429/503/504/network, one 401; every attempt holds a pacer slot until
 * its answer is in) → token (a bearer token fetched for each attempt, newly issued after a 401) →
 * the client's HTTPMessageHandler (global `fetch`). Each request's {@link RequestState} travels
 * through the chain as the client's per-request middleware option; the client returns the raw
 * `Response`, whose body the retry middleware has already read into that state.
 *
 * @packageDocumentation
 */

import { createHash, randomUUID } from "crypto";
import type { GraphRequest as ClientRequest } from "@microsoft/microsoft-graph-client";
import { type ResolvedEndpoints, resolveEndpoints } from "../config/clouds";
import {
    type ConnectionConfig,
    type ValidConnectionConfig,
    configKey,
    describeConnection,
    validateConnectionConfig,
} from "../config";
import { createCredential, probeAuthority } from "./credentials";
import { GraphRequestError } from "./errors";
import { errorFromCredential } from "./errors/entra";
import { isEndpointsResolutionError } from "./errors/entra-body";
import { errorFromResponse } from "./errors/graph";
import { errorFromNetwork } from "./errors/network";
import { redactSecrets } from "./redaction";
import { limitsFromConfig, pacerFor, resetPacers } from "./pacer";
import { RequestState } from "./request-state";
import { type RetryEvent, RetryMiddleware, policyFromConfig } from "./retry";
import { TokenMiddleware, TokenSource } from "./tokens";
import { traceBody, traceGraphRequest } from "./trace";

/** HTTP methods the session sends. */
export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One Graph request. */
export interface GraphRequest {
    /** HTTP method. */
    method: GraphMethod;
    /**
     * Path relative to the Graph beta root, with query, e.g.
     * `/deviceAppManagement/iosManagedAppProtections/T_x?$expand=apps,assignments`. Query values
     * must be URL-encoded by the caller. An absolute URL (an `@odata.nextLink`) is accepted if it
     * lies under this session's beta root.
     */
    path: string;
    /** JSON body (POST, PATCH). */
    body?: unknown;
    /**
     * Whether repeating the request after it may have reached Graph is harmless.
     * `false` for creates: they are retried only when Graph provably did not process them.
     * @default true, except for POST
     */
    idempotent?: boolean;
}

/** A successful Graph response (2xx). */
export interface GraphResponse<T> {
    /** HTTP status: 200, 201, 204 (PATCH and actions answer 204 without body). */
    status: number;
    /** Parsed JSON body; `undefined` for an empty body. */
    body: T | undefined;
    /** Graph's `request-id` response header. */
    requestId?: string;
    /** Graph's `Date` response header: the time by Graph's clock (whole seconds) when it answered. */
    date?: string;
}

/** A connection to Microsoft Graph for one tenant and identity. */
export interface GraphSession {
    /** The tenant this session talks to. */
    readonly tenantId: string;
    /** Resolved endpoints (Graph root, authority host, scope). */
    readonly endpoints: ResolvedEndpoints;
    /** Log-safe description (see `describeConnection`). */
    readonly description: string;
    /**
     * Sends one request, paced and retried.
     * @throws GraphRequestError for any non-2xx answer, token failure or network failure.
     */
    send<T>(req: GraphRequest): Promise<GraphResponse<T>>;
    /**
     * GETs a collection and follows `@odata.nextLink` to the end; returns all `value` items.
     * @throws Error when a link repeats or more than `maxPages` pages (default {@link MAX_PAGES}) come.
     */
    listAll<T>(path: string, options?: { maxPages?: number }): Promise<T[]>;
}

/** A log sink for retries and other noteworthy events; never receives secrets. */
export type GraphLogger = (line: string) => void;

let logger: GraphLogger | undefined;

/** Sets (or clears) the process-wide logger for retry and throttling events. */
export function setGraphLogger(sink: GraphLogger | undefined): void {
    logger = sink;
}

const sessions = new Map<string, GraphSession>();

/** Fields that decide whether two settings objects may share a session. */
function sessionKey(settings: ConnectionConfig, endpoints: ResolvedEndpoints): string {
    const identity = JSON.stringify([
        settings.credential,
        settings.clientSecret,
        settings.clientCertificatePath,
        settings.clientCertificatePem,
        settings.clientCertificatePassword,
        settings.federatedTokenFile,
        settings.managedIdentityClientId,
        endpoints.authorityHost,
        settings.writesPer20Seconds,
        settings.requestsPer20Seconds,
        settings.throttleWindowSeconds,
        settings.maxRetryDurationSeconds,
        settings.retryInitialDelayMs,
        settings.retryMaxDelayMs,
        settings.requestTimeoutSeconds,
    ]);
    // The secret only enters as a hash, so a rotated secret gets a fresh session and credential.
    const fingerprint = createHash("sha256").update(identity).digest("hex").slice(0, 32);
    return [
        settings.tenantId.toLowerCase(),
        (settings.clientId ?? "").toLowerCase(),
        endpoints.graphEndpoint.toLowerCase(),
        fingerprint,
    ].join("|");
}

/**
 * Returns the session for these settings, creating it on first use. All callers with the same
 * tenant, client, endpoint and credential share one session (one token cache); all sessions of a
 * tenant share one pacer.
 *
 * @throws ConfigError for invalid settings; GraphRequestError if the credential
 *   cannot be built.
 */
export function openSession(settings: ConnectionConfig): GraphSession {
    const valid = validateConnectionConfig(settings);
    const endpoints = resolveEndpoints(valid);
    const key = sessionKey(valid, endpoints);
    let session = sessions.get(key);
    if (!session) {
        session = createSession(valid, endpoints);
        sessions.set(key, session);
    }
    return session;
}

let generation = 0;

/** Forgets all cached sessions and pacers (tests; credential rotation within one process). */
export function resetGraphSessions(): void {
    sessions.clear();
    resetPacers();
    generation++;
}

/** Changes whenever {@link resetGraphSessions} runs, so holders of a session know to open a new one. */
export function sessionGeneration(): number {
    return generation;
}

/** Most pages {@link GraphSession.listAll} follows (100 items each: 50,000 policies). */
const MAX_PAGES = 500;

function createSession(settings: ValidConnectionConfig, endpoints: ResolvedEndpoints): GraphSession {
    const graph = require("@microsoft/microsoft-graph-client") as typeof import("@microsoft/microsoft-graph-client");

    let tokens: TokenSource;
    try {
        tokens = new TokenSource(() => createCredential(settings), endpoints.scope);
    } catch (err) {
        throw errorFromCredential(err, { settings });
    }
    const pacer = pacerFor(settings.tenantId, endpoints.graphEndpoint, limitsFromConfig(settings));
    const betaRoot = endpoints.graphBetaRoot;
    const onRetry = (e: RetryEvent): void => {
        const path = e.url.startsWith(betaRoot) ? e.url.slice(betaRoot.length) : e.url;
        logger?.(
            redactSecrets(
                `Microsoft Graph ${e.method} ${path}: ${e.reason}; retrying in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt + 1}, tenant ${settings.tenantId})`,
                settings,
            ),
        );
    };
    const client = graph.Client.initWithMiddleware({
        baseUrl: endpoints.graphEndpoint,
        defaultVersion: "beta",
        middleware: [
            new RetryMiddleware(policyFromConfig(settings), pacer, onRetry),
            new TokenMiddleware(tokens),
            new graph.HTTPMessageHandler(),
        ],
    });
    const timeoutMs = Math.round(settings.requestTimeoutSeconds * 1000);

    function relativePath(path: string): string {
        if (/^https?:\/\//i.test(path)) {
            if (!path.toLowerCase().startsWith(`${betaRoot.toLowerCase()}/`)) {
                throw new Error(`Refusing to send a Graph request outside ${betaRoot}: ${path}`);
            }
            return path.slice(betaRoot.length);
        }
        if (!path.startsWith("/"))
            throw new Error(`Graph paths must start with "/" (relative to ${betaRoot}): ${path}`);
        return path;
    }

    async function send<T>(req: GraphRequest): Promise<GraphResponse<T>> {
        const path = relativePath(req.path);
        const method = req.method.toUpperCase() as GraphMethod;
        const clientRequestId = randomUUID();
        const state = new RequestState(req.idempotent ?? method !== "POST", timeoutMs);
        const request = client
            .api(path)
            .middlewareOptions([state])
            .responseType(graph.ResponseType.RAW)
            .header("client-request-id", clientRequestId)
            .header("User-Agent", "pulumi-intune-app-protection");
        let raw: Response | undefined;
        try {
            raw = await sendBy(method, request, req.body);
        } catch (error) {
            // The client wraps what the middlewares threw; the retry middleware kept it unwrapped.
            if (state.failure === undefined) throw error;
        }
        const ctx = {
            settings,
            method,
            path,
            clientRequestId,
            attempts: state.attempts,
            retriedForMs: state.finishedAt && state.startedAt ? state.finishedAt - state.startedAt : undefined,
            maybeApplied: state.maybeApplied,
            tokenRenewed: state.tokenRenewed,
        };
        const traced = (status: number | null, text?: string) =>
            traceGraphRequest(settings, () => ({
                time: new Date().toISOString(),
                tenantId: settings.tenantId,
                method,
                path,
                requestBody: req.body,
                status,
                responseBody: text === undefined ? undefined : traceBody(text),
                requestId: raw?.headers.get("request-id") ?? undefined,
                attempts: state.attempts,
            }));
        if (!raw) {
            traced(null);
            let failure = state.failure ?? new Error("no response");
            if (failure instanceof GraphRequestError) throw failure;
            if (!state.tokenFailure) throw errorFromNetwork(failure, ctx);
            // The failure came from getting a token. MSAL hides why the authority could not be
            // resolved (unknown tenant, TLS, network): ask it once ourselves.
            if (isEndpointsResolutionError(failure)) failure = (await probeAuthority(settings)) ?? failure;
            throw errorFromCredential(failure, ctx);
        }
        const text = state.responseText;
        traced(raw.status, text);
        if (raw.status < 200 || raw.status >= 300) {
            throw errorFromResponse({ status: raw.status, body: text, headers: raw.headers }, ctx);
        }
        let body: T | undefined;
        if (text.trim() !== "") {
            try {
                body = JSON.parse(text) as T;
            } catch {
                throw new GraphRequestError({
                    kind: "server",
                    status: raw.status,
                    message: `Microsoft Graph answered ${method} ${path} with HTTP ${raw.status} but a body that is not JSON (request-id ${raw.headers.get("request-id") ?? "none"}).`,
                    requestId: raw.headers.get("request-id") ?? undefined,
                    clientRequestId,
                    method,
                    path,
                });
            }
        }
        return {
            status: raw.status,
            body,
            requestId: raw.headers.get("request-id") ?? undefined,
            date: raw.headers.get("date") ?? undefined,
        };
    }

    async function listAll<T>(path: string, options: { maxPages?: number } = {}): Promise<T[]> {
        const maxPages = options.maxPages ?? MAX_PAGES;
        const items: T[] = [];
        const seen = new Set<string>();
        let next: string | undefined = path;
        while (next) {
            const link = relativePath(next);
            if (seen.has(link)) {
                throw new Error(
                    `Microsoft Graph's list ${shorten(path)} sent a next-page link it had sent before (${shorten(link)}, after ${seen.size} pages), so listing stopped instead of reading the same pages forever; check ${configKey("graphEndpoint")} (${endpoints.graphEndpoint}) points at Microsoft Graph.`,
                );
            }
            if (seen.size >= maxPages) {
                throw new Error(
                    `Microsoft Graph's list ${shorten(path)} has more than ${maxPages} pages (${items.length} items read), the most one list may have; listing stopped.`,
                );
            }
            seen.add(link);
            const page: GraphResponse<{ value?: T[]; "@odata.nextLink"?: string }> = await send<{
                value?: T[];
                "@odata.nextLink"?: string;
            }>({ method: "GET", path: link });
            items.push(...(page.body?.value ?? []));
            next = page.body?.["@odata.nextLink"];
        }
        return items;
    }

    return Object.freeze({
        tenantId: settings.tenantId,
        endpoints,
        description: describeConnection(settings),
        send,
        listAll,
    });
}

/** Sends a built request with its method (a RAW response type: the fetch `Response`). */
function sendBy(method: GraphMethod, request: ClientRequest, body: unknown): Promise<Response> {
    switch (method) {
        case "GET":
            return request.get();
        case "POST":
            return request.post(body);
        case "PATCH":
            return request.patch(body ?? {});
        case "DELETE":
            return request.delete();
        default:
            throw new Error(`Unsupported Graph method ${String(method)}`);
    }
}

/** A path or link cut to 200 characters, for messages. */
function shorten(link: string): string {
    return link.length > 200 ? `${link.slice(0, 200)}… (${link.length} characters)` : link;
}

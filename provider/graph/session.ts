/**
 * A Graph session: one credential (and its token cache), one Graph client with our middleware
 * chain, and the tenant's pacer — shared by every resource of the provider process.
 *
 * `@microsoft/microsoft-graph-client` and `@azure/identity` are required lazily inside
 * {@link openSession}; sessions live in a module-level cache and are never captured by a Pulumi
 * closure. Call {@link openSession} inside provider methods, from settings stored by `configure()`.
 *
 * Middleware chain: capture (records failures so they reach us unwrapped) → AuthenticationHandler
 * (bearer token from the credential) → retry (429/503/504/network; every attempt holds a pacer slot
 * until its answer is in) → HTTPMessageHandler (global `fetch`).
 *
 * @packageDocumentation
 */

import { createHash, randomUUID } from "crypto";
import type { TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { type ResolvedEndpoints, resolveEndpoints } from "./clouds";
import { type ConnectionSettings, describeConnection, validateConnectionSettings } from "./connection";
import { createCredential, probeAuthority } from "./credentials";
import {
    GraphRequestError,
    errorFromCredential,
    errorFromNetwork,
    errorFromResponse,
    isEndpointsResolutionError,
    redactSecrets,
} from "./errors";
import { limitsFromSettings, pacerFor, resetPacers } from "./pacer";
import { RequestState, type RetryEvent, RetryMiddleware, policyFromSettings } from "./retry";

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
    /** GETs a collection and follows `@odata.nextLink` to the end; returns all `value` items. */
    listAll<T>(path: string): Promise<T[]>;
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
function sessionKey(settings: ConnectionSettings, endpoints: ResolvedEndpoints): string {
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
 * @throws ConnectionSettingsError for invalid settings; GraphRequestError if the credential
 *   cannot be built.
 */
export function openSession(settings: ConnectionSettings): GraphSession {
    const valid = validateConnectionSettings(settings);
    const endpoints = resolveEndpoints(valid);
    const key = sessionKey(valid, endpoints);
    let session = sessions.get(key);
    if (!session) {
        session = createSession(valid, endpoints);
        sessions.set(key, session);
    }
    return session;
}

/** Forgets all cached sessions and pacers (tests; credential rotation within one process). */
export function resetGraphSessions(): void {
    sessions.clear();
    resetPacers();
}

/** First middleware: keeps failures out of the Graph client's error wrapping. */
class CaptureMiddleware implements Middleware {
    private nextMiddleware: Middleware | undefined;
    setNext(next: Middleware): void {
        this.nextMiddleware = next;
    }
    async execute(context: Context): Promise<void> {
        try {
            await this.nextMiddleware!.execute(context);
        } catch (error) {
            const state = RequestState.of(context);
            if (!state) throw error;
            if (state.failure === undefined) state.failure = error;
            context.response = undefined;
        }
    }
}

/**
 * Wraps a credential so concurrent `getToken` calls share one token request (the first requests
 * of a parallel `pulumi up` would otherwise each miss MSAL's cache and ask Entra ID separately).
 */
function singleFlight(credential: TokenCredential): TokenCredential {
    const pending = new Map<string, ReturnType<TokenCredential["getToken"]>>();
    return {
        getToken(scopes, options) {
            const key = ([] as string[]).concat(scopes).join(" ");
            const existing = pending.get(key);
            if (existing) return existing;
            const p = credential.getToken(scopes, options).finally(() => pending.delete(key));
            pending.set(key, p);
            return p;
        },
    };
}

function createSession(settings: ConnectionSettings, endpoints: ResolvedEndpoints): GraphSession {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const graph = require("@microsoft/microsoft-graph-client") as typeof import("@microsoft/microsoft-graph-client");
    const { TokenCredentialAuthenticationProvider } =
        require("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials") as typeof import("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials");
    /* eslint-enable @typescript-eslint/no-require-imports */

    let credential: TokenCredential;
    try {
        credential = createCredential(settings);
    } catch (err) {
        throw errorFromCredential(err, { settings });
    }
    const authProvider = new TokenCredentialAuthenticationProvider(singleFlight(credential), {
        scopes: [endpoints.scope],
    });
    const pacer = pacerFor(settings.tenantId, endpoints.graphEndpoint, limitsFromSettings(settings));
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
        customHosts: endpoints.customHosts.length ? new Set(endpoints.customHosts) : undefined,
        middleware: [
            new CaptureMiddleware(),
            new graph.AuthenticationHandler(authProvider),
            new RetryMiddleware(policyFromSettings(settings), pacer, onRetry),
            new graph.HTTPMessageHandler(),
        ],
    });
    const timeoutMs = Math.round((settings.requestTimeoutSeconds ?? 100) * 1000);

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
            .middlewareOptions([state as never])
            .responseType("raw" as never)
            .header("client-request-id", clientRequestId)
            .header("User-Agent", "pulumi-intune-app-protection");
        let raw: Response | undefined;
        switch (method) {
            case "GET":
                raw = await request.get();
                break;
            case "POST":
                raw = await request.post(req.body === undefined ? undefined : req.body);
                break;
            case "PATCH":
                raw = await request.patch(req.body ?? {});
                break;
            case "DELETE":
                raw = await request.delete();
                break;
            default:
                throw new Error(`Unsupported Graph method ${String(req.method)}`);
        }
        const ctx = {
            settings,
            method,
            path,
            clientRequestId,
            attempts: state.attempts,
            retriedForMs: state.finishedAt && state.startedAt ? state.finishedAt - state.startedAt : undefined,
            maybeApplied: state.maybeApplied,
        };
        if (!raw) {
            let failure = state.failure ?? new Error("no response");
            if (failure instanceof GraphRequestError) throw failure;
            if (state.attempts > 0) throw errorFromNetwork(failure, ctx);
            // No attempt was made: the failure came from getting a token. MSAL hides why the
            // authority could not be resolved (unknown tenant, TLS, network): ask it once ourselves.
            if (isEndpointsResolutionError(failure)) failure = (await probeAuthority(settings)) ?? failure;
            throw errorFromCredential(failure, ctx);
        }
        const text = await raw.text();
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
        return { status: raw.status, body, requestId: raw.headers.get("request-id") ?? undefined };
    }

    async function listAll<T>(path: string): Promise<T[]> {
        const items: T[] = [];
        let next: string | undefined = path;
        while (next) {
            const page: GraphResponse<{ value?: T[]; "@odata.nextLink"?: string }> = await send<{
                value?: T[];
                "@odata.nextLink"?: string;
            }>({ method: "GET", path: next });
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

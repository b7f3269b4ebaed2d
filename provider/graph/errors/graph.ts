/**
 * Translates Microsoft Graph's HTTP error answers (after retries) into {@link GraphRequestError}s
 * that say what to fix: the permission to grant, the licence to assign, the endpoint to check.
 *
 * @packageDocumentation
 */

import { resolveEndpoints } from "../../config/clouds";
import { configKey, effectiveCredentialKind } from "../../config";
import { GRAPH_ENDPOINTS, permissionFor } from "../permissions";
import { redactSecrets } from "../redaction";
import {
    type ErrorResponseInfo,
    type ParsedGraphError,
    isGraphNotFound,
    looksUnlicensed,
    parseGraphErrorBody,
} from "./graph-body";
import { type GraphErrorKind, GraphRequestError } from ".";
import { type RequestContext, capitalize, requestLabel, retrySummary, serviceDetails, who } from "./phrases";

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

/**
 * What the error translators know about the failed request, and the wording they share: who
 * asked, which request, how long it was retried, and the service's details in parentheses.
 *
 * @packageDocumentation
 */

import { type ConnectionConfig, effectiveCredentialKind } from "../../config";

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

/** The identity the settings sign in as, e.g. "app <client id> in tenant <tenant id>". */
export function who(settings?: ConnectionConfig): string {
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

/** " after 3 attempts over 4.2 s", or nothing when the request was not retried. */
export function retrySummary(ctx: RequestContext): string {
    if (!ctx.attempts || ctx.attempts <= 1) return "";
    return ` after ${ctx.attempts} attempts over ${seconds(ctx.retriedForMs)}`;
}

/** "PATCH /deviceAppManagement/…", or "the request" when unknown. */
export function requestLabel(ctx: RequestContext): string {
    return ctx.method && ctx.path ? `${ctx.method} ${ctx.path}` : "the request";
}

/** `(Graph 403 Forbidden: "…"; request-id …; client-request-id …)` */
export function serviceDetails(
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

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max = 500): string {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The first line of `text`, cut to 400 characters. */
export function firstLine(text: string): string {
    return truncate(text.split("\n")[0].trim(), 400);
}

/** `text` with its first letter upper-cased. */
export function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

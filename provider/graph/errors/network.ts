/**
 * Translates a Graph request that got no HTTP answer (refused or dropped connection, timeout,
 * untrusted TLS certificate) into a {@link GraphRequestError}, saying whether it may have been
 * applied.
 *
 * @packageDocumentation
 */

import { CLOUDS, resolveEndpoints } from "../../config/clouds";
import { configKey } from "../../config";
import { errorChainText, isTlsTrustCode, networkErrorCode } from "../causes";
import { redactSecrets } from "../redaction";
import { GraphRequestError } from ".";
import { type RequestContext, firstLine, requestLabel, retrySummary } from "./phrases";

/** Builds the user-facing error for a request that got no HTTP response (after retries). */
export function errorFromNetwork(err: unknown, ctx: RequestContext): GraphRequestError {
    const settings = ctx.settings;
    const code = networkErrorCode(err);
    const text = errorChainText(err);
    const endpoint = settings ? resolveEndpoints(settings).graphEndpoint : CLOUDS.global.graphEndpoint;
    const req = requestLabel(ctx);
    let sentence: string;
    if (isTlsTrustCode(code)) {
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

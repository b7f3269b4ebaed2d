/**
 * Translates failures to get an access token from Entra ID (`@azure/identity` and MSAL errors,
 * AADSTS codes, an unreachable or untrusted authority) into {@link GraphRequestError}s that name
 * the `intune:*` setting to fix.
 *
 * @packageDocumentation
 */

import { resolveEndpoints } from "../../config/clouds";
import { type ConnectionConfig, configKey, configLabel, effectiveCredentialKind } from "../../config";
import { errorChainText, isTlsTrustCode, networkErrorCode } from "../causes";
import { redactSecrets } from "../redaction";
import { type AadErrorInfo, parseAadError } from "./entra-body";
import { GraphRequestError } from ".";
import { type RequestContext, capitalize, firstLine, serviceDetails } from "./phrases";

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
            } else if (isTlsTrustCode(networkErrorCode(err))) {
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

/**
 * The Azure AD side (spec 6): OpenID configuration and the v2.0 token endpoint for the
 * client-credentials grant with a client secret, a certificate-signed `client_assertion`
 * (ClientCertificateCredential) or a federated `client_assertion` (WorkloadIdentityCredential /
 * ClientAssertionCredential). Tokens are opaque random strings bound to (tenant, client, roles).
 */
import * as crypto from "crypto";
import { AadError } from "./errors";
import { GRAPH_SCOPES } from "./spec-facts";
import { ClientSpec, IssuedToken, Store, TenantState } from "./store";

export const TOKEN_LIFETIME_S = 3599;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const CLOCK_SKEW_S = 300;

/** Paths served by the token side: `/{tenant}/…`. */
export const TOKEN_PATH =
    /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/;

/** `GET /{tenant}/v2.0/.well-known/openid-configuration` (issuer on the same scheme/host/port). */
export function openIdConfiguration(baseUrl: string, tenant: TenantState): object {
    const t = tenant.tenantId;
    return {
        token_endpoint: `${baseUrl}/${t}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        jwks_uri: `${baseUrl}/${t}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: `${baseUrl}/${t}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
        authorization_endpoint: `${baseUrl}/${t}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${baseUrl}/${t}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${baseUrl}/${t}/oauth2/v2.0/logout`,
        claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver"],
        kerberos_endpoint: `${baseUrl}/${t}/kerberos`,
        tenant_region_scope: "EU",
        cloud_instance_name: "microsoftonline.com",
        cloud_graph_host_name: "graph.windows.net",
        msgraph_host: "graph.microsoft.com",
        rbac_url: "https://pas.windows.net",
    };
}

/** Error for an unknown tenant (both metadata and token endpoints). */
export function tenantNotFound(tenantId: string, error: "invalid_tenant" | "invalid_request"): AadError {
    return new AadError(
        400,
        error,
        90002,
        `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
}

const b64urlDecode = (s: string): Buffer => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
const b64url = (b: Buffer): string => b.toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** Verifies a certificate-signed client assertion (what msal-node builds for ClientCertificateCredential). */
function verifyCertificateAssertion(jwt: string, client: ClientSpec, tenant: TenantState): void {
    const invalid = (text: string) => new AadError(401, "invalid_client", 700027, text);
    const parts = jwt.split(".");
    if (parts.length !== 3) throw new AadError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    try {
        header = JSON.parse(b64urlDecode(parts[0]).toString("utf8"));
        payload = JSON.parse(b64urlDecode(parts[1]).toString("utf8"));
    } catch {
        throw new AadError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
    }
    if (!client.certificatePem)
        throw invalid("Client assertion contains an invalid signature. [Reason - The key was not found.]");
    const cert = new crypto.X509Certificate(client.certificatePem);
    const x5t = b64url(crypto.createHash("sha1").update(cert.raw).digest());
    const x5tS256 = b64url(crypto.createHash("sha256").update(cert.raw).digest());
    const presented = (header["x5t#S256"] ?? header.x5t) as string | undefined;
    if (presented !== x5t && presented !== x5tS256) {
        throw invalid(
            `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${String(presented)}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${client.clientId}'.]`,
        );
    }
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = b64urlDecode(parts[2]);
    let ok = false;
    if (header.alg === "RS256") ok = crypto.verify("sha256", data, cert.publicKey, sig);
    else if (header.alg === "PS256") {
        ok = crypto.verify(
            "sha256",
            data,
            {
                key: cert.publicKey,
                padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
                saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO,
            },
            sig,
        );
    }
    if (!ok) throw invalid("Client assertion failed signature validation.");
    if (payload.iss !== client.clientId || payload.sub !== client.clientId) {
        throw new AadError(
            401,
            "invalid_client",
            700021,
            "Client assertion application identifier doesn't match 'client_id' parameter.",
        );
    }
    const aud = String(payload.aud ?? "");
    if (!aud.toLowerCase().endsWith(`/${tenant.tenantId.toLowerCase()}/oauth2/v2.0/token`)) {
        throw new AadError(
            401,
            "invalid_client",
            700016,
            `Client assertion audience claim '${aud}' does not match the token endpoint.`,
        );
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = Number(payload.exp);
    const nbf = payload.nbf === undefined ? now : Number(payload.nbf);
    if (!(exp + CLOCK_SKEW_S > now) || nbf - CLOCK_SKEW_S > now) {
        throw new AadError(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
    }
}

/** Authenticates the client of a token request; throws AadError. */
function authenticate(form: URLSearchParams, client: ClientSpec, tenant: TenantState): void {
    const secret = form.get("client_secret");
    const assertion = form.get("client_assertion");
    if (secret !== null) {
        if (client.secret === undefined || secret !== client.secret) {
            throw new AadError(
                401,
                "invalid_client",
                7000215,
                `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
            );
        }
        if (client.secretExpired) {
            throw new AadError(
                401,
                "invalid_client",
                7000222,
                `The provided client secret keys for app '${client.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
            );
        }
        return;
    }
    if (assertion !== null) {
        if (form.get("client_assertion_type") !== ASSERTION_TYPE) {
            throw new AadError(400, "invalid_request", 90005, "Unsupported client_assertion_type.");
        }
        if ((client.federatedTokens ?? []).includes(assertion)) return;
        let header: Record<string, unknown> = {};
        try {
            header = JSON.parse(b64urlDecode(assertion.split(".")[0]).toString("utf8"));
        } catch {
            /* not a JWT header */
        }
        if (header.x5t || header["x5t#S256"]) return verifyCertificateAssertion(assertion, client, tenant);
        throw new AadError(
            400,
            "invalid_request",
            70021,
            "No matching federated identity record found for presented assertion. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
        );
    }
    throw new AadError(
        401,
        "invalid_client",
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
}

/** `POST /{tenant}/oauth2/v2.0/token`: returns the token response JSON; throws AadError. */
export function issueToken(store: Store, tenantId: string, form: URLSearchParams): { body: object; clientId: string } {
    const tenant = store.tenant(tenantId);
    if (!tenant) throw tenantNotFound(tenantId, "invalid_request");
    const grant = form.get("grant_type");
    if (grant !== "client_credentials") {
        throw new AadError(
            400,
            "unsupported_grant_type",
            70003,
            `The app requested an unsupported grant type '${grant ?? ""}'.`,
        );
    }
    const clientId = form.get("client_id") ?? "";
    if (!clientId)
        throw new AadError(
            400,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    const client = tenant.clients.get(clientId.toLowerCase());
    if (!client) {
        throw new AadError(
            400,
            "unauthorized_client",
            700016,
            `Application with identifier '${clientId}' was not found in the directory '${tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        );
    }
    authenticate(form, client, tenant);
    const scope = (form.get("scope") ?? "").trim();
    const scopes = scope.split(/\s+/).filter(Boolean);
    if (scopes.length !== 1 || !scopes[0].endsWith("/.default")) {
        throw new AadError(
            400,
            "invalid_scope",
            1002012,
            `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
    }
    if (!GRAPH_SCOPES.has(scopes[0])) {
        const resource = scopes[0].replace(/\/\.default$/, "");
        throw new AadError(
            400,
            "invalid_resource",
            500011,
            `The resource principal named ${resource} was not found in the tenant named ${tenant.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
        );
    }
    const issued: IssuedToken = {
        token: `emu.${crypto.randomBytes(32).toString("base64url")}`,
        tenantId: tenant.tenantId,
        clientId: client.clientId,
        roles: [...(client.roles ?? [])],
        expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000,
    };
    store.addToken(issued);
    return {
        clientId: client.clientId,
        body: {
            token_type: "Bearer",
            expires_in: TOKEN_LIFETIME_S,
            ext_expires_in: TOKEN_LIFETIME_S,
            access_token: issued.token,
        },
    };
}

/** Form fields as logged (secrets and assertions redacted). */
export function redactForm(form: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of form) out[k] = k === "client_secret" || k === "client_assertion" ? "[redacted]" : v;
    return out;
}

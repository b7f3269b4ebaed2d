import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from "@azure/identity";
import type { ConnectionConfig } from "../../provider/config";
import { GraphRequestError, isNotFound } from "../../provider/graph/errors";
import { errorFromCredential } from "../../provider/graph/errors/entra";
import { errorFromResponse } from "../../provider/graph/errors/graph";
import { isGraphNotFound, parseGraphErrorBody, unwrapIntuneMessage } from "../../provider/graph/errors/graph-body";
import { errorFromNetwork } from "../../provider/graph/errors/network";
import { redactSecrets } from "../../provider/graph/redaction";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const SECRET = "Abc8Q~verySecretValue_123";
const settings: ConnectionConfig = {
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: SECRET,
    sources: { clientSecret: "intune:clientSecret" },
};
const REQUEST_ID = "aaaaaaaa-0000-4000-8000-000000000001";

function graphBody(code: string, message: string): string {
    return JSON.stringify({
        error: {
            code,
            message,
            innerError: {
                date: "2026-01-01T00:00:00",
                "request-id": REQUEST_ID,
                "client-request-id": "cccccccc-0000-4000-8000-000000000002",
            },
        },
    });
}

const intune404Message =
    '{\r\n  "_version": 3,\r\n  "Message": "An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b0c - Url: https://fef.msua06.manage.microsoft.com/MAMAdmin/MAMAdminFEService/deviceAppManagement/iosManagedAppProtections(\'T_x\')?api-version=5025-04-01",\r\n  "CustomApiErrorPhrase": "",\r\n  "RetryAfter": null,\r\n  "ErrorSourceService": "",\r\n  "HttpHeaders": "{}"\r\n}';

function expectNoSecrets(err: GraphRequestError): void {
    const all = `${err.message}\n${err.graphMessage ?? ""}\n${JSON.stringify(err)}`;
    expect(all).not.toContain(SECRET);
    expect(all).not.toMatch(/Bearer [A-Za-z0-9]/);
}

describe("Intune message unwrapping", () => {
    it("returns the Message of the JSON-in-a-string form", () => {
        const u = unwrapIntuneMessage(intune404Message);
        expect(u.message).toMatch(/^An error has occurred - Operation ID/);
        expect(u.retryAfterSeconds).toBeUndefined();
        expect(unwrapIntuneMessage("Plain text.")).toEqual({ message: "Plain text." });
        expect(
            unwrapIntuneMessage('{"_version":3,"Message":"Forbidden","ErrorCode":"Forbidden","RetryAfter":"5"}'),
        ).toEqual({ message: "Forbidden", errorCode: "Forbidden", retryAfterSeconds: 5 });
        // Intune's 403: an outer document whose Message is the _version 3 document
        const outer = JSON.stringify({
            ErrorCode: "Forbidden",
            Message: intune404Message.replace("An error has occurred", "No licence"),
            Target: null,
            Details: null,
            InnerError: null,
            InstanceAnnotations: [],
        });
        expect(unwrapIntuneMessage(outer)).toEqual({
            message: expect.stringMatching(/^No licence - Operation ID/),
            errorCode: "Forbidden",
        });
    });

    it("parses the Graph envelope", () => {
        expect(parseGraphErrorBody(graphBody("ResourceNotFound", intune404Message))).toMatchObject({
            code: "ResourceNotFound",
            requestId: REQUEST_ID,
            message: expect.stringMatching(/^An error has occurred/),
        });
        expect(parseGraphErrorBody("<html>Bad gateway</html>")).toEqual({ message: "<html>Bad gateway</html>" });
        expect(parseGraphErrorBody("")).toEqual({});
    });
});

describe("errorFromResponse", () => {
    const ctx = {
        settings,
        method: "GET",
        path: "/deviceAppManagement/iosManagedAppProtections/T_x",
        clientRequestId: "cid",
    };

    it("403 names the missing application permission", () => {
        const err = errorFromResponse(
            {
                status: 403,
                body: graphBody(
                    "Forbidden",
                    "Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All",
                ),
            },
            { ...ctx, method: "POST" },
        );
        expect(err).toBeInstanceOf(GraphRequestError);
        expect(err.kind).toBe("permission");
        expect(err.message).toMatch(new RegExp(`App ${CLIENT} in tenant ${TENANT} is not allowed to change`));
        expect(err.message).toMatch(
            /application permission DeviceManagementApps\.ReadWrite\.All and grant admin consent/,
        );
        expect(err.message).toContain(`Graph 403 Forbidden: "Application is not authorized`);
        expect(err.message).toContain(`request-id ${REQUEST_ID}`);
        expect(err).toMatchObject({ status: 403, code: "Forbidden", requestId: REQUEST_ID, maybeApplied: false });
    });

    it("403 names the permission of the endpoint that refused, from the permission table", () => {
        const denied = graphBody("Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        const cases: [string, string, RegExp, RegExp][] = [
            [
                "GET",
                "/groups?$filter=displayName%20eq%20'Sales'&$select=id,displayName",
                /is not allowed to look up groups by display name .*permission GroupMember\.Read\.All \(or Group\.Read\.All or Directory\.Read\.All\)/,
                /DeviceManagementApps/,
            ],
            [
                "GET",
                "/deviceManagement/assignmentFilters/f1",
                /is not allowed to read assignment filters .*permission DeviceManagementConfiguration\.Read\.All/,
                /DeviceManagementApps/,
            ],
            [
                "GET",
                "/deviceAppManagement/iosManagedAppProtections?$top=1",
                /is not allowed to read Intune app protection policies .*permission DeviceManagementApps\.ReadWrite\.All and/,
                /GroupMember/,
            ],
        ];
        for (const [method, path, names, notNames] of cases) {
            const err = errorFromResponse({ status: 403, body: denied }, { ...ctx, method, path });
            expect(err.kind).toBe("permission");
            expect(err.message).toMatch(names);
            expect(err.message.split("(Graph 403")[0]).not.toMatch(notNames);
        }
    });

    it("403 without licence says so", () => {
        const msg = JSON.stringify({
            _version: 3,
            Message: "Tenant is not licensed for Intune. - Operation ID (for customer support): 0",
            ErrorCode: "Forbidden",
        });
        const err = errorFromResponse({ status: 403, body: graphBody("Forbidden", msg) }, ctx);
        expect(err.kind).toBe("unlicensed");
        expect(err.message).toMatch(/no active Intune licence/);
        expect(err.graphMessage).toBe("Tenant is not licensed for Intune. - Operation ID (for customer support): 0");
    });

    it("404 unwraps Intune's message and is recognisable", () => {
        const err = errorFromResponse({ status: 404, body: graphBody("ResourceNotFound", intune404Message) }, ctx);
        expect(err.kind).toBe("notFound");
        expect(err.message).toMatch(/found nothing at \/deviceAppManagement\/iosManagedAppProtections\/T_x/);
        expect(err.message).toContain('ResourceNotFound: "An error has occurred - Operation ID');
        expect(err.message).not.toContain("_version");
    });

    it("400 carries Graph's validation message", () => {
        const err = errorFromResponse(
            {
                status: 400,
                body: graphBody(
                    "ModelValidationFailure",
                    "The property 'wifiBlocked' does not exist on type 'microsoft.management.services.api.iosManagedAppProtection'.",
                ),
            },
            { ...ctx, method: "PATCH" },
        );
        expect(err.kind).toBe("validation");
        expect(err.message).toMatch(
            /rejected PATCH .* as invalid \(HTTP 400\): The property 'wifiBlocked' does not exist/,
        );
        expect(err.code).toBe("ModelValidationFailure");
    });

    it("429 says how long it retried", () => {
        const err = errorFromResponse(
            { status: 429, body: graphBody("TooManyRequests", "Too many requests.") },
            { ...ctx, attempts: 7, retriedForMs: 61_400 },
        );
        expect(err.kind).toBe("throttled");
        expect(err.message).toMatch(/after 7 attempts over 61 s/);
        expect(err.message).toMatch(/intune:writesPer20Seconds/);
    });

    it("401 points at cloud and tenant; headers supply the request id", () => {
        const headers = new Headers({ "request-id": "hdr-id" });
        const err = errorFromResponse(
            {
                status: 401,
                body: JSON.stringify({
                    error: { code: "InvalidAuthenticationToken", message: "Access token validation failure." },
                }),
                headers,
            },
            ctx,
        );
        expect(err.kind).toBe("unauthorized");
        expect(err.requestId).toBe("hdr-id");
        expect(err.message).toMatch(/did not accept the access token/);
    });

    it("5xx on a create says it may have been applied", () => {
        const err = errorFromResponse({ status: 504, body: "" }, { ...ctx, method: "POST", maybeApplied: true });
        expect(err).toMatchObject({ kind: "server", maybeApplied: true });
        expect(err.message).toMatch(/may nevertheless have been applied/);
    });
});

describe("errorFromCredential", () => {
    const aadBody = (error: string, code: number, text: string) => ({
        error,
        error_description: `AADSTS${code}: ${text} Trace ID: 0d1e2f00-0000-0000-0000-000000000001 Correlation ID: 0d1e2f00-0000-0000-0000-000000000002 Timestamp: 2026-01-01 00:00:00Z`,
        error_codes: [code],
        trace_id: "0d1e2f00-0000-0000-0000-000000000001",
        correlation_id: "0d1e2f00-0000-0000-0000-000000000002",
    });

    it("explains a rejected client secret (AuthenticationError)", () => {
        const err = errorFromCredential(
            new AuthenticationError(401, aadBody("invalid_client", 7000215, "Invalid client secret provided.")),
            { settings },
        );
        expect(err.kind).toBe("authentication");
        expect(err.message).toMatch(
            new RegExp(
                `Entra ID rejected the client secret for app ${CLIENT} in tenant ${TENANT}: check intune:clientSecret`,
            ),
        );
        expect(err.message).toContain("AADSTS7000215: Invalid client secret provided.");
        expect(err.message).toContain("trace ID 0d1e2f00-0000-0000-0000-000000000001");
        expect(err.code).toBe("AADSTS7000215");
        expectNoSecrets(err);
    });

    it("explains a rejected client secret (MSAL text inside AuthenticationRequiredError)", () => {
        const msal =
            "invalid_client: Error(s): 7000215 - Timestamp: 2026-01-01 00:00:00Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Trace ID: t Correlation ID: c Timestamp: x - Correlation ID: 0d1e2f00-0000-0000-0000-000000000002 - Trace ID: 0d1e2f00-0000-0000-0000-000000000001";
        const cause = Object.assign(new Error(msal), { name: "ServerError", errorCode: "invalid_client" });
        const err = errorFromCredential(
            new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: msal, cause }),
            { settings },
        );
        expect(err.message).toMatch(/rejected the client secret .* check intune:clientSecret/);
        expect(err.code).toBe("AADSTS7000215");
        expect(err.graphMessage).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    });

    it("explains an unknown tenant and an unknown app", () => {
        const tenant = errorFromCredential(
            new AuthenticationError(400, aadBody("invalid_request", 90002, `Tenant '${TENANT}' not found.`)),
            { settings: { ...settings, sources: { tenantId: "AZURE_TENANT_ID" } } },
        );
        expect(tenant.message).toMatch(
            new RegExp(`does not know tenant ${TENANT} at https://login.microsoftonline.com: check AZURE_TENANT_ID`),
        );
        const app = errorFromCredential(
            new AuthenticationError(
                400,
                aadBody(
                    "unauthorized_client",
                    700016,
                    `Application with identifier '${CLIENT}' was not found in the directory.`,
                ),
            ),
            { settings },
        );
        expect(app.message).toMatch(
            /found no app .* check intune:clientId \(the application \(client\) ID, not the object ID\)/,
        );
    });

    it("says an identity platform outage is one, and that retrying is the fix, not the credential", () => {
        const transient = errorFromCredential(
            new AuthenticationError(
                503,
                aadBody("temporarily_unavailable", 90033, "A transient error has occurred. Please try again."),
            ),
            { settings },
        );
        expect(transient.message).toMatch(
            new RegExp(
                `^The Microsoft identity platform \\(Entra ID at https://login\\.microsoftonline\\.com\\) is unavailable \\(HTTP 503\\), so there is no access token for app ${CLIENT} in tenant ${TENANT}\\. The credential settings are not the problem: retry in a few minutes\\.`,
            ),
        );
        expect(transient.message).toContain("AADSTS90033");
        const msal =
            "server_error: Error(s): 50000 - Description: AADSTS50000: There was an error issuing a token or an issue with our sign-in service.";
        const cause = Object.assign(new Error(msal), { name: "ServerError", errorCode: "server_error" });
        const serverError = errorFromCredential(
            new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: msal, cause }),
            { settings },
        );
        expect(serverError.message).toMatch(
            /^The Microsoft identity platform \(Entra ID at https:\/\/login\.microsoftonline\.com\) is unavailable \(server_error\), so there is no access token/,
        );
        for (const err of [transient, serverError]) expect(err.message).not.toMatch(/intune:(credential|clientSecret)/);
    });

    it("explains an unavailable default credential", () => {
        const err = errorFromCredential(
            new CredentialUnavailableError("DefaultAzureCredential failed to retrieve a token"),
            { settings: { tenantId: TENANT } },
        );
        expect(err.message).toMatch(/No credential was found for tenant .*intune:clientSecret/);
    });
});

describe("errorFromNetwork", () => {
    it("marks a maybe-applied create", () => {
        const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
        const err = errorFromNetwork(new TypeError("fetch failed", { cause }), {
            settings,
            method: "POST",
            path: "/deviceAppManagement/iosManagedAppProtections",
            maybeApplied: true,
            clientRequestId: "cid-1",
        });
        expect(err).toMatchObject({
            kind: "network",
            maybeApplied: true,
            code: "UND_ERR_SOCKET",
            clientRequestId: "cid-1",
        });
        expect(err.message).toMatch(/may or may not have been applied/);
    });

    it("explains an untrusted certificate", () => {
        const cause = Object.assign(new Error("self-signed certificate in certificate chain"), {
            code: "SELF_SIGNED_CERT_IN_CHAIN",
        });
        const err = errorFromNetwork(new TypeError("fetch failed", { cause }), {
            settings: { tenantId: TENANT, graphEndpoint: "https://127.0.0.1:1234" },
            method: "GET",
            path: "/x",
        });
        expect(err.message).toMatch(
            /TLS certificate of https:\/\/127\.0\.0\.1:1234 is not trusted.*NODE_EXTRA_CA_CERTS/,
        );
    });
});

describe("redactSecrets", () => {
    it("removes tokens, secrets and keys", () => {
        const text = `Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.eyJhdWQiOiJodHRwczovL2dyYXBo.sig client_secret=${SECRET}&x=1 {"access_token":"abc.def"} -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- ${SECRET}`;
        const out = redactSecrets(text, settings);
        expect(out).not.toContain(SECRET);
        expect(out).not.toContain("eyJ0eXAi");
        expect(out).not.toContain("abc.def");
        expect(out).not.toContain("MIIE");
        expect(out).toContain("Bearer [redacted]");
    });
});

describe("what counts as Graph's own not-found", () => {
    const json = (extra: Record<string, string> = {}) => new Headers({ "Content-Type": "application/json", ...extra });
    const ctx = { settings, method: "GET", path: "/deviceAppManagement/iosManagedAppProtections/T_x" };

    it("a JSON error envelope with a not-found code and Graph's request id", () => {
        expect(
            isGraphNotFound({ status: 404, body: graphBody("ResourceNotFound", intune404Message), headers: json() }),
        ).toBe(true);
        const bare = JSON.stringify({ error: { code: "NotFound", message: "gone" } });
        expect(isGraphNotFound({ status: 404, body: bare, headers: json({ "request-id": REQUEST_ID }) })).toBe(true);
    });

    it("not an HTML page, another code, a body without the envelope or without any request id", () => {
        const html = new Headers({ "Content-Type": "text/html" });
        expect(isGraphNotFound({ status: 404, body: "<html>404</html>", headers: html })).toBe(false);
        expect(isGraphNotFound({ status: 404, body: graphBody("BadRequest", "no route"), headers: json() })).toBe(
            false,
        );
        expect(
            isGraphNotFound({
                status: 404,
                body: '{"message":"Not Found"}',
                headers: json({ "request-id": REQUEST_ID }),
            }),
        ).toBe(false);
        const bare = JSON.stringify({ error: { code: "NotFound", message: "gone" } });
        expect(isGraphNotFound({ status: 404, body: bare, headers: json() })).toBe(false);
    });

    it("errorFromResponse makes only Graph's not-found a notFound error; any other 404 names intune:graphEndpoint", () => {
        const gone = errorFromResponse(
            { status: 404, body: graphBody("ResourceNotFound", intune404Message), headers: json() },
            ctx,
        );
        expect(isNotFound(gone)).toBe(true);
        const html = errorFromResponse(
            {
                status: 404,
                body: "<html><body>Not Found</body></html>",
                headers: new Headers({ "Content-Type": "text/html" }),
            },
            ctx,
        );
        expect(isNotFound(html)).toBe(false);
        expect(html.kind).toBe("notGraph");
        expect(html.message).toMatch(
            /not in Microsoft Graph's error format \(text\/html\).*check that intune:graphEndpoint/,
        );
    });

    it("a 401 after the token was renewed blames the credential, not the endpoint settings", () => {
        const first = errorFromResponse({ status: 401, body: graphBody("InvalidAuthenticationToken", "expired") }, ctx);
        expect(first.message).toMatch(/intune:graphEndpoint/);
        const renewed = errorFromResponse(
            { status: 401, body: graphBody("InvalidAuthenticationToken", "expired") },
            { ...ctx, tokenRenewed: true },
        );
        expect(renewed.kind).toBe("unauthorized");
        expect(renewed.message).toMatch(/also one newly issued by Entra ID for the retry.*Check the credential/);
        expect(renewed.message).not.toMatch(/graphEndpoint/);
    });
});

import {
    ClientAssertionCredential,
    ClientCertificateCredential,
    ClientSecretCredential,
    WorkloadIdentityCredential,
} from "@azure/identity";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateClientCertificate } from "../../emulator/certs";
import { CLIENT, defaultTenant, SECRET, startTestEmulator, TENANT, TestEmulator } from "../support/emulator-kit";

const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
const CERT_CLIENT = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const FED_CLIENT = "4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";
const FEDERATED = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpwdWx1bWkifQ.c2ln";

describe("token side", () => {
    let t: TestEmulator;
    const cert = generateClientCertificate("pulumi-intune");
    const otherCert = generateClientCertificate("someone-else");
    let tmp: string;

    beforeAll(async () => {
        t = await startTestEmulator({
            tenants: [
                defaultTenant({
                    clients: [
                        { clientId: CLIENT, secret: SECRET },
                        { clientId: CERT_CLIENT, certificatePem: cert.certPem },
                        { clientId: FED_CLIENT, federatedTokens: [FEDERATED] },
                    ],
                }),
            ],
        });
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "emu-auth-"));
    });
    afterAll(async () => {
        await t.emu.close();
        fs.rmSync(tmp, { recursive: true, force: true });
    });
    const opts = () => ({ authorityHost: t.emu.url, disableInstanceDiscovery: true });

    test("openid-configuration has the issuer on the same scheme/host/port", async () => {
        const res = await fetch(`${t.emu.url}/${TENANT}/v2.0/.well-known/openid-configuration`);
        expect(res.status).toBe(200);
        const doc = (await res.json()) as Record<string, string>;
        expect(doc.issuer).toBe(`${t.emu.url}/${TENANT}/v2.0`);
        expect(doc.token_endpoint).toBe(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`);
        expect(doc.authorization_endpoint).toBeDefined();
        expect(doc.jwks_uri).toBeDefined();
    });

    test("ClientSecretCredential gets a token; MSAL caches it", async () => {
        t.emu.clearLog();
        const cred = new ClientSecretCredential(TENANT, CLIENT, SECRET, opts());
        const tok = await cred.getToken(GRAPH_SCOPE);
        expect(tok.token).toMatch(/^emu\./);
        expect(tok.expiresOnTimestamp - Date.now()).toBeGreaterThan(3000_000);
        await cred.getToken(GRAPH_SCOPE);
        expect(t.emu.count({ kind: "token" })).toBe(1);
        expect(t.emu.count({ kind: "metadata" })).toBe(1);
        const logged = t.emu.requests.find((r) => r.kind === "token")!;
        expect(logged).toMatchObject({ tenantId: TENANT, clientId: CLIENT, method: "POST", status: 200 });
        expect((logged.body as Record<string, string>).client_secret).toBe("[redacted]");
        expect((logged.body as Record<string, string>).grant_type).toBe("client_credentials");
    });

    test("wrong secret fails with AADSTS7000215 (401 invalid_client)", async () => {
        const cred = new ClientSecretCredential(TENANT, CLIENT, "wrong", opts());
        await expect(cred.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS7000215/);
        const res = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, {
            method: "POST",
            body: new URLSearchParams({
                client_id: CLIENT,
                client_secret: "wrong",
                grant_type: "client_credentials",
                scope: GRAPH_SCOPE,
            }),
        });
        expect(res.status).toBe(401);
        const body = (await res.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
        expect(body.error_description).toMatch(
            /^AADSTS7000215: Invalid client secret provided\..*Trace ID: .* Correlation ID: .* Timestamp: /,
        );
        expect(body).toHaveProperty("trace_id");
        expect(body).toHaveProperty("correlation_id");
        expect(body).toHaveProperty("timestamp");
    });

    test("unknown tenant → 400 AADSTS90002; unknown client → 400 unauthorized_client AADSTS700016", async () => {
        const form = (client: string) =>
            new URLSearchParams({
                client_id: client,
                client_secret: SECRET,
                grant_type: "client_credentials",
                scope: GRAPH_SCOPE,
            });
        let res = await fetch(`${t.emu.url}/00000000-dead-beef-0000-000000000000/oauth2/v2.0/token`, {
            method: "POST",
            body: form(CLIENT),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: "invalid_request", error_codes: [90002] });
        res = await fetch(`${t.emu.url}/00000000-dead-beef-0000-000000000000/v2.0/.well-known/openid-configuration`);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
        res = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, {
            method: "POST",
            body: form("99999999-9999-4999-8999-999999999999"),
        });
        expect(res.status).toBe(400);
        const body = (await res.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
        const cred = new ClientSecretCredential(TENANT, "99999999-9999-4999-8999-999999999999", SECRET, opts());
        await expect(cred.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS700016/);
    });

    test("non-Graph scope is refused", async () => {
        const res = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, {
            method: "POST",
            body: new URLSearchParams({
                client_id: CLIENT,
                client_secret: SECRET,
                grant_type: "client_credentials",
                scope: "https://management.azure.com/.default",
            }),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: "invalid_resource", error_codes: [500011] });
    });

    test("ClientCertificateCredential (PEM with key) works; a different key is refused", async () => {
        const good = new ClientCertificateCredential(
            TENANT,
            CERT_CLIENT,
            { certificate: cert.keyPem + cert.certPem },
            opts(),
        );
        const tok = await good.getToken(GRAPH_SCOPE);
        expect(tok.token).toMatch(/^emu\./);
        const pemFile = path.join(tmp, "client.pem");
        fs.writeFileSync(pemFile, cert.keyPem + cert.certPem);
        const fromFile = new ClientCertificateCredential(TENANT, CERT_CLIENT, pemFile, {
            ...opts(),
            sendCertificateChain: true,
        });
        expect((await fromFile.getToken(GRAPH_SCOPE)).token).toMatch(/^emu\./);
        const bad = new ClientCertificateCredential(
            TENANT,
            CERT_CLIENT,
            { certificate: otherCert.keyPem + otherCert.certPem },
            opts(),
        );
        await expect(bad.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS700027/);
    });

    test("a forged signature with the right thumbprint is refused", async () => {
        // header claims the registered cert but the signature comes from another key
        const { X509Certificate, createHash, createPrivateKey, sign } = await import("crypto");
        const x5t = createHash("sha256").update(new X509Certificate(cert.certPem).raw).digest("base64url");
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        const now = Math.floor(Date.now() / 1000);
        const head = enc({ alg: "RS256", typ: "JWT", "x5t#S256": x5t });
        const payload = enc({
            aud: `${t.emu.url}/${TENANT}/oauth2/v2.0/token`,
            iss: CERT_CLIENT,
            sub: CERT_CLIENT,
            exp: now + 600,
            nbf: now,
            jti: "x",
        });
        const sig = sign("sha256", Buffer.from(`${head}.${payload}`), createPrivateKey(otherCert.keyPem)).toString(
            "base64url",
        );
        const res = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, {
            method: "POST",
            body: new URLSearchParams({
                client_id: CERT_CLIENT,
                client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                client_assertion: `${head}.${payload}.${sig}`,
                grant_type: "client_credentials",
                scope: GRAPH_SCOPE,
            }),
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: "invalid_client", error_codes: [700027] });
    });

    test("federated assertion: ClientAssertionCredential and WorkloadIdentityCredential (token file)", async () => {
        const assertionCred = new ClientAssertionCredential(TENANT, FED_CLIENT, async () => FEDERATED, opts());
        expect((await assertionCred.getToken(GRAPH_SCOPE)).token).toMatch(/^emu\./);
        const file = path.join(tmp, "federated-token");
        fs.writeFileSync(file, FEDERATED);
        const wi = new WorkloadIdentityCredential({
            tenantId: TENANT,
            clientId: FED_CLIENT,
            tokenFilePath: file,
            ...opts(),
        });
        expect((await wi.getToken(GRAPH_SCOPE)).token).toMatch(/^emu\./);
        const wrong = new ClientAssertionCredential(TENANT, FED_CLIENT, async () => "not-the-registered-token", opts());
        await expect(wrong.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS70021/);
    });

    test("token endpoint fault injection (500 once, then OK) is counted", async () => {
        t.emu.clearLog();
        t.emu.injectFault({ kind: "token", nth: 1, times: 1, status: 503 });
        const form = new URLSearchParams({
            client_id: CLIENT,
            client_secret: SECRET,
            grant_type: "client_credentials",
            scope: GRAPH_SCOPE,
        });
        const r1 = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, { method: "POST", body: form });
        expect(r1.status).toBe(503);
        expect(r1.headers.get("retry-after")).toBe("1");
        const r2 = await fetch(`${t.emu.url}/${TENANT}/oauth2/v2.0/token`, { method: "POST", body: form });
        expect(r2.status).toBe(200);
        expect(t.emu.count({ kind: "token" })).toBe(2);
        expect(t.emu.requests[0].fault).toBe("status");
        t.emu.clearFaults();
    });

    test("Graph rejects missing / unknown / expired bearer tokens with 401 InvalidAuthenticationToken", async () => {
        let r = await t.call("GET", "/beta/deviceAppManagement/iosManagedAppProtections", undefined, { token: null });
        expect(r.status).toBe(401);
        expect(r.json.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
        expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
        r = await t.call("GET", "/beta/deviceAppManagement/iosManagedAppProtections", undefined, { token: "garbage" });
        expect(r.status).toBe(401);
        expect(r.json.error).toMatchObject({
            code: "InvalidAuthenticationToken",
            message: "Access token validation failure.",
        });
        expect(r.json.error.innerError).toMatchObject({
            "request-id": expect.any(String),
            "client-request-id": expect.any(String),
        });
        expect(r.headers.get("request-id")).toBe(r.json.error.innerError["request-id"]);
        // an expired token: move the clock (emulator code runs in this Jest context) past expires_in
        jest.useFakeTimers({
            doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval", "queueMicrotask"],
            now: Date.now(),
        });
        const tok = await t.token();
        jest.setSystemTime(Date.now() + 3600_000);
        r = await t.call("GET", "/beta/deviceAppManagement/iosManagedAppProtections", undefined, { token: tok });
        jest.useRealTimers();
        expect(r.status).toBe(401);
        expect(r.json.error.message).toBe("Lifetime validation failed, the token is expired.");
    });
});

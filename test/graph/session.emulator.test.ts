/**
 * Integration tests of the Graph access layer: real @azure/identity and
 * @microsoft/microsoft-graph-client, over HTTPS, against the project's Graph + token emulator.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateClientCertificate } from "../../emulator/certs";
import { startEmulator, trustEmulatorCa } from "../../emulator";
import type { ConnectionConfig } from "../../provider/config";
import { isNotFound } from "../../provider/graph/errors";
import { openSession, resetGraphSessions, setGraphLogger } from "../../provider/graph/session";
import { emulatorConnection, expectGraphError } from "../support/graph";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const TENANT = randomUUID();
const UNLICENSED_TENANT = randomUUID();
const PACED_TENANT = randomUUID();
const UNPACED_TENANT = randomUUID();
const CLIENT = randomUUID();
const NO_ROLES_CLIENT = randomUUID();
const CERT_CLIENT = randomUUID();
const SECRET = `Q8~${randomUUID()}`;
const WRONG_SECRET = `Q8~${randomUUID()}`;
const clientCert = generateClientCertificate("graph-layer-test");
const FEDERATED_CLIENT = randomUUID();
const FEDERATED_TOKEN = `eyJ.federated-${randomUUID()}.sig`;

const IOS = "/deviceAppManagement/iosManagedAppProtections";

let emu: Emulator;
let logLines: string[] = [];

function iosPolicy(displayName: string): Record<string, unknown> {
    return { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName, description: "graph layer test" };
}

/** Settings pointing at the emulator, with short back-offs. */
const settings = (overrides: Partial<ConnectionConfig> = {}): ConnectionConfig =>
    emulatorConnection(
        emu,
        { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET },
        { retryInitialDelayMs: 50, retryMaxDelayMs: 400, maxRetryDurationSeconds: 15, ...overrides },
    );

function graphRequests(tenantId = TENANT) {
    return emu.requests.filter((r) => r.tenantId === tenantId && r.kind !== "token" && r.kind !== "metadata");
}

beforeAll(async () => {
    emu = await startEmulator({
        tenants: [
            {
                tenantId: TENANT,
                clients: [
                    { clientId: CLIENT, secret: SECRET },
                    { clientId: NO_ROLES_CLIENT, secret: SECRET, roles: [] },
                    { clientId: CERT_CLIENT, certificatePem: clientCert.certPem },
                    { clientId: FEDERATED_CLIENT, federatedTokens: [FEDERATED_TOKEN] },
                ],
            },
            { tenantId: UNLICENSED_TENANT, licensed: false, clients: [{ clientId: CLIENT, secret: SECRET }] },
            { tenantId: PACED_TENANT, clients: [{ clientId: CLIENT, secret: SECRET }] },
            { tenantId: UNPACED_TENANT, clients: [{ clientId: CLIENT, secret: SECRET }] },
        ],
    });
    trustEmulatorCa(emu.caCertPem);
    setGraphLogger((line) => logLines.push(line));
});

afterAll(async () => {
    setGraphLogger(undefined);
    await emu?.close();
});

afterEach(() => {
    emu.clearFaults();
    resetGraphSessions();
    for (const line of logLines) {
        expect(line).not.toContain(SECRET);
        expect(line).not.toMatch(/Bearer\s+\S{8,}/);
    }
    logLines = [];
});

describe("a session against the emulator", () => {
    it("gets a token with the production scope and reads Graph", async () => {
        const graph = openSession(settings());
        const res = await graph.send<{ value: unknown[] }>({ method: "GET", path: IOS });
        expect(res.status).toBe(200);
        expect(Array.isArray(res.body?.value)).toBe(true);
        expect(res.requestId).toBeTruthy();
        const token = emu.requests.find((r) => r.kind === "token" && r.tenantId === TENANT);
        expect((token?.body as Record<string, string>).scope).toBe("https://graph.microsoft.com/.default");
    });

    it("creates, reads with $expand, patches (204) and deletes a policy", async () => {
        const graph = openSession(settings());
        const created = await graph.send<{ id: string }>({
            method: "POST",
            path: IOS,
            body: iosPolicy("crud"),
            idempotent: false,
        });
        expect(created.status).toBe(201);
        const id = created.body!.id;
        expect(id).toMatch(/^T_/);

        const read = await graph.send<{ displayName: string; apps: unknown[]; assignments: unknown[] }>({
            method: "GET",
            path: `${IOS}/${id}?$expand=apps,assignments`,
        });
        expect(read.body).toMatchObject({
            displayName: "crud",
            apps: expect.any(Array),
            assignments: expect.any(Array),
        });

        const patched = await graph.send({
            method: "PATCH",
            path: `${IOS}/${id}`,
            body: { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: "crud 2" },
        });
        expect(patched).toMatchObject({ status: 204, body: undefined });

        const deleted = await graph.send({ method: "DELETE", path: `${IOS}/${id}` });
        expect(deleted.status).toBe(204);

        const gone = await expectGraphError(graph.send({ method: "GET", path: `${IOS}/${id}` }));
        expect(isNotFound(gone)).toBe(true);
        expect(gone.status).toBe(404);
        expect(gone.code).toBe("ResourceNotFound");
        expect(gone.message).toMatch(new RegExp(`found nothing at ${IOS}/${id}`));
        expect(gone.message).toMatch(/request-id [0-9a-f-]{36}/);
        expect(gone.graphMessage).toMatch(/^An error has occurred - Operation ID/);
    });

    it("shares one session (and one token) per tenant, client and endpoint", async () => {
        const a = openSession(settings());
        const b = openSession({ ...settings() });
        expect(b).toBe(a);
        const before = emu.count({ kind: "token", tenantId: TENANT });
        await Promise.all([1, 2, 3, 4, 5].map(() => a.send({ method: "GET", path: IOS })));
        await b.send({ method: "GET", path: IOS });
        expect(emu.count({ kind: "token", tenantId: TENANT }) - before).toBe(1);
        expect(openSession(settings({ clientSecret: WRONG_SECRET }))).not.toBe(a);
    });

    it("authenticates with a client certificate given as PEM", async () => {
        const graph = openSession(
            settings({
                clientId: CERT_CLIENT,
                clientSecret: undefined,
                clientCertificatePem: clientCert.keyPem + clientCert.certPem,
            }),
        );
        const res = await graph.send({ method: "GET", path: IOS });
        expect(res.status).toBe(200);
    });

    it("authenticates with workload identity federation (a federated token file, as CI systems provide)", async () => {
        const file = path.join(os.tmpdir(), `federated-${randomUUID()}.jwt`);
        fs.writeFileSync(file, FEDERATED_TOKEN);
        try {
            const graph = openSession(
                settings({ clientId: FEDERATED_CLIENT, clientSecret: undefined, federatedTokenFile: file }),
            );
            expect((await graph.send({ method: "GET", path: IOS })).status).toBe(200);
            const token = emu.requests.filter((r) => r.kind === "token").pop()!;
            expect((token.body as Record<string, string>).client_assertion_type).toBe(
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            );
        } finally {
            fs.rmSync(file, { force: true });
        }
    });

    it("follows @odata.nextLink in listAll", async () => {
        const graph = openSession(settings());
        for (let i = 0; i < 3; i++)
            await graph.send({ method: "POST", path: IOS, body: iosPolicy(`page ${i}`), idempotent: false });
        const all = await graph.listAll<{ id: string }>(`${IOS}?$top=2`);
        expect(all.length).toBeGreaterThanOrEqual(3);
        expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    });
});

describe("user-facing errors", () => {
    it("a wrong client secret names the app, the tenant and intune:clientSecret", async () => {
        const graph = openSession(
            settings({ clientSecret: WRONG_SECRET, sources: { clientSecret: "intune:clientSecret" } }),
        );
        const graphCallsBefore = graphRequests().length;
        const err = await expectGraphError(graph.send({ method: "GET", path: IOS }));
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err.kind).toBe("authentication");
        expect(err.message).toMatch(
            new RegExp(
                `Entra ID rejected the client secret for app ${CLIENT} in tenant ${TENANT}: check intune:clientSecret`,
            ),
        );
        expect(err.message).toContain("AADSTS7000215");
        expect(err.message).toMatch(/trace ID [0-9a-f-]{36}/);
        expect(err.message).not.toContain(WRONG_SECRET);
        expect(err.code).toBe("AADSTS7000215");
        expect(graphRequests().length).toBe(graphCallsBefore); // nothing reached Graph without a token
    });

    it.each([500, 503])(
        "a token endpoint outage (HTTP %i) says the identity platform is unavailable and to retry, not to check the credential",
        async (status) => {
            emu.injectFault({ tenantId: TENANT, kind: "token", status, retryAfterSeconds: null });
            const graphCallsBefore = graphRequests().length;
            const err = await expectGraphError(openSession(settings()).send({ method: "GET", path: IOS }));
            if (process.env.SHOW_MESSAGES) console.log(err.message);
            expect(err).toMatchObject({ kind: "authentication", status });
            expect(err.message).toMatch(
                new RegExp(
                    `^The Microsoft identity platform \\(Entra ID at ${emu.url}\\) is unavailable \\(HTTP ${status}\\), so there is no access token for app ${CLIENT} in tenant ${TENANT}\\. The credential settings are not the problem: retry in a few minutes\\.`,
                ),
            );
            expect(err.message).not.toMatch(/intune:(credential|clientSecret|clientId|tenantId)/);
            expect(graphRequests().length).toBe(graphCallsBefore); // nothing reached Graph without a token
        },
    );

    it("a token endpoint that drops the connection may be unavailable: retry, then check the network and authority host", async () => {
        emu.injectFault({ tenantId: TENANT, kind: "token", dropConnection: true });
        const err = await expectGraphError(openSession(settings()).send({ method: "GET", path: IOS }));
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err.kind).toBe("authentication");
        expect(err.message).toMatch(
            new RegExp(
                `^Could not reach the Microsoft identity platform \\(Entra ID at ${emu.url}\\) to get an access token for app ${CLIENT} in tenant ${TENANT}: it may be unavailable; retry in a few minutes\\. If it keeps failing, check network access from this machine and intune:authorityHost/intune:cloud\\.`,
            ),
        );
        expect(err.message).not.toMatch(/intune:(credential|clientSecret)/);
    });

    it("a credential Entra ID refuses (4xx) still points at the credential settings", async () => {
        emu.injectFault({
            tenantId: TENANT,
            kind: "token",
            status: 401,
            code: "invalid_client",
            message: "Client authentication failed.",
            times: 1,
        });
        const refused = await expectGraphError(openSession(settings()).send({ method: "GET", path: IOS }));
        expect(refused.message).toMatch(
            new RegExp(
                `^Entra ID rejected the credentials of app ${CLIENT} in tenant ${TENANT}: check intune:clientSecret\\.`,
            ),
        );
        resetGraphSessions();
        emu.injectFault({
            tenantId: TENANT,
            kind: "token",
            status: 400,
            code: "invalid_request",
            message: "AADSTS900144: The request body must contain the following parameter: 'grant_type'.",
            times: 1,
        });
        const invalid = await expectGraphError(openSession(settings()).send({ method: "GET", path: IOS }));
        expect(invalid.message).toMatch(
            new RegExp(
                `^Could not get an access token for app ${CLIENT} in tenant ${TENANT} with the clientSecret credential: check intune:credential and the related settings\\.`,
            ),
        );
        for (const err of [refused, invalid]) expect(err.message).not.toMatch(/unavailable|retry/);
    });

    it("an unknown tenant and an unknown app are explained", async () => {
        const unknownTenant = randomUUID();
        const t = await expectGraphError(
            openSession(settings({ tenantId: unknownTenant })).send({ method: "GET", path: IOS }),
        );
        if (process.env.SHOW_MESSAGES) console.log(t.message);
        expect(t.message).toMatch(
            new RegExp(`Entra ID does not know tenant ${unknownTenant} at ${emu.url}: check intune:tenantId`),
        );
        expect(t.code).toBe("AADSTS90002");
        const unknownApp = randomUUID();
        const a = await expectGraphError(
            openSession(settings({ clientId: unknownApp })).send({ method: "GET", path: IOS }),
        );
        expect(a.message).toMatch(new RegExp(`found no app ${unknownApp} in tenant ${TENANT}: check intune:clientId`));
        expect(a.code).toBe("AADSTS700016");
    });

    it("an untrusted authority certificate is explained", async () => {
        const other = await startEmulator({
            tenants: [{ tenantId: TENANT, clients: [{ clientId: CLIENT, secret: SECRET }] }],
        });
        try {
            const err = await expectGraphError(
                openSession(settings({ graphEndpoint: other.url, authorityHost: other.url })).send({
                    method: "GET",
                    path: IOS,
                }),
            );
            if (process.env.SHOW_MESSAGES) console.log(err.message);
            expect(err.kind).toBe("authentication");
            expect(err.message).toMatch(
                new RegExp(
                    `TLS certificate of the Entra ID authority ${other.url} is not trusted .*NODE_EXTRA_CA_CERTS`,
                ),
            );
        } finally {
            await other.close();
        }
    });

    it("a missing application permission names DeviceManagementApps.ReadWrite.All", async () => {
        const graph = openSession(settings({ clientId: NO_ROLES_CLIENT }));
        const err = await expectGraphError(
            graph.send({ method: "POST", path: IOS, body: iosPolicy("denied"), idempotent: false }),
        );
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err).toMatchObject({ kind: "permission", status: 403, maybeApplied: false });
        expect(err.message).toMatch(
            new RegExp(
                `App ${NO_ROLES_CLIENT} in tenant ${TENANT} is not allowed to change Intune app protection policies`,
            ),
        );
        expect(err.message).toMatch(/DeviceManagementApps\.ReadWrite\.All and grant admin consent/);
        expect(err.graphMessage).toMatch(/^Application is not authorized to perform this operation/); // Intune's JSON-in-a-string unwrapped
        expect(err.message).toMatch(/request-id [0-9a-f-]{36}/);
    });

    it("an unlicensed tenant is explained", async () => {
        const graph = openSession(settings({ tenantId: UNLICENSED_TENANT }));
        const err = await expectGraphError(graph.send({ method: "GET", path: IOS }));
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err.kind).toBe("unlicensed");
        expect(err.message).toMatch(
            new RegExp(`Tenant ${UNLICENSED_TENANT} cannot use Intune app protection.*licence`),
        );
        expect(err.graphMessage).toMatch(/does not have a valid Intune license/);
    });

    it("a validation error carries Graph's message", async () => {
        const graph = openSession(settings());
        const err = await expectGraphError(
            graph.send({
                method: "POST",
                path: IOS,
                body: { ...iosPolicy("bad"), wifiBlocked: true },
                idempotent: false,
            }),
        );
        expect(err).toMatchObject({ kind: "validation", status: 400, maybeApplied: false });
        expect(err.message).toMatch(
            /rejected POST \/deviceAppManagement\/iosManagedAppProtections as invalid \(HTTP 400\): .*wifiBlocked/,
        );
    });
});

describe("retries", () => {
    it("rides out a 429 storm with Retry-After", async () => {
        const graph = openSession(settings());
        emu.injectFault({
            method: "GET",
            path: /iosManagedAppProtections$/,
            status: 429,
            retryAfterSeconds: 1,
            times: 2,
        });
        const started = Date.now();
        const res = await graph.send({ method: "GET", path: IOS });
        expect(res.status).toBe(200);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
        expect(logLines.some((l) => /HTTP 429 \(Retry-After 1 s\); retrying in 1\.0 s/.test(l))).toBe(true);
    });

    it("rides out a 429 storm without Retry-After (back-off), even for a create", async () => {
        const graph = openSession(settings());
        const before = emu.policies(TENANT).length;
        emu.injectFault({
            method: "POST",
            path: /iosManagedAppProtections$/,
            status: 429,
            retryAfterSeconds: null,
            times: 4,
        });
        const res = await graph.send<{ id: string }>({
            method: "POST",
            path: IOS,
            body: iosPolicy("after 429"),
            idempotent: false,
        });
        expect(res.status).toBe(201);
        expect(emu.policies(TENANT).length).toBe(before + 1);
        const posts = emu.requests
            .filter((r) => r.method === "POST" && r.kind === "create" && r.tenantId === TENANT)
            .slice(-5);
        expect(posts.map((r) => r.status)).toEqual([429, 429, 429, 429, 201]);
    });

    it("gives up on throttling after maxRetryDurationSeconds and says so", async () => {
        const graph = openSession(settings({ maxRetryDurationSeconds: 1 }));
        emu.injectFault({ method: "GET", path: /iosManagedAppProtections$/, status: 429, retryAfterSeconds: null });
        const err = await expectGraphError(graph.send({ method: "GET", path: IOS }));
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err.kind).toBe("throttled");
        expect(err.message).toMatch(
            /kept throttling tenant .* gave up on GET \/deviceAppManagement\/iosManagedAppProtections after \d+ attempts over [\d.]+ s/,
        );
    });

    it("retries 503 and 504 on idempotent requests", async () => {
        const graph = openSession(settings());
        emu.injectFault({
            method: "GET",
            path: /iosManagedAppProtections$/,
            status: 503,
            times: 1,
            retryAfterSeconds: null,
        });
        emu.injectFault({ method: "GET", path: /iosManagedAppProtections$/, status: 504, nth: 2, times: 1 });
        const res = await graph.send({ method: "GET", path: IOS });
        expect(res.status).toBe(200);
    });

    it("does not retry a 503 on a create and reports it as maybe applied", async () => {
        const graph = openSession(settings());
        emu.injectFault({
            method: "POST",
            path: /iosManagedAppProtections$/,
            status: 503,
            times: 1,
            retryAfterSeconds: null,
        });
        const err = await expectGraphError(
            graph.send({ method: "POST", path: IOS, body: iosPolicy("503"), idempotent: false }),
        );
        expect(err).toMatchObject({ kind: "server", status: 503, maybeApplied: true, attempts: 1 });
    });

    it("retries a dropped connection on an idempotent request", async () => {
        const graph = openSession(settings());
        const created = await graph.send<{ id: string }>({
            method: "POST",
            path: IOS,
            body: iosPolicy("drop"),
            idempotent: false,
        });
        emu.injectFault({ method: "PATCH", dropConnectionAfterProcessing: true, times: 1 });
        emu.injectFault({ method: "GET", dropConnection: true, times: 2 });
        const patched = await graph.send({
            method: "PATCH",
            path: `${IOS}/${created.body!.id}`,
            body: { displayName: "drop 2" },
        });
        expect(patched.status).toBe(204);
        const read = await graph.send<{ displayName: string }>({ method: "GET", path: `${IOS}/${created.body!.id}` });
        expect(read.body?.displayName).toBe("drop 2");
        expect(logLines.filter((l) => /retrying/.test(l)).length).toBeGreaterThanOrEqual(3);
    });

    it("retries an idempotent request that timed out, but not a create", async () => {
        const graph = openSession(settings({ requestTimeoutSeconds: 0.3 }));
        emu.injectFault({ method: "GET", path: /iosManagedAppProtections$/, latencyMs: 1000, times: 1 });
        expect((await graph.send({ method: "GET", path: IOS })).status).toBe(200);

        const before = emu.policies(TENANT).length;
        emu.injectFault({ method: "POST", path: /iosManagedAppProtections$/, latencyMs: 1000, times: 1 });
        const err = await expectGraphError(
            graph.send({ method: "POST", path: IOS, body: iosPolicy("slow"), idempotent: false }),
        );
        expect(err).toMatchObject({ kind: "network", maybeApplied: true, attempts: 1 });
        await new Promise((r) => setTimeout(r, 1000));
        expect(emu.policies(TENANT).length).toBe(before + 1); // Graph finished it after we gave up
    });

    it("retries a create refused before sending (ECONNREFUSED), within the retry budget", async () => {
        const closed = await import("net").then(
            (net) =>
                new Promise<number>((resolve) => {
                    const srv = net.createServer().listen(0, "127.0.0.1", () => {
                        const port = (srv.address() as { port: number }).port;
                        srv.close(() => resolve(port));
                    });
                }),
        );
        const graph = openSession(
            settings({ graphEndpoint: `https://127.0.0.1:${closed}`, maxRetryDurationSeconds: 0.5 }),
        );
        const err = await expectGraphError(
            graph.send({ method: "POST", path: IOS, body: iosPolicy("refused"), idempotent: false }),
        );
        expect(err).toMatchObject({ kind: "network", maybeApplied: false, code: "ECONNREFUSED" });
        expect(err.attempts).toBeGreaterThan(1);
        expect(err.message).toMatch(
            new RegExp(`Could not reach Microsoft Graph at https://127.0.0.1:${closed} for POST`),
        );
    });

    it("does not retry a create whose connection dropped after processing: maybeApplied", async () => {
        const graph = openSession(settings());
        const before = emu.policies(TENANT).length;
        const postsBefore = emu.count({ kind: "create", tenantId: TENANT, method: "POST" });
        emu.injectFault({
            method: "POST",
            path: /iosManagedAppProtections$/,
            dropConnectionAfterProcessing: true,
            times: 1,
        });
        const err = await expectGraphError(
            graph.send({ method: "POST", path: IOS, body: iosPolicy("maybe"), idempotent: false }),
        );
        if (process.env.SHOW_MESSAGES) console.log(err.message);
        expect(err).toMatchObject({ kind: "network", maybeApplied: true, attempts: 1, method: "POST", path: IOS });
        expect(err.message).toMatch(/may or may not have been applied/);
        expect(emu.count({ kind: "create", tenantId: TENANT, method: "POST" }) - postsBefore).toBe(1);
        expect(emu.policies(TENANT).length).toBe(before + 1); // it was applied: the engine must find it, not re-create
    });
});

describe("pacing", () => {
    const windowMs = 1000;
    const limit = 3;
    beforeEach(() => emu.setThrottle({ windowMs, writesPerApp: limit }));
    afterEach(() => emu.setThrottle({}));

    it("(control) without pacing, the same burst is throttled by the emulator and recovered by retries", async () => {
        const graph = openSession(settings({ tenantId: UNPACED_TENANT }));
        const results = await Promise.all(
            Array.from({ length: 6 }, (_, i) =>
                graph.send({ method: "POST", path: IOS, body: iosPolicy(`unpaced ${i}`), idempotent: false }),
            ),
        );
        expect(results.every((r) => r.status === 201)).toBe(true);
        expect(graphRequests(UNPACED_TENANT).filter((r) => r.status === 429).length).toBeGreaterThan(0);
        expect(emu.policies(UNPACED_TENANT)).toHaveLength(6);
    });

    it("keeps a burst of writes under a small configured limit without any 429", async () => {
        // the pacer is told the emulator's exact window: counting from each answer needs no margin
        const graph = openSession(
            settings({ tenantId: PACED_TENANT, writesPer20Seconds: limit, throttleWindowSeconds: windowMs / 1000 }),
        );
        const started = Date.now();
        const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
                graph.send<{ id: string }>({
                    method: "POST",
                    path: IOS,
                    body: iosPolicy(`burst ${i}`),
                    idempotent: false,
                }),
            ),
        );
        expect(results.every((r) => r.status === 201)).toBe(true);
        // 10 writes at 3 per ~1 s: the last batch cannot start before ~3 windows
        expect(Date.now() - started).toBeGreaterThanOrEqual(3 * windowMs);
        const writes = graphRequests(PACED_TENANT).filter((r) => r.method === "POST");
        expect(writes).toHaveLength(10);
        expect(writes.filter((r) => r.status === 429)).toHaveLength(0);
        for (const w of writes) {
            const inWindow = writes.filter((o) => o.timeMs > w.timeMs - windowMs && o.timeMs <= w.timeMs);
            expect(inWindow.length).toBeLessThanOrEqual(limit);
        }
    });
});

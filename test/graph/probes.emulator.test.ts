/**
 * The Graph layer under the faults found by probing (issue #14 items 5-7), with the real
 * @azure/identity and Graph client over HTTPS against the emulator: a 404 that is not Graph's,
 * tokens refused by Graph (once, twice, after long waits), and `@odata.nextLink` loops.
 */
import { randomUUID } from "crypto";
import { startEmulator, trustEmulatorCa, type Emulator } from "../../emulator";
import type { ConnectionConfig } from "../../provider/config";
import { isNotFound } from "../../provider/graph/errors";
import { openSession, resetGraphSessions } from "../../provider/graph/session";
import { emulatorConnection, expectGraphError } from "../support/graph";
import { useHtml404Server } from "../support/html404";

const TENANT = randomUUID();
const CLIENT = randomUUID();
const SECRET = `Q8~${randomUUID()}`;
const IOS = "/deviceAppManagement/iosManagedAppProtections";

let emu: Emulator;
/** An HTTPS server (trusted like the emulator) that answers every request with an HTML 404 page. */
const html404 = useHtml404Server();

beforeAll(async () => {
    emu = await startEmulator({ tenants: [{ tenantId: TENANT, clients: [{ clientId: CLIENT, secret: SECRET }] }] });
    trustEmulatorCa(emu.caCertPem);
});

afterAll(async () => {
    resetGraphSessions();
    await emu.close();
});

afterEach(() => {
    emu.clearFaults();
    emu.clearLog();
    resetGraphSessions();
});

const settings = (overrides: Partial<ConnectionConfig> = {}): ConnectionConfig =>
    emulatorConnection(
        emu,
        { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET },
        { retryInitialDelayMs: 20, retryMaxDelayMs: 100, maxRetryDurationSeconds: 10, ...overrides },
    );
const failure = expectGraphError;

const tokenRequests = () => emu.count({ tenantId: TENANT, kind: "token" });
const graphAttempts = (kind: string) => emu.requests.filter((r) => r.tenantId === TENANT && r.kind === kind).length;

describe("a 404 is 'gone' only in Graph's own error shape", () => {
    it("Graph's ResourceNotFound means the policy does not exist", async () => {
        const graph = openSession(settings());
        const err = await failure(graph.send({ method: "GET", path: `${IOS}/T_${randomUUID()}` }));
        expect(isNotFound(err)).toBe(true);
    });

    it("an HTML 404 from a server that is not Graph is an error naming intune:graphEndpoint, never 'not found'", async () => {
        const graph = openSession(settings({ graphEndpoint: html404.url }));
        const err = await failure(graph.send({ method: "GET", path: `${IOS}/T_${randomUUID()}` }));
        expect(isNotFound(err)).toBe(false);
        expect(err.kind).toBe("notGraph");
        expect(err.message).toContain(`${html404.url} answered GET`);
        expect(err.message).toMatch(/not in Microsoft Graph's error format \(text\/html\).*intune:graphEndpoint/);
    });

    it("a JSON 404 that does not say 'not found' (or lacks Graph's request id) is not 'not found' either", async () => {
        const graph = openSession(settings());
        emu.injectFault({ method: "GET", status: 404, body: { error: { code: "BadRequest", message: "No route." } } });
        const wrongCode = await failure(graph.send({ method: "GET", path: `${IOS}/T_${randomUUID()}` }));
        expect(isNotFound(wrongCode)).toBe(false);
        emu.clearFaults();
        emu.injectFault({ method: "GET", status: 404, body: { message: "Not Found" } });
        const notEnvelope = await failure(graph.send({ method: "GET", path: `${IOS}/T_${randomUUID()}` }));
        expect(isNotFound(notEnvelope)).toBe(false);
    });
});

describe("tokens", () => {
    it("a 401 is retried once with a newly issued token (not the cached one), and the request succeeds", async () => {
        const graph = openSession(settings());
        await graph.send({ method: "GET", path: IOS });
        expect(tokenRequests()).toBe(1);
        emu.injectFault({
            kind: "list",
            status: 401,
            times: 1,
            message: "Lifetime validation failed, the token is expired.",
        });
        const answer = await graph.send({ method: "GET", path: IOS });
        expect(answer.status).toBe(200);
        expect(graphAttempts("list")).toBe(3);
        expect(tokenRequests()).toBe(2); // the retry did not reuse the cached token
    });

    it("after throttling waits, the attempt that meets a 401 gets a new token: a create succeeds, once", async () => {
        const graph = openSession(settings());
        emu.injectFault({ kind: "create", status: 429, retryAfterSeconds: 0.2, times: 2 });
        emu.injectFault({ kind: "create", status: 401, nth: 3, times: 1 });
        const created = await graph.send<{ id: string }>({
            method: "POST",
            path: IOS,
            body: { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: "after waits" },
            idempotent: false,
        });
        expect(created.body?.id).toMatch(/^T_/);
        expect(graphAttempts("create")).toBe(4);
        expect(tokenRequests()).toBe(2);
        expect(emu.policies(TENANT).filter((p) => p.displayName === "after waits")).toHaveLength(1);
    });

    it("eight requests refused at once because their token expired server-side all succeed, sharing one renewal", async () => {
        const graph = openSession(settings());
        const ids: string[] = [];
        for (let i = 0; i < 8; i++) {
            const created = await graph.send<{ id: string }>({
                method: "POST",
                path: IOS,
                body: { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: `expired ${i}` },
                idempotent: false,
            });
            ids.push(created.body!.id);
        }
        emu.clearLog();
        for (const id of ids) emu.injectFault({ kind: "get", path: `${id}$`, status: 401, times: 1 });
        const results = await Promise.all(ids.map((id) => graph.send({ method: "GET", path: `${IOS}/${id}` })));
        expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
        expect(graphAttempts("get")).toBe(16);
        expect(tokenRequests()).toBe(1); // one newly issued token for all eight
    });

    it("a token refused twice fails after two attempts, naming the credential rather than the endpoint settings", async () => {
        const graph = openSession(settings());
        emu.injectFault({ kind: "list", status: 401 });
        const err = await failure(graph.send({ method: "GET", path: IOS }));
        expect(err.kind).toBe("unauthorized");
        expect(graphAttempts("list")).toBe(2);
        expect(tokenRequests()).toBe(2);
        expect(err.message).toMatch(/also one newly issued by Entra ID/);
        expect(err.message).toMatch(/clientSecret credential gets tokens Graph does not accept\. Check the credential/);
        expect(err.message).not.toContain(SECRET);
    });
});

describe("paging", () => {
    it("a next-page link that points to itself stops after one repeat, with a clear error", async () => {
        const graph = openSession(settings());
        const self = `${emu.url}/beta${IOS}?$skiptoken=loop`;
        emu.injectFault({ kind: "list", status: 200, body: { value: [], "@odata.nextLink": self } });
        await expect(graph.listAll(IOS)).rejects.toThrow(/sent a next-page link it had sent before/);
        expect(graphAttempts("list")).toBe(2);
    });

    it("a list longer than the page limit stops with a clear error; within the limit it is read to the end", async () => {
        const graph = openSession(settings());
        for (let i = 0; i < 5; i++)
            await graph.send({
                method: "POST",
                path: IOS,
                body: { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: `page ${i}` },
                idempotent: false,
            });
        const all = await graph.listAll<{ id: string }>(`${IOS}?$top=2`);
        expect(all.length).toBe(emu.policies(TENANT).length);
        await expect(graph.listAll(`${IOS}?$top=2`, { maxPages: 2 })).rejects.toThrow(
            /has more than 2 pages \(4 items read\), the most one list may have/,
        );
    });
});

/**
 * The read-path faults found by probing (issue #14 items 5 and 8), through the provider's runtime
 * in this process against the emulator: a refresh never drops a policy from state because of a
 * 404 that is not Graph's, and never records what a partial answer did not carry as removed.
 */
import * as https from "https";
import type { AddressInfo } from "net";
import { generateCa, issueServerCert } from "../../emulator/certs";
import { startEmulator, trustEmulatorCa, type Emulator } from "../../emulator";
import * as runtime from "../../provider/engine/runtime";
import { resetGraphSessions } from "../../provider/graph";
import { configSource, stackConfig, tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, FAST_RETRIES, graphRequests, MiniStack, pairProgram } from "./harness";

jest.setTimeout(30_000);

let emulator: Emulator;
/** An HTTPS server that answers everything with an HTML 404 page, as a wrong endpoint would. */
let html404: https.Server;
let html404Url: string;

beforeAll(async () => {
    emulator = await startEmulator({ tenants: [] });
    trustEmulatorCa(emulator.caCertPem);
    const ca = generateCa("html-404 test CA");
    trustEmulatorCa(ca.certPem);
    const cert = issueServerCert(ca);
    html404 = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => {
        res.writeHead(404, { "Content-Type": "text/html" });
        res.end("<html><body><h1>404 Not Found</h1></body></html>");
    });
    await new Promise<void>((resolve) => html404.listen(0, "127.0.0.1", resolve));
    html404Url = `https://127.0.0.1:${(html404.address() as AddressInfo).port}`;
});
afterAll(async () => {
    resetGraphSessions();
    await new Promise((resolve) => html404.close(resolve));
    await emulator.close();
});
afterEach(() => emulator.clearFaults());

function configureFor(tenant: TestTenant, extra: Record<string, string> = {}): void {
    runtime.configure(configSource(stackConfig(emulator, tenant, { ...FAST_RETRIES, ...extra })));
}

function freshTenant(): TestTenant {
    const made = tenantSpec();
    emulator.addTenant(made.spec);
    configureFor(made.tenant);
    return made.tenant;
}

describe("a refresh against an endpoint that answers an HTML 404", () => {
    it("fails naming intune:graphEndpoint and keeps every policy in state; the next up creates nothing", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const before = new Map(stack.state);

        configureFor(tenant, { "intune:graphEndpoint": html404Url });
        await expect(stack.refresh()).rejects.toThrow(
            /answered GET .* with HTTP 404, but not in Microsoft Graph's error format \(text\/html\).*intune:graphEndpoint/,
        );
        expect(stack.state).toEqual(before);

        configureFor(tenant);
        emulator.clearLog();
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same", "same"]);
        expect(graphRequests(emulator, tenant).filter((r) => r.method !== "GET")).toEqual([]);
        expectConverged(emulator, tenant, program, stack);
    });

    it("a policy Graph itself says is gone is still dropped by refresh (and created again by up)", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        emulator.deletePolicy(tenant.tenantId, stack.state.get("ios")!.id);
        await stack.refresh();
        expect([...stack.state.keys()]).toEqual(["android"]);
        await stack.upOk(program);
        expectConverged(emulator, tenant, program, stack);
    });
});

describe("a refresh whose GET answer lacks properties", () => {
    it("keeps the settings, apps and assignments the answer did not carry; the next up has nothing to do", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const before = new Map([...stack.state].map(([name, rec]) => [name, structuredClone(rec.outs)]));

        for (const rec of stack.state.values()) {
            const live = emulator.policy(tenant.tenantId, rec.id);
            emulator.injectFault({
                tenantId: tenant.tenantId,
                kind: "get",
                path: new RegExp(`${rec.id}$`),
                status: 200,
                // Only the policy's identity: no settings, no apps, no assignments.
                body: {
                    "@odata.type": live["@odata.type"],
                    id: live.id,
                    displayName: live.displayName,
                    version: live.version,
                },
            });
        }
        await stack.refresh();
        for (const [name, rec] of stack.state) {
            const outs = before.get(name)!;
            expect(rec.outs.apps).toEqual(outs.apps);
            expect(rec.outs.assignments).toEqual(outs.assignments);
            expect(rec.outs.assignedGroupIds).toEqual(outs.assignedGroupIds);
            expect(rec.outs.pinRequired).toBe(true);
        }
        expect(stack.state.get("ios")!.outs.minimumPinLength).toBe(6);
        expect(stack.state.get("android")!.outs.encryptAppData).toBe(true);

        emulator.clearFaults();
        emulator.clearLog();
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same", "same"]);
        expect(graphRequests(emulator, tenant)).toEqual([]);
        expectConverged(emulator, tenant, program, stack);
    });

    it("a 200 answer that is not the policy (an empty body, an error envelope) is an error, never 'gone'", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const before = new Map(stack.state);
        for (const body of ["", { error: { code: "UnknownError", message: "oops" } }]) {
            emulator.injectFault({ tenantId: tenant.tenantId, kind: "get", status: 200, body });
            await expect(stack.refresh()).rejects.toThrow(
                /without that policy in its body, so nothing is known about it/,
            );
            expect(stack.state).toEqual(before);
            emulator.clearFaults();
        }
    });

    it("what the answer does carry is still compared: a changed setting shows as drift and up puts it back", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const ios = stack.state.get("ios")!;
        emulator.modifyPolicy(tenant.tenantId, ios.id, { minimumPinLength: 4 });
        await stack.refresh();
        expect(stack.state.get("ios")!.outs.minimumPinLength).toBe(4);
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["update", "same"]);
        expectConverged(emulator, tenant, program, stack);
    });
});

/**
 * The read-path faults found by probing (issue #14 items 5 and 8), through the provider's runtime
 * in this process against the emulator: a refresh never drops a policy from state because of a
 * 404 that is not Graph's, and never records what a partial answer did not carry as removed.
 */
import { configureFor, useEmulator } from "../support/provider";
import { useHtml404Server } from "../support/html404";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, FAST_RETRIES, graphRequests, MiniStack, pairProgram } from "./harness";

jest.setTimeout(30_000);

const suite = useEmulator(() => ({ tenants: [] }));
const html404 = useHtml404Server();
afterEach(() => suite.emulator.clearFaults());

function configureForTenant(tenant: TestTenant, extra: Record<string, string> = {}): void {
    configureFor(suite.emulator, tenant, { ...FAST_RETRIES, ...extra });
}

function freshTenant(): TestTenant {
    const made = tenantSpec();
    suite.emulator.addTenant(made.spec);
    configureForTenant(made.tenant);
    return made.tenant;
}

describe("a refresh against an endpoint that answers an HTML 404", () => {
    it("fails naming intune:graphEndpoint and keeps every policy in state; the next up creates nothing", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const before = new Map(stack.state);

        configureForTenant(tenant, { "intune:graphEndpoint": html404.url });
        await expect(stack.refresh()).rejects.toThrow(
            /answered GET .* with HTTP 404, but not in Microsoft Graph's error format \(text\/html\).*intune:graphEndpoint/,
        );
        expect(stack.state).toEqual(before);

        configureForTenant(tenant);
        suite.emulator.clearLog();
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same", "same"]);
        expect(graphRequests(suite.emulator, tenant).filter((r) => r.method !== "GET")).toEqual([]);
        expectConverged(suite.emulator, tenant, program, stack);
    });

    it("a policy Graph itself says is gone is still dropped by refresh (and created again by up)", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        suite.emulator.deletePolicy(tenant.tenantId, stack.state.get("ios")!.id);
        await stack.refresh();
        expect([...stack.state.keys()]).toEqual(["android"]);
        await stack.upOk(program);
        expectConverged(suite.emulator, tenant, program, stack);
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
            const live = suite.emulator.policy(tenant.tenantId, rec.id);
            suite.emulator.injectFault({
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

        suite.emulator.clearFaults();
        suite.emulator.clearLog();
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same", "same"]);
        expect(graphRequests(suite.emulator, tenant)).toEqual([]);
        expectConverged(suite.emulator, tenant, program, stack);
    });

    it("a 200 answer that is not the policy (an empty body, an error envelope) is an error, never 'gone'", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const before = new Map(stack.state);
        for (const body of ["", { error: { code: "UnknownError", message: "oops" } }]) {
            suite.emulator.injectFault({ tenantId: tenant.tenantId, kind: "get", status: 200, body });
            await expect(stack.refresh()).rejects.toThrow(
                /without that policy in its body, so nothing is known about it/,
            );
            expect(stack.state).toEqual(before);
            suite.emulator.clearFaults();
        }
    });

    it("what the answer does carry is still compared: a changed setting shows as drift and up puts it back", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = pairProgram(tenant);
        await stack.upOk(program);
        const ios = stack.state.get("ios")!;
        suite.emulator.modifyPolicy(tenant.tenantId, ios.id, { minimumPinLength: 4 });
        await stack.refresh();
        expect(stack.state.get("ios")!.outs.minimumPinLength).toBe(4);
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["update", "same"]);
        expectConverged(suite.emulator, tenant, program, stack);
    });
});

/**
 * Faults under the real Pulumi engine (CLI, dynamic provider host, file backend): what the
 * engine records when `up` fails half-way, and that the next `up` finishes the job without
 * duplicates or orphans.
 */
import * as path from "path";
import { engine, runEngine, trackedPolicies, useEngineSuite } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, FAST_RETRIES, FAST_TIMINGS_ENV, graphRequests, pairProgram, type Declared } from "./harness";

jest.setTimeout(600_000);

const contoso = tenantSpec();
const fabrikam = tenantSpec();
const suite = useEngineSuite("intune-resilience-", () => ({ tenants: [contoso.spec, fabrikam.spec] }));
afterEach(() => suite.emulator.clearFaults());

const stackRun = (stack: string, tenant: TestTenant, policies: Declared[]) =>
    suite.declare(stack, tenant, policies, { config: FAST_RETRIES, env: FAST_TIMINGS_ENV });

/** The policies the stack's state tracks (with the init errors the engine recorded). */
const tracked = (stack: string) => trackedPolicies({ stateDir: path.join(suite.work, "state"), stackName: stack });

function expectStateTracksTenant(stack: string, tenant: TestTenant) {
    const ids = tracked(stack)
        .map((r) => r.id.toLowerCase())
        .sort();
    expect(ids).toEqual(
        suite.emulator
            .policies(tenant.tenantId)
            .map((p) => String(p.id).toLowerCase())
            .sort(),
    );
}

describe("a targetApps failure in the middle of `up`", () => {
    it("fails the update with Graph's words, records the PATCH that went through, and the next `up` finishes without repeating it", async () => {
        const tenant = contoso.tenant;
        await engine("up", stackRun("contoso", tenant, pairProgram(tenant, 1)));
        const ios = suite.emulator.policies(tenant.tenantId).find((p) => p.displayName === "Res iOS")!;

        suite.emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "targetApps",
            path: new RegExp(`${ios.id}/targetApps$`),
            status: 500,
        });
        const failed = await runEngine("up", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
            /updating iOS\/iPadOS policy T_[0-9a-f-]+ failed: Microsoft Graph failed with HTTP 500 on POST \/deviceAppManagement\/iosManagedAppProtections\/T_[0-9a-f-]+\/targetApps/,
        );
        // The engine kept what Graph holds: the new settings, the old apps.
        const recorded = tracked("contoso").find((r) => r.id === ios.id)!;
        expect(recorded.outputs).toMatchObject({ minimumPinLength: 8, periodOnlineBeforeAccessCheck: "PT1H" });
        expect(recorded.outputs.apps).toEqual(["com.microsoft.office.outlook", "com.microsoft.skype.teams"]);
        expect(suite.emulator.policy(tenant.tenantId, ios.id).minimumPinLength).toBe(8);

        suite.emulator.clearFaults();
        suite.emulator.clearLog();
        await engine("up", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        const sent = graphRequests(suite.emulator, tenant).filter((r) => r.path.includes(ios.id));
        expect(sent.map((r) => `${r.method} ${r.kind}`)).toEqual(["POST targetApps", "POST assign", "GET get"]);
        expectConverged(suite.emulator, tenant, pairProgram(tenant, 2));
        expectStateTracksTenant("contoso", tenant);

        suite.emulator.clearLog();
        const preview = await engine("preview", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        expect(preview.changes).toEqual({ same: 3 });
        expect(graphRequests(suite.emulator, tenant)).toEqual([]);
    });
});

describe("a create whose answer is lost during `up`", () => {
    it("leaves exactly one policy per resource, tracked by the state", async () => {
        const tenant = fabrikam.tenant;
        suite.emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "create",
            dropConnectionAfterProcessing: true,
            times: 1,
        });
        const result = await engine("up", stackRun("fabrikam", tenant, pairProgram(tenant, 1)));
        expect(result.changes).toMatchObject({ create: 3 });
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "create" })).toBe(2); // the lost one was found, not sent again
        expectConverged(suite.emulator, tenant, pairProgram(tenant, 1));
        expectStateTracksTenant("fabrikam", tenant);
    });
});

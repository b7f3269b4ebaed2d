/**
 * Faults under the real Pulumi engine (CLI, dynamic provider host, file backend): what the
 * engine records when `up` fails half-way, and that the next `up` finishes the job without
 * duplicates or orphans.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { engine, runEngine, tempDir, type EngineRun } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, FAST_RETRIES, FAST_TIMINGS_ENV, graphRequests, pairProgram, type Declared } from "./harness";

jest.setTimeout(600_000);

const PROGRAM = path.join(__dirname, "..", "e2e", "program");

let emulator: Emulator;
let work: string;
const contoso = tenantSpec();
const fabrikam = tenantSpec();

beforeAll(async () => {
    work = tempDir("intune-resilience-");
    emulator = await startEmulator({ tenants: [contoso.spec, fabrikam.spec], caDir: path.join(work, "ca") });
});
afterAll(async () => {
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
});
afterEach(() => emulator.clearFaults());

function stackRun(stack: string, tenant: TestTenant, policies: Declared[]): EngineRun {
    const file = path.join(work, `${stack}-policies.json`);
    fs.writeFileSync(file, JSON.stringify(policies));
    return {
        program: PROGRAM,
        stack,
        stateDir: path.join(work, "state"),
        config: {
            "intune:tenantId": tenant.tenantId,
            "intune:clientId": tenant.clientId,
            "intune:graphEndpoint": emulator.url,
            "intune:authorityHost": emulator.url,
            ...FAST_RETRIES,
        },
        secrets: { "intune:clientSecret": tenant.clientSecret },
        env: { E2E_POLICIES: file, NODE_EXTRA_CA_CERTS: emulator.caCertPath, ...FAST_TIMINGS_ENV },
    };
}

/** Ids of the policies the stack's state tracks (with the init errors the engine recorded). */
function trackedPolicies(stack: string): { id: string; initErrors?: string[]; outputs: Record<string, unknown> }[] {
    const dir = path.join(work, "state", "backend", ".pulumi", "stacks");
    const file = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .find((f) => f.endsWith(`${path.sep}${stack}.json`) || f === `${stack}.json`);
    const state = JSON.parse(fs.readFileSync(path.join(dir, file!), "utf8"));
    return state.checkpoint.latest.resources.filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/intune:"));
}

function expectStateTracksTenant(stack: string, tenant: TestTenant) {
    const tracked = trackedPolicies(stack)
        .map((r) => r.id.toLowerCase())
        .sort();
    expect(tracked).toEqual(
        emulator
            .policies(tenant.tenantId)
            .map((p) => String(p.id).toLowerCase())
            .sort(),
    );
}

describe("a targetApps failure in the middle of `up`", () => {
    it("fails the update with Graph's words, records the PATCH that went through, and the next `up` finishes without repeating it", async () => {
        const tenant = contoso.tenant;
        await engine("up", stackRun("contoso", tenant, pairProgram(tenant, 1)));
        const ios = emulator.policies(tenant.tenantId).find((p) => p.displayName === "Res iOS")!;

        emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "targetApps",
            path: new RegExp(`${ios.id}/targetApps$`),
            status: 500,
        });
        const failed = await runEngine("up", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(
            /updating iOS\/iPadOS policy T_[0-9a-f-]+ failed: Microsoft Graph failed with HTTP 500 on POST \/deviceAppManagement\/iosManagedAppProtections\/T_[0-9a-f-]+\/targetApps/,
        );
        // The engine kept what Graph holds: the new settings, the old apps.
        const recorded = trackedPolicies("contoso").find((r) => r.id === ios.id)!;
        expect(recorded.outputs).toMatchObject({ minimumPinLength: 8, periodOnlineBeforeAccessCheck: "PT1H" });
        expect(recorded.outputs.apps).toEqual(["com.microsoft.office.outlook", "com.microsoft.skype.teams"]);
        expect(emulator.policy(tenant.tenantId, ios.id).minimumPinLength).toBe(8);

        emulator.clearFaults();
        emulator.clearLog();
        await engine("up", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        const sent = graphRequests(emulator, tenant).filter((r) => r.path.includes(ios.id));
        expect(sent.map((r) => `${r.method} ${r.kind}`)).toEqual(["POST targetApps", "POST assign", "GET get"]);
        expectConverged(emulator, tenant, pairProgram(tenant, 2));
        expectStateTracksTenant("contoso", tenant);

        emulator.clearLog();
        const preview = await engine("preview", stackRun("contoso", tenant, pairProgram(tenant, 2)));
        expect(preview.changes).toEqual({ same: 3 });
        expect(graphRequests(emulator, tenant)).toEqual([]);
    });
});

describe("a create whose answer is lost during `up`", () => {
    it("leaves exactly one policy per resource, tracked by the state", async () => {
        const tenant = fabrikam.tenant;
        emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "create",
            dropConnectionAfterProcessing: true,
            times: 1,
        });
        const result = await engine("up", stackRun("fabrikam", tenant, pairProgram(tenant, 1)));
        expect(result.changes).toMatchObject({ create: 3 });
        expect(emulator.count({ tenantId: tenant.tenantId, kind: "create" })).toBe(2); // the lost one was found, not sent again
        expectConverged(emulator, tenant, pairProgram(tenant, 1));
        expectStateTracksTenant("fabrikam", tenant);
    });
});

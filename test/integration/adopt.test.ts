/**
 * Taking over existing policies (adoptPolicyId) and creates whose answer was lost: the fewest
 * requests, never a duplicate, never an orphan.
 */
import { startEmulator, trustEmulatorCa, type Emulator } from "../emulator";
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { android, ios } from "../../provider/settings/platforms";
import { resetGraphSessions } from "../../provider/graph";
import { configSource, stackConfig, tenantSpec, type TestTenant } from "../support/tenants";

let emulator: Emulator;
let tenant: TestTenant;

beforeAll(async () => {
    const made = tenantSpec();
    tenant = made.tenant;
    emulator = await startEmulator({ tenants: [made.spec] });
    trustEmulatorCa(emulator.caCertPem);
    runtime.configure(configSource(stackConfig(emulator, tenant, { "intune:maxRetryDurationSeconds": "20" })));
});
afterAll(async () => {
    resetGraphSessions();
    await emulator.close();
});
beforeEach(() => {
    emulator.clearLog();
    emulator.clearFaults();
    for (const p of emulator.policies(tenant.tenantId)) emulator.deletePolicy(tenant.tenantId, p.id);
});

const graphRequests = () => emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata").map((r) => `${r.method} ${r.kind}`);
const checked = (platform: typeof ios, values: Record<string, unknown>) => ({ ...checkInputs(platform, { displayName: "Existing", ...values }).inputs, __provider: "p" });

function seedIos() {
    return emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Existing",
        pinRequired: true,
        minimumPinLength: 4,
        appGroupType: "selectedPublicApps",
        apps: [{ mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: "com.microsoft.office.outlook" } }],
        assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: tenant.groups.sales } }],
    });
}

describe("adoptPolicyId", () => {
    it("takes over a policy with one GET when it already matches", async () => {
        const existing = seedIos();
        const { id, outs } = await runtime.create("ios", checked(ios, { adoptPolicyId: existing.id, pinRequired: true, apps: ["com.microsoft.office.outlook"], assignments: { include: [tenant.groups.sales] } }));
        expect(id).toBe(existing.id);
        expect(graphRequests()).toEqual(["GET get"]);
        expect(outs).toMatchObject({ adoptPolicyId: existing.id, pinRequired: true, version: existing.version, isAssigned: true });
        expect(emulator.policies(tenant.tenantId)).toHaveLength(1);
    });

    it("applies only what differs", async () => {
        const existing = seedIos();
        await runtime.create("ios", checked(ios, { adoptPolicyId: existing.id, pinRequired: true, minimumPinLength: 6, assignments: { include: [tenant.groups.finance] } }));
        expect(graphRequests()).toEqual(["GET get", "PATCH update", "POST assign", "GET get"]);
        const body = emulator.requests.find((r) => r.kind === "update")!.body;
        expect(body).toEqual({ "@odata.type": ios.odataType, minimumPinLength: 6 });
        expect(emulator.policy(tenant.tenantId, existing.id)).toMatchObject({ minimumPinLength: 6, displayName: "Existing" });
    });

    it("the argument can stay or go without a change", async () => {
        const existing = seedIos();
        const { outs } = await runtime.create("ios", checked(ios, { adoptPolicyId: existing.id, pinRequired: true }));
        const stored = { ...outs, __provider: "p" };
        expect((await runtime.diff("ios", existing.id, stored, checked(ios, { adoptPolicyId: existing.id, pinRequired: true }))).changes).toBe(false);
        expect((await runtime.diff("ios", existing.id, stored, checked(ios, { pinRequired: true }))).changes).toBe(false);
    });

    it("says so when the id does not exist, or is the other platform's", async () => {
        const existing = seedIos();
        await expect(runtime.create("ios", checked(ios, { adoptPolicyId: "T_00000000-0000-0000-0000-000000000000" }))).rejects.toThrow(
            /no iOS\/iPadOS app protection policy with id T_00000000-0000-0000-0000-000000000000/,
        );
        await expect(runtime.create("android", checked(android, { adoptPolicyId: existing.id }))).rejects.toThrow(
            /is an iOS\/iPadOS app protection policy, not Android: adopt it with IosAppProtectionPolicy/,
        );
        expect(graphRequests().filter((r) => r.startsWith("POST") || r.startsWith("PATCH"))).toEqual([]);
    });
});

describe("a create whose answer is lost", () => {
    it("finds the policy Graph created instead of creating a second one", async () => {
        emulator.injectFault({ kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        const { id } = await runtime.create("ios", checked(ios, { displayName: "Lost answer", pinRequired: true, apps: ["com.microsoft.office.outlook"] }));
        const policies = emulator.policies(tenant.tenantId);
        expect(policies.map((p) => p.id)).toEqual([id]);
        expect(emulator.count({ kind: "create" })).toBe(1);
    });

    it("sends the create again when Graph never processed it", async () => {
        emulator.injectFault({ kind: "create", dropConnection: true, times: 1 });
        const { id } = await runtime.create("android", checked(android, { displayName: "Never arrived", pinRequired: true }));
        expect(emulator.policies(tenant.tenantId).map((p) => p.id)).toEqual([id]);
    });

    it("does not mistake an older policy of the same name for the lost one", async () => {
        const older = emulator.seedPolicy(tenant.tenantId, { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: "Same name", pinRequired: false });
        emulator.injectFault({ kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        const { id } = await runtime.create("ios", checked(ios, { displayName: "Same name", pinRequired: true }));
        expect(id).not.toBe(older.id);
        expect(emulator.policies(tenant.tenantId)).toHaveLength(2);
    });
});

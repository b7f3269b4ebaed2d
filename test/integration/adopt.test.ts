/**
 * Taking over existing policies (adoptPolicyId) and creates whose answer was lost: the fewest
 * requests, never a duplicate, never an orphan.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { android, ios } from "../../provider/settings/platforms";
import { graphShapes } from "../support/graph-shapes";
import { useEmulatedTenant } from "../support/provider";

const { iosApp, target } = graphShapes;
const context = useEmulatedTenant({ "intune:maxRetryDurationSeconds": "20" });
beforeEach(() => {
    context.emulator.clearLog();
    context.emulator.clearFaults();
    for (const p of context.emulator.policies(context.tenant.tenantId))
        context.emulator.deletePolicy(context.tenant.tenantId, p.id);
});

const graphRequests = () =>
    context.emulator.requests
        .filter((r) => r.kind !== "token" && r.kind !== "metadata")
        .map((r) => `${r.method} ${r.kind}`);
const checked = (platform: typeof ios, values: Record<string, unknown>) => ({
    ...checkInputs(platform, { displayName: "Existing", ...values }).inputs,
    __provider: "p",
});

function seedIos() {
    return context.emulator.seedPolicy(context.tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Existing",
        pinRequired: true,
        minimumPinLength: 4,
        appGroupType: "selectedPublicApps",
        apps: [iosApp("com.microsoft.office.outlook")],
        assignments: [target("groupAssignmentTarget", context.tenant.groups.sales)],
    });
}

describe("adoptPolicyId", () => {
    it("takes over a policy with one GET when it already matches", async () => {
        const existing = seedIos();
        const { id, outs } = await runtime.create(
            "ios",
            checked(ios, {
                adoptPolicyId: existing.id,
                pinRequired: true,
                apps: ["com.microsoft.office.outlook"],
                assignments: { include: [context.tenant.groups.sales] },
            }),
        );
        expect(id).toBe(existing.id);
        expect(graphRequests()).toEqual(["GET get"]);
        expect(outs).toMatchObject({
            adoptPolicyId: existing.id,
            pinRequired: true,
            version: existing.version,
            isAssigned: true,
        });
        expect(context.emulator.policies(context.tenant.tenantId)).toHaveLength(1);
    });

    it("applies only what differs", async () => {
        const existing = seedIos();
        await runtime.create(
            "ios",
            checked(ios, {
                adoptPolicyId: existing.id,
                pinRequired: true,
                minimumPinLength: 6,
                assignments: { include: [context.tenant.groups.finance] },
            }),
        );
        expect(graphRequests()).toEqual(["GET get", "PATCH update", "POST assign", "GET get"]);
        const body = context.emulator.requests.find((r) => r.kind === "update")!.body;
        expect(body).toEqual({ "@odata.type": ios.odataType, minimumPinLength: 6 });
        expect(context.emulator.policy(context.tenant.tenantId, existing.id)).toMatchObject({
            minimumPinLength: 6,
            displayName: "Existing",
        });
    });

    it("the argument can stay or go without a change", async () => {
        const existing = seedIos();
        const { outs } = await runtime.create("ios", checked(ios, { adoptPolicyId: existing.id, pinRequired: true }));
        const stored = { ...outs, __provider: "p" };
        expect(
            (
                await runtime.diff(
                    "ios",
                    existing.id,
                    stored,
                    checked(ios, { adoptPolicyId: existing.id, pinRequired: true }),
                )
            ).changes,
        ).toBe(false);
        expect((await runtime.diff("ios", existing.id, stored, checked(ios, { pinRequired: true }))).changes).toBe(
            false,
        );
    });

    it("says so when the id does not exist, or is the other platform's", async () => {
        const existing = seedIos();
        await expect(
            runtime.create("ios", checked(ios, { adoptPolicyId: "T_00000000-0000-0000-0000-000000000000" })),
        ).rejects.toThrow(/no iOS\/iPadOS app protection policy with id T_00000000-0000-0000-0000-000000000000/);
        await expect(runtime.create("android", checked(android, { adoptPolicyId: existing.id }))).rejects.toThrow(
            /is an iOS\/iPadOS app protection policy, not Android: adopt it with IosAppProtectionPolicy/,
        );
        expect(graphRequests().filter((r) => r.startsWith("POST") || r.startsWith("PATCH"))).toEqual([]);
    });
});

describe("a create whose answer is lost", () => {
    it("finds the policy Graph created instead of creating a second one", async () => {
        context.emulator.injectFault({ kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        const { id } = await runtime.create(
            "ios",
            checked(ios, { displayName: "Lost answer", pinRequired: true, apps: ["com.microsoft.office.outlook"] }),
        );
        const policies = context.emulator.policies(context.tenant.tenantId);
        expect(policies.map((p) => p.id)).toEqual([id]);
        expect(context.emulator.count({ kind: "create" })).toBe(1);
    });

    it("sends the create again when Graph never processed it", async () => {
        context.emulator.injectFault({ kind: "create", dropConnection: true, times: 1 });
        const { id } = await runtime.create(
            "android",
            checked(android, { displayName: "Never arrived", pinRequired: true }),
        );
        expect(context.emulator.policies(context.tenant.tenantId).map((p) => p.id)).toEqual([id]);
    });

    it("does not mistake an older policy of the same name for the lost one", async () => {
        const older = context.emulator.seedPolicy(context.tenant.tenantId, {
            "@odata.type": "#microsoft.graph.iosManagedAppProtection",
            displayName: "Same name",
            pinRequired: false,
        });
        context.emulator.injectFault({ kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        const { id } = await runtime.create("ios", checked(ios, { displayName: "Same name", pinRequired: true }));
        expect(id).not.toBe(older.id);
        expect(context.emulator.policies(context.tenant.tenantId)).toHaveLength(2);
    });
});

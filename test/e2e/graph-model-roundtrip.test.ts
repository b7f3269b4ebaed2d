/**
 * The facts taken from Microsoft's beta SDK models, end to end: policies as Graph returns them
 * with `purviewContentEvaluationRequired: "requiredWhenOnline"` (iOS and Android) and Android
 * `appActionIfDeveloperOptionsEnabled: "warn"` are exported to a program; the real engine's
 * first `up` adopts them without a single write, and the following preview and refresh show
 * nothing. The emulator runs with every fidelity switch flipped from its default (PATCH answered
 * 200, flags enums as "unmanaged, mdm", peer defaults on create, `@odata.type` on every item), so
 * the round trip holds under the behaviours the default suites do not exercise.
 */
import * as path from "path";
import { engine, REPO_ROOT, useEngineSuite } from "../support/engine";
import { exportTenant, graphWrites, policyVersions } from "../support/exported";
import { graphShapes } from "../support/graph-shapes";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const made = tenantSpec();
const { tenant } = made;
const { iosApp, androidApp, target } = graphShapes;
const include = (groupId: string) => target("groupAssignmentTarget", groupId);

const suite = useEngineSuite(path.join(REPO_ROOT, "test", "e2e", ".tmp-model-"), () => ({
    tenants: [made.spec],
    fidelity: { patchStatus: 200, flagsSeparator: ", ", createDefaults: "peers", odataTypeOnTypedItems: true },
}));

beforeAll(async () => {
    const { emulator } = suite;
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Purview iOS",
        purviewContentEvaluationRequired: "requiredWhenOnline",
        targetedAppManagementLevels: "unmanaged,mdm",
        appGroupType: "selectedPublicApps",
        apps: [iosApp("com.microsoft.office.outlook")],
        assignments: [include(tenant.groups.sales)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.androidManagedAppProtection",
        displayName: "Purview Android",
        purviewContentEvaluationRequired: "requiredWhenOnline",
        appActionIfDeveloperOptionsEnabled: "warn",
        appGroupType: "selectedPublicApps",
        apps: [androidApp("com.microsoft.office.outlook")],
        assignments: [include(tenant.groups.sales)],
    });
});

it("exports the new settings, adopts them with zero writes, and preview and refresh show nothing", async () => {
    const { emulator, work } = suite;
    const programDir = path.join(work, "graph-model-roundtrip");
    const program = await exportTenant(emulator, tenant, programDir);
    const declared = (key: string, value: string) => new RegExp(`^\\s+${key}: ${JSON.stringify(value)},`, "gm");
    expect(program.match(declared("purviewContentEvaluationRequired", "requiredWhenOnline"))).toHaveLength(2);
    expect(program.match(declared("appActionIfDeveloperOptionsEnabled", "warn"))).toHaveLength(1);
    expect(program).toMatch(/targetedAppManagementLevels: \["unmanaged", "mdm"\]/);
    // service defaults are not declared as if an admin had set them
    expect(program).not.toMatch(/^\s+appActionIfAccountIsClockedOut:/m);
    expect(program).not.toMatch(/^\s+pinRequiredInsteadOfBiometricTimeout:/m);

    const run = suite.stack({ programDir, stackName: "model", tenant });
    const before = policyVersions(emulator, tenant);
    emulator.clearLog();

    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 3 }); // the stack + 2 adopted policies
    expect(graphWrites(emulator)).toEqual([]);
    expect(policyVersions(emulator, tenant)).toEqual(before);

    expect((await engine("preview", run)).changes).toEqual({ same: 3 });
    const refresh = await engine("refresh", run);
    expect(refresh.changes).toEqual({ same: 3 });
    expect((await engine("preview", run)).changes).toEqual({ same: 3 });
    expect(policyVersions(emulator, tenant)).toEqual(before);
});

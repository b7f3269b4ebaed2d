/**
 * Brownfield round trip: a tenant made in the admin center (seeded in the emulator: the six
 * framework policies plus policies with apps and include/exclude assignments) is exported to a
 * program, and the real engine's first `up` adopts every policy without sending a single
 * setting change; the following preview shows no changes.
 */
import * as path from "path";
import { engine, REPO_ROOT, useEngineSuite } from "../support/engine";
import { exportTenant, graphWrites, policyVersions } from "../support/exported";
import { graphShapes } from "../support/graph-shapes";
import { frameworkPolicies } from "../support/framework";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const made = tenantSpec();
made.spec.clients[0].roles = ["DeviceManagementApps.ReadWrite.All", "GroupMember.Read.All"];
const { tenant } = made;
const { target, iosApp, androidApp } = graphShapes;
const suite = useEngineSuite(path.join(REPO_ROOT, "test", "e2e", ".tmp-export-"), () => ({ tenants: [made.spec] }));

beforeAll(async () => {
    const { emulator } = suite;
    for (const { json } of frameworkPolicies()) emulator.seedPolicy(tenant.tenantId, json);
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Sales iOS",
        pinRequired: true,
        minimumPinLength: 6,
        periodOnlineBeforeAccessCheck: "PT45M",
        appGroupType: "selectedPublicApps",
        apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"].map(iosApp),
        assignments: [
            target("groupAssignmentTarget", tenant.groups.sales),
            target("exclusionGroupAssignmentTarget", tenant.groups.contractors),
        ],
    });
    for (const name of ["Sales Android", "Sales Android"]) {
        emulator.seedPolicy(tenant.tenantId, {
            "@odata.type": "#microsoft.graph.androidManagedAppProtection",
            displayName: name,
            screenCaptureBlocked: true,
            appGroupType: "selectedPublicApps",
            apps: [androidApp("com.microsoft.office.outlook")],
            assignments: [target("groupAssignmentTarget", tenant.groups.finance)],
        });
    }
});

it("exports the tenant, and the first up adopts everything with no setting change; preview then shows none", async () => {
    const { emulator, work } = suite;
    const programDir = path.join(work, "exported-tenant");
    const program = await exportTenant(emulator, tenant, programDir);
    const seeded = emulator.policies(tenant.tenantId);
    expect(seeded).toHaveLength(9);
    for (const policy of seeded) expect(program).toContain(`adoptPolicyId: "${policy.id}"`);
    expect(program).toMatch(/\/\/ Sales/);

    const run = suite.stack({ programDir, stackName: "brownfield", tenant });
    const before = policyVersions(emulator, tenant);
    emulator.clearLog();

    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 10 }); // the stack + 9 adopted policies
    expect(graphWrites(emulator)).toEqual([]);
    expect(emulator.count({ kind: "get" })).toBe(9);
    expect(policyVersions(emulator, tenant)).toEqual(before);

    const preview = await engine("preview", run);
    expect(preview.changes).toEqual({ same: 10 });
});

/**
 * Brownfield under the real engine, for the values and the tenant that existed before Pulumi.
 *
 * 1. Values held exactly: policies Graph accepts with names that start or end with a space, a
 *    description with line breaks, `customBrowserDisplayName: "Chrome "`, lists with duplicates and
 *    stray `;` separators are exported; the first `up` adopts them without a single write, and
 *    the following preview and refresh show nothing.
 * 2. Safe to take over: the export (with `--group-names`, so it names groups instead of this
 *    tenant's ids) gives every resource `retainOnDelete`; `up` adopts with no write, resolving the
 *    names to the groups already assigned; `destroy` then leaves every policy in place, untouched.
 */
import * as path from "path";
import { engine, REPO_ROOT, useEngineSuite, type EngineRun } from "../support/engine";
import { exportTenant, graphWrites } from "../support/exported";
import { graphShapes } from "../support/graph-shapes";
import { frameworkPolicies } from "../support/framework";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(480_000);

const made = tenantSpec();
const { tenant } = made;
const suite = useEngineSuite(path.join(REPO_ROOT, "test", "e2e", ".tmp-safe-adopt-"), () => ({ tenants: [made.spec] }));

const IOS = "#microsoft.graph.iosManagedAppProtection";
const ANDROID = "#microsoft.graph.androidManagedAppProtection";
const { target, iosApp, androidApp } = graphShapes;

/** Policies as an admin could have made them: every value here is one Graph accepts and keeps. */
const exactPolicies = () => [
    {
        "@odata.type": IOS,
        displayName: "Sales iOS ",
        description: "Managed by IT.\nAsk the service desk before changing it.\n",
        pinRequired: true,
        minimumPinLength: 6,
        allowedIosDeviceModels: ";iPhone15,2;;iPad13,1 ;iPhone15,2;",
        managedUniversalLinks: ["https://contoso.sharepoint.com/*", "https://contoso.sharepoint.com/*"],
        exemptedAppProtocols: [
            { name: "Default ", value: "skype;app-settings;" },
            { name: "Default ", value: "skype;app-settings;" },
        ],
        appGroupType: "selectedPublicApps",
        apps: [iosApp("com.microsoft.office.outlook"), iosApp("com.microsoft.skype.teams")],
        assignments: [
            target("groupAssignmentTarget", tenant.groups.sales),
            target("exclusionGroupAssignmentTarget", tenant.groups.contractors),
        ],
    },
    {
        "@odata.type": ANDROID,
        displayName: " Sales Android",
        description: "Line one\r\nline two",
        managedBrowserToOpenLinksRequired: true,
        customBrowserPackageId: "com.android.chrome",
        customBrowserDisplayName: "Chrome ",
        allowedAndroidDeviceManufacturers: "Samsung;;Google ;",
        allowedAndroidDeviceModels: [" Pixel 7", "Pixel 7", " Pixel 7"],
        keyboardsRestricted: true,
        approvedKeyboards: [
            { name: "com.touchtype.swiftkey", value: "SwiftKey " },
            { name: "com.touchtype.swiftkey", value: "SwiftKey " },
        ],
        appGroupType: "selectedPublicApps",
        apps: [androidApp("com.microsoft.office.outlook")],
        assignments: [target("groupAssignmentTarget", tenant.groups.finance)],
    },
];

/** Exports the tenant into a new program folder and returns the stack run for it. */
async function exportProgram(name: string, flags: string[] = []): Promise<{ run: EngineRun; program: string }> {
    const programDir = path.join(suite.work, name);
    const program = await exportTenant(suite.emulator, tenant, programDir, flags);
    const run = suite.stack({ programDir, stackName: name, tenant, stateDir: path.join(suite.work, `${name}-state`) });
    return { run, program };
}

/** Every request that changes something in Graph. */
const writes = () => graphWrites(suite.emulator);

/** Every policy of the tenant, exactly as Graph holds it. */
const tenantPolicies = () =>
    Object.fromEntries(suite.emulator.policies(tenant.tenantId).map((p) => [p.id as string, JSON.stringify(p)]));

it("holds values exactly: export, then up adopts with zero writes; preview and refresh show nothing", async () => {
    const seeded = exactPolicies().map((body) => suite.emulator.seedPolicy(tenant.tenantId, body));
    try {
        await holdsExactly();
    } finally {
        for (const policy of seeded) suite.emulator.deletePolicy(tenant.tenantId, policy.id);
    }
});

/** The first scenario, on a tenant that holds just the two policies of {@link exactPolicies}. */
async function holdsExactly(): Promise<void> {
    const { run, program } = await exportProgram("exact");
    expect(program).toContain('displayName: "Sales iOS ",');
    expect(program).toContain('displayName: " Sales Android",');
    expect(program).toContain('customBrowserDisplayName: "Chrome ",');
    expect(program).toContain('description: "Managed by IT.\\nAsk the service desk before changing it.\\n",');
    expect(program).toContain('allowedAndroidDeviceModels: [" Pixel 7", "Pixel 7"],');
    expect(program).not.toMatch(/Check will reject|will change this policy|is not declared/);

    const before = tenantPolicies();
    suite.emulator.clearLog();
    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 3 }); // the stack and the two adopted policies
    expect(writes()).toEqual([]);
    expect(tenantPolicies()).toEqual(before);

    const preview = await engine("preview", run);
    expect(preview.changes).toEqual({ same: 3 });
    const refresh = await engine("refresh", run);
    expect(refresh.changes).toEqual({ same: 3 });
    expect(refresh.output).not.toMatch(/\[diff:/);
    expect(writes()).toEqual([]);
    expect(tenantPolicies()).toEqual(before);
}

it("--group-names export: up adopts with zero writes, destroy leaves every pre-existing policy in place", async () => {
    for (const { json } of frameworkPolicies()) suite.emulator.seedPolicy(tenant.tenantId, json);
    for (const body of exactPolicies()) suite.emulator.seedPolicy(tenant.tenantId, body);
    const count = suite.emulator.policies(tenant.tenantId).length;
    expect(count).toBe(8);

    const { run, program } = await exportProgram("takeover", ["--group-names"]);
    expect(program).toContain("const keepInIntune = { retainOnDelete: true };");
    expect(program.match(/^}, keepInIntune\);$/gm)).toHaveLength(count);
    expect(program).toContain('{ groupName: "Sales" }');
    expect(program).toContain('{ groupName: "Finance" }');
    expect(program).not.toContain(`"${tenant.groups.sales}"`); // in comments only

    const before = tenantPolicies();
    suite.emulator.clearLog();
    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: count + 1 });
    expect(writes()).toEqual([]);
    // The names were looked up in the tenant (reads), and matched the groups already assigned.
    expect(suite.emulator.requests.filter((r) => r.kind === "groups").length).toBeGreaterThan(0);
    expect(tenantPolicies()).toEqual(before);

    const preview = await engine("preview", run);
    expect(preview.changes).toEqual({ same: count + 1 });

    suite.emulator.clearLog();
    const destroy = await engine("destroy", run);
    expect(destroy.changes).toMatchObject({ delete: count + 1 });
    expect(writes()).toEqual([]);
    expect(tenantPolicies()).toEqual(before);
});

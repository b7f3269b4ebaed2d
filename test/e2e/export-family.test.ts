/**
 * Brownfield round trip of the whole family: a tenant with one policy of each of the four types
 * (iOS, Android and Windows app protection, app configuration for managed apps), made with odd
 * values an admin center lets through (trailing spaces, duplicate list items, custom settings with
 * Intune tokens), is exported by the package's command line; the real engine's first `up` adopts
 * every policy without a single write to Graph, and the following preview shows no changes. An app
 * configuration for Microsoft Edge on Windows, which no resource can manage, is left out with a
 * warning and stays untouched.
 */
import * as path from "path";
import { engine, REPO_ROOT, useEngineSuite } from "../support/engine";
import { exportTenant, graphWrites, policyVersions } from "../support/exported";
import { graphShapes } from "../support/graph-shapes";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const made = tenantSpec();
made.spec.clients[0].roles = ["DeviceManagementApps.ReadWrite.All", "GroupMember.Read.All"];
const { tenant } = made;
const { target, iosApp, androidApp, windowsApp } = graphShapes;
const suite = useEngineSuite(path.join(REPO_ROOT, "test", "e2e", ".tmp-export-family-"), () => ({
    tenants: [made.spec],
}));

/** The policy the export cannot manage (docs/graph.md 10.4). */
const EDGE_FOR_WINDOWS = "Edge for Windows";

beforeAll(() => {
    const { emulator } = suite;
    const { sales, finance, contractors } = tenant.groups;
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Sales iOS ",
        description: "Made in the admin center\n",
        allowedIosDeviceModels: "iPhone15,2;iPad13,1 ;iPhone15,2",
        managedUniversalLinks: ["https://contoso.com/*", "https://contoso.com/*"],
        minimumPinLength: 6,
        appGroupType: "selectedPublicApps",
        apps: ["com.microsoft.office.outlook", "com.microsoft.office.outlook"].map(iosApp),
        assignments: [target("groupAssignmentTarget", sales), target("exclusionGroupAssignmentTarget", contractors)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.androidManagedAppProtection",
        displayName: " Sales Android",
        allowedAndroidDeviceManufacturers: "Samsung;Google ;Samsung",
        screenCaptureBlocked: true,
        appGroupType: "selectedPublicApps",
        apps: [androidApp("com.microsoft.office.outlook")],
        assignments: [target("groupAssignmentTarget", finance)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
        displayName: "Edge on personal devices ",
        allowedOutboundDataTransferDestinations: "none",
        allowedOutboundClipboardSharingLevel: "none",
        printBlocked: true,
        periodOfflineBeforeAccessCheck: "PT720M",
        minimumRequiredOsVersion: "10.0.22631.3155",
        apps: [windowsApp("com.microsoft.edge"), windowsApp("com.microsoft.edge")],
        assignments: [target("groupAssignmentTarget", sales)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
        displayName: "Outlook and Edge ",
        appGroupType: "selectedPublicApps",
        customSettings: [
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            { name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://intranet.contoso.com" },
            { name: "com.microsoft.outlook.EmailProfile.EmailAddress", value: "{{userprincipalname}}" },
            { name: "com.contoso.signature", value: "Sent by {{userprincipalname}} " },
            { name: "com.contoso.signature", value: "Sent by {{userprincipalname}} " },
        ],
        apps: [
            iosApp("com.microsoft.Office.Outlook"),
            iosApp("com.microsoft.msedge"),
            androidApp("com.microsoft.emmx"),
        ],
        assignments: [target("groupAssignmentTarget", sales)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
        displayName: EDGE_FOR_WINDOWS,
        appGroupType: "selectedPublicApps",
        customSettings: [],
        apps: [windowsApp("com.microsoft.edge")],
    });
});

it("exports all four types, and the first up adopts each with zero writes; preview then shows none", async () => {
    const { emulator, work } = suite;
    const programDir = path.join(work, "exported-family");
    const program = await exportTenant(emulator, tenant, programDir);
    const seeded = emulator.policies(tenant.tenantId);
    expect(seeded).toHaveLength(5);
    for (const policy of seeded) {
        if (policy.displayName === EDGE_FOR_WINDOWS) expect(program).not.toContain(`adoptPolicyId: "${policy.id}"`);
        else expect(program).toContain(`adoptPolicyId: "${policy.id}"`);
    }
    for (const resourceType of [
        "IosAppProtectionPolicy",
        "AndroidAppProtectionPolicy",
        "WindowsAppProtectionPolicy",
        "ManagedAppConfiguration",
    ])
        expect(program).toContain(`new intune.${resourceType}(`);
    expect(program).toContain(`app configuration policy "${EDGE_FOR_WINDOWS}"`);
    expect(program).toContain("...intune.appConfig.outlookConfiguration({");
    expect(program).toContain("...intune.appConfig.edgeConfiguration({");
    // Every odd value is declared as Graph holds it, none commented out.
    expect(program).not.toMatch(/is not declared|Check will reject|will change this policy/);
    for (const text of [
        '"Sales iOS "',
        '" Sales Android"',
        '"Edge on personal devices "',
        '"Sent by {{userprincipalname}} "',
    ])
        expect(program).toContain(text);

    const run = suite.stack({ programDir, stackName: "family", tenant });
    const before = policyVersions(emulator, tenant);
    emulator.clearLog();

    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 5 }); // the stack + 4 adopted policies
    expect(graphWrites(emulator)).toEqual([]);
    expect(emulator.count({ kind: "get" })).toBe(4);
    expect(policyVersions(emulator, tenant)).toEqual(before);

    const preview = await engine("preview", run);
    expect(preview.changes).toEqual({ same: 5 });
    expect(graphWrites(emulator)).toEqual([]);
});

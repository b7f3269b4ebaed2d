/**
 * Rendering an export: which arguments a live policy gets, how the program prints them, and
 * resource names that are stable and unique.
 */
import {
    planPolicy,
    planWarnings,
    policyArgs,
    renderProgram,
    resourceNames,
    slugify,
    type GroupNames,
    type GroupNaming,
    type LivePolicy,
} from "../../provider/export";
import { policyKey } from "../../provider/export/names";
import { checkInputs } from "../../provider/engine/check";
import { policyChanges } from "../../provider/engine/diff";
import { managedKeys, managedValuesFromGraph } from "../../provider/engine/state";
import { platforms, policyTypes } from "../../provider/settings/platforms";
import { androidPolicy, evaluateProgram, graphApps, graphAssignments, iosPolicy } from "./support";

const SALES = "11111111-1111-4111-8111-111111111111";
const FINANCE = "22222222-2222-4222-8222-222222222222";
const GONE = "33333333-3333-4333-8333-333333333333";
const FILTER = "44444444-4444-4444-8444-444444444444";
const NO_GROUPS: GroupNames = new Map();

/** A policy with lists, objects, odd text and values that differ from the defaults. */
const detailed = iosPolicy("T_aaaaaaaa-0000-4000-8000-000000000001", 'Sales "iOS" \\ Ünïcödé\nline', {
    description: "Two\nlines and a 'quote'",
    roleScopeTagIds: ["3", "0"],
    targetedAppManagementLevels: "unmanaged,mdm",
    minimumPinLength: 8,
    pinRequired: true, // the default: left out
    periodOfflineBeforeAccessCheck: "PT720M", // PT12H, the default: left out
    periodOfflineBeforeWipeIsEnforced: "PT2160H", // P90D, the default
    periodBeforePinReset: "P30D",
    allowedIosDeviceModels: "iPhone15,2;iPad13,1",
    exemptedAppProtocols: [
        {
            name: "Default",
            value: "tel;telprompt;skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;",
        },
    ],
    managedUniversalLinks: ["https://contoso.com/*", "http://*.contoso.com/*"],
    allowedDataStorageLocations: ["sharePoint", "oneDriveForBusiness"],
    minimumRequiredOsVersion: "16.0",
    minimumWarningOsVersion: null, // not configured: left out
    appActionIfUnableToAuthenticateUser: "wipe", // no default: declared when configured
    apps: graphApps("ios", ["com.microsoft.skype.teams", "com.microsoft.office.outlook"]),
    assignments: graphAssignments([SALES, { groupId: GONE, filterId: FILTER, filterType: "exclude" }], [FINANCE]),
});

const appGroup = androidPolicy("T_bbbbbbbb-0000-4000-8000-000000000002", "Android all Microsoft apps", {
    appGroupType: "allMicrosoftApps",
    apps: graphApps("android", ["com.microsoft.office.outlook", "com.microsoft.teams"]),
    approvedKeyboards: [{ name: "com.touchtype.swiftkey", value: "SwiftKey" }],
    keyboardsRestricted: true,
});

/** iOS Level 3 of the framework ships a placeholder dialer scheme that is not a URL scheme. */
const placeholder = iosPolicy("T_cccccccc-0000-4000-8000-000000000003", "Dialer placeholder", {
    dialerRestrictionLevel: "customApp",
    customDialerAppProtocol: "replace_with_dialer_app_url_scheme",
    printBlocked: true,
});

const all = [detailed, appGroup, placeholder];
const groupNames: GroupNames = new Map([
    [SALES, "Sales"],
    [FINANCE, "Finance // Team"],
    [GONE, null],
]);

describe("policyArgs", () => {
    it("declares what differs from Graph's defaults, configured settings without a default, apps and assignments", () => {
        expect(policyArgs(detailed)).toEqual({
            adoptPolicyId: "T_aaaaaaaa-0000-4000-8000-000000000001",
            displayName: 'Sales "iOS" \\ Ünïcödé\nline',
            description: "Two\nlines and a 'quote'",
            roleScopeTagIds: ["0", "3"],
            appGroupType: "selectedPublicApps",
            targetedAppManagementLevels: ["unmanaged", "mdm"],
            allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
            periodBeforePinReset: "P30D",
            minimumPinLength: 8,
            appActionIfUnableToAuthenticateUser: "wipe",
            minimumRequiredOsVersion: "16.0",
            exemptedAppProtocols: [
                {
                    name: "Default",
                    schemes: "tel;telprompt;skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;",
                },
            ],
            managedUniversalLinks: ["http://*.contoso.com/*", "https://contoso.com/*"],
            allowedIosDeviceModels: ["iPad13,1", "iPhone15,2"],
            apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
            assignments: {
                include: [SALES, { groupId: GONE, filterId: FILTER, filterType: "exclude" }],
                exclude: [FINANCE],
            },
        });
    });

    it("leaves apps out for app groups (Intune fills that list itself)", () => {
        const args = policyArgs(appGroup);
        expect(args.appGroupType).toBe("allMicrosoftApps");
        expect(args).not.toHaveProperty("apps");
        expect(args).toMatchObject({
            keyboardsRestricted: true,
            approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }],
        });
    });

    it("withholds a live value check would reject, and the settings whose rules need it", () => {
        const plan = planPolicy(placeholder);
        expect(plan.args).not.toHaveProperty("customDialerAppProtocol");
        expect(plan.args).not.toHaveProperty("dialerRestrictionLevel");
        expect(plan.args).toHaveProperty("printBlocked", true);
        expect(plan.withheld.map((w) => [w.key, w.value])).toEqual([
            ["customDialerAppProtocol", "replace_with_dialer_app_url_scheme"],
            ["dialerRestrictionLevel", "customApp"],
        ]);
        expect(plan.withheld[0].reason).toMatch(/must be a URL scheme/);
        expect(plan.withheld[1].reason).toMatch(/needs customDialerAppProtocol/);
        expect(plan.rejected).toEqual([]);
        expect(plan.changes).toEqual([]);
    });

    it.each(all.map((p) => [p.graph.displayName, p] as const))(
        "%j passes check and would send nothing on adoption",
        (_name, policy) => {
            const platform = policyTypes[policy.platform];
            const { inputs, failures } = checkInputs(platform, policyArgs(policy));
            expect(failures).toEqual([]);
            const live = managedValuesFromGraph(platform, policy.graph, managedKeys(platform, inputs));
            expect(policyChanges(platform, live, inputs)).toEqual({
                send: {},
                released: [],
            });
        },
    );
});

describe("renderProgram", () => {
    const text = renderProgram(all, groupNames, { tenantId: "contoso.onmicrosoft.com" });

    it("prints exactly the arguments policyArgs gives, one resource per policy", () => {
        const declared = evaluateProgram(text);
        expect(declared.map((r) => r.type)).toEqual([
            "IosAppProtectionPolicy",
            "IosAppProtectionPolicy",
            "AndroidAppProtectionPolicy",
        ]);
        for (const policy of all) {
            const resource = declared.find((r) => r.args.adoptPolicyId === policy.graph.id)!;
            expect(resource.args).toEqual(policyArgs(policy));
            expect(Object.keys(resource.args).sort()).toEqual(Object.keys(policyArgs(policy)).sort());
        }
    });

    it("imports the package and names the admin-center sections and labels", () => {
        expect(text).toContain('import * as intune from "pulumi-intune-app-protection";');
        expect(text).toMatch(
            /^ {4}\/\/ Access requirements\n {4}minimumPinLength: 8, \/\/ Select minimum PIN length$/m,
        );
        expect(text).toContain('    appGroupType: "allMicrosoftApps", // Target policy to');
        expect(text).toContain("    // Conditional launch\n");
        expect(text).toContain("of tenant contoso.onmicrosoft.com");
    });

    it("prints lists and objects as literals, long ones one element per line", () => {
        expect(text).toContain('    allowedIosDeviceModels: ["iPad13,1", "iPhone15,2"], // Device model(s)');
        expect(text).toContain('    targetedAppManagementLevels: ["unmanaged", "mdm"],');
        expect(text).toMatch(
            / {4}exemptedAppProtocols: \[\n {8}\{\n {12}name: "Default",\n {12}schemes: "tel;telprompt;skype;[^"]*",\n {8}\},\n {4}\],/,
        );
        expect(text).toContain('    approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }],');
        expect(text).toContain('    displayName: "Sales \\"iOS\\" \\\\ Ünïcödé\\nline",');
    });

    it("puts each group's display name beside its id, and says when a group does not exist", () => {
        expect(text).toContain(`            "${SALES}", // Sales\n`);
        expect(text).toContain(
            `            { groupId: "${GONE}", filterId: "${FILTER}", filterType: "exclude" }, // group not found\n`,
        );
        expect(text).toContain(`            "${FINANCE}", // Finance // Team\n`);
        // Without names (no permission to read groups) the ids stand alone.
        expect(renderProgram([detailed], NO_GROUPS)).toContain(`            "${SALES}",\n`);
    });

    it("leaves app lists out of app-group policies", () => {
        const android = text.slice(text.indexOf('new intune.AndroidAppProtectionPolicy("android-all-microsoft-apps"'));
        expect(android).not.toMatch(/\bapps:/);
        expect(android).not.toContain("com.microsoft.teams");
    });

    it("shows withheld values commented out with the reason", () => {
        expect(text).toContain('    // customDialerAppProtocol: "replace_with_dialer_app_url_scheme",\n');
        expect(text).toContain('    // dialerRestrictionLevel: "customApp",\n');
        const comments = text
            .split("\n")
            .filter((line) => line.trim().startsWith("// "))
            .map((line) => line.trim().slice(3))
            .join(" ");
        expect(comments).toContain(
            'customDialerAppProtocol (Dialer App URL Scheme) is not declared. Intune holds a value this provider does not accept: "replace_with_dialer_app_url_scheme" must be a URL scheme',
        );
        expect(comments).toContain(
            "dialerRestrictionLevel (Transfer telecommunication data to) is not declared. It needs customDialerAppProtocol",
        );
    });

    it("is the same text whatever order Graph listed the policies in", () => {
        expect(renderProgram([...all].reverse(), groupNames, { tenantId: "contoso.onmicrosoft.com" })).toBe(text);
    });

    it("says so, without an unused import, when there is nothing to export", () => {
        const empty = renderProgram([], NO_GROUPS);
        expect(empty).toMatch(/no app protection or app configuration policies/);
        expect(empty).not.toContain("import");
        expect(evaluateProgram(empty)).toEqual([]);
    });
});

/** Policies Graph accepts whose text and lists the provider must hold exactly as Graph does. */
const exact = [
    iosPolicy("T_dddddddd-0000-4000-8000-000000000004", "Sales iOS ", {
        description: "First line\nsecond line\n",
        allowedIosDeviceModels: ";iPhone15,2;;iPad13,1 ;iPhone15,2;",
        managedUniversalLinks: ["https://contoso.com/*", "https://contoso.com/*"],
        exemptedAppProtocols: [
            { name: "Default ", value: "skype;app-settings;" },
            { name: "Default ", value: "skype;app-settings;" },
        ],
    }),
    androidPolicy("T_eeeeeeee-0000-4000-8000-000000000005", " Sales Android", {
        managedBrowserToOpenLinksRequired: true,
        customBrowserPackageId: "com.android.chrome",
        customBrowserDisplayName: "Chrome ",
        allowedAndroidDeviceManufacturers: "Samsung;;Google ;",
        allowedAndroidDeviceModels: [" Pixel 7", "Pixel 7", " Pixel 7"],
    }),
];

describe("values held exactly", () => {
    it("declares text with its spaces and line breaks, and lists as Graph means them", () => {
        expect(policyArgs(exact[0])).toMatchObject({
            displayName: "Sales iOS ",
            description: "First line\nsecond line\n",
            allowedIosDeviceModels: ["iPad13,1 ", "iPhone15,2"],
            managedUniversalLinks: ["https://contoso.com/*"],
            exemptedAppProtocols: [{ name: "Default ", schemes: "skype;app-settings;" }],
        });
        expect(policyArgs(exact[1])).toMatchObject({
            displayName: " Sales Android",
            customBrowserDisplayName: "Chrome ",
            allowedAndroidDeviceManufacturers: ["Google ", "Samsung"],
            allowedAndroidDeviceModels: [" Pixel 7", "Pixel 7"],
        });
    });

    it.each(exact.map((p) => [p.graph.displayName, p] as const))(
        "%j passes check, withholds nothing and would send nothing on adoption",
        (_name, policy) => {
            const plan = planPolicy(policy);
            expect([plan.withheld, plan.rejected, plan.changes]).toEqual([[], [], []]);
            const platform = policyTypes[policy.platform];
            const { inputs, failures } = checkInputs(platform, plan.args);
            expect(failures).toEqual([]);
            const live = managedValuesFromGraph(platform, policy.graph, managedKeys(platform, inputs));
            expect(policyChanges(platform, live, inputs)).toEqual({
                send: {},
                released: [],
            });
            expect(planWarnings([policy])).toEqual([]);
        },
    );

    it("prints them so that they evaluate back to the same values, with no warning header", () => {
        const text = renderProgram(exact, NO_GROUPS);
        expect(text).toContain('    displayName: "Sales iOS ",\n');
        expect(text).toContain('    description: "First line\\nsecond line\\n",\n');
        expect(text).not.toMatch(/Check will reject|will change this policy/);
        for (const resource of evaluateProgram(text))
            expect(resource.args).toEqual(policyArgs(exact.find((p) => p.graph.id === resource.args.adoptPolicyId)!));
    });

    it("says check will reject a policy only for what check rejects, naming the value and why", () => {
        const blank = iosPolicy("T_ffffffff-0000-4000-8000-000000000006", "   ");
        const plan = planPolicy(blank);
        expect(plan.rejected).toEqual([
            'displayName (Basics > Name): "   " must be non-empty text of at most 256 characters; it is only white space, which would list as a policy without a name',
        ]);
        expect(plan.changes).toEqual([]);
        // Comments are one line of words: the value's run of spaces shows as one.
        expect(renderProgram([blank], NO_GROUPS).replace(/\n\/\/ /g, " ")).toMatch(
            /Check will reject this policy until you fix: displayName \(Basics > Name\): " " must be non-empty text of at most 256 characters; it is only white space/,
        );
    });
});

describe("safe to adopt", () => {
    it("gives every resource retainOnDelete by default, so destroy leaves the policies in Intune", () => {
        const text = renderProgram(all, groupNames);
        expect(text).toContain("const keepInIntune = { retainOnDelete: true };");
        expect(text.replace(/\n\/\/ /g, " ")).toMatch(
            /pulumi destroy, or deleting a resource from this program, leaves its policy in Intune/,
        );
        const declared = evaluateProgram(text);
        expect(declared).toHaveLength(all.length);
        for (const resource of declared) expect(resource.opts).toEqual({ retainOnDelete: true });
    });

    it("leaves retainOnDelete out when asked", () => {
        const text = renderProgram(all, groupNames, { retainOnDelete: false });
        expect(text).not.toContain("retainOnDelete");
        expect(text).not.toContain("keepInIntune");
        for (const resource of evaluateProgram(text)) expect(resource.opts).toBeUndefined();
    });

    it("with group naming, names each group whose name is unique, and keeps the others as ids with the reason", () => {
        const naming: GroupNaming = new Map([
            [SALES, { name: "Sales" }],
            [FINANCE, { kept: '2 groups in this tenant are named "Finance // Team"' }],
            [GONE, { kept: "group not found in this tenant" }],
        ]);
        const plan = planPolicy(detailed, naming);
        expect(plan.args.assignments).toEqual({
            include: [{ groupId: GONE, filterId: FILTER, filterType: "exclude" }, { groupName: "Sales" }],
            exclude: [FINANCE],
        });
        const { inputs, failures } = checkInputs(platforms.ios, plan.args);
        expect(failures).toEqual([]);
        expect(inputs.assignments).toEqual(plan.args.assignments);

        const text = renderProgram([detailed], groupNames, { groupNaming: naming });
        expect(text).toContain(`            { groupName: "Sales" }, // ${SALES} in the exported tenant\n`);
        expect(text).toContain(
            `            "${FINANCE}", // Finance // Team (by id: 2 groups in this tenant are named "Finance // Team")\n`,
        );
        expect(text).toContain(`filterType: "exclude" }, // group not found\n`);
        expect(text).toMatch(/Assigned groups are named by display name \(\{ groupName \}\)/);
        const [resource] = evaluateProgram(text);
        expect(resource.args).toEqual(plan.args);
    });

    it("with group naming, a filtered target keeps its filter", () => {
        const naming: GroupNaming = new Map([[GONE, { name: "Contractors" }]]);
        expect(planPolicy(detailed, naming).args.assignments).toMatchObject({
            include: expect.arrayContaining([{ groupName: "Contractors", filterId: FILTER, filterType: "exclude" }]),
        });
    });
});

describe("resource names", () => {
    const named = (policies: LivePolicy[]) => {
        const names = resourceNames(policies);
        return policies.map((p) => names.get(policyKey(p)));
    };

    it("are slugs of the display name", () => {
        expect(slugify("iOS/iPadOS Enterprise High Data Protection v1.5")).toBe(
            "ios-ipados-enterprise-high-data-protection-v1-5",
        );
        expect(slugify("  Ünïcödé — Sales (EU)  ")).toBe("unicode-sales-eu");
        expect(slugify("x".repeat(30) + " " + "y".repeat(40)).length).toBeLessThanOrEqual(60);
        expect(named([iosPolicy("T_1", "日本語")])).toEqual(["ios-policy"]);
    });

    it("tell policies with the same display name apart by their id, stably", () => {
        const a = iosPolicy("T_0a1b2c3d-0000-4000-8000-000000000000", "Baseline");
        const b = iosPolicy("T_9f8e7d6c-0000-4000-8000-000000000000", "Baseline");
        const c = iosPolicy("T_5555aaaa-0000-4000-8000-000000000000", "baseline!");
        const other = iosPolicy("T_77777777-0000-4000-8000-000000000000", "Other");
        expect(named([a, b, c, other])).toEqual([
            "baseline-0a1b2c3d",
            "baseline-9f8e7d6c",
            "baseline-5555aaaa",
            "other",
        ]);
        expect(named([other, c, b, a])).toEqual([
            "other",
            "baseline-5555aaaa",
            "baseline-9f8e7d6c",
            "baseline-0a1b2c3d",
        ]);
        const text = renderProgram([a, b, c, other], NO_GROUPS);
        expect(renderProgram([c, other, b, a], NO_GROUPS)).toBe(text);
        const names = evaluateProgram(text).map((r) => r.name);
        expect(new Set(names).size).toBe(4);
    });

    it("use a longer part of the id when the short one is shared", () => {
        const a = iosPolicy("T_12345678-aaaa-4000-8000-000000000000", "Same");
        const b = iosPolicy("T_12345678-bbbb-4000-8000-000000000000", "Same");
        expect(named([a, b])).toEqual(["same-12345678a", "same-12345678b"]);
    });

    it("name the platform when an iOS and an Android policy share a display name", () => {
        const ios = iosPolicy("T_1", "Contoso baseline");
        const android = androidPolicy("T_2", "Contoso baseline");
        expect(named([ios, android])).toEqual(["contoso-baseline-ios", "contoso-baseline-android"]);
    });

    it("stay unique when a display name looks like another policy's suffixed name", () => {
        const ios = iosPolicy("T_1", "Pair");
        const android = androidPolicy("T_2", "Pair");
        const lookalike = iosPolicy("T_3", "Pair iOS");
        expect(new Set(named([ios, android, lookalike])).size).toBe(3);
    });
});

/**
 * The export of the rest of the family: Windows app protection and app configuration policies for
 * managed apps. Which arguments a live policy gets, how the program prints them (Outlook and Edge
 * keys through their helpers), and which policies are left out because no resource can manage them.
 */
import {
    planPolicy,
    planWarnings,
    policyArgs,
    renderProgram,
    resourceNames,
    unmanagedReason,
    type GroupNames,
} from "../../provider/export";
import { policyKey } from "../../provider/export/names";
import * as appConfig from "../../provider/app-config";
import { checkInputs } from "../../provider/engine/check";
import { policyChanges } from "../../provider/engine/diff";
import { managedKeys, managedValuesFromGraph } from "../../provider/engine/state";
import { policyTypes } from "../../provider/settings/platforms";
import {
    appConfigurationPolicy,
    evaluateProgram,
    graphApps,
    graphAssignments,
    iosPolicy,
    windowsPolicy,
} from "./support";

const SALES = "11111111-1111-4111-8111-111111111111";
const NO_GROUPS: GroupNames = new Map();

const edge = windowsPolicy("T_aaaaaaaa-0000-4000-8000-00000000000a", "Edge on personal devices ", {
    description: "Windows MAM\n",
    allowedOutboundClipboardSharingLevel: "orgDestinationOrgSource",
    allowedInboundDataTransferSources: "allApps", // the default: left out
    allowedOutboundDataTransferDestinations: "none",
    printBlocked: true,
    periodOfflineBeforeAccessCheck: "PT720M", // PT12H, the default: left out
    minimumRequiredOsVersion: "10.0.22631.3155",
    maximumAllowedDeviceThreatLevel: "secured",
    mobileThreatDefenseRemediationAction: "block",
    appActionIfUnableToAuthenticateUser: "wipe",
    minimumWarningAppVersion: null, // not configured: left out
    apps: graphApps("windows", ["com.microsoft.edge", "com.microsoft.edge"]),
    assignments: graphAssignments([SALES]),
});

/** The documented Outlook and Edge keys, a token, an own key and an odd value. */
const outlookAndEdge = appConfigurationPolicy("T_bbbbbbbb-0000-4000-8000-00000000000b", "Outlook and Edge", {
    customSettings: [
        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
        { name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://intranet.contoso.com" },
        { name: "com.contoso.signature", value: "Sent by {{userprincipalname}} " },
        { name: "com.contoso.signature", value: "Sent by {{userprincipalname}} " },
        // A documented key with a value the helper does not write: stays a pair.
        { name: "com.microsoft.outlook.Mail.OrganizeByThreadEnabled", value: "True" },
    ],
    apps: [
        ...graphApps("ios", ["com.microsoft.Office.Outlook", "com.microsoft.msedge"]),
        ...graphApps("android", ["com.microsoft.office.outlook"]),
    ],
    assignments: graphAssignments([SALES]),
});

const plainPairs = appConfigurationPolicy("T_cccccccc-0000-4000-8000-00000000000c", "Teams", {
    appGroupType: "allMicrosoftApps",
    customSettings: [{ name: "com.microsoft.teams.x", value: "" }],
    apps: graphApps("android", ["com.microsoft.teams"]),
});

const family = [edge, outlookAndEdge, plainPairs];

describe("arguments of the new types", () => {
    it("a Windows policy declares what differs from the documented defaults, its apps and assignments", () => {
        expect(policyArgs(edge)).toEqual({
            adoptPolicyId: "T_aaaaaaaa-0000-4000-8000-00000000000a",
            displayName: "Edge on personal devices ",
            description: "Windows MAM\n",
            allowedOutboundDataTransferDestinations: "none",
            allowedOutboundClipboardSharingLevel: "orgDestinationOrgSource",
            printBlocked: true,
            appActionIfUnableToAuthenticateUser: "wipe",
            minimumRequiredOsVersion: "10.0.22631.3155",
            maximumAllowedDeviceThreatLevel: "secured",
            mobileThreatDefenseRemediationAction: "block",
            apps: ["com.microsoft.edge"],
            assignments: { include: [SALES] },
        });
    });

    it("an app configuration policy declares its pairs (one of each), app group and apps of both platforms", () => {
        const args = policyArgs(outlookAndEdge);
        expect(args).toMatchObject({
            appGroupType: "selectedPublicApps",
            apps: {
                ios: ["com.microsoft.Office.Outlook", "com.microsoft.msedge"],
                android: ["com.microsoft.office.outlook"],
            },
        });
        expect(args.customSettings).toHaveLength(4);
        expect(args.customSettings).toContainEqual({
            name: "com.contoso.signature",
            value: "Sent by {{userprincipalname}} ",
        });
        expect(policyArgs(plainPairs)).not.toHaveProperty("apps");
    });

    it.each(family.map((p) => [p.graph.displayName, p] as const))(
        "%j passes check, withholds nothing and would send nothing on adoption",
        (_name, policy) => {
            const plan = planPolicy(policy);
            expect([plan.withheld, plan.rejected, plan.changes]).toEqual([[], [], []]);
            const type = policyTypes[policy.platform];
            const { inputs, failures } = checkInputs(type, plan.args);
            expect(failures).toEqual([]);
            const live = managedValuesFromGraph(type, policy.graph, managedKeys(type, inputs));
            expect(policyChanges(type, live, inputs)).toEqual({ send: {}, released: [] });
            expect(planWarnings([policy])).toEqual([]);
        },
    );

    it("withholds a custom setting list that names one key twice with two values, saying why", () => {
        const clash = appConfigurationPolicy("T_dddddddd-0000-4000-8000-00000000000d", "Clash", {
            customSettings: [
                { name: "com.contoso.mode", value: "a" },
                { name: "com.contoso.mode", value: "b" },
            ],
        });
        const plan = planPolicy(clash);
        expect(plan.args).not.toHaveProperty("customSettings");
        expect(plan.withheld.map((w) => w.key)).toEqual(["customSettings"]);
        expect(plan.withheld[0].reason).toMatch(/name "com\.contoso\.mode" has two values/);
    });
});

describe("the program", () => {
    const text = renderProgram(
        [...family, iosPolicy("T_eeeeeeee-0000-4000-8000-00000000000e", "Sales iOS")],
        NO_GROUPS,
    );

    it("declares exactly the planned arguments, one resource of the type's class per policy, types in order", () => {
        const declared = evaluateProgram(text);
        expect(declared.map((r) => r.type)).toEqual([
            "IosAppProtectionPolicy",
            "WindowsAppProtectionPolicy",
            "ManagedAppConfiguration",
            "ManagedAppConfiguration",
        ]);
        for (const policy of family) {
            const resource = declared.find((r) => r.args.adoptPolicyId === policy.graph.id)!;
            // The helpers may order the pairs differently; check takes them as a set.
            const { inputs } = checkInputs(policyTypes[policy.platform], resource.args);
            expect(inputs).toEqual(checkInputs(policyTypes[policy.platform], policyArgs(policy)).inputs);
        }
    });

    it("heads each type with its title and noun, and labels Windows settings in admin-center sections", () => {
        expect(text).toContain("// Windows app protection policies (1)");
        expect(text).toContain("// iOS/iPadOS and Android app configuration policies (2)");
        expect(text).toMatch(/^ {4}\/\/ Health checks\n/m);
        expect(text).toContain(
            '    allowedOutboundClipboardSharingLevel: "orgDestinationOrgSource", // Allow cut, copy, and paste for',
        );
        expect(text).toContain('    apps: ["com.microsoft.edge"], // Selected apps');
    });

    it("writes documented Outlook and Edge keys through the typed helpers, other pairs as they are", () => {
        expect(text).toContain("        ...intune.appConfig.outlookConfiguration({ focusedInbox: false }),\n");
        expect(text).toContain(
            '        ...intune.appConfig.edgeConfiguration({ homepage: "https://intranet.contoso.com" }),\n',
        );
        expect(text).toContain('        { name: "com.contoso.signature", value: "Sent by {{userprincipalname}} " },\n');
        expect(text).toContain(
            '        { name: "com.microsoft.outlook.Mail.OrganizeByThreadEnabled", value: "True" },\n',
        );
        // The helpers write exactly the pairs read.
        const pairs = [
            ...appConfig.outlookConfiguration({ focusedInbox: false }),
            ...appConfig.edgeConfiguration({ homepage: "https://intranet.contoso.com" }),
        ];
        expect(pairs).toEqual([
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            { name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://intranet.contoso.com" },
        ]);
        // No documented key: the plain literal.
        expect(text).toContain(
            '    // General configuration settings (Name, Value)\n    customSettings: [{ name: "com.microsoft.teams.x", value: "" }],\n',
        );
    });

    it("names a skipped policy and the reason in the header", () => {
        const windowsEdgeConfig = appConfigurationPolicy("T_ffffffff-0000-4000-8000-00000000000f", "Edge Windows", {
            apps: graphApps("windows", ["com.microsoft.edge"]),
        });
        const reason = unmanagedReason(policyTypes.appConfiguration, windowsEdgeConfig.graph)!;
        const skipped = renderProgram([edge], NO_GROUPS, { skipped: [{ ...windowsEdgeConfig, reason }] });
        expect(skipped.replace(/\n\/\/ /g, " ")).toContain(
            `- iOS/iPadOS and Android app configuration policy "Edge Windows" (T_ffffffff-0000-4000-8000-00000000000f): it targets apps identified by windowsAppIdentifier`,
        );
        expect(evaluateProgram(skipped)).toHaveLength(1);
    });
});

describe("policies no resource can manage", () => {
    it("an app configuration policy for Windows apps: named by its app identifier type", () => {
        const policy = appConfigurationPolicy("T_1", "Edge Windows", {
            apps: [...graphApps("windows", ["com.microsoft.edge"]), ...graphApps("ios", ["com.microsoft.msedge"])],
        });
        expect(unmanagedReason(policyTypes.appConfiguration, policy.graph)).toBe(
            "it targets apps identified by windowsAppIdentifier, and ManagedAppConfiguration takes iosMobileAppIdentifier and androidMobileAppIdentifier apps only (docs/graph.md 10.4: manage it in the Intune admin center)",
        );
    });

    it("an app configuration policy holding Settings catalog settings", () => {
        const policy = appConfigurationPolicy("T_2", "Catalog", {
            settings: [{ id: "0", settingInstance: { settingDefinitionId: "edge_x" } }],
        });
        expect(unmanagedReason(policyTypes.appConfiguration, policy.graph)).toMatch(
            /^it holds Settings catalog settings \(settings: 1\), which ManagedAppConfiguration does not manage/,
        );
    });

    it("does not count the apps Intune fills for an app group", () => {
        const group = appConfigurationPolicy("T_4", "All apps", {
            appGroupType: "allApps",
            apps: [...graphApps("windows", ["com.microsoft.edge"]), ...graphApps("ios", ["com.microsoft.msedge"])],
        });
        expect(unmanagedReason(policyTypes.appConfiguration, group.graph)).toBeUndefined();
    });

    it("manages the others, an empty settings list and every policy of the other types included", () => {
        const empty = appConfigurationPolicy("T_3", "Empty", { settings: [] });
        expect(unmanagedReason(policyTypes.appConfiguration, empty.graph)).toBeUndefined();
        for (const policy of family)
            expect(unmanagedReason(policyTypes[policy.platform], policy.graph)).toBeUndefined();
    });
});

describe("resource names", () => {
    it("tell policies of different types with one display name apart by the type", () => {
        const names = resourceNames([
            windowsPolicy("T_w", "Edge"),
            appConfigurationPolicy("T_a", "Edge"),
            iosPolicy("T_i", "Edge"),
        ]);
        expect([...names.values()].sort()).toEqual(["edge-appconfiguration", "edge-ios", "edge-windows"]);
        expect(names.get(policyKey(appConfigurationPolicy("T_a", "Edge")))).toBe("edge-appconfiguration");
    });
});

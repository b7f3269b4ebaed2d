/**
 * The two resources of issue #19, as users declare them: `WindowsAppProtectionPolicy` and
 * `ManagedAppConfiguration`. Bad input gets an error naming the setting, the value and what is
 * allowed; equivalent input diffs as no change; a change goes through its own write channel; the
 * Graph bodies carry exactly what was declared. Registration runs under Pulumi's mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    ManagedAppConfiguration,
    WindowsAppProtectionPolicy,
    appConfig,
    type ManagedAppConfigurationArgs,
    type WindowsAppProtectionPolicyArgs,
} from "../../provider";
import { checkInputs } from "../../provider/engine/check";
import { isUnchanged, policyChanges } from "../../provider/engine/diff";
import { channelBody, createBody } from "../../provider/engine/state";
import { PROVIDER_KEY, typeToken } from "../../provider/protocol/pulumi";
import { appConfiguration, windows } from "../../provider/settings/platforms";
import { appConfigurationSettings } from "../../provider/settings/app-configuration";
import type { PolicyType } from "../../provider/settings/policy-type";
import { windowsSettings } from "../../provider/settings/windows";
import { useRegistrationMocks } from "../support/mocks";

const GROUP = "11111111-1111-1111-1111-111111111111";
const OTHER = "22222222-2222-2222-2222-222222222222";

/** The reason check gives for `property`, failing the test when it gives none. */
function reasonFor(type: PolicyType, values: Record<string, unknown>, property: string): string {
    const failure = checkInputs(type, { displayName: "p", ...values }).failures.find((f) => f.property === property);
    if (!failure) throw new Error(`no failure for ${property}`);
    return failure.reason;
}

const checked = (type: PolicyType, values: Record<string, unknown>) => {
    const { inputs, failures } = checkInputs(type, values);
    expect(failures).toEqual([]);
    return inputs;
};

/** Outputs as create stored them: checked inputs plus Graph's fields. */
const stored = (type: PolicyType, values: Record<string, unknown>) => ({
    ...checked(type, values),
    id: "T_1",
    version: '"v1"',
    isAssigned: true,
    deployedAppCount: 1,
});

describe("WindowsAppProtectionPolicy: check", () => {
    it("accepts a valid policy and returns canonical inputs", () => {
        const inputs = checked(windows, {
            displayName: "Edge",
            apps: ["com.microsoft.edge", "com.microsoft.edge"],
            allowedOutboundClipboardSharingLevel: "OrgDestinationAnySource",
            allowedOutboundDataTransferDestinationApps: ["oneDriveForBusiness", "oneDriveForBusiness"],
            periodOfflineBeforeAccessCheck: "PT720M",
            assignments: { include: [GROUP.toUpperCase()], exclude: [OTHER] },
        });
        expect(inputs).toEqual({
            displayName: "Edge",
            apps: ["com.microsoft.edge"],
            allowedOutboundClipboardSharingLevel: "orgDestinationAnySource",
            allowedOutboundDataTransferDestinationApps: ["oneDriveForBusiness"],
            periodOfflineBeforeAccessCheck: "PT12H",
            assignments: { include: [GROUP], exclude: [OTHER] },
        });
    });

    it("names the setting, the value and what is allowed for a wrong enum member", () => {
        expect(
            reasonFor(
                windows,
                { allowedOutboundClipboardSharingLevel: "anyApp" },
                "allowedOutboundClipboardSharingLevel",
            ),
        ).toBe(
            'allowedOutboundClipboardSharingLevel (Data protection > Allow cut, copy, and paste for): "anyApp" must be one of "anyDestinationAnySource", "none", "orgDestinationAnySource", "orgDestinationOrgSource"',
        );
        expect(
            reasonFor(
                windows,
                { allowedInboundDataTransferSourceApps: ["dropbox"] },
                "allowedInboundDataTransferSourceApps",
            ),
        ).toMatch(
            /\["dropbox"\] must be a list of "none", "oneDriveForBusiness" .*item 0 \("dropbox"\) is not one of them$/,
        );
        expect(
            reasonFor(windows, { periodOfflineBeforeWipeIsEnforced: "90 days" }, "periodOfflineBeforeWipeIsEnforced"),
        ).toMatch(
            /^periodOfflineBeforeWipeIsEnforced \(Health checks > App conditions > Offline grace period \(Wipe data\)\): "90 days" must be a non-negative ISO-8601 duration/,
        );
    });

    it("refuses iOS apps (one list of Windows app ids is allowed) and blank app ids", () => {
        expect(reasonFor(windows, { apps: { ios: ["com.microsoft.msedge"] } }, "apps")).toBe(
            'apps (Apps > Selected apps): {"ios":["com.microsoft.msedge"]} must be a list of app ids, each a Windows app id as the app store gives it (non-blank text)',
        );
        expect(reasonFor(windows, { apps: ["com.microsoft.edge", " "] }, "apps")).toMatch(
            /item 1 \(" "\) is not a Windows app id as the app store gives it \(non-blank text\)$/,
        );
    });

    it("refuses iOS/Android settings and app groups, which Windows policies do not have", () => {
        expect(reasonFor(windows, { pinRequired: true }, "pinRequired")).toBe(
            "pinRequired: not a setting of Windows app protection policies",
        );
        expect(reasonFor(windows, { appGroupType: "allApps" }, "appGroupType")).toMatch(
            /^appGroupType: not a setting of Windows app protection policies/,
        );
    });

    it("refuses assignment targets that are not groups", () => {
        expect(reasonFor(windows, { assignments: { include: ["all users"] } }, "assignments")).toMatch(
            /include\[0\] \("all users"\) is not a group object id \(a GUID\)$/,
        );
    });
});

describe("WindowsAppProtectionPolicy: diff and Graph bodies", () => {
    const declared = {
        displayName: "Edge",
        printBlocked: true,
        periodOfflineBeforeAccessCheck: "PT12H",
        apps: ["com.microsoft.edge"],
        assignments: { include: [GROUP] },
    };

    it("reports no change for equivalent spellings", () => {
        const again = checked(windows, { ...declared, periodOfflineBeforeAccessCheck: "PT720M" });
        expect(isUnchanged(policyChanges(windows, stored(windows, declared), again))).toBe(true);
    });

    it("sends each change through its channel: settings PATCH, apps targetApps, groups assign", () => {
        const next = checked(windows, {
            ...declared,
            printBlocked: false,
            apps: ["com.microsoft.edge", "com.contoso.lob"],
            assignments: { include: [OTHER] },
        });
        expect(policyChanges(windows, stored(windows, declared), next)).toEqual({
            send: { patch: ["printBlocked"], targetApps: ["apps"], assign: ["assignments"] },
            released: [],
        });
        expect(channelBody(windows, "targetApps", next, ["apps"])).toEqual({
            apps: ["com.contoso.lob", "com.microsoft.edge"].map((windowsAppId) => ({
                mobileAppIdentifier: { "@odata.type": "#microsoft.graph.windowsAppIdentifier", windowsAppId },
            })),
        });
    });

    it("stops managing a removed setting without sending it", () => {
        const { printBlocked, ...rest } = declared;
        void printBlocked;
        expect(policyChanges(windows, stored(windows, declared), checked(windows, rest))).toEqual({
            send: {},
            released: ["printBlocked"],
        });
    });

    it("creates with only the declared settings, apps and assignments", () => {
        expect(createBody(windows, checked(windows, declared))).toEqual({
            "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
            displayName: "Edge",
            printBlocked: true,
            periodOfflineBeforeAccessCheck: "PT12H",
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.windowsAppIdentifier",
                        windowsAppId: "com.microsoft.edge",
                    },
                },
            ],
            assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } }],
        });
    });
});

describe("ManagedAppConfiguration: check", () => {
    it("accepts iOS and Android apps in one policy, sorts the pairs and implies Selected apps", () => {
        const inputs = checked(appConfiguration, {
            displayName: "Outlook",
            customSettings: [
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                { name: "com.microsoft.outlook.ContactSync.AddressAllowed", value: "true" },
            ],
            apps: { ios: ["com.microsoft.office.outlook"], android: ["com.microsoft.office.outlook"] },
        });
        expect(inputs).toEqual({
            displayName: "Outlook",
            customSettings: [
                { name: "com.microsoft.outlook.ContactSync.AddressAllowed", value: "true" },
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            ],
            apps: { ios: ["com.microsoft.office.outlook"], android: ["com.microsoft.office.outlook"] },
            appGroupType: "selectedPublicApps",
        });
    });

    it("refuses two values for one key, naming the key and both items", () => {
        expect(
            reasonFor(
                appConfiguration,
                {
                    customSettings: [
                        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
                    ],
                },
                "customSettings",
            ),
        ).toMatch(
            /^customSettings \(Settings > General configuration settings \(Name, Value\)\): .* must be a list of \{ name, value \} where name is non-empty text and value is text, each name at most once; name "com.microsoft.outlook.Mail.FocusedInbox" has two values \(items 0 and 1\)$/,
        );
    });

    it("refuses a value that is not text (Graph holds strings only)", () => {
        expect(reasonFor(appConfiguration, { customSettings: [{ name: "a", value: true }] }, "customSettings")).toMatch(
            /item 0 \(\{"name":"a","value":true\}\) has value true, which must be text$/,
        );
    });

    it("names the platform and item of a bad app id, and refuses Windows apps", () => {
        expect(reasonFor(appConfiguration, { apps: { android: ["com.contoso-app.mobile"] } }, "apps")).toMatch(
            /item 0 of android \("com.contoso-app.mobile"\) is not an Android package id such as "com.microsoft.office.outlook"$/,
        );
        expect(reasonFor(appConfiguration, { apps: { windows: ["com.microsoft.edge"] } }, "apps")).toMatch(
            /has "windows"; allowed keys: ios, android$/,
        );
        expect(reasonFor(appConfiguration, { apps: ["com.microsoft.office.outlook"] }, "apps")).toMatch(
            /must be an object \{ ios\?: \[\.\.\.\], android\?: \[\.\.\.\] \}/,
        );
    });

    it("refuses apps listed with an app group, a wrong app group and settings of app protection", () => {
        expect(reasonFor(appConfiguration, { appGroupType: "allApps", apps: { ios: ["com.a.b"] } }, "apps")).toMatch(
            /^apps cannot be listed when appGroupType is "allApps"/,
        );
        expect(reasonFor(appConfiguration, { appGroupType: "everything" }, "appGroupType")).toMatch(
            /"everything" must be one of "selectedPublicApps", "allCoreMicrosoftApps", "allMicrosoftApps", "allApps"$/,
        );
        expect(reasonFor(appConfiguration, { printBlocked: true }, "printBlocked")).toBe(
            "printBlocked: not a setting of iOS/iPadOS and Android app configuration policies",
        );
    });

    it("the Outlook and Edge helpers give pairs the policy accepts as they are", () => {
        const customSettings = [
            ...appConfig.outlookConfiguration({ focusedInbox: false, saveContacts: true }),
            ...appConfig.edgeConfiguration({ homepage: "https://intranet.contoso.com" }),
        ];
        const inputs = checked(appConfiguration, { displayName: "Outlook and Edge", customSettings });
        expect(inputs.customSettings).toHaveLength(3);
        expect(new Set((inputs.customSettings as { name: string }[]).map((p) => p.name))).toEqual(
            new Set(customSettings.map((p) => p.name)),
        );
    });
});

describe("ManagedAppConfiguration: diff and Graph bodies", () => {
    const declared = {
        displayName: "Outlook",
        customSettings: [
            { name: "b", value: "2" },
            { name: "a", value: "1" },
        ],
        apps: { ios: ["com.microsoft.office.outlook"] },
        assignments: { include: [GROUP] },
    };

    it("reports no change for the same pairs in another order", () => {
        const again = checked(appConfiguration, {
            ...declared,
            customSettings: [...declared.customSettings].reverse(),
        });
        expect(isUnchanged(policyChanges(appConfiguration, stored(appConfiguration, declared), again))).toBe(true);
    });

    it("a changed value PATCHes the whole pair list; a new Android app is one targetApps call", () => {
        const next = checked(appConfiguration, {
            ...declared,
            customSettings: [
                { name: "a", value: "1" },
                { name: "b", value: "3" },
            ],
            apps: { ...declared.apps, android: ["com.microsoft.office.outlook"] },
        });
        expect(policyChanges(appConfiguration, stored(appConfiguration, declared), next)).toEqual({
            send: { patch: ["customSettings"], targetApps: ["apps"] },
            released: [],
        });
        expect(channelBody(appConfiguration, "patch", next, ["customSettings"])).toEqual({
            "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
            customSettings: [
                { name: "a", value: "1" },
                { name: "b", value: "3" },
            ],
        });
    });

    it("creates with the pairs, the apps of both platforms, the app group and the assignments", () => {
        expect(
            createBody(
                appConfiguration,
                checked(appConfiguration, {
                    ...declared,
                    apps: { ...declared.apps, android: ["com.microsoft.teams"] },
                }),
            ),
        ).toEqual({
            "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
            displayName: "Outlook",
            customSettings: [
                { name: "a", value: "1" },
                { name: "b", value: "2" },
            ],
            appGroupType: "selectedPublicApps",
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                        bundleId: "com.microsoft.office.outlook",
                    },
                },
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.androidMobileAppIdentifier",
                        packageId: "com.microsoft.teams",
                    },
                },
            ],
            assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP } }],
        });
    });
});

describe("typed arguments", () => {
    /** The entries every type declares besides its settings. */
    type Targeting = "apps" | "assignments" | "adoptPolicyId";
    /** Catalog entries without a typed argument: `never` when every entry has one (checked by tsc). */
    type Missing<Catalog, Args> = Exclude<keyof Catalog | Targeting, keyof Args>;
    const everyEntry: [Missing<typeof windowsSettings, WindowsAppProtectionPolicyArgs>] extends [never]
        ? [Missing<typeof appConfigurationSettings, ManagedAppConfigurationArgs>] extends [never]
            ? true
            : false
        : false = true;

    it("cover every catalog entry of both types, and refuse the other platforms' app shapes", () => {
        expect(everyEntry).toBe(true);
        const windowsArgs: WindowsAppProtectionPolicyArgs = {
            displayName: "x",
            // @ts-expect-error: Windows policies take one list of Windows app ids
            apps: { ios: ["com.microsoft.msedge"] },
        };
        const configArgs: ManagedAppConfigurationArgs = {
            displayName: "x",
            // @ts-expect-error: app configuration takes one list per platform
            apps: ["com.microsoft.office.outlook"],
        };
        expect([windowsArgs.apps, configArgs.apps]).toHaveLength(2);
    });
});

describe("registration of the resource classes", () => {
    const registered = useRegistrationMocks("intune-family", "dev");
    const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
    const inputsOf = (name: string) => registered.find((r) => r.name === name)!;

    it("registers a Windows policy under its type token, canonical, with the Windows provider", async () => {
        const policy = new WindowsAppProtectionPolicy("edge", {
            displayName: "Edge",
            apps: [pulumi.output("com.microsoft.edge")],
            periodOfflineBeforeAccessCheck: "PT720M",
        });
        expect(await valueOf(policy.periodOfflineBeforeAccessCheck)).toBe("PT12H");
        expect(await valueOf(policy.apps)).toEqual(["com.microsoft.edge"]);
        expect(await valueOf(policy.printBlocked)).toBeUndefined(); // not declared, not managed
        const { type, inputs } = inputsOf("edge");
        expect(type).toBe(typeToken("WindowsAppProtectionPolicy"));
        expect(inputs).not.toHaveProperty("appGroupType");
        expect(inputs[PROVIDER_KEY]).toContain('providerFor("windows")');
    });

    it("registers an app configuration with its apps of both platforms and the implied app group", async () => {
        const policy = new ManagedAppConfiguration("outlook", {
            displayName: "Outlook",
            customSettings: appConfig.outlookConfiguration({ focusedInbox: false }),
            apps: { android: ["com.microsoft.office.outlook"], ios: pulumi.output(["com.microsoft.office.outlook"]) },
        });
        expect(await valueOf(policy.apps)).toEqual({
            ios: ["com.microsoft.office.outlook"],
            android: ["com.microsoft.office.outlook"],
        });
        expect(await valueOf(policy.appGroupType)).toBe("selectedPublicApps");
        expect(await valueOf(policy.customSettings)).toEqual([
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
        ]);
        const { type, inputs } = inputsOf("outlook");
        expect(type).toBe(typeToken("ManagedAppConfiguration"));
        expect(inputs[PROVIDER_KEY]).toContain('providerFor("appConfiguration")');
    });

    it("takes the import option as adoptPolicyId", async () => {
        const policy = new ManagedAppConfiguration(
            "adopted",
            { displayName: "Existing" },
            { import: "T_00000000-0000-0000-0000-000000000001" },
        );
        expect(await valueOf(policy.adoptPolicyId)).toBe("T_00000000-0000-0000-0000-000000000001");
    });
});

/**
 * Policy types are data: the engine's check, diff and Graph bodies work for a type from its
 * description alone (app id schemes, app groups, write channels), shown here on the two types of
 * issue #19 that have no resource class yet, and on the iOS type for the shared parts.
 */
import { checkInputs } from "../../provider/engine/check";
import { isUnchanged, policyChanges } from "../../provider/engine/diff";
import { channelBody, createBody, expandQuery, managedKeys, managedValuesFromGraph } from "../../provider/engine/state";
import { ENGINE_MODULE } from "../../provider/resources/dynamicProvider";
import { channelNames, channels } from "../../provider/settings/channels";
import { appConfiguration, ios, policyTypes, windows } from "../../provider/settings/platforms";
import { channelOf } from "../../provider/settings/spec";

const GROUP = "11111111-1111-1111-1111-111111111111";

describe("the catalog describes everything a policy declares", () => {
    it.each(Object.values(policyTypes))(
        "$name: apps, assignments and adoptPolicyId are entries with a channel",
        (type) => {
            expect(channelOf(type.entries.apps)).toBe("targetApps");
            expect(channelOf(type.entries.assignments)).toBe("assign");
            expect(channelOf(type.entries.adoptPolicyId)).toBe("option");
            for (const [key, spec] of Object.entries(type.entries)) {
                expect([key, channelNames.includes(channelOf(spec))]).toEqual([key, true]);
                expect([key, typeof spec.kind.shape.type]).toEqual([key, "string"]);
            }
            expect(expandQuery(type)).toBe("$expand=apps,assignments");
        },
    );

    it("every channel that sends names its request, in update order: PATCH, targetApps, assign", () => {
        expect(channelNames).toEqual(["patch", "targetApps", "assign", "option"]);
        expect(channels.targetApps.request).toEqual({ method: "POST", action: "targetApps" });
        expect(channels.assign.request).toEqual({ method: "POST", action: "assign" });
        expect("request" in channels.option).toBe(false);
    });

    it("adoptPolicyId is an option: checked, never managed nor sent", () => {
        const { inputs, failures } = checkInputs(ios, { displayName: "a", adoptPolicyId: "T_x" });
        expect(failures).toEqual([]);
        expect(managedKeys(ios, inputs)).toEqual(["displayName"]);
        expect(createBody(ios, inputs)).not.toHaveProperty("adoptPolicyId");
        expect(checkInputs(ios, { displayName: "a", adoptPolicyId: "not an id!" }).failures[0].reason).toMatch(
            /^adoptPolicyId \(Adopt existing policy\): "not an id!" must be a policy id such as "T_/,
        );
    });
});

describe("Windows app protection, from its description", () => {
    const declared = { displayName: "Edge", apps: ["com.microsoft.edge"], assignments: { include: [GROUP] } };

    it("takes Windows app ids and implies no app group (the type has none)", () => {
        const { inputs, failures } = checkInputs(windows, declared);
        expect(failures).toEqual([]);
        expect(inputs).not.toHaveProperty("appGroupType");
        expect(checkInputs(windows, { displayName: "x", appGroupType: "allApps" }).failures[0].reason).toMatch(
            /appGroupType: not a setting of Windows app protection policies/,
        );
        expect(checkInputs(windows, { displayName: "x", customBrowserProtocol: "x" }).failures).toHaveLength(1);
    });

    it("creates with windowsAppIdentifier apps and sends targetApps without appGroupType", () => {
        const { inputs } = checkInputs(windows, declared);
        const app = {
            mobileAppIdentifier: {
                "@odata.type": "#microsoft.graph.windowsAppIdentifier",
                windowsAppId: "com.microsoft.edge",
            },
        };
        expect(createBody(windows, inputs)).toMatchObject({
            "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
            apps: [app],
        });
        expect(channelBody(windows, "targetApps", inputs, ["apps"])).toEqual({ apps: [app] });
        expect(managedValuesFromGraph(windows, { apps: [app] }, ["apps"])).toEqual({ apps: ["com.microsoft.edge"] });
    });
});

describe("app configuration for managed apps, from its description", () => {
    const declared = {
        displayName: "Outlook",
        apps: {
            android: ["com.microsoft.office.outlook"],
            ios: ["com.microsoft.office.outlook", "com.microsoft.office.outlook"],
        },
    };
    const graphApps = [
        {
            mobileAppIdentifier: {
                "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                bundleId: "com.microsoft.office.outlook",
            },
        },
        {
            mobileAppIdentifier: {
                "@odata.type": "#microsoft.graph.androidMobileAppIdentifier",
                packageId: "com.microsoft.office.outlook",
            },
        },
    ];

    it("holds iOS and Android apps in one policy, one list per scheme, and implies Selected apps", () => {
        const { inputs, failures } = checkInputs(appConfiguration, declared);
        expect(failures).toEqual([]);
        expect(inputs.apps).toEqual({
            ios: ["com.microsoft.office.outlook"],
            android: ["com.microsoft.office.outlook"],
        });
        expect(inputs.appGroupType).toBe("selectedPublicApps");
        expect(channelBody(appConfiguration, "targetApps", inputs, ["apps", "appGroupType"])).toEqual({
            apps: graphApps,
            appGroupType: "selectedPublicApps",
        });
        expect(managedValuesFromGraph(appConfiguration, { apps: graphApps }, ["apps"]).apps).toEqual(inputs.apps);
    });

    it("names the scheme and item of a bad app id, and refuses unknown schemes", () => {
        expect(
            checkInputs(appConfiguration, { displayName: "a", apps: { ios: ["ok.app", "bad id"] } }).failures[0].reason,
        ).toMatch(/item 1 of ios \("bad id"\) is not an iOS bundle id/);
        expect(checkInputs(appConfiguration, { displayName: "a", apps: { windows: [] } }).failures[0].reason).toMatch(
            /has "windows"; allowed keys: ios, android/,
        );
        expect(checkInputs(appConfiguration, { displayName: "a", apps: ["com.a.b"] }).failures[0].reason).toMatch(
            /must be an object/,
        );
    });

    it("diffs by channel: a new app is one targetApps call", () => {
        const { inputs } = checkInputs(appConfiguration, declared);
        expect(isUnchanged(policyChanges(appConfiguration, inputs, inputs))).toBe(true);
        const more = checkInputs(appConfiguration, {
            ...declared,
            apps: { ...declared.apps, android: ["com.a.b"] },
        }).inputs;
        expect(policyChanges(appConfiguration, inputs, more)).toEqual({ send: { targetApps: ["apps"] }, released: [] });
    });
});

describe("the dynamic provider's module, persisted in state", () => {
    it("is declared in package.json exports and resolves through the package name", () => {
        const exported = require("../../package.json").exports as Record<string, unknown>;
        const subpath = `./${ENGINE_MODULE.split("/").slice(1).join("/")}`;
        expect(Object.keys(exported)).toEqual(expect.arrayContaining([".", subpath]));
        expect(require.resolve(ENGINE_MODULE)).toMatch(/dist\/provider\/engine\/runtime\.js$/);
    });
});

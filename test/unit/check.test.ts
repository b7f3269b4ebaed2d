import { checkInputs } from "../../provider/engine/check";
import { UNKNOWN } from "../../provider/protocol/unknown";
import { resetAdoptions } from "../../provider/engine/adoptions";
import { android, ios, type Platform } from "../../provider/settings/platforms";

const GROUP = "11111111-1111-1111-1111-111111111111";
const OTHER = "22222222-2222-2222-2222-222222222222";

function failuresOf(platform: Platform, news: Record<string, unknown>) {
    return checkInputs(platform, { displayName: "p", ...news }).failures;
}

function reasonFor(platform: Platform, news: Record<string, unknown>, property: string): string {
    const failure = failuresOf(platform, news).find((f) => f.property === property);
    if (!failure) throw new Error(`no failure for ${property}`);
    return failure.reason;
}

describe.each([ios, android])("check for $title", (platform) => {
    it("accepts a valid policy and returns canonical inputs", () => {
        const outcome = checkInputs(platform, {
            displayName: "Sales",
            pinRequired: true,
            minimumPinLength: 6,
            periodOnlineBeforeAccessCheck: "PT30M",
            periodOfflineBeforeAccessCheck: "PT720M",
            allowedOutboundDataTransferDestinations: "ManagedApps",
            allowedDataStorageLocations: ["sharePoint", "oneDriveForBusiness", "sharePoint"],
            assignments: { include: [GROUP.toUpperCase()], exclude: [OTHER] },
            __provider: "serialized",
        });
        expect(outcome.failures).toEqual([]);
        expect(outcome.inputs).toMatchObject({
            periodOfflineBeforeAccessCheck: "PT12H",
            allowedOutboundDataTransferDestinations: "managedApps",
            allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
            assignments: { include: [GROUP], exclude: [OTHER] },
            __provider: "serialized",
        });
    });

    it("names the setting, the bad value and what is allowed for enums", () => {
        expect(
            reasonFor(
                platform,
                { allowedInboundDataTransferSources: "everything" },
                "allowedInboundDataTransferSources",
            ),
        ).toBe(
            'allowedInboundDataTransferSources (Data protection > Receive data from other apps): "everything" must be one of "allApps", "managedApps", "none"',
        );
    });

    it("enforces documented integer ranges", () => {
        expect(reasonFor(platform, { maximumPinRetries: 0 }, "maximumPinRetries")).toMatch(
            /0 must be a whole number from 1 to 65535/,
        );
        expect(reasonFor(platform, { previousPinBlockCount: 25 }, "previousPinBlockCount")).toMatch(
            /25 must be a whole number from 0 to 24/,
        );
        expect(
            reasonFor(
                platform,
                { allowedOutboundClipboardSharingExceptionLength: 70000 },
                "allowedOutboundClipboardSharingExceptionLength",
            ),
        ).toMatch(/from 0 to 65535/);
    });

    it("rejects bad durations and versions", () => {
        expect(
            reasonFor(platform, { periodOnlineBeforeAccessCheck: "30 minutes" }, "periodOnlineBeforeAccessCheck"),
        ).toMatch(/"30 minutes" must be a non-negative ISO-8601 duration/);
        expect(reasonFor(platform, { minimumRequiredOsVersion: "latest" }, "minimumRequiredOsVersion")).toMatch(
            /"latest" must be a version number/,
        );
    });

    it("requires a display name", () => {
        expect(checkInputs(platform, {}).failures).toContainEqual({
            property: "displayName",
            reason: "displayName (Basics > Name) is required",
        });
    });

    it("rejects unknown settings and suggests the near miss", () => {
        expect(reasonFor(platform, { pinRequierd: true }, "pinRequierd")).toMatch(
            /not a setting of .* app protection policies \(did you mean pinRequired\?\)/,
        );
    });

    it("rejects null with advice to leave the setting out", () => {
        expect(reasonFor(platform, { printBlocked: null }, "printBlocked")).toMatch(
            /leave the setting out to stop managing it/,
        );
    });

    it("validates group ids and allows only include and exclude targets", () => {
        expect(reasonFor(platform, { assignments: { include: ["sales"] } }, "assignments")).toMatch(
            /include\[0\] \("sales"\) is not a group object id/,
        );
        expect(reasonFor(platform, { assignments: { allUsers: true } }, "assignments")).toMatch(
            /only be assigned to include and exclude groups/,
        );
        expect(reasonFor(platform, { assignments: { include: [GROUP], exclude: [GROUP] } }, "assignments")).toMatch(
            /in both include and exclude/,
        );
        expect(
            reasonFor(platform, { assignments: { include: [{ groupId: GROUP, filterId: OTHER }] } }, "assignments"),
        ).toMatch(/both filterId and filterType/);
    });

    it("validates app ids for the platform", () => {
        expect(reasonFor(platform, { apps: ["not an app"] }, "apps")).toMatch(
            /item 0 \("not an app"\) is not an? (iOS bundle id|Android package id)/,
        );
    });

    it("does not allow apps with an app group", () => {
        expect(
            reasonFor(platform, { appGroupType: "allMicrosoftApps", apps: ["com.microsoft.office.outlook"] }, "apps"),
        ).toMatch(/apps cannot be listed when appGroupType is "allMicrosoftApps"/);
    });

    it("implies selected apps when apps are listed", () => {
        expect(checkInputs(platform, { displayName: "p", apps: ["com.b.c", "com.a.b"] }).inputs).toMatchObject({
            apps: ["com.a.b", "com.b.c"],
            appGroupType: "selectedPublicApps",
        });
    });

    it("requires the custom dialer and messaging app identifiers", () => {
        const dialer = platform.customTargets!.dialer;
        expect(reasonFor(platform, { dialerRestrictionLevel: "customApp" }, dialer)).toMatch(
            `${dialer} is required when dialerRestrictionLevel is "customApp"`,
        );
        const messaging = platform.customTargets!.messaging;
        expect(reasonFor(platform, { protectedMessagingRedirectAppType: "specificApps" }, messaging)).toMatch(
            /is required when protectedMessagingRedirectAppType/,
        );
    });

    it("requires the unmanaged browser identifier, and links to be restricted for it", () => {
        const browser = platform.customTargets!.browser;
        expect(
            reasonFor(platform, { managedBrowserToOpenLinksRequired: true, managedBrowser: "notConfigured" }, browser),
        ).toMatch(/an unmanaged browser needs its identifier/);
        const value = platform === ios ? "googlechrome" : "com.android.chrome";
        expect(reasonFor(platform, { managedBrowserToOpenLinksRequired: false, [browser]: value }, browser)).toMatch(
            /only takes effect when managedBrowserToOpenLinksRequired is true/,
        );
        expect(
            reasonFor(
                platform,
                { managedBrowserToOpenLinksRequired: false, managedBrowser: "microsoftEdge" },
                "managedBrowser",
            ),
        ).toMatch(/only allowed when/);
    });

    it("lets unknown values pass during preview", () => {
        const outcome = checkInputs(platform, {
            displayName: UNKNOWN,
            minimumPinLength: UNKNOWN,
            apps: [UNKNOWN],
            assignments: { include: [UNKNOWN] },
            dialerRestrictionLevel: "customApp",
            [platform.customTargets!.dialer]: UNKNOWN,
        });
        expect(outcome.failures).toEqual([]);
    });
});

describe("platform-only rules", () => {
    it("iOS: OS sharing needs managed apps as destination", () => {
        expect(
            reasonFor(
                ios,
                {
                    disableProtectionOfManagedOutboundOpenInData: true,
                    allowedOutboundDataTransferDestinations: "allApps",
                },
                "disableProtectionOfManagedOutboundOpenInData",
            ),
        ).toMatch(/only allowed when allowedOutboundDataTransferDestinations is "managedApps"/);
        expect(
            reasonFor(
                ios,
                { protectInboundDataFromUnknownSources: true, allowedInboundDataTransferSources: "none" },
                "protectInboundDataFromUnknownSources",
            ),
        ).toMatch(/"allApps"/);
    });

    it("Android: approved keyboards need keyboardsRestricted", () => {
        expect(
            reasonFor(
                android,
                { approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }] },
                "approvedKeyboards",
            ),
        ).toMatch(/need keyboardsRestricted set to true/);
        expect(
            failuresOf(android, {
                keyboardsRestricted: true,
                approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }],
            }),
        ).toEqual([]);
    });

    it("settings of the other platform are not accepted", () => {
        expect(reasonFor(android, { faceIdBlocked: true }, "faceIdBlocked")).toMatch(/not a setting of Android/);
        expect(reasonFor(ios, { encryptAppData: true }, "encryptAppData")).toMatch(/not a setting of iOS\/iPadOS/);
    });

    it("a list setting given one value or a bad item says what the list may hold", () => {
        const locations =
            '"oneDriveForBusiness", "sharePoint", "box", "localStorage", "photoLibrary", "iManage", "egnyte"';
        expect(reasonFor(ios, { allowedDataStorageLocations: "sharePoint" }, "allowedDataStorageLocations")).toBe(
            `allowedDataStorageLocations (Data protection > Allow user to save copies to selected services): "sharePoint" must be a list of ${locations}`,
        );
        expect(reasonFor(ios, { managedUniversalLinks: ["ftp://x"] }, "managedUniversalLinks")).toBe(
            'managedUniversalLinks (Data protection > Select managed universal links): ["ftp://x"] must be a list of http(s) URLs; item 0 ("ftp://x") is not one',
        );
    });

    it("iOS device models are a list for users", () => {
        expect(
            checkInputs(ios, { displayName: "p", allowedIosDeviceModels: ["iPhone15,3", "iPhone15,2"] }).inputs
                .allowedIosDeviceModels,
        ).toEqual(["iPhone15,2", "iPhone15,3"]);
    });
});

describe("one failure per problem", () => {
    it("a bad custom dialer value is reported as bad, not also as missing", () => {
        const failures = failuresOf(ios, {
            dialerRestrictionLevel: "customApp",
            customDialerAppProtocol: "not a scheme",
        });
        expect(failures).toHaveLength(1);
        expect(failures[0].property).toBe("customDialerAppProtocol");
        expect(failures[0].reason).toMatch(/"not a scheme" must be a URL scheme/);
    });
});

describe("iOS Open-In filtering", () => {
    it("needs managed apps as destination and OS sharing off", () => {
        expect(
            reasonFor(
                ios,
                { filterOpenInToOnlyManagedApps: true, allowedOutboundDataTransferDestinations: "none" },
                "filterOpenInToOnlyManagedApps",
            ),
        ).toMatch(/only allowed when allowedOutboundDataTransferDestinations is "managedApps"/);
        expect(
            reasonFor(
                ios,
                {
                    filterOpenInToOnlyManagedApps: true,
                    allowedOutboundDataTransferDestinations: "managedApps",
                    disableProtectionOfManagedOutboundOpenInData: true,
                },
                "filterOpenInToOnlyManagedApps",
            ),
        ).toMatch(/only allowed when disableProtectionOfManagedOutboundOpenInData is false/);
    });
});

describe("values not known at preview", () => {
    it.each([ios, android])(
        "a whole `apps` list unknown at preview passes ($title), and is checked when known",
        (platform) => {
            const preview = checkInputs(platform, { displayName: "p", apps: UNKNOWN });
            expect(preview.failures).toEqual([]);
            expect(preview.inputs.apps).toBe(UNKNOWN);
            expect(reasonFor(platform, { apps: ["not an app id!"] }, "apps")).toMatch(/item 0 \("not an app id!"\)/);
        },
    );

    it("whole assignments and adoptPolicyId unknown at preview pass too", () => {
        expect(failuresOf(ios, { assignments: UNKNOWN, adoptPolicyId: UNKNOWN })).toEqual([]);
    });
});

describe("values echoed in failures are cut", () => {
    it("a 1 MB display name shows 100 characters and its length", () => {
        const huge = "x".repeat(1_000_000);
        const reason = reasonFor(ios, { displayName: huge }, "displayName");
        expect(reason.length).toBeLessThan(400);
        expect(reason).toContain(`"${"x".repeat(99)}…" (1000000 characters)`);
    });

    it("long values inside list items, group ids and unknown setting names are cut as well", () => {
        const long = "y".repeat(5000);
        for (const [news, property] of [
            [{ apps: [long] }, "apps"],
            [{ assignments: { include: [long] } }, "assignments"],
            [{ [long]: true }, long],
        ] as const) {
            const reason = reasonFor(ios, news, property);
            expect([property.slice(0, 20), reason.length < 600]).toEqual([property.slice(0, 20), true]);
            expect(reason).toContain('…" (5000 characters)');
        }
    });

    it("any reason is at most 2,000 characters, with its full length", () => {
        const reason = reasonFor(
            ios,
            { allowedDataStorageLocations: ["z".repeat(100_000)] },
            "allowedDataStorageLocations",
        );
        expect(reason.length).toBeLessThan(2100);
        expect(reason).toMatch(/must be .*… \(100\d{3} characters\)$/);
    });
});

describe("adoptPolicyId across resources", () => {
    beforeEach(() => resetAdoptions());
    const owner = (name: string) => `organization/intune/dev\n${name}`;
    const id = "T_2c8160fa-dfa6-4e01-8e7b-0f80f1f389df";

    it("one policy id adopted by two resources fails for the second, naming the first", () => {
        expect(checkInputs(ios, { displayName: "a", adoptPolicyId: id }, { owner: owner("first") }).failures).toEqual(
            [],
        );
        const second = checkInputs(
            ios,
            { displayName: "b", adoptPolicyId: id.toUpperCase() },
            { owner: owner("second") },
        );
        expect(second.failures).toHaveLength(1);
        expect(second.failures[0].property).toBe("adoptPolicyId");
        expect(second.failures[0].reason).toMatch(
            /policy T_2C8160FA-.* is already adopted by resource "first" of this stack; a policy can be managed by one resource only/,
        );
    });

    it("the same resource checked twice is fine, and ids of the two platforms do not collide", () => {
        for (let i = 0; i < 2; i++)
            expect(
                checkInputs(ios, { displayName: "a", adoptPolicyId: id }, { owner: owner("first") }).failures,
            ).toEqual([]);
        expect(
            checkInputs(android, { displayName: "a", adoptPolicyId: id }, { owner: owner("first") }).failures,
        ).toEqual([]);
    });

    it("changing the adoptPolicyId of an existing resource fails, saying what to do", () => {
        const other = "T_0f0f0f0f-dfa6-4e01-8e7b-0f80f1f389df";
        const outcome = checkInputs(
            ios,
            { displayName: "a", adoptPolicyId: other },
            { olds: { displayName: "a", adoptPolicyId: id }, owner: owner("first") },
        );
        expect(outcome.failures.map((f) => f.property)).toEqual(["adoptPolicyId"]);
        expect(outcome.failures[0].reason).toMatch(
            new RegExp(
                `already manages iOS/iPadOS policy ${id} and cannot switch to ${other} in place.*new name.*pulumi state delete`,
            ),
        );
        // Keeping the id, or removing it after adoption, is fine.
        expect(
            checkInputs(
                ios,
                { displayName: "a", adoptPolicyId: id },
                { olds: { adoptPolicyId: id }, owner: owner("first") },
            ).failures,
        ).toEqual([]);
        expect(checkInputs(ios, { displayName: "a" }, { olds: { adoptPolicyId: id } }).failures).toEqual([]);
    });
});

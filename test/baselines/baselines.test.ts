/**
 * The data protection framework presets (provider/baselines) against the six policies Microsoft
 * publishes (vendored in data/data-protection-framework): each preset is exactly the published
 * policy in canonical form, minus the documented quirks, which are asserted one by one; and each
 * preset passes `check` once it has a display name (iOS Level 3 only after its dialer app is named).
 */
import * as intune from "../../provider";
import { baselines } from "../../provider";
import { checkInputs } from "../../provider/engine/check";
import { settingsFromGraph } from "../../provider/engine/state";
import { platforms } from "../../provider/settings/platforms";
import { frameworkPolicies, type FrameworkPolicy } from "../support/framework";

const LEVELS = { 1: "level1EnterpriseBasic", 2: "level2EnterpriseEnhanced", 3: "level3EnterpriseHigh" } as const;

type Values = Record<string, unknown>;

function presetOf(policy: FrameworkPolicy): Values {
    return baselines[policy.platform][LEVELS[policy.level]] as Values;
}

const policies = frameworkPolicies();
const find = (platform: "ios" | "android", level: 1 | 2 | 3) =>
    policies.find((p) => p.platform === platform && p.level === level)!;

/** Published settings, canonical, with every documented quirk taken out (and asserted on the way). */
function publishedMinusQuirks(policy: FrameworkPolicy): Values {
    // Fields the file leaves not configured (null, "", "0000-00-00") are not part of a preset.
    const configured = Object.fromEntries(
        Object.entries(policy.json).filter(([, v]) => v !== null && v !== "" && v !== "0000-00-00"),
    );
    const expected = settingsFromGraph(platforms[policy.platform], configured);

    // displayName and description are the user's; Microsoft's stay available as `published`.
    expect(baselines[policy.platform].published[LEVELS[policy.level]]).toEqual({
        displayName: policy.json.displayName,
        description: policy.json.description,
    });
    delete expected.displayName;
    delete expected.description;

    // Quirk: iOS Level 3 ships a placeholder dialer URL scheme.
    if (policy.platform === "ios" && policy.level === 3) {
        expect(expected.customDialerAppProtocol).toBe("replace_with_dialer_app_url_scheme");
        delete expected.customDialerAppProtocol;
    }
    // Quirk: Level 3 blocks every OS newer than the newest of February 2022.
    if (policy.level === 3) {
        expect(expected.maximumRequiredOsVersion).toBe(policy.platform === "ios" ? "15.0" : "11.0");
        delete expected.maximumRequiredOsVersion;
    }
    return expected;
}

describe.each(policies)("$file", (policy) => {
    const platform = platforms[policy.platform];
    const preset = presetOf(policy);

    it("is the published policy in canonical form, minus the documented quirks", () => {
        expect(preset).toEqual(publishedMinusQuirks(policy));
        expect(Object.keys(preset).length).toBeGreaterThan(40);
    });

    it("leaves out the read-only isAssigned and every not-configured value", () => {
        expect(policy.json).toHaveProperty("isAssigned", false);
        expect(platform.settings).not.toHaveProperty("isAssigned");
        expect(preset).not.toHaveProperty("isAssigned");
        const notConfigured = Object.entries(policy.json)
            .filter(([, v]) => v === null || v === "" || v === "0000-00-00")
            .map(([k]) => k);
        expect(notConfigured.length).toBeGreaterThan(5);
        for (const key of notConfigured) expect(preset).not.toHaveProperty(key);
        expect(preset).not.toHaveProperty("displayName");
        expect(preset).not.toHaveProperty("description");
    });

    it("keeps the published target: the Core Microsoft Apps", () => {
        expect(policy.json.appGroupType).toBe("allCoreMicrosoftApps");
        expect(preset.appGroupType).toBe("allCoreMicrosoftApps");
        expect(preset).not.toHaveProperty("apps");
    });

    it("is already canonical: check changes nothing but adds no failures beyond the documented one", () => {
        const { inputs, failures } = checkInputs(platform, { ...preset, displayName: "Framework" });
        const { displayName, ...checked } = inputs;
        expect(displayName).toBe("Framework");
        expect(checked).toEqual(preset);
        if (policy.platform === "ios" && policy.level === 3) {
            expect(failures).toEqual([
                {
                    property: "customDialerAppProtocol",
                    reason: 'customDialerAppProtocol is required when dialerRestrictionLevel is "customApp": a specific dialer app needs its identifier',
                },
            ]);
        } else {
            expect(failures).toEqual([]);
        }
    });

    it("is frozen, lists included", () => {
        expect(Object.isFrozen(preset)).toBe(true);
        for (const value of Object.values(preset))
            if (typeof value === "object") expect(Object.isFrozen(value)).toBe(true);
        expect(() => (preset.allowedDataIngestionLocations as string[]).push("photoLibrary")).toThrow(TypeError);
    });
});

describe("documented quirks", () => {
    it("Android keeps biometricAuthenticationBlocked as published: true at Level 2, false at Level 3", () => {
        expect(find("android", 2).json.biometricAuthenticationBlocked).toBe(true);
        expect(find("android", 3).json.biometricAuthenticationBlocked).toBe(false);
        expect(baselines.android.level2EnterpriseEnhanced.biometricAuthenticationBlocked).toBe(true);
        expect(baselines.android.level3EnterpriseHigh.biometricAuthenticationBlocked).toBe(false);
    });

    it("iOS Level 3 keeps the custom dialer but not the placeholder scheme", () => {
        const l3 = baselines.ios.level3EnterpriseHigh;
        expect(find("ios", 3).json).toMatchObject({
            dialerRestrictionLevel: "customApp",
            customDialerAppProtocol: "replace_with_dialer_app_url_scheme",
        });
        expect(l3.dialerRestrictionLevel).toBe("customApp");
        expect(l3).not.toHaveProperty("customDialerAppProtocol");
        // The placeholder itself would not even pass check: it is not a URL scheme.
        const placeholder = checkInputs(platforms.ios, {
            ...l3,
            displayName: "x",
            customDialerAppProtocol: "replace_with_dialer_app_url_scheme",
        });
        expect(placeholder.failures.length).toBeGreaterThan(0);
        expect(placeholder.failures.every((f) => f.property === "customDialerAppProtocol")).toBe(true);
        expect(placeholder.failures[0].reason).toMatch(/Dialer App URL Scheme.*must be a URL scheme/);
    });

    it("iOS Level 3 passes check once the dialer app is named, or another dialer level is chosen", () => {
        const l3 = baselines.ios.level3EnterpriseHigh;
        expect(
            checkInputs(platforms.ios, { ...l3, displayName: "x", customDialerAppProtocol: "ciscotel" }).failures,
        ).toEqual([]);
        expect(
            checkInputs(platforms.ios, { ...l3, displayName: "x", dialerRestrictionLevel: "managedApps" }).failures,
        ).toEqual([]);
    });

    it("Level 3 leaves the stale Max OS version (Block access) unmanaged", () => {
        expect(find("ios", 3).json.maximumRequiredOsVersion).toBe("15.0");
        expect(find("android", 3).json.maximumRequiredOsVersion).toBe("11.0");
        expect(baselines.ios.level3EnterpriseHigh).not.toHaveProperty("maximumRequiredOsVersion");
        expect(baselines.android.level3EnterpriseHigh).not.toHaveProperty("maximumRequiredOsVersion");
    });
});

describe("using a preset", () => {
    it("overrides and additions go through check like any arg", () => {
        const { inputs, failures } = checkInputs(platforms.ios, {
            ...baselines.ios.level2EnterpriseEnhanced,
            displayName: "iOS enhanced",
            minimumPinLength: 8,
            periodOnlineBeforeAccessCheck: "PT900S",
            assignments: { include: ["1b0f0d1e-4a0e-4c1e-9f51-4d3c2b1a0f9e"] },
        });
        expect(failures).toEqual([]);
        expect(inputs).toMatchObject({
            minimumPinLength: 8,
            periodOnlineBeforeAccessCheck: "PT15M",
            dataBackupBlocked: true,
        });
        expect(
            checkInputs(platforms.android, {
                ...baselines.android.level1EnterpriseBasic,
                displayName: "x",
                minimumPinLength: 3,
            }).failures,
        ).toEqual([
            {
                property: "minimumPinLength",
                reason: expect.stringMatching(
                    /^minimumPinLength \(Access requirements > Select minimum PIN length\): 3 must be a whole number from 4 to 16/,
                ),
            },
        ]);
    });

    it("listing apps needs appGroupType selectedPublicApps instead of the preset's app group", () => {
        const apps = ["com.microsoft.office.outlook"];
        const withGroup = checkInputs(platforms.android, {
            ...baselines.android.level2EnterpriseEnhanced,
            displayName: "x",
            apps,
        });
        expect(withGroup.failures.map((f) => f.reason)).toEqual([
            expect.stringContaining('apps cannot be listed when appGroupType is "allCoreMicrosoftApps"'),
        ]);
        const selected = checkInputs(platforms.android, {
            ...baselines.android.level2EnterpriseEnhanced,
            displayName: "x",
            appGroupType: "selectedPublicApps",
            apps,
        });
        expect(selected.failures).toEqual([]);
    });

    it("is exported from the package entry point", () => {
        expect(intune.baselines.ios.level2EnterpriseEnhanced).toBe(baselines.ios.level2EnterpriseEnhanced);
        expect(Object.keys(intune.baselines).sort()).toEqual(["android", "ios"]);
        expect(Object.keys(intune.baselines.ios).sort()).toEqual([
            "level1EnterpriseBasic",
            "level2EnterpriseEnhanced",
            "level3EnterpriseHigh",
            "published",
        ]);
        expect(Object.keys(intune.baselines.android).sort()).toEqual(Object.keys(intune.baselines.ios).sort());
    });
});

// Type-level checks (run by `npm run typecheck`): presets spread into args, overrides are typed,
// and the name stays the user's.
export function typeChecks(groupId: string): void {
    const args: intune.IosAppProtectionPolicyArgs = {
        ...baselines.ios.level2EnterpriseEnhanced,
        displayName: "iOS",
        assignments: { include: [groupId] },
        minimumPinLength: 8,
    };
    const android: intune.AndroidAppProtectionPolicyArgs = {
        ...baselines.android.level3EnterpriseHigh,
        displayName: "Android",
    };
    const pinLength: number | undefined = baselines.ios.level1EnterpriseBasic.minimumPinLength;
    // @ts-expect-error a preset has no displayName: it is the user's.
    void baselines.ios.level1EnterpriseBasic.displayName;
    // @ts-expect-error args without displayName are incomplete.
    const nameless: intune.IosAppProtectionPolicyArgs = { ...baselines.ios.level1EnterpriseBasic };
    const wrong: intune.IosAppProtectionPolicyArgs = {
        ...baselines.ios.level1EnterpriseBasic,
        displayName: "x",
        // @ts-expect-error overrides are typed like any arg.
        allowedOutboundDataTransferDestinations: "everyone",
    };
    const crossed: intune.IosAppProtectionPolicyArgs = {
        ...baselines.ios.level1EnterpriseBasic,
        displayName: "x",
        // @ts-expect-error an Android-only setting is not an iOS arg.
        screenCaptureBlocked: true,
    };
    void [args, android, pinLength, nameless, wrong, crossed];
}

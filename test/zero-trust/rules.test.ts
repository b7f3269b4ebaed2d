/**
 * The Zero Trust rules added for issue #18 as plain functions: each workshop (`RMD_MAM_*`) rule and
 * each stack-level rule (24548, 24549, 24827, 24871) passes a compliant value and fails a weak
 * one, citing its Zero Trust id; Microsoft's Level 2 framework passes every mandatory one.
 */
import { baselines } from "../../provider";
import { platforms } from "../../provider/settings/platforms";
import { evaluateAll, evaluateRule, zeroTrustRules, type PolicyInputs } from "../../policy-pack/rules";
import { workshopRules } from "../../policy-pack/workshop-rules";
import { DEFENDER_CONNECTOR_ID, evaluateStack, stackRules } from "../../policy-pack/stack-rules";
import { CONDITIONAL_ACCESS_TYPE, stackFromResources, type StackView } from "../../policy-pack/stack-view";

const { ios, android } = platforms;
const rule = (name: string) => zeroTrustRules.find((r) => r.name === name)!;
const stackRule = (name: string) => stackRules.find((r) => r.name === name)!;

describe("workshop rules", () => {
    it("are part of the pack's rules, and each cites its workshop id in description and messages", () => {
        for (const r of workshopRules) {
            expect(zeroTrustRules).toContain(r);
            expect(r.zeroTrustIds!.length).toBeGreaterThan(0);
            expect(r.description).toMatch(/^\[Zero Trust (RMD_MAM_\d\d|\d+)(, (RMD_MAM_\d\d|\d+))*\] /);
            const platform = r.platforms.includes("android") ? android : ios;
            const messages = evaluateRule(r, platform, {});
            expect(messages.length).toBeGreaterThan(0);
            for (const m of messages) expect(m).toContain(`[Zero Trust ${r.zeroTrustIds!.join(", ")}]`);
        }
    });

    const cases: [string, "ios" | "android", PolicyInputs, PolicyInputs, RegExp][] = [
        [
            "restrict-dialer-to-managed-apps",
            "ios",
            { dialerRestrictionLevel: "managedApps" },
            { dialerRestrictionLevel: "allApps" },
            /dialerRestrictionLevel \("Data protection > Transfer telecommunication data to"\) is "allApps": phone numbers/,
        ],
        [
            "block-screen-capture",
            "android",
            { screenCaptureBlocked: true },
            { screenCaptureBlocked: false },
            /screenCaptureBlocked .* is false: org data can be captured/,
        ],
        [
            "require-approved-keyboards",
            "android",
            {
                keyboardsRestricted: true,
                approvedKeyboards: [{ packageId: "com.microsoft.swiftkey", name: "SwiftKey" }],
            },
            { keyboardsRestricted: true },
            /approvedKeyboards \("Data protection > Select keyboards to approve"\) is not set/,
        ],
        [
            "block-third-party-keyboards",
            "ios",
            { thirdPartyKeyboardsBlocked: true },
            { thirdPartyKeyboardsBlocked: false },
            /thirdPartyKeyboardsBlocked .* is false/,
        ],
        [
            "open-web-links-in-edge",
            "ios",
            { managedBrowserToOpenLinksRequired: true, managedBrowser: "microsoftEdge" },
            { managedBrowserToOpenLinksRequired: true, managedBrowser: "notConfigured" },
            /managedBrowser .* is "notConfigured": web links in org data may open in an unmanaged browser/,
        ],
        [
            "block-org-data-in-notifications",
            "android",
            { notificationRestriction: "blockOrganizationalData" },
            { notificationRestriction: "allow" },
            /notificationRestriction \("Data protection > Org data notifications"\) is "allow"/,
        ],
        [
            "require-minimum-os-version",
            "ios",
            { minimumRequiredOsVersion: "17.0" },
            {},
            /minimumRequiredOsVersion .* is not set/,
        ],
        [
            "require-minimum-app-version",
            "android",
            { minimumRequiredAppVersion: "4.0" },
            {},
            /minimumRequiredAppVersion .* is not set/,
        ],
        [
            "limit-pin-retries",
            "ios",
            { maximumPinRetries: 5 },
            { maximumPinRetries: 10 },
            /maximumPinRetries .* is 10: 10 guesses at the PIN are allowed, more than 5/,
        ],
        [
            "require-app-threat-scan",
            "android",
            {
                requiredAndroidSafetyNetAppsVerificationType: "enabled",
                appActionIfAndroidSafetyNetAppsVerificationFailed: "block",
            },
            {
                requiredAndroidSafetyNetAppsVerificationType: "enabled",
                appActionIfAndroidSafetyNetAppsVerificationFailed: "warn",
            },
            /is "warn": a device without the threat scan only gets a warning/,
        ],
        [
            "require-hardware-backed-attestation",
            "android",
            { requiredAndroidSafetyNetEvaluationType: "hardwareBacked" },
            { requiredAndroidSafetyNetEvaluationType: "basic" },
            /requiredAndroidSafetyNetEvaluationType .* is "basic"/,
        ],
        [
            "require-mtd-threat-level",
            "android",
            { maximumAllowedDeviceThreatLevel: "secured", mobileThreatDefenseRemediationAction: "block" },
            { maximumAllowedDeviceThreatLevel: "notConfigured", mobileThreatDefenseRemediationAction: "block" },
            /is "notConfigured": the device threat level reported by Mobile Threat Defense is ignored/,
        ],
        [
            "require-samsung-knox-attestation",
            "android",
            { appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported" },
            { appActionIfSamsungKnoxAttestationRequired: "warn" },
            /is "warn": a Samsung device that fails Knox attestation only gets a warning/,
        ],
    ];
    it.each(cases)(
        "%s: passes a compliant value, fails a weak one naming setting, label and fix",
        (name, platform, good, bad, message) => {
            expect(evaluateRule(rule(name), platforms[platform], good)).toEqual([]);
            const messages = evaluateRule(rule(name), platforms[platform], bad);
            expect(messages.join("\n")).toMatch(message);
            expect(messages.join("\n")).toContain("Fix: ");
        },
    );

    it("platform-specific rules do not apply to the other platform", () => {
        expect(evaluateRule(rule("block-screen-capture"), ios, {})).toEqual([]);
        expect(evaluateRule(rule("block-third-party-keyboards"), android, {})).toEqual([]);
    });

    it("take their config: OS floor per platform, PIN attempts, tolerated threat level", () => {
        const os = rule("require-minimum-os-version");
        expect(evaluateRule(os, ios, { minimumRequiredOsVersion: "16.10" }, { ios: "16.9" })).toEqual([]);
        expect(evaluateRule(os, ios, { minimumRequiredOsVersion: "16.4" }, { ios: "17.0" })[0]).toContain(
            'lower than the required "17.0". Fix: set minimumRequiredOsVersion to "17.0" or higher',
        );
        expect(evaluateRule(os, android, { minimumRequiredOsVersion: "9.0" }, { ios: "17.0" })).toEqual([]);
        expect(() => evaluateRule(os, ios, { minimumRequiredOsVersion: "17.0" }, { ios: "seventeen" })).toThrow(
            /config ios "seventeen" is not a version number/,
        );
        expect(evaluateRule(rule("limit-pin-retries"), ios, { maximumPinRetries: 8 }, { maximum: 10 })).toEqual([]);
        const mtd = rule("require-mtd-threat-level");
        const at = (level: string, config = {}) =>
            evaluateRule(
                mtd,
                ios,
                { maximumAllowedDeviceThreatLevel: level, mobileThreatDefenseRemediationAction: "wipe" },
                config,
            );
        expect(at("low")).toEqual([]);
        expect(at("medium")[0]).toContain('devices at threat level "medium" keep access, above the tolerated "low"');
        expect(at("medium", { maximum: "medium" })).toEqual([]);
    });

    it("Level 2 meets every mandatory workshop rule; Level 3 every rule but app version and Knox", () => {
        for (const name of ["ios", "android"] as const) {
            const violated = (level: "level2EnterpriseEnhanced" | "level3EnterpriseHigh") =>
                Object.keys(evaluateAll(platforms[name], baselines[name][level] as PolicyInputs)).filter((r) =>
                    workshopRules.some((w) => w.name === r),
                );
            expect(
                violated("level2EnterpriseEnhanced").filter((r) => rule(r).enforcementLevel === "mandatory"),
            ).toEqual([]);
            expect(violated("level3EnterpriseHigh").sort()).toEqual(
                (name === "ios"
                    ? ["require-minimum-app-version"]
                    : ["require-minimum-app-version", "require-samsung-knox-attestation"]
                ).sort(),
            );
        }
    });
});

const assigned = { include: ["11111111-1111-4111-8111-111111111111"] };
const caPolicy = (
    state: string,
    includedPlatforms: string[] | undefined,
    builtInControls = ["compliantApplication"],
) => ({
    type: CONDITIONAL_ACCESS_TYPE,
    name: `ca-${state}`,
    props: {
        state,
        conditions: { platforms: includedPlatforms ? { includedPlatforms } : undefined },
        grantControls: { operator: "OR", builtInControls },
    },
});
const iosPolicy = (props: Record<string, unknown>) => ({
    type: "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy",
    name: "ios",
    props,
});
const androidPolicy = (props: Record<string, unknown>) => ({
    type: "pulumi-nodejs:dynamic/intune:AndroidAppProtectionPolicy",
    name: "android",
    props,
});

describe("stack rules", () => {
    it("cite their Zero Trust id in description and every message", () => {
        const empty: StackView = { policies: [], conditionalAccess: [], mtdConnectors: [] };
        for (const r of stackRules) {
            expect(r.description).toContain(`[Zero Trust ${r.zeroTrustIds.join(", ")}]`);
            const messages = r.evaluate(empty, {});
            expect(messages.length).toBeGreaterThan(0);
            for (const m of messages) expect(m).toContain(`[Zero Trust ${r.zeroTrustIds.join(", ")}]`);
        }
    });

    it("24548/24549: a policy per platform that includes a group; unset assignments do not count", () => {
        const r = stackRule("ios-app-protection-assigned");
        expect(r.evaluate(stackFromResources([iosPolicy({ assignments: assigned })]), {})).toEqual([]);
        expect(r.evaluate(stackFromResources([androidPolicy({ assignments: assigned })]), {})[0]).toMatch(
            /^No iOS\/iPadOS app protection policy exists/,
        );
        expect(r.evaluate(stackFromResources([iosPolicy({})]), {})[0]).toContain(
            'No iOS/iPadOS app protection policy is assigned: "ios" leaves assignments unset (unmanaged: not guaranteed)',
        );
        expect(
            r.evaluate(stackFromResources([iosPolicy({ assignments: { include: [], exclude: ["x"] } })]), {})[0],
        ).toContain('"ios" includes no group');
        const a = stackRule("android-app-protection-assigned");
        expect(a.evaluate(stackFromResources([androidPolicy({ assignments: assigned })]), {})).toEqual([]);
        expect(a.evaluate(stackFromResources([iosPolicy({ assignments: assigned })]), {})).toHaveLength(1);
    });

    it("24827: an enabled policy granting compliantApplication for iOS and Android (one or two policies, or all platforms)", () => {
        const r = stackRule("conditional-access-requires-app-protection");
        const judge = (...resources: ReturnType<typeof caPolicy>[]) => r.evaluate(stackFromResources(resources), {});
        expect(judge(caPolicy("enabled", ["iOS", "android"]))).toEqual([]);
        expect(judge(caPolicy("enabled", undefined))).toEqual([]);
        expect(
            judge({ ...caPolicy("enabled", ["iOS"]), name: "a" }, { ...caPolicy("enabled", ["android"]), name: "b" }),
        ).toEqual([]);
        expect(judge(caPolicy("enabled", ["iOS"]))[0]).toContain("for android:");
        expect(judge(caPolicy("enabled", ["iOS", "android"], ["mfa"]))[0]).toContain(
            "No Conditional Access policy grants access with compliantApplication",
        );
        const reportOnly = judge(caPolicy("enabledForReportingButNotEnforced", ["iOS", "android"]))[0];
        expect(reportOnly).toContain("for iOS and android");
        expect(reportOnly).toContain(
            '"ca-enabledForReportingButNotEnforced" only report (report-only): switch state to "enabled"',
        );
        expect(judge()).toHaveLength(1);
        expect(r.evaluate(stackFromResources([]), { managedElsewhere: true })).toEqual([]);
    });

    it("24871: the Defender connector enabled with Android enrollment; unknown in a program unless managed elsewhere", () => {
        const r = stackRule("defender-enrolls-android");
        const tenant = (connectors: StackView["mtdConnectors"]): StackView => ({
            policies: [],
            conditionalAccess: [],
            mtdConnectors: connectors,
        });
        expect(
            r.evaluate(tenant([{ id: DEFENDER_CONNECTOR_ID, partnerState: "enabled", androidEnabled: true }]), {}),
        ).toEqual([]);
        expect(
            r.evaluate(tenant([{ id: DEFENDER_CONNECTOR_ID, partnerState: "enabled", androidEnabled: false }]), {})[0],
        ).toContain('partnerState "enabled" and androidEnabled false');
        expect(r.evaluate(tenant([{ id: "other", partnerState: "enabled", androidEnabled: true }]), {})[0]).toContain(
            "No Microsoft Defender for Endpoint connector",
        );
        expect(r.evaluate(stackFromResources([]), {})[0]).toContain("cannot be declared in a program");
        expect(r.evaluate(stackFromResources([]), { managedElsewhere: true })).toEqual([]);
    });

    it("evaluateStack reports by rule name and takes per-rule config", () => {
        const stack = stackFromResources([
            iosPolicy({ assignments: assigned }),
            androidPolicy({ assignments: assigned }),
            caPolicy("enabled", ["iOS", "android"]),
        ]);
        expect(Object.keys(evaluateStack(stack))).toEqual(["defender-enrolls-android"]);
        expect(evaluateStack(stack, { "defender-enrolls-android": { managedElsewhere: true } })).toEqual({});
    });
});

/**
 * Rules for the settings the Zero Trust workshop guidance recommends for app protection
 * (`RMD_MAM_*` in microsoft/zerotrustassessment) beyond what the assessment's automated checks
 * read. Each cites its workshop id in its description and messages.
 *
 * Default levels follow the same principle as ./rules.ts: "mandatory" where Microsoft's Level 2
 * framework policy already sets the recommended value (screen capture, web links in Edge, org-data
 * notifications, minimum OS version, PIN retries, app threat scan, hardware-backed attestation),
 * "advisory" where only Level 3 or nothing in the framework does (dialer, keyboards, minimum app
 * version, MTD threat level, Samsung Knox).
 */
import { BOTH, cited, isTrue, needs, notSet, oneOf, q, type PolicyView, type ZeroTrustRule } from "./view";

/** Dotted version numbers compared numerically (`"16.10"` is above `"16.9"`). */
function compareVersions(a: string, b: string): number {
    const left = a.split(".").map(Number);
    const right = b.split(".").map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
        const diff = (left[i] ?? 0) - (right[i] ?? 0);
        if (diff !== 0) return Math.sign(diff);
    }
    return 0;
}

/** The configured floor of a version setting for the policy's platform, checked to be a version. */
function versionFloor(rule: string, key: string, config: Readonly<Record<string, unknown>>): string | undefined {
    const value = config[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !/^\d+(\.\d+){0,3}$/.test(value))
        throw new Error(`${rule}: config ${key} ${q(value)} is not a version number such as "17.0"`);
    return value;
}

/** A version setting that must be set, and not below the configured floor when there is one. */
function versionAtLeast(
    p: PolicyView,
    setting: string,
    floor: string | undefined,
    why: string,
    example: string,
): string[] {
    const fix = floor ? `set ${setting} to ${q(floor)} or higher` : `set ${setting}, e.g. ${q(example)}`;
    return needs(
        p,
        setting,
        (v) => floor === undefined || compareVersions(String(v), floor) >= 0,
        (v) => `${why} below ${q(v)} only, lower than the required ${q(floor)}`,
        fix,
    );
}

const THREAT_LEVELS = ["secured", "low", "medium", "high"] as const;

/** The workshop rules, in the order of the workshop guidance. */
export const workshopRules: readonly ZeroTrustRule[] = [
    cited(["RMD_MAM_08"], {
        name: "restrict-dialer-to-managed-apps",
        description: "Telephone numbers in org data must open only in a policy-managed or named dialer app (or none).",
        enforcementLevel: "advisory",
        platforms: BOTH,
        settings: ["dialerRestrictionLevel"],
        remediation: 'Set dialerRestrictionLevel: "managedApps", "customApp" (with the dialer app named) or "blocked".',
        evaluate: (p) =>
            needs(
                p,
                "dialerRestrictionLevel",
                oneOf("managedApps", "customApp", "blocked"),
                () => "phone numbers in org data can be handed to any dialer app",
                'set dialerRestrictionLevel: "managedApps" ("Any policy-managed dialer app"), "customApp" or "blocked"',
            ),
    }),
    cited(["RMD_MAM_12", "RMD_MAM_31"], {
        name: "block-screen-capture",
        description: "Android: screenshots, Google Assistant and Circle to Search must not read org data.",
        enforcementLevel: "mandatory",
        platforms: ["android"],
        settings: ["screenCaptureBlocked"],
        remediation: 'Set screenCaptureBlocked: true ("Block").',
        evaluate: (p) =>
            needs(
                p,
                "screenCaptureBlocked",
                isTrue,
                () => "org data can be captured in screenshots and read by assistants",
                'set screenCaptureBlocked: true ("Block")',
            ),
    }),
    cited(["RMD_MAM_13"], {
        name: "require-approved-keyboards",
        description: "Android: only approved keyboards may type into org data.",
        enforcementLevel: "advisory",
        platforms: ["android"],
        settings: ["keyboardsRestricted", "approvedKeyboards"],
        remediation: "Set keyboardsRestricted: true and list the keyboards in approvedKeyboards.",
        evaluate: (p) => {
            const keyboards = p.value("approvedKeyboards");
            return [
                ...needs(
                    p,
                    "keyboardsRestricted",
                    isTrue,
                    () => "any keyboard, one that logs keystrokes included, can read what users type into org data",
                    "set keyboardsRestricted: true and list the allowed keyboards in approvedKeyboards",
                ),
                ...(Array.isArray(keyboards) && keyboards.length
                    ? []
                    : [
                          notSet(
                              p,
                              "approvedKeyboards",
                              'list the allowed keyboards, e.g. approvedKeyboards: [{ packageId: "com.microsoft.swiftkey", name: "SwiftKey" }]',
                          ),
                      ]),
            ];
        },
    }),
    cited(["RMD_MAM_14"], {
        name: "block-third-party-keyboards",
        description: "iOS: third-party keyboards must not type into org data.",
        enforcementLevel: "advisory",
        platforms: ["ios"],
        settings: ["thirdPartyKeyboardsBlocked"],
        remediation: 'Set thirdPartyKeyboardsBlocked: true ("Block").',
        evaluate: (p) =>
            needs(
                p,
                "thirdPartyKeyboardsBlocked",
                isTrue,
                () => "third-party keyboards can read what users type into org data",
                'set thirdPartyKeyboardsBlocked: true ("Block")',
            ),
    }),
    cited(["RMD_MAM_17"], {
        name: "open-web-links-in-edge",
        description: "Web links in org data must open in Microsoft Edge.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["managedBrowserToOpenLinksRequired", "managedBrowser"],
        remediation: 'Set managedBrowserToOpenLinksRequired: true and managedBrowser: "microsoftEdge".',
        evaluate: (p) => [
            ...needs(
                p,
                "managedBrowserToOpenLinksRequired",
                isTrue,
                () => "web links in org data open in any browser",
                "set managedBrowserToOpenLinksRequired: true",
            ),
            ...needs(
                p,
                "managedBrowser",
                oneOf("microsoftEdge"),
                () => "web links in org data may open in an unmanaged browser",
                'set managedBrowser: "microsoftEdge"',
            ),
        ],
    }),
    cited(["RMD_MAM_18"], {
        name: "block-org-data-in-notifications",
        description: "Notifications must not show org data.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["notificationRestriction"],
        remediation: 'Set notificationRestriction: "blockOrganizationalData" (or "block").',
        evaluate: (p) =>
            needs(
                p,
                "notificationRestriction",
                oneOf("blockOrganizationalData", "block"),
                () => "org data is shown in notifications, on the lock screen and on paired watches",
                'set notificationRestriction: "blockOrganizationalData" ("Block org data") or "block"',
            ),
    }),
    cited(["RMD_MAM_24"], {
        name: "require-minimum-os-version",
        description:
            "App conditions: a minimum OS version must block access from outdated devices (floor configurable per platform).",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["minimumRequiredOsVersion"],
        remediation: 'Set minimumRequiredOsVersion (e.g. iOS "17.0", Android "13.0").',
        configSchema: {
            properties: {
                ios: { type: "string", description: 'Lowest acceptable iOS minimum, e.g. "17.0".' },
                android: { type: "string", description: 'Lowest acceptable Android minimum, e.g. "13.0".' },
            },
        },
        evaluate: (p, config) =>
            versionAtLeast(
                p,
                "minimumRequiredOsVersion",
                versionFloor("require-minimum-os-version", p.platform.name, config),
                "devices are blocked",
                p.platform.name === "ios" ? "17.0" : "13.0",
            ),
    }),
    cited(["RMD_MAM_24"], {
        name: "require-minimum-app-version",
        description: "App conditions: a minimum app version must block access from outdated apps.",
        enforcementLevel: "advisory",
        platforms: BOTH,
        settings: ["minimumRequiredAppVersion"],
        remediation: "Set minimumRequiredAppVersion to the oldest app version you support.",
        evaluate: (p) =>
            needs(
                p,
                "minimumRequiredAppVersion",
                () => true,
                () => "",
                'set minimumRequiredAppVersion to the oldest app version you support, e.g. "4.0"',
            ),
    }),
    cited(["RMD_MAM_24"], {
        name: "limit-pin-retries",
        description: "App conditions: at most 5 PIN attempts (configurable) before the PIN is reset or data wiped.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["maximumPinRetries"],
        remediation: "Set maximumPinRetries to 5 or fewer.",
        configSchema: {
            properties: {
                maximum: { type: "integer", minimum: 1, default: 5, description: "Most PIN attempts allowed." },
            },
        },
        evaluate: (p, config) => {
            const maximum = typeof config.maximum === "number" ? config.maximum : 5;
            return needs(
                p,
                "maximumPinRetries",
                (v) => typeof v === "number" && v <= maximum,
                (v) => `${v} guesses at the PIN are allowed, more than ${maximum}`,
                `set maximumPinRetries to ${maximum} or fewer`,
            );
        },
    }),
    cited(["RMD_MAM_26"], {
        name: "require-app-threat-scan",
        description: "Android: Google Play Protect's app threat scan must be on, and a failure must block access.",
        enforcementLevel: "mandatory",
        platforms: ["android"],
        settings: ["requiredAndroidSafetyNetAppsVerificationType", "appActionIfAndroidSafetyNetAppsVerificationFailed"],
        remediation:
            'Set requiredAndroidSafetyNetAppsVerificationType: "enabled" and appActionIfAndroidSafetyNetAppsVerificationFailed: "block".',
        evaluate: (p) => [
            ...needs(
                p,
                "requiredAndroidSafetyNetAppsVerificationType",
                oneOf("enabled"),
                () => "devices are not required to scan apps for threats",
                'set requiredAndroidSafetyNetAppsVerificationType: "enabled" ("Require")',
            ),
            ...needs(
                p,
                "appActionIfAndroidSafetyNetAppsVerificationFailed",
                oneOf("block"),
                () => "a device without the threat scan only gets a warning and keeps access",
                'set appActionIfAndroidSafetyNetAppsVerificationFailed: "block"',
            ),
        ],
    }),
    cited(["RMD_MAM_30"], {
        name: "require-hardware-backed-attestation",
        description: "Android: Play Integrity must be evaluated with a hardware-backed key.",
        enforcementLevel: "mandatory",
        platforms: ["android"],
        settings: ["requiredAndroidSafetyNetEvaluationType"],
        remediation: 'Set requiredAndroidSafetyNetEvaluationType: "hardwareBacked".',
        evaluate: (p) =>
            needs(
                p,
                "requiredAndroidSafetyNetEvaluationType",
                oneOf("hardwareBacked"),
                () => "the integrity verdict can be spoofed without a hardware-backed key",
                'set requiredAndroidSafetyNetEvaluationType: "hardwareBacked" ("Check strong integrity")',
            ),
    }),
    cited(["RMD_MAM_28"], {
        name: "require-mtd-threat-level",
        description:
            "A Mobile Threat Defense threat level (Microsoft Defender for Endpoint or a partner) must gate access (highest level tolerated configurable); the tenant side, Defender's connector, is 24871.",
        enforcementLevel: "advisory",
        platforms: BOTH,
        settings: ["maximumAllowedDeviceThreatLevel", "mobileThreatDefenseRemediationAction"],
        remediation:
            'Set maximumAllowedDeviceThreatLevel: "secured" or "low" and mobileThreatDefenseRemediationAction: "block" or "wipe"; connect the MTD service in Intune.',
        configSchema: {
            properties: {
                maximum: {
                    type: "string",
                    enum: [...THREAT_LEVELS],
                    default: "low",
                    description: "Highest device threat level tolerated.",
                },
            },
        },
        evaluate: (p, config) => {
            const maximum = THREAT_LEVELS.includes(config.maximum as never) ? String(config.maximum) : "low";
            const allowed = THREAT_LEVELS.slice(0, THREAT_LEVELS.indexOf(maximum as never) + 1);
            return [
                ...needs(
                    p,
                    "maximumAllowedDeviceThreatLevel",
                    oneOf(...allowed),
                    (v) =>
                        v === "notConfigured"
                            ? "the device threat level reported by Mobile Threat Defense is ignored"
                            : `devices at threat level ${q(v)} keep access, above the tolerated ${q(maximum)}`,
                    `set maximumAllowedDeviceThreatLevel to one of ${allowed.map(q).join(", ")}`,
                ),
                ...needs(
                    p,
                    "mobileThreatDefenseRemediationAction",
                    oneOf("block", "wipe"),
                    () => "a threatened device keeps access",
                    'set mobileThreatDefenseRemediationAction: "block" or "wipe"',
                ),
            ];
        },
    }),
    cited(["RMD_MAM_29"], {
        name: "require-samsung-knox-attestation",
        description: "Android: Samsung devices must pass Knox attestation, and a failure must block access or wipe.",
        enforcementLevel: "advisory",
        platforms: ["android"],
        settings: ["appActionIfSamsungKnoxAttestationRequired"],
        remediation:
            'Set appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported" (or "block" / "wipe" for Samsung-only fleets).',
        evaluate: (p) =>
            needs(
                p,
                "appActionIfSamsungKnoxAttestationRequired",
                oneOf("block", "wipe", "blockWhenSettingIsSupported"),
                () => "a Samsung device that fails Knox attestation only gets a warning",
                'set appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported"',
            ),
    }),
];

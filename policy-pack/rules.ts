/**
 * Zero Trust rules for Intune app protection policies, as plain functions over a policy's inputs
 * (settings by Graph property name, as the resource classes take them). ./index.ts turns them into
 * a Pulumi policy pack; tests call them directly.
 *
 * Every message names the setting, the admin-center label an admin searches for (read from the
 * provider's settings catalog, never restated here) and the fix.
 *
 * Unset means unmanaged: a setting the program leaves out is never written, so the policy keeps
 * whatever the tenant has (and a new policy gets Graph's default). Zero Trust needs the protection
 * guaranteed by the code under review, so every rule treats an unset setting as a violation and
 * says so.
 *
 * Default enforcement: "mandatory" for what Microsoft's Level 2 framework policy (enterprise
 * enhanced, the level Microsoft recommends for most users of work data) already guarantees,
 * "advisory" for what goes beyond it (blocking sync with native apps, blocking printing). Every
 * level can be changed per rule through the pack's config (see README.md).
 */
import { formatDuration, parseDuration, policyTypes, typeToken, type PolicyType } from "./catalog";
import {
    BOTH,
    cited,
    durationWords,
    isTrue,
    needs,
    oneOf,
    PolicyView,
    q,
    type PolicyInputs,
    type ZeroTrustRule,
} from "./view";
import { workshopRules } from "./workshop-rules";

export { PolicyView, type PolicyInputs, type ZeroTrustRule } from "./view";

/** The rules, in the order the pack reports them. */
export const zeroTrustRules: readonly ZeroTrustRule[] = [
    cited(["RMD_MAM_16"], {
        name: "block-org-data-sync-with-native-apps",
        description: "Org data must not sync with native apps or add-ins (contacts, calendar, widgets).",
        enforcementLevel: "advisory",
        platforms: BOTH,
        settings: ["contactSyncBlocked"],
        remediation: 'Set contactSyncBlocked: true ("Block").',
        evaluate: (p) =>
            needs(
                p,
                "contactSyncBlocked",
                isTrue,
                () =>
                    "org data (contacts, calendar, widgets) is synced with native apps and add-ins, outside app protection",
                'set contactSyncBlocked: true ("Block")',
            ),
    }),
    cited(["RMD_MAM_05", "RMD_MAM_06"], {
        name: "block-org-data-backups",
        description: "Org data must not go to iCloud/iTunes or Android backup services.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["dataBackupBlocked"],
        remediation: 'Set dataBackupBlocked: true ("Block").',
        evaluate: (p) =>
            needs(
                p,
                "dataBackupBlocked",
                isTrue,
                () => "org data is copied into device backups outside app protection",
                'set dataBackupBlocked: true ("Block")',
            ),
    }),
    cited(["RMD_MAM_07"], {
        name: "send-org-data-only-to-managed-apps",
        description: "Org data may only be sent to policy-managed apps (or to none).",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["allowedOutboundDataTransferDestinations"],
        remediation: 'Set allowedOutboundDataTransferDestinations: "managedApps" ("Policy managed apps") or "none".',
        evaluate: (p) =>
            needs(
                p,
                "allowedOutboundDataTransferDestinations",
                oneOf("managedApps", "none"),
                () => "org data can be sent to any app, unmanaged ones included",
                'set allowedOutboundDataTransferDestinations: "managedApps" ("Policy managed apps") or "none"',
            ),
    }),
    cited(["RMD_MAM_10"], {
        name: "save-org-data-only-to-org-storage",
        description: "Copies of org data may only be saved to the services listed in allowedDataStorageLocations.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["saveAsBlocked"],
        remediation:
            'Set saveAsBlocked: true ("Block") and list the allowed services (e.g. OneDrive, SharePoint) in allowedDataStorageLocations.',
        evaluate: (p) =>
            needs(
                p,
                "saveAsBlocked",
                isTrue,
                () => "users can save copies of org data anywhere, local storage and personal clouds included",
                'set saveAsBlocked: true ("Block") and list the allowed services in allowedDataStorageLocations',
            ),
    }),
    cited(["RMD_MAM_11"], {
        name: "restrict-clipboard-to-managed-apps",
        description: "Cut and copy of org data must be limited to policy-managed apps.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["allowedOutboundClipboardSharingLevel"],
        remediation: 'Set allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn", "managedApps" or "blocked".',
        evaluate: (p) =>
            needs(
                p,
                "allowedOutboundClipboardSharingLevel",
                oneOf("managedAppsWithPasteIn", "managedApps", "blocked"),
                () => "org data can be pasted into any app",
                'set allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn" ("Policy managed apps with paste in"), "managedApps" or "blocked"',
            ),
    }),
    {
        name: "block-printing-org-data",
        description: "Org data must not be printed.",
        enforcementLevel: "advisory",
        platforms: BOTH,
        settings: ["printBlocked"],
        remediation: 'Set printBlocked: true ("Block").',
        evaluate: (p) =>
            needs(p, "printBlocked", isTrue, () => "org data can be printed", 'set printBlocked: true ("Block")'),
    },
    cited(["RMD_MAM_15"], {
        name: "encrypt-org-data",
        description: "Org data must be encrypted by the app.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["appDataEncryptionType", "encryptAppData"],
        remediation: 'iOS: set appDataEncryptionType: "whenDeviceLocked". Android: set encryptAppData: true.',
        evaluate: (p) =>
            p.platform.name === "ios"
                ? needs(
                      p,
                      "appDataEncryptionType",
                      (v) => v !== "useDeviceSettings",
                      () => "org data is only as protected as the device's own settings",
                      'set appDataEncryptionType: "whenDeviceLocked" ("Require")',
                  )
                : needs(
                      p,
                      "encryptAppData",
                      isTrue,
                      () => "org data is stored unencrypted by the app",
                      'set encryptAppData: true ("Require")',
                  ),
    }),
    cited(["51019", "RMD_MAM_19", "RMD_MAM_22"], {
        name: "require-pin-or-work-credentials",
        description: "Opening org data must require an app PIN or work or school credentials.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["pinRequired", "organizationalCredentialsRequired"],
        remediation: "Set pinRequired: true and/or organizationalCredentialsRequired: true.",
        evaluate: (p) => {
            const pin = p.value("pinRequired");
            const credentials = p.value("organizationalCredentialsRequired");
            if (pin === true || credentials === true) return [];
            const state = (setting: string, value: unknown) =>
                value === undefined
                    ? `${p.ref(setting)} is not set (unmanaged: ${p.defaultNote(setting)}, an existing policy keeps the tenant's value)`
                    : `${p.ref(setting)} is ${q(value)}`;
            return [
                `Neither a PIN nor work credentials are guaranteed for access: ${state("pinRequired", pin)} and ${state("organizationalCredentialsRequired", credentials)}. ` +
                    'Fix: set pinRequired: true ("Require") and/or organizationalCredentialsRequired: true ("Require").',
            ];
        },
    }),
    cited(["51019", "RMD_MAM_23"], {
        name: "recheck-access-requirements-often",
        description:
            "Access requirements (PIN, credentials) must be rechecked after at most 30 minutes of inactivity (configurable).",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["periodOnlineBeforeAccessCheck"],
        remediation: 'Set periodOnlineBeforeAccessCheck to "PT30M" or less.',
        configSchema: {
            properties: {
                maximum: {
                    type: "string",
                    default: "PT30M",
                    description:
                        'Longest inactivity allowed before access requirements are rechecked, as an ISO-8601 duration such as "PT30M".',
                },
            },
        },
        evaluate: (p, config) => {
            const maximum = typeof config.maximum === "string" ? config.maximum : "PT30M";
            const maximumMs = parseDuration(maximum);
            if (maximumMs === undefined)
                throw new Error(
                    `recheck-access-requirements-often: config maximum ${q(maximum)} is not an ISO-8601 duration such as "PT30M"`,
                );
            return needs(
                p,
                "periodOnlineBeforeAccessCheck",
                (v) => {
                    const ms = parseDuration(String(v));
                    return ms !== undefined && ms <= maximumMs;
                },
                (v) =>
                    `access requirements are rechecked only after ${durationWords(String(v))} of inactivity, longer than the allowed ${durationWords(maximum)}`,
                `set periodOnlineBeforeAccessCheck to ${q(formatDuration(maximumMs))} or less`,
            );
        },
    }),
    cited(["51014", "RMD_MAM_25"], {
        name: "block-jailbroken-rooted-devices",
        description: "Jailbroken or rooted devices must be detected, and access blocked or org data wiped.",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["deviceComplianceRequired", "appActionIfDeviceComplianceRequired"],
        remediation: 'Set deviceComplianceRequired: true and appActionIfDeviceComplianceRequired: "block" or "wipe".',
        evaluate: (p) => [
            ...needs(
                p,
                "deviceComplianceRequired",
                isTrue,
                () => "jailbroken or rooted devices are not detected",
                "set deviceComplianceRequired: true",
            ),
            ...needs(
                p,
                "appActionIfDeviceComplianceRequired",
                oneOf("block", "wipe"),
                () => "a jailbroken or rooted device keeps access",
                'set appActionIfDeviceComplianceRequired: "block" ("Block access") or "wipe" ("Wipe data")',
            ),
        ],
    }),
    cited(["51013"], {
        name: "block-disabled-accounts",
        description: "A disabled or deleted account must lose access (block) or its org data (wipe).",
        enforcementLevel: "mandatory",
        platforms: BOTH,
        settings: ["appActionIfUnableToAuthenticateUser"],
        remediation: 'Set appActionIfUnableToAuthenticateUser: "block" ("Block access") or "wipe" ("Wipe data").',
        evaluate: (p) =>
            needs(
                p,
                "appActionIfUnableToAuthenticateUser",
                oneOf("block", "wipe"),
                () => "a disabled account is neither blocked nor wiped",
                'set appActionIfUnableToAuthenticateUser: "block" ("Block access") or "wipe" ("Wipe data")',
            ),
    }),
    cited(["51014", "RMD_MAM_27"], {
        name: "require-android-device-attestation",
        description:
            "Android devices must pass Play Integrity attestation, and a failure must block access or wipe org data.",
        enforcementLevel: "mandatory",
        platforms: ["android"],
        settings: [
            "requiredAndroidSafetyNetDeviceAttestationType",
            "appActionIfAndroidSafetyNetDeviceAttestationFailed",
        ],
        remediation:
            'Set requiredAndroidSafetyNetDeviceAttestationType: "basicIntegrityAndDeviceCertification" (or "basicIntegrity") and appActionIfAndroidSafetyNetDeviceAttestationFailed: "block" or "wipe".',
        evaluate: (p) => [
            ...needs(
                p,
                "requiredAndroidSafetyNetDeviceAttestationType",
                oneOf("basicIntegrity", "basicIntegrityAndDeviceCertification"),
                () => "device integrity is not attested",
                'set requiredAndroidSafetyNetDeviceAttestationType: "basicIntegrityAndDeviceCertification" ("Basic integrity & device integrity") or "basicIntegrity"',
            ),
            ...needs(
                p,
                "appActionIfAndroidSafetyNetDeviceAttestationFailed",
                oneOf("block", "wipe"),
                (v) =>
                    v === "warn"
                        ? "a device that fails attestation only gets a warning and keeps access"
                        : "a device that fails attestation keeps access",
                'set appActionIfAndroidSafetyNetDeviceAttestationFailed: "block" or "wipe"',
            ),
        ],
    }),
    ...workshopRules,
];

/**
 * The policy type whose resource type token this is, if any: every type of the package, so the
 * pack knows all its resources (a rule applies to the types it lists).
 */
export function platformOfType(type: string): PolicyType | undefined {
    return Object.values(policyTypes).find((platform) => type === resourceTypeToken(platform));
}

/** `pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy`. */
export function resourceTypeToken(platform: PolicyType): string {
    return typeToken(platform.resourceType);
}

/** The violations of one rule for one policy (none when the rule does not apply to the platform). */
export function evaluateRule(
    rule: ZeroTrustRule,
    platform: PolicyType,
    inputs: PolicyInputs,
    config: Readonly<Record<string, unknown>> = {},
): string[] {
    if (!rule.platforms.includes(platform.name)) return [];
    return rule.evaluate(new PolicyView(platform, inputs), config);
}

/** Every violation of one policy, by rule name (rules without violations left out). */
export function evaluateAll(
    platform: PolicyType,
    inputs: PolicyInputs,
    configs: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const rule of zeroTrustRules) {
        const messages = evaluateRule(rule, platform, inputs, configs[rule.name] ?? {});
        if (messages.length) result[rule.name] = messages;
    }
    return result;
}

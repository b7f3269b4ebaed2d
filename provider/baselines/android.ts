/**
 * Android presets of Microsoft's data protection framework for app protection policies.
 *
 * Values are the ones Microsoft publishes in microsoft/Intune-Config-Frameworks
 * (`AppProtectionPolicies/`, MIT License, Copyright (c) Microsoft Corporation; last changed there in
 * February 2022), in this package's canonical form (sorted lists, canonical durations).
 * Settings the published files leave not configured (`null`, `""`, patch level `"0000-00-00"`)
 * are left out, so they stay unmanaged. Each level spreads the one below it and lists only what it
 * changes, the way the framework describes the levels. The quirks of the published files are
 * handled where they occur, each marked `Quirk:` (see also ./index.ts).
 */
import { frozen, type AndroidBaseline, type PublishedPolicy } from "./types";

/**
 * **Level 1: enterprise basic data protection** (Microsoft's "Android Enterprise Basic Data
 * Protection v1.7").
 *
 * The minimum data protection configuration Microsoft recommends for an enterprise device: apps
 * with work or school data require a PIN, org data is encrypted and can be selectively wiped, and
 * the device must pass Play Integrity (basic integrity and device integrity) and the apps threat
 * scan; no data transfer restrictions. Targets the Core Microsoft Apps (`appGroupType`
 * "allCoreMicrosoftApps").
 *
 * ```ts
 * new intune.AndroidAppProtectionPolicy("basic", { ...intune.baselines.android.level1EnterpriseBasic, displayName: "Android basic" });
 * ```
 */
export const level1EnterpriseBasic: AndroidBaseline = frozen({
    // Apps. Every published framework policy targets Intune's "Core Microsoft Apps" group, and the
    // framework is defined for those apps, so the presets keep it (Intune fills the app list).
    // To target your own apps instead, override BOTH `appGroupType: "selectedPublicApps"` and
    // `apps: [...]` (check rejects `apps` next to an app group: Graph cannot mix them).
    appGroupType: "allCoreMicrosoftApps",
    targetedAppManagementLevels: ["unspecified"],
    roleScopeTagIds: ["0"],

    // Data protection
    dataBackupBlocked: false,
    allowedOutboundDataTransferDestinations: "allApps",
    exemptedAppPackages: [],
    saveAsBlocked: false,
    allowedDataStorageLocations: [],
    dialerRestrictionLevel: "allApps",
    allowedInboundDataTransferSources: "allApps",
    blockDataIngestionIntoOrganizationDocuments: false,
    allowedDataIngestionLocations: ["camera", "oneDriveForBusiness", "sharePoint"],
    allowedOutboundClipboardSharingLevel: "allApps",
    allowedOutboundClipboardSharingExceptionLength: 0,
    screenCaptureBlocked: false,
    keyboardsRestricted: false,
    approvedKeyboards: [],
    encryptAppData: true,
    disableAppEncryptionIfDeviceEncryptionIsEnabled: false,
    contactSyncBlocked: false,
    printBlocked: false,
    managedBrowserToOpenLinksRequired: false,
    managedBrowser: "notConfigured",
    notificationRestriction: "allow",
    connectToVpnOnLaunch: false,

    // Access requirements
    pinRequired: true,
    pinCharacterSet: "numeric",
    simplePinBlocked: false,
    minimumPinLength: 4,
    fingerprintBlocked: false,
    biometricAuthenticationBlocked: false,
    pinRequiredInsteadOfBiometricTimeout: "PT12H",
    periodBeforePinReset: "PT0S",
    previousPinBlockCount: 0,
    disableAppPinIfDevicePinIsSet: false,
    organizationalCredentialsRequired: false,
    periodOnlineBeforeAccessCheck: "PT30M",

    // Conditional launch
    maximumPinRetries: 5,
    appActionIfMaximumPinRetriesExceeded: "block",
    periodOfflineBeforeAccessCheck: "PT12H",
    periodOfflineBeforeWipeIsEnforced: "P90D",
    deviceComplianceRequired: true,
    appActionIfDeviceComplianceRequired: "block",
    appActionIfAndroidDeviceManufacturerNotAllowed: "block",
    allowedAndroidDeviceModels: [],
    appActionIfAndroidDeviceModelNotAllowed: "block",
    requiredAndroidSafetyNetDeviceAttestationType: "basicIntegrityAndDeviceCertification",
    appActionIfAndroidSafetyNetDeviceAttestationFailed: "block",
    requiredAndroidSafetyNetEvaluationType: "basic",
    requiredAndroidSafetyNetAppsVerificationType: "enabled",
    appActionIfAndroidSafetyNetAppsVerificationFailed: "block",
    deviceLockRequired: true,
    appActionIfDeviceLockNotSet: "block",
    maximumAllowedDeviceThreatLevel: "notConfigured",
    mobileThreatDefenseRemediationAction: "block",
    blockAfterCompanyPortalUpdateDeferralInDays: 0,
    warnAfterCompanyPortalUpdateDeferralInDays: 0,
    wipeAfterCompanyPortalUpdateDeferralInDays: 0,
});

/**
 * **Level 2: enterprise enhanced data protection** (Microsoft's "Android Enterprise Enhanced Data
 * Protection v1.9").
 *
 * For users with access to sensitive or confidential information; Microsoft calls it the
 * configuration applicable to most mobile users accessing work or school data. Adds data leakage
 * prevention (org data only to policy-managed apps, no backups, no Save As outside OneDrive and
 * SharePoint, no screen capture, links open in Edge, org data hidden in notifications), PIN
 * instead of biometrics, hardware-backed Play Integrity evaluation, a disabled-account block and
 * a minimum OS version on top of Level 1.
 *
 * The minimum OS version is Microsoft's 2022 value ("9.0"); raise it with an override.
 */
export const level2EnterpriseEnhanced: AndroidBaseline = frozen({
    ...level1EnterpriseBasic,
    // Data protection
    dataBackupBlocked: true,
    allowedOutboundDataTransferDestinations: "managedApps",
    saveAsBlocked: true,
    allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
    allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn",
    screenCaptureBlocked: true,
    managedBrowserToOpenLinksRequired: true,
    managedBrowser: "microsoftEdge",
    notificationRestriction: "blockOrganizationalData",
    // Access requirements
    biometricAuthenticationBlocked: true,
    // Conditional launch
    minimumRequiredOsVersion: "9.0",
    appActionIfUnableToAuthenticateUser: "block",
    requiredAndroidSafetyNetEvaluationType: "hardwareBacked",
});

/**
 * **Level 3: enterprise high data protection** (Microsoft's "Android Enterprise High Data
 * Protection v1.9").
 *
 * For organizations with a larger or more sophisticated security team, or for specific users or
 * groups at uniquely high risk (users who handle highly sensitive data whose unauthorized
 * disclosure causes considerable material loss). Adds, on top of Level 2: inbound data only from
 * managed apps, no opening data from other services into org documents, no printing, only
 * approved keyboards, a 6-digit non-simple PIN reset yearly, phone numbers only to policy-managed
 * dialers, wipe on rooted devices and Mobile Threat Defense at level "secured".
 */
export const level3EnterpriseHigh: AndroidBaseline = frozen({
    ...level2EnterpriseEnhanced,
    // Data protection
    allowedInboundDataTransferSources: "managedApps",
    blockDataIngestionIntoOrganizationDocuments: true,
    allowedDataIngestionLocations: ["oneDriveForBusiness", "sharePoint"],
    printBlocked: true,
    dialerRestrictionLevel: "managedApps",
    keyboardsRestricted: true,
    approvedKeyboards: [
        { packageId: "com.google.android.apps.handwriting.ime", name: "Google Handwriting Input" },
        { packageId: "com.google.android.apps.inputmethod.hindi", name: "Google Indic Keyboard" },
        { packageId: "com.google.android.googlequicksearchbox", name: "Google voice typing" },
        { packageId: "com.google.android.inputmethod.japanese", name: "Google Japanese Input" },
        { packageId: "com.google.android.inputmethod.korean", name: "Google Korean Input" },
        { packageId: "com.google.android.inputmethod.latin", name: "Gboard - the Google Keyboard" },
        { packageId: "com.google.android.inputmethod.pinyin", name: "Google Pinyin Input" },
        { packageId: "com.samsung.android.honeyboard", name: "Samsung Keyboard" },
        { packageId: "com.samsung.android.svoiceime", name: "Samsung voice input" },
        { packageId: "com.sec.android.inputmethod", name: "Samsung Keyboard" },
        { packageId: "com.touchtype.swiftkey", name: "SwiftKey Keyboard" },
    ],
    // Access requirements
    simplePinBlocked: true,
    minimumPinLength: 6,
    periodBeforePinReset: "P365D",
    // Quirk: Microsoft publishes biometricAuthenticationBlocked false at Level 3 although Level 2
    // sets it true (biometrics allowed again at the higher level). The preset keeps what Microsoft
    // published; override with `biometricAuthenticationBlocked: true` to keep Level 2's PIN-only
    // access.
    biometricAuthenticationBlocked: false,
    // Conditional launch
    appActionIfDeviceComplianceRequired: "wipe",
    maximumAllowedDeviceThreatLevel: "secured",
    // Quirk: the published file also sets maximumRequiredOsVersion "11.0" (Max OS version: Block
    // access), the newest Android of February 2022. Kept, it would block every device on a later
    // Android release, so the preset leaves it out: set it to the newest version you have validated.
});

/** The names and descriptions Microsoft published with the Android policies. */
export const published: Readonly<
    Record<"level1EnterpriseBasic" | "level2EnterpriseEnhanced" | "level3EnterpriseHigh", PublishedPolicy>
> = frozen({
    level1EnterpriseBasic: {
        displayName: "Android Enterprise Basic Data Protection v1.7",
        description:
            "This app protection policy ensures that apps with work or school account data are protected with a PIN, encrypted, validates Android device attestation, and enables selective wipe operations.",
    },
    level2EnterpriseEnhanced: {
        displayName: "Android Enterprise Enhanced Data Protection v1.9",
        description:
            "This app protection policy introduces data leakage prevention mechanisms and minimum OS requirements. This is the configuration that is applicable to most mobile users accessing work or school data.",
    },
    level3EnterpriseHigh: {
        displayName: "Android Enterprise High Data Protection v1.9",
        description:
            "This app protection policy is for devices used by specific users or groups who are uniquely high risk (for example, users who handle highly sensitive data where unauthorized disclosure causes considerable material loss to the organization).",
    },
});

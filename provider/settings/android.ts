/**
 * Android settings: Graph beta `androidManagedAppProtection` on top of the common settings.
 */
import { commonSettings } from "./common";
import * as e from "./enums";
import {
    ANDROID_PACKAGE_ID,
    bool,
    int,
    joinedSet,
    oneOf,
    packageId,
    pairs,
    patchLevel,
    stringSet,
    text,
    version,
} from "./kinds";
import { observed, setting } from "./spec";

const remediation = oneOf(e.remediationActions);
const packageField = {
    doc: 'Android package id, e.g. "com.touchtype.swiftkey".',
    pattern: ANDROID_PACKAGE_ID,
    allowed: "an Android package id",
};
const nameField = { doc: "Display name.", pattern: /\S/, allowed: "non-empty text" };

export const androidOwnSettings = {
    exemptedAppPackages: setting(
        pairs({ nameField: "name", valueField: "packageId", fields: { name: nameField, packageId: packageField } }),
        "Data protection > Select apps to exempt",
        "Apps (by package id) that may receive org data regardless of the Send org data setting.",
        observed([]),
    ),
    customDialerAppPackageId: setting(
        packageId(),
        "Data protection > Dialer App Package ID",
        'Package id of the dialer app when `dialerRestrictionLevel` is "customApp".',
    ),
    customDialerAppDisplayName: setting(
        text(256),
        "Data protection > Dialer App Name",
        "Display name of that dialer app.",
        observed(""),
    ),
    messagingRedirectAppPackageId: setting(
        packageId(),
        "Data protection > Messaging App Package ID",
        'Package id of the messaging app when `protectedMessagingRedirectAppType` is "specificApps".',
    ),
    messagingRedirectAppDisplayName: setting(
        text(256),
        "Data protection > Messaging App Name",
        "Display name of that messaging app.",
        observed(""),
    ),
    screenCaptureBlocked: setting(
        bool(),
        "Data protection > Screen capture and Google Assistant",
        "true = Block screenshots, Google Assistant and Circle to Search on org data.",
        observed(false),
    ),
    keyboardsRestricted: setting(
        bool(),
        "Data protection > Approved keyboards",
        "true = Require: only `approvedKeyboards` may be used.",
        observed(false),
    ),
    approvedKeyboards: setting(
        pairs({ nameField: "packageId", valueField: "name", fields: { packageId: packageField, name: nameField } }),
        "Data protection > Select keyboards to approve",
        "Keyboards allowed when `keyboardsRestricted` is true.",
        observed([]),
    ),
    encryptAppData: setting(
        bool(),
        "Data protection > Encrypt org data",
        "true = Require encryption of org data.",
        observed(true),
    ),
    disableAppEncryptionIfDeviceEncryptionIsEnabled: setting(
        bool(),
        "Data protection > Encrypt org data on enrolled devices",
        "true = Not required (skip app encryption on enrolled, device-encrypted devices); false = Require.",
        observed(false),
    ),
    customBrowserPackageId: setting(
        packageId(),
        "Data protection > Unmanaged Browser ID",
        "Package id of the unmanaged browser that must open links when `managedBrowserToOpenLinksRequired` is true.",
    ),
    customBrowserDisplayName: setting(
        text(256),
        "Data protection > Unmanaged Browser Name",
        "Display name of that browser.",
        observed(""),
    ),
    connectToVpnOnLaunch: setting(
        bool(),
        "Data protection > Start Microsoft Tunnel connection on app-launch (legacy)",
        "true = start the configured VPN when the app launches.",
        observed(false),
    ),
    biometricAuthenticationBlocked: setting(
        bool(),
        "Access requirements > Biometrics instead of PIN for access",
        "true = Block biometrics in place of the app PIN.",
        observed(false),
    ),
    requireClass3Biometrics: setting(
        bool(),
        "Access requirements > Class 3 biometrics (Android 9.0+)",
        "true = Require Class 3 biometrics.",
        observed(false),
    ),
    requirePinAfterBiometricChange: setting(
        bool(),
        "Access requirements > Override biometrics with PIN after biometric updates",
        "true = Require the PIN after biometric changes.",
        observed(false),
    ),
    fingerprintAndBiometricEnabled: setting(
        bool(),
        "Access requirements > Fingerprint and biometrics (legacy)",
        "true/false = allow/deny fingerprint and biometrics; not set = ignored.",
    ),
    minimumRequiredPatchVersion: setting(
        patchLevel(),
        "Conditional launch > Min patch version (Block access)",
        "Security patch levels before this date are blocked.",
    ),
    minimumWarningPatchVersion: setting(
        patchLevel(),
        "Conditional launch > Min patch version (Warn)",
        "Security patch levels before this date get a warning.",
    ),
    minimumWipePatchVersion: setting(
        patchLevel(),
        "Conditional launch > Min patch version (Wipe data)",
        "Security patch levels before this date are wiped.",
    ),
    allowedAndroidDeviceManufacturers: setting(
        joinedSet('manufacturer names such as "Samsung"'),
        "Conditional launch > Device manufacturer(s)",
        "Allowed manufacturers; others get `appActionIfAndroidDeviceManufacturerNotAllowed`. Graph keeps them as one ';'-joined string; here they are a list.",
        observed([]),
    ),
    appActionIfAndroidDeviceManufacturerNotAllowed: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Device manufacturer(s) (action)",
        '"block" = Block non-specified; "wipe" = Wipe non-specified.',
        observed("block"),
    ),
    allowedAndroidDeviceModels: setting(
        stringSet(/\S/, "non-empty model names"),
        "Conditional launch > Device model(s) (legacy)",
        "Allowed device models; others get `appActionIfAndroidDeviceModelNotAllowed`.",
        observed([]),
    ),
    appActionIfAndroidDeviceModelNotAllowed: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Device model(s) (action, legacy)",
        '"block" = Block; "wipe" = Wipe.',
        observed("block"),
    ),
    requiredAndroidSafetyNetDeviceAttestationType: setting(
        oneOf(e.safetyNetDeviceAttestationTypes),
        "Conditional launch > Play integrity verdict",
        '"basicIntegrity" = Basic integrity; "basicIntegrityAndDeviceCertification" = Basic integrity & device integrity; "none" = row absent.',
        observed("none"),
    ),
    appActionIfAndroidSafetyNetDeviceAttestationFailed: setting(
        oneOf(["warn", "block", "wipe"] as const),
        "Conditional launch > Play integrity verdict (action)",
        '"warn", "block" or "wipe".',
        observed("block"),
    ),
    requiredAndroidSafetyNetEvaluationType: setting(
        oneOf(e.safetyNetEvaluationTypes),
        "Conditional launch > Play integrity verdict evaluation type",
        '"basic" = Basic; "hardwareBacked" = Check strong integrity (hardware-backed key).',
        observed("basic"),
    ),
    requiredAndroidSafetyNetAppsVerificationType: setting(
        oneOf(e.safetyNetAppsVerificationTypes),
        "Conditional launch > Require threat scan on apps",
        '"enabled" = Require; "none" = row absent.',
        observed("none"),
    ),
    appActionIfAndroidSafetyNetAppsVerificationFailed: setting(
        oneOf(e.blockOrWarn),
        "Conditional launch > Require threat scan on apps (action)",
        '"warn" = Warn; "block" = Block access.',
        observed("block"),
    ),
    deviceLockRequired: setting(
        bool(),
        "Conditional launch > Require device lock (legacy)",
        "true = require a device screen lock.",
        observed(false),
    ),
    appActionIfDeviceLockNotSet: setting(
        oneOf(["warn", "block", "wipe"] as const),
        "Conditional launch > Require device lock (action, legacy)",
        '"warn", "block" or "wipe".',
        observed("block"),
    ),
    appActionIfDevicePasscodeComplexityLessThanLow: setting(
        remediation,
        "Conditional launch > Require device lock: Low complexity",
        'Action when the device lock is below low complexity: "warn", "block", "wipe" or "blockWhenSettingIsSupported".',
    ),
    appActionIfDevicePasscodeComplexityLessThanMedium: setting(
        remediation,
        "Conditional launch > Require device lock: Medium complexity",
        "Action when the device lock is below medium complexity.",
    ),
    appActionIfDevicePasscodeComplexityLessThanHigh: setting(
        remediation,
        "Conditional launch > Require device lock: High complexity",
        "Action when the device lock is below high complexity.",
    ),
    minimumRequiredCompanyPortalVersion: setting(
        version(),
        "Conditional launch > Min Company Portal version (Block access)",
        "Company Portal versions below this are blocked.",
    ),
    minimumWarningCompanyPortalVersion: setting(
        version(),
        "Conditional launch > Min Company Portal version (Warn)",
        "Company Portal versions below this get a warning.",
    ),
    minimumWipeCompanyPortalVersion: setting(
        version(),
        "Conditional launch > Min Company Portal version (Wipe data)",
        "Company Portal versions below this are wiped.",
    ),
    warnAfterCompanyPortalUpdateDeferralInDays: setting(
        int(0, 365),
        "Conditional launch > Max Company Portal version age (days) (Warn)",
        "0 = not configured; 1 to 365 days.",
        observed(0),
    ),
    blockAfterCompanyPortalUpdateDeferralInDays: setting(
        int(0, 365),
        "Conditional launch > Max Company Portal version age (days) (Block access)",
        "0 = not configured; 1 to 365 days.",
        observed(0),
    ),
    wipeAfterCompanyPortalUpdateDeferralInDays: setting(
        int(0, 365),
        "Conditional launch > Max Company Portal version age (days) (Wipe data)",
        "0 = not configured; 1 to 365 days.",
        observed(0),
    ),
    appActionIfSamsungKnoxAttestationRequired: setting(
        remediation,
        "Conditional launch > Samsung Knox device attestation",
        '"warn" = Warn; "block" = Block access; "wipe" = Wipe data; "blockWhenSettingIsSupported" = Block access on supported devices. Not set = not configured (documented default).',
    ),
    appActionIfAccountIsClockedOut: setting(
        oneOf(e.blockOrWarn),
        "Conditional launch > Non-working time",
        '"block" = Block access; "warn" = Warn. A new policy gets null (row absent) or, as peer tools model it, "block".',
        observed("block"),
    ),
    // Beta SDK models: "Defines a managed app behavior, either warn, block, or wipe, if Developer
    // Options are enabled on the Android device. If the admin does not set this action, the default
    // is null". A Conditional launch device condition (docs/graph.md section 0); the admin center's
    // exact wording is not on Microsoft Learn yet.
    appActionIfDeveloperOptionsEnabled: setting(
        remediation,
        "Conditional launch > Developer options",
        'Action when Developer Options are enabled on the device: "warn" = Warn; "block" = Block access; "wipe" = Wipe data; "blockWhenSettingIsSupported" = Block access on devices that support it. Not set = not configured.',
    ),
} as const;

/** Every Android setting, keyed by Graph property name. */
export const androidSettings = { ...commonSettings, ...androidOwnSettings } as const;

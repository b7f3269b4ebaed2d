/**
 * iOS/iPadOS presets of Microsoft's data protection framework for app protection policies.
 *
 * Values are the ones Microsoft publishes in microsoft/Intune-Config-Frameworks
 * (`AppProtectionPolicies/`, MIT License, Copyright (c) Microsoft Corporation; last changed there in
 * February 2022), in this package's canonical form (sorted lists, canonical durations).
 * Settings the published files leave not configured (`null`, `""`) are left out, so they stay
 * unmanaged. Each level spreads the one below it and lists only what it changes, the way the
 * framework describes the levels. The quirks of the published files are handled where they
 * occur, each marked `Quirk:` (see also ./index.ts).
 */
import { frozen, type IosBaseline, type PublishedPolicy } from "./types";

/**
 * **Level 1: enterprise basic data protection** (Microsoft's "iOS/iPadOS Enterprise Basic Data
 * Protection v1.2").
 *
 * The minimum data protection configuration Microsoft recommends for an enterprise device: apps
 * with work or school data require a PIN, org data is encrypted and can be selectively wiped; no
 * data transfer restrictions. Targets the Core Microsoft Apps (`appGroupType`
 * "allCoreMicrosoftApps").
 *
 * ```ts
 * new intune.IosAppProtectionPolicy("basic", { ...intune.baselines.ios.level1EnterpriseBasic, displayName: "iOS basic" });
 * ```
 */
export const level1EnterpriseBasic: IosBaseline = frozen({
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
    disableProtectionOfManagedOutboundOpenInData: false,
    filterOpenInToOnlyManagedApps: false,
    exemptedAppProtocols: [
        { name: "Default", schemes: "skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;" },
    ],
    saveAsBlocked: false,
    allowedDataStorageLocations: [],
    dialerRestrictionLevel: "allApps",
    allowedInboundDataTransferSources: "allApps",
    protectInboundDataFromUnknownSources: false,
    blockDataIngestionIntoOrganizationDocuments: false,
    allowedDataIngestionLocations: ["camera", "oneDriveForBusiness", "sharePoint"],
    allowedOutboundClipboardSharingLevel: "allApps",
    allowedOutboundClipboardSharingExceptionLength: 0,
    thirdPartyKeyboardsBlocked: false,
    appDataEncryptionType: "whenDeviceLocked",
    contactSyncBlocked: false,
    printBlocked: false,
    managedBrowserToOpenLinksRequired: false,
    managedBrowser: "notConfigured",
    notificationRestriction: "allow",

    // Access requirements
    pinRequired: true,
    pinCharacterSet: "numeric",
    simplePinBlocked: false,
    minimumPinLength: 4,
    fingerprintBlocked: false,
    pinRequiredInsteadOfBiometricTimeout: "PT12H",
    faceIdBlocked: false,
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
    appActionIfIosDeviceModelNotAllowed: "block",
    maximumAllowedDeviceThreatLevel: "notConfigured",
    mobileThreatDefenseRemediationAction: "block",
});

/**
 * **Level 2: enterprise enhanced data protection** (Microsoft's "iOS/iPadOS Enterprise Enhanced
 * Data Protection v1.5").
 *
 * For users with access to sensitive or confidential information; Microsoft calls it the
 * configuration applicable to most mobile users accessing work or school data. Adds data leakage
 * prevention (org data only to policy-managed apps, no backups, no Save As outside OneDrive and
 * SharePoint, links open in Edge, org data hidden in notifications), a disabled-account block and
 * a minimum OS version on top of Level 1.
 *
 * The minimum OS version is Microsoft's 2022 value ("14.8"); raise it with an override.
 */
export const level2EnterpriseEnhanced: IosBaseline = frozen({
    ...level1EnterpriseBasic,
    // Data protection
    dataBackupBlocked: true,
    allowedOutboundDataTransferDestinations: "managedApps",
    saveAsBlocked: true,
    allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
    allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn",
    managedBrowserToOpenLinksRequired: true,
    managedBrowser: "microsoftEdge",
    notificationRestriction: "blockOrganizationalData",
    // Conditional launch
    minimumRequiredOsVersion: "14.8",
    appActionIfUnableToAuthenticateUser: "block",
});

/**
 * **Level 3: enterprise high data protection** (Microsoft's "iOS/iPadOS Enterprise High Data
 * Protection v1.5").
 *
 * For organizations with a larger or more sophisticated security team, or for specific users or
 * groups at uniquely high risk (users who handle highly sensitive data whose unauthorized
 * disclosure causes considerable material loss). Adds, on top of Level 2: inbound data only from
 * managed apps, no opening data from other services into org documents, no printing, no
 * third-party keyboards, a 6-digit non-simple PIN reset yearly, wipe on jailbroken devices,
 * Mobile Threat Defense at level "secured", and phone numbers only to one dialer app.
 *
 * **You must name that dialer app**: set `customDialerAppProtocol` (its URL scheme) or choose
 * another `dialerRestrictionLevel`. Until you do, `pulumi preview` fails with
 * `customDialerAppProtocol is required when dialerRestrictionLevel is "customApp"`.
 *
 * ```ts
 * new intune.IosAppProtectionPolicy("high", {
 *     ...intune.baselines.ios.level3EnterpriseHigh,
 *     displayName: "iOS high risk",
 *     customDialerAppProtocol: "ciscotel",
 * });
 * ```
 */
export const level3EnterpriseHigh: IosBaseline = frozen({
    ...level2EnterpriseEnhanced,
    // Data protection
    allowedInboundDataTransferSources: "managedApps",
    blockDataIngestionIntoOrganizationDocuments: true,
    allowedDataIngestionLocations: ["oneDriveForBusiness", "sharePoint"],
    thirdPartyKeyboardsBlocked: true,
    printBlocked: true,
    // Quirk: Microsoft publishes dialerRestrictionLevel "customApp" with the placeholder
    // customDialerAppProtocol "replace_with_dialer_app_url_scheme", which is not a URL scheme
    // (Graph would store it and phone links would go nowhere). The preset keeps "customApp" and
    // leaves the protocol out, so check fails with a clear message until the user names the
    // dialer app's URL scheme (or picks another dialerRestrictionLevel).
    dialerRestrictionLevel: "customApp",
    // The framework exempts the system dialer schemes (tel, telprompt) at this level.
    exemptedAppProtocols: [
        {
            name: "Default",
            schemes: "tel;telprompt;skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;",
        },
    ],
    // Access requirements
    simplePinBlocked: true,
    minimumPinLength: 6,
    periodBeforePinReset: "P365D",
    // Conditional launch
    appActionIfDeviceComplianceRequired: "wipe",
    maximumAllowedDeviceThreatLevel: "secured",
    // Quirk: the published file also sets maximumRequiredOsVersion "15.0" (Max OS version: Block
    // access), the newest iOS of February 2022. Kept, it would block every device on a later iOS
    // release, so the preset leaves it out: set it to the newest version you have validated.
});

/** The names and descriptions Microsoft published with the iOS/iPadOS policies. */
export const published: Readonly<
    Record<"level1EnterpriseBasic" | "level2EnterpriseEnhanced" | "level3EnterpriseHigh", PublishedPolicy>
> = frozen({
    level1EnterpriseBasic: {
        displayName: "iOS/iPadOS Enterprise Basic Data Protection v1.2",
        description:
            "This app protection policy ensures that apps with work or school account data are protected with a PIN, encrypted, and enables selective wipe operations.",
    },
    level2EnterpriseEnhanced: {
        displayName: "iOS/iPadOS Enterprise Enhanced Data Protection v1.5",
        description:
            "This app protection policy introduces data leakage prevention mechanisms and minimum OS requirements. This is the configuration that is applicable to most mobile users accessing work or school data.",
    },
    level3EnterpriseHigh: {
        displayName: "iOS/iPadOS Enterprise High Data Protection v1.5",
        description:
            "This app protection policy is for devices used by specific users or groups who are uniquely high risk (for example, users who handle highly sensitive data where unauthorized disclosure causes considerable material loss to the organization).",
    },
});

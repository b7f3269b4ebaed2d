/**
 * Graph enum members used by app protection settings (Graph beta; `unknownFutureValue` left out
 * because Graph never accepts it as input). Source: the enums of Microsoft's beta SDK models
 * (`@microsoft/msgraph-beta-sdk`, `models/index.d.ts`); `test/unit/completeness.test.ts` checks
 * every setting's members against them.
 */

export const dataTransferLevels = ["allApps", "managedApps", "none"] as const;
export const clipboardSharingLevels = ["allApps", "managedAppsWithPasteIn", "managedApps", "blocked"] as const;
export const dataStorageLocations = [
    "oneDriveForBusiness",
    "sharePoint",
    "box",
    "localStorage",
    "photoLibrary",
    "iManage",
    "egnyte",
] as const;
export const dataIngestionLocations = ["oneDriveForBusiness", "sharePoint", "camera", "photoLibrary"] as const;
export const remediationActions = ["block", "wipe", "warn", "blockWhenSettingIsSupported"] as const;
export const blockOrWipe = ["block", "wipe"] as const;
export const blockOrWarn = ["block", "warn"] as const;
export const phoneNumberRedirectLevels = ["allApps", "managedApps", "customApp", "blocked"] as const;
export const browserTypes = ["notConfigured", "microsoftEdge"] as const;
export const deviceThreatLevels = ["notConfigured", "secured", "low", "medium", "high"] as const;
export const threatDefensePartnerPriorities = [
    "defenderOverThirdPartyPartner",
    "thirdPartyPartnerOverDefender",
] as const;
export const notificationRestrictions = ["allow", "blockOrganizationalData", "block"] as const;
export const pinCharacterSets = ["numeric", "alphanumericAndSymbol"] as const;
export const messagingRedirectAppTypes = ["anyApp", "anyManagedApp", "specificApps", "blocked"] as const;
export const appGroupTypes = ["selectedPublicApps", "allCoreMicrosoftApps", "allMicrosoftApps", "allApps"] as const;
export const appManagementLevels = [
    "unspecified",
    "unmanaged",
    "mdm",
    "androidEnterprise",
    "androidEnterpriseDedicatedDevicesWithAzureAdSharedMode",
    "androidOpenSourceProjectUserAssociated",
    "androidOpenSourceProjectUserless",
] as const;

export const iosDataEncryptionTypes = [
    "useDeviceSettings",
    "afterDeviceRestart",
    "whenDeviceLockedExceptOpenFiles",
    "whenDeviceLocked",
] as const;
export const iosConfigurationStates = ["notBlocked", "blocked"] as const;

export const safetyNetAppsVerificationTypes = ["none", "enabled"] as const;
export const safetyNetDeviceAttestationTypes = [
    "none",
    "basicIntegrity",
    "basicIntegrityAndDeviceCertification",
] as const;
export const safetyNetEvaluationTypes = ["basic", "hardwareBacked"] as const;

/** `managedAppPurviewEvaluationRequirement` (Graph beta). */
export const purviewEvaluationRequirements = ["notRequired", "requiredWhenOnline", "required"] as const;

/** `windowsManagedAppDataTransferLevel` (Graph beta): Receive data from / Send org data to on Windows. */
export const windowsDataTransferLevels = ["allApps", "none", "selectedApps"] as const;
/** `windowsManagedAppDataTransferLocations` (Graph beta, a flags enum): the selected sources or destinations. */
export const windowsDataTransferLocations = ["none", "oneDriveForBusiness"] as const;
/**
 * `windowsManagedAppClipboardSharingLevel` (Graph beta). The SDK models (1.0.0-preview.81) list only
 * `anyDestinationAnySource` and `none`; Microsoft Learn documents two more that the admin center offers
 * (Graph beta enum page `intune-mam-windowsmanagedappclipboardsharinglevel`: orgDestinationAnySource = 2,
 * orgDestinationOrgSource = 3, both before the sentinel; Intune "App protection policy settings for
 * Windows": "Org data destinations and any source", "Org data destinations and org data sources").
 * They are kept so that a policy set in the admin center can be declared and exported
 * (`WIDENED` in test/unit/completeness.test.ts; docs/graph.md 9.3).
 */
export const windowsClipboardSharingLevels = [
    "anyDestinationAnySource",
    "none",
    "orgDestinationAnySource",
    "orgDestinationOrgSource",
] as const;

/** Members of a `const` tuple as a union type. */
export type MemberOf<T extends readonly string[]> = T[number];

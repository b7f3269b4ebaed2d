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

/** Members of a `const` tuple as a union type. */
export type MemberOf<T extends readonly string[]> = T[number];

/**
 * Facts about the Graph model that the beta typings cannot express, taken from
 * `shared/spec/graph-app-protection.md` (sections 0-3). Everything else about the
 * policy types comes from `@microsoft/microsoft-graph-types-beta` (see `schema.ts`).
 *
 * Keys are `<declaringType>.<property>` with OData (camelCase) type names.
 */

/** Primitive Edm types the emulator distinguishes. */
export type PrimitiveEdm = "Edm.String" | "Edm.Int32" | "Edm.Boolean" | "Edm.Duration" | "Edm.DateTimeOffset";

/** Intune's internal OData namespace, used in validation messages (spec 5.2). */
export const INTERNAL_NAMESPACE = "microsoft.management.services.api";

/** Public Graph namespace. */
export const GRAPH_NAMESPACE = "microsoft.graph";

/**
 * Properties the typings flatten to `string` but whose Edm type is richer (spec 2.1 tables:
 * Edm.Duration / Edm.DateTimeOffset).
 */
export const EDM_OVERRIDES: Readonly<Record<string, PrimitiveEdm>> = {
    "managedAppPolicy.createdDateTime": "Edm.DateTimeOffset",
    "managedAppPolicy.lastModifiedDateTime": "Edm.DateTimeOffset",
    "managedAppProtection.gracePeriodToBlockAppsDuringOffClockHours": "Edm.Duration",
    "managedAppProtection.periodBeforePinReset": "Edm.Duration",
    "managedAppProtection.periodOfflineBeforeAccessCheck": "Edm.Duration",
    "managedAppProtection.periodOfflineBeforeWipeIsEnforced": "Edm.Duration",
    "managedAppProtection.periodOnlineBeforeAccessCheck": "Edm.Duration",
    "managedAppProtection.pinRequiredInsteadOfBiometricTimeout": "Edm.Duration",
};

/** Enum types marked IsFlags in the metadata (spec 2.1: managedBrowserType, appManagementLevel). */
export const FLAGS_ENUMS: ReadonlySet<string> = new Set(["managedBrowserType", "appManagementLevel"]);

/** Abstract types (spec 0 and 3): cannot be instantiated by `@odata.type`. */
export const ABSTRACT_TYPES: ReadonlySet<string> = new Set([
    "entity",
    "managedAppPolicy",
    "managedAppProtection",
    "targetedManagedAppProtection",
    "mobileAppIdentifier",
    "deviceAndAppManagementAssignmentTarget",
]);

/** Properties newer than the typings (spec 0). */
export interface ExtraProperty {
    declaredOn: string;
    name: string;
    edm: PrimitiveEdm;
    nullable: boolean;
}
export const EXTRA_PROPERTIES: readonly ExtraProperty[] = [
    {
        declaredOn: "iosManagedAppProtection",
        name: "purviewContentEvaluationRequired",
        edm: "Edm.Boolean",
        nullable: false,
    },
    {
        declaredOn: "androidManagedAppProtection",
        name: "purviewContentEvaluationRequired",
        edm: "Edm.Boolean",
        nullable: false,
    },
];

/**
 * Server-managed properties (spec 2, "Access = server"): accepted in a request body (type-checked)
 * but their value is ignored.
 */
export const SERVER_MANAGED: ReadonlySet<string> = new Set([
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "version",
    "isAssigned",
    "deployedAppCount",
]);

/**
 * "Value when omitted on create" column of spec 2.1-2.3 (observed service/portal defaults).
 * Properties not listed get a generic default (see `defaultFor` in policies.ts): null when nullable,
 * [] for collections, the first member for enums, false / 0 / PT0S / "" otherwise.
 */
export const CREATE_DEFAULTS: Readonly<Record<string, unknown>> = {
    "managedAppPolicy.description": "",
    "managedAppPolicy.roleScopeTagIds": ["0"],
    "managedAppProtection.allowedDataIngestionLocations": [
        "oneDriveForBusiness",
        "sharePoint",
        "camera",
        "photoLibrary",
    ],
    "managedAppProtection.allowedDataStorageLocations": [],
    "managedAppProtection.allowedInboundDataTransferSources": "allApps",
    "managedAppProtection.allowedOutboundClipboardSharingExceptionLength": 0,
    "managedAppProtection.allowedOutboundClipboardSharingLevel": "managedAppsWithPasteIn",
    "managedAppProtection.allowedOutboundDataTransferDestinations": "allApps",
    "managedAppProtection.appActionIfDeviceComplianceRequired": "block",
    "managedAppProtection.appActionIfMaximumPinRetriesExceeded": "block",
    "managedAppProtection.blockDataIngestionIntoOrganizationDocuments": false,
    "managedAppProtection.contactSyncBlocked": false,
    "managedAppProtection.dataBackupBlocked": false,
    "managedAppProtection.deviceComplianceRequired": true,
    "managedAppProtection.dialerRestrictionLevel": "allApps",
    "managedAppProtection.disableAppPinIfDevicePinIsSet": false,
    "managedAppProtection.fingerprintBlocked": false,
    "managedAppProtection.managedBrowser": "notConfigured",
    "managedAppProtection.managedBrowserToOpenLinksRequired": false,
    "managedAppProtection.maximumAllowedDeviceThreatLevel": "notConfigured",
    "managedAppProtection.maximumPinRetries": 5,
    "managedAppProtection.minimumPinLength": 4,
    "managedAppProtection.mobileThreatDefensePartnerPriority": null,
    "managedAppProtection.mobileThreatDefenseRemediationAction": "block",
    "managedAppProtection.notificationRestriction": "allow",
    "managedAppProtection.organizationalCredentialsRequired": false,
    "managedAppProtection.periodBeforePinReset": "PT0S",
    "managedAppProtection.periodOfflineBeforeAccessCheck": "PT12H",
    "managedAppProtection.periodOfflineBeforeWipeIsEnforced": "P90D",
    "managedAppProtection.periodOnlineBeforeAccessCheck": "PT30M",
    "managedAppProtection.pinCharacterSet": "numeric",
    "managedAppProtection.pinRequired": true,
    "managedAppProtection.previousPinBlockCount": 0,
    "managedAppProtection.printBlocked": false,
    "managedAppProtection.protectedMessagingRedirectAppType": "anyApp",
    "managedAppProtection.saveAsBlocked": false,
    "managedAppProtection.simplePinBlocked": false,
    "targetedManagedAppProtection.appGroupType": "selectedPublicApps",
    "targetedManagedAppProtection.targetedAppManagementLevels": "unspecified",
    "iosManagedAppProtection.allowWidgetContentSync": false,
    "iosManagedAppProtection.appActionIfIosDeviceModelNotAllowed": "block",
    "iosManagedAppProtection.appDataEncryptionType": "whenDeviceLocked",
    "iosManagedAppProtection.disableProtectionOfManagedOutboundOpenInData": false,
    "iosManagedAppProtection.exemptedAppProtocols": [],
    "iosManagedAppProtection.exemptedUniversalLinks": [],
    "iosManagedAppProtection.faceIdBlocked": false,
    "iosManagedAppProtection.filterOpenInToOnlyManagedApps": false,
    "iosManagedAppProtection.managedUniversalLinks": [],
    "iosManagedAppProtection.protectInboundDataFromUnknownSources": false,
    "iosManagedAppProtection.thirdPartyKeyboardsBlocked": false,
    "iosManagedAppProtection.purviewContentEvaluationRequired": false,
    "androidManagedAppProtection.allowedAndroidDeviceModels": [],
    "androidManagedAppProtection.appActionIfAndroidDeviceManufacturerNotAllowed": "block",
    "androidManagedAppProtection.appActionIfAndroidDeviceModelNotAllowed": "block",
    "androidManagedAppProtection.appActionIfAndroidSafetyNetAppsVerificationFailed": "block",
    "androidManagedAppProtection.appActionIfAndroidSafetyNetDeviceAttestationFailed": "block",
    "androidManagedAppProtection.appActionIfDeviceLockNotSet": "block",
    "androidManagedAppProtection.appActionIfSamsungKnoxAttestationRequired": null,
    "androidManagedAppProtection.approvedKeyboards": [],
    "androidManagedAppProtection.biometricAuthenticationBlocked": false,
    "androidManagedAppProtection.blockAfterCompanyPortalUpdateDeferralInDays": 0,
    "androidManagedAppProtection.connectToVpnOnLaunch": false,
    "androidManagedAppProtection.deviceLockRequired": false,
    "androidManagedAppProtection.disableAppEncryptionIfDeviceEncryptionIsEnabled": false,
    "androidManagedAppProtection.encryptAppData": true,
    "androidManagedAppProtection.exemptedAppPackages": [],
    "androidManagedAppProtection.keyboardsRestricted": false,
    "androidManagedAppProtection.minimumRequiredPatchVersion": "0000-00-00",
    "androidManagedAppProtection.minimumWarningPatchVersion": "0000-00-00",
    "androidManagedAppProtection.minimumWipePatchVersion": "0000-00-00",
    "androidManagedAppProtection.requireClass3Biometrics": false,
    "androidManagedAppProtection.requiredAndroidSafetyNetAppsVerificationType": "none",
    "androidManagedAppProtection.requiredAndroidSafetyNetDeviceAttestationType": "none",
    "androidManagedAppProtection.requiredAndroidSafetyNetEvaluationType": "basic",
    "androidManagedAppProtection.requirePinAfterBiometricChange": false,
    "androidManagedAppProtection.screenCaptureBlocked": false,
    "androidManagedAppProtection.warnAfterCompanyPortalUpdateDeferralInDays": 0,
    "androidManagedAppProtection.wipeAfterCompanyPortalUpdateDeferralInDays": 0,
    "androidManagedAppProtection.purviewContentEvaluationRequired": false,
};

/** The two policy types the emulator stores, with their entity-set names and app identifier types. */
export interface PlatformFacts {
    platform: "ios" | "android";
    /** OData type name, e.g. `iosManagedAppProtection`. */
    typeName: string;
    /** Entity set under `/deviceAppManagement`. */
    entitySet: string;
    /** `mobileAppIdentifier` subtype valid for this platform, and its key property. */
    appIdentifierType: string;
    appIdentifierKey: "bundleId" | "packageId";
    /** Suffix of managedMobileApp ids (`<bundleId>.ios`). */
    appIdSuffix: string;
}
export const PLATFORMS: readonly PlatformFacts[] = [
    {
        platform: "ios",
        typeName: "iosManagedAppProtection",
        entitySet: "iosManagedAppProtections",
        appIdentifierType: "iosMobileAppIdentifier",
        appIdentifierKey: "bundleId",
        appIdSuffix: ".ios",
    },
    {
        platform: "android",
        typeName: "androidManagedAppProtection",
        entitySet: "androidManagedAppProtections",
        appIdentifierType: "androidMobileAppIdentifier",
        appIdentifierKey: "packageId",
        appIdSuffix: ".android",
    },
];

/** Polymorphic base set (spec 1.1): items carry `@odata.type`, create needs a concrete one. */
export const BASE_SET = { entitySet: "managedAppPolicies", typeName: "managedAppPolicy" } as const;

/** Assignment targets accepted for app protection (design 3; spec 3.4). */
export const ALLOWED_ASSIGNMENT_TARGETS: ReadonlySet<string> = new Set([
    "groupAssignmentTarget",
    "exclusionGroupAssignmentTarget",
]);

/** Roles that allow reads / writes of app protection policies (spec 1.1). */
export const READ_ROLES: readonly string[] = [
    "DeviceManagementApps.Read.All",
    "DeviceManagementApps.ReadWrite.All",
    "DeviceManagementConfiguration.Read.All",
    "DeviceManagementConfiguration.ReadWrite.All",
];
export const WRITE_ROLES: readonly string[] = [
    "DeviceManagementApps.ReadWrite.All",
    "DeviceManagementConfiguration.ReadWrite.All",
];
/** Roles that allow reading groups (Microsoft Graph group permissions). */
export const GROUP_READ_ROLES: readonly string[] = [
    "Group.Read.All",
    "Group.ReadWrite.All",
    "GroupMember.Read.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];

/** Default roles of a client that names none. */
export const DEFAULT_ROLES: readonly string[] = ["DeviceManagementApps.ReadWrite.All"];

/** Scopes accepted by the token endpoint for Microsoft Graph (client-credentials `.default`). */
export const GRAPH_SCOPES: ReadonlySet<string> = new Set([
    "https://graph.microsoft.com/.default",
    "https://graph.microsoft.com//.default",
    "00000003-0000-0000-c000-000000000000/.default",
]);

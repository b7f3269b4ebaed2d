/**
 * What no machine-readable Microsoft model states: service behaviour (defaults on create,
 * server-managed fields, abstract types, actions, permissions, error texts) and the `Nullable`
 * facet of properties newer than the typings. Everything structural about the policy types
 * (properties, types, enums, flags, collections, inheritance) comes from Microsoft's beta SDK
 * models (see `schema.ts`). Each fact names its source; "spec N.N" is section N.N of
 * docs/graph.md (compiled from Microsoft Learn, the Graph metadata and captures of the real service).
 *
 * Keys are `<declaringType>.<property>` with OData (camelCase) type names, the declaring type
 * being the one the beta SDK declares the property on.
 */

/** Primitive Edm types the emulator distinguishes (what the SDK's `string`, `number`, `boolean`, `Date`, `Duration` map to). */
export type PrimitiveEdm = "Edm.String" | "Edm.Int32" | "Edm.Boolean" | "Edm.Duration" | "Edm.DateTimeOffset";

/** Intune's internal OData namespace, used in validation messages (spec 5.2). */
export const INTERNAL_NAMESPACE = "microsoft.management.services.api";

/** Public Graph namespace. */
export const GRAPH_NAMESPACE = "microsoft.graph";

/**
 * The CSDL `Nullable` facet of properties that the beta SDK has and the older typings package
 * does not (the SDK types every property `T | null`, so it cannot say). Keys as in
 * `CREATE_DEFAULTS`; `true` = nullable.
 */
export const NULLABLE_NEWER_THAN_TYPINGS: Readonly<Record<string, boolean>> = {
    // SDK doc comment: "If the admin does not set this action, the default is null, which
    // indicates this setting is not configured."
    "androidManagedAppProtection.appActionIfDeveloperOptionsEnabled": true,
    // spec section 0: a nullable string enum; the admin center reads null and "notRequired" both as Off.
    "managedAppProtection.purviewContentEvaluationRequired": true,
    // Two flags enums (the SDK serializer writes each as one enum value) that neither the typings nor
    // the Microsoft Learn beta page of windowsManagedAppProtection list yet. No Microsoft source states
    // their facet; their enum has a zero member for "nothing" (`none`: "No locations selected.", SDK
    // doc comment), and the type's other transfer settings (`allowedInboundDataTransferSources`,
    // `allowedOutboundDataTransferDestinations`) are non-nullable in the typings: non-nullable here.
    "windowsManagedAppProtection.allowedInboundDataTransferSourceApps": false,
    "windowsManagedAppProtection.allowedOutboundDataTransferDestinationApps": false,
};

/**
 * Enum members Microsoft documents that the SDK models (1.0.0-preview.81) do not have yet, appended
 * after the model's members. Source: Graph beta enum page `windowsManagedAppClipboardSharingLevel`
 * (orgDestinationAnySource = 2, orgDestinationOrgSource = 3, before `unknownFutureValue`) and Intune
 * "App protection policy settings for Windows" (offered in the admin center). The catalog accepts them
 * for the same reason (`WIDENED` in test/unit/completeness.test.ts fails once the SDK has them).
 */
export const ENUM_MEMBERS_NEWER_THAN_SDK: Readonly<Record<string, readonly string[]>> = {
    windowsManagedAppClipboardSharingLevel: ["orgDestinationAnySource", "orgDestinationOrgSource"],
};

/** Abstract types (spec 0 and 3): cannot be instantiated by `@odata.type`. */
export const ABSTRACT_TYPES: ReadonlySet<string> = new Set([
    "entity",
    "managedAppPolicy",
    "managedAppProtection",
    "targetedManagedAppProtection",
    // Microsoft Learn beta "managedAppConfiguration resource type": List and Get only, no Create;
    // its one concrete type is targetedManagedAppConfiguration.
    "managedAppConfiguration",
    "mobileAppIdentifier",
    "deviceAndAppManagementAssignmentTarget",
]);

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
};

/**
 * Create defaults that peer tools model but no capture of the service confirms (used with the
 * `createDefaults: "peers"` fidelity switch): Terraform and DSC providers fill these two when a
 * policy is created without them, matching the admin center's preselected choices (Non-working
 * time: Block access; Override biometrics with PIN after timeout: 30 minutes).
 */
export const PEER_CREATE_DEFAULTS: Readonly<Record<string, unknown>> = {
    "iosManagedAppProtection.appActionIfAccountIsClockedOut": "block",
    "androidManagedAppProtection.appActionIfAccountIsClockedOut": "block",
    "managedAppProtection.pinRequiredInsteadOfBiometricTimeout": "PT30M",
};

/**
 * A kind of app a policy's `apps` can hold: its `mobileAppIdentifier` subtype and key property
 * (spec 3.2) and the suffix of the managedMobileApp ids the service gives it (spec 3.1).
 */
export interface AppIdentifierFacts {
    /** Platform name, as the app catalog (app groups) knows it. */
    platform: "ios" | "android" | "windows";
    /** `mobileAppIdentifier` subtype, e.g. `iosMobileAppIdentifier`. */
    type: string;
    /** Its key property, e.g. `bundleId`. */
    key: string;
    /** Suffix of managedMobileApp ids (`<bundleId>.ios`). */
    idSuffix: string;
}

/** spec 3.1 (observed ids `<bundleId>.ios`), 3.2. */
const IOS_APPS: AppIdentifierFacts = {
    platform: "ios",
    type: "iosMobileAppIdentifier",
    key: "bundleId",
    idSuffix: ".ios",
};
/** spec 3.1 (observed ids `<packageId>.android`), 3.2. */
const ANDROID_APPS: AppIdentifierFacts = {
    platform: "android",
    type: "androidMobileAppIdentifier",
    key: "packageId",
    idSuffix: ".android",
};
/**
 * spec 3.2 (`windowsAppIdentifier.windowsAppId`, beta only; Microsoft Learn beta "targetApps action"
 * of windowsManagedAppProtection uses it). The `.windows` id suffix is inferred from the iOS/Android
 * pattern: no capture of the service shows a Windows app id.
 */
const WINDOWS_APPS: AppIdentifierFacts = {
    platform: "windows",
    type: "windowsAppIdentifier",
    key: "windowsAppId",
    idSuffix: ".windows",
};

/** One policy collection under `/deviceAppManagement`: the OData type it holds and the apps it targets. */
export interface PolicySetFacts {
    /** OData type name, e.g. `iosManagedAppProtection`. */
    typeName: string;
    /** Entity set under `/deviceAppManagement`. */
    entitySet: string;
    /** The app kinds its `apps` (deep insert, `targetApps`) accept; any other identifier is refused. */
    apps: readonly AppIdentifierFacts[];
}

/**
 * The policy collections the emulator serves. Everything else about a set comes from the model:
 * its properties, whether it has `appGroupType` (then `targetApps` takes an `appGroupType` and the
 * service fills the app list of app groups, spec 1.3; otherwise `targetApps` takes `apps` only).
 *
 * Create accepts `apps` and `assignments` inline on every set: observed for iOS and Android (spec
 * 1.2 C3). The Microsoft Learn beta "Create windowsManagedAppProtection" and "Create
 * targetedManagedAppConfiguration" pages document neither deep insert nor its refusal, so the two
 * newer sets behave as iOS and Android do (unknown, not observed).
 */
export const POLICY_SETS = [
    { typeName: "iosManagedAppProtection", entitySet: "iosManagedAppProtections", apps: [IOS_APPS] },
    { typeName: "androidManagedAppProtection", entitySet: "androidManagedAppProtections", apps: [ANDROID_APPS] },
    // Microsoft Learn beta: "windowsManagedAppProtection resource type", "targetApps action" (body: apps only).
    { typeName: "windowsManagedAppProtection", entitySet: "windowsManagedAppProtections", apps: [WINDOWS_APPS] },
    // Microsoft Learn beta: "targetedManagedAppConfiguration resource type", "targetApps action" (apps,
    // appGroupType). Intune docs "App configuration policies for Intune App SDK managed apps": one
    // "Managed apps" policy for iOS/iPadOS and Android apps (public apps of both platforms in one
    // policy), and the same policy kind for Windows (Microsoft Edge for Windows only).
    {
        typeName: "targetedManagedAppConfiguration",
        entitySet: "targetedManagedAppConfigurations",
        apps: [IOS_APPS, ANDROID_APPS, WINDOWS_APPS],
    },
] as const satisfies readonly PolicySetFacts[];

/** Entity-set names of `POLICY_SETS`. */
export type PolicySetName = (typeof POLICY_SETS)[number]["entitySet"];

/** Polymorphic base set (spec 1.1): items carry `@odata.type`, create needs a concrete one. */
export const BASE_SET = { entitySet: "managedAppPolicies", typeName: "managedAppPolicy" } as const;

/** Assignment targets accepted for app protection (design 3; spec 3.4). */
export const ALLOWED_ASSIGNMENT_TARGETS: ReadonlySet<string> = new Set([
    "groupAssignmentTarget",
    "exclusionGroupAssignmentTarget",
]);

/**
 * Roles that allow reads / writes of policies (spec 1.1). The same for the Windows and app
 * configuration sets: Microsoft Learn beta pages dated 08/01/2024 ("Create
 * windowsManagedAppProtection", "Get windowsManagedAppProtection", targetedManagedAppConfiguration
 * "targetApps action") list DeviceManagementApps.* and DeviceManagementConfiguration.*.
 */
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

/**
 * Settings shared by iOS and Android: Graph's `managedAppPolicy`, `managedAppProtection` and
 * `targetedManagedAppProtection` (beta). Labels are the Intune admin center's.
 */
import * as e from "./enums";
import { bool, duration, flagsOf, int, oneOf, setOf, stringSet, text, version } from "./kinds";
import { documented, observed, setting } from "./spec";

export const commonSettings = {
    // Basics (managedAppPolicy)
    displayName: setting(
        text(256, true),
        "Basics > Name",
        "Policy name shown in the admin center. Names need not be unique in Intune.",
        { required: true },
    ),
    description: setting(text(1024), "Basics > Description", "Free-text description.", observed("")),
    roleScopeTagIds: setting(
        stringSet(/^\d+$/, 'scope tag ids (numeric strings such as "0")'),
        "Scope tags",
        'Ids of the role scope tags; portal-created policies carry ["0"] (the Default tag).',
        observed(["0"]),
    ),

    // Apps (targetedManagedAppProtection)
    appGroupType: setting(
        oneOf(e.appGroupTypes),
        "Apps > Target policy to",
        '"selectedPublicApps" = Selected apps (list them in `apps`); "allCoreMicrosoftApps" = Core Microsoft Apps; "allMicrosoftApps" = Microsoft Apps; "allApps" = All Apps. For the three groups Intune fills the app list itself. Defaults to "selectedPublicApps" when `apps` is given.',
        { ...observed("selectedPublicApps"), channel: "targetApps" },
    ),
    targetedAppManagementLevels: setting(
        flagsOf(e.appManagementLevels, "unspecified"),
        "Apps > Target to apps on all device types / Device types (legacy)",
        '"unspecified" = apps on all device types; "unmanaged" = apps on unmanaged devices; "mdm" = apps on Intune-managed devices; the Android Enterprise and AOSP members for those device kinds. The current admin center uses assignment filters instead.',
        observed(["unspecified"]),
    ),

    // Data protection > Data transfer
    dataBackupBlocked: setting(
        bool(),
        "Data protection > Backup org data to iTunes and iCloud backups / Android backup services",
        "true = Block backups of org data.",
        observed(false),
    ),
    allowedOutboundDataTransferDestinations: setting(
        oneOf(e.dataTransferLevels),
        "Data protection > Send org data to other apps",
        '"allApps" = All apps; "managedApps" = Policy managed apps (iOS variants with OS sharing / Open-In filtering add `disableProtectionOfManagedOutboundOpenInData` / `filterOpenInToOnlyManagedApps`); "none" = None.',
        observed("allApps"),
    ),
    allowedInboundDataTransferSources: setting(
        oneOf(e.dataTransferLevels),
        "Data protection > Receive data from other apps",
        '"allApps" = All apps; "managedApps" = Policy managed apps; "none" = None.',
        observed("allApps"),
    ),
    saveAsBlocked: setting(
        bool(),
        "Data protection > Save copies of org data",
        "true = Block Save As of org data (except to `allowedDataStorageLocations`).",
        observed(false),
    ),
    allowedDataStorageLocations: setting(
        setOf(e.dataStorageLocations),
        "Data protection > Allow user to save copies to selected services",
        "Services where Save As stays allowed when `saveAsBlocked` is true.",
        observed([]),
    ),
    dialerRestrictionLevel: setting(
        oneOf(e.phoneNumberRedirectLevels),
        "Data protection > Transfer telecommunication data to",
        '"allApps" = Any dialer app; "managedApps" = Any policy-managed dialer app; "customApp" = A specific dialer app (iOS: `customDialerAppProtocol`; Android: `customDialerAppPackageId`); "blocked" = None.',
        observed("allApps"),
    ),
    protectedMessagingRedirectAppType: setting(
        oneOf(e.messagingRedirectAppTypes),
        "Data protection > Transfer messaging data to",
        '"anyApp" = Any messaging app; "anyManagedApp" = Any policy-managed messaging app; "specificApps" = A specific messaging app (iOS: `messagingRedirectAppUrlScheme`; Android: `messagingRedirectAppPackageId`); "blocked" = None.',
        documented("anyApp"),
    ),
    blockDataIngestionIntoOrganizationDocuments: setting(
        bool(),
        "Data protection > Open data into Org documents",
        "true = Block opening data from other services into org documents.",
        observed(false),
    ),
    allowedDataIngestionLocations: setting(
        setOf(e.dataIngestionLocations),
        "Data protection > Allow users to open data from selected services",
        "Services users may open data from when `blockDataIngestionIntoOrganizationDocuments` is true.",
        observed(["camera", "oneDriveForBusiness", "photoLibrary", "sharePoint"]),
    ),
    allowedOutboundClipboardSharingLevel: setting(
        oneOf(e.clipboardSharingLevels),
        "Data protection > Restrict cut, copy, and paste between other apps",
        '"allApps" = Any app; "managedAppsWithPasteIn" = Policy managed apps with paste in; "managedApps" = Policy managed apps; "blocked" = Blocked.',
        observed("managedAppsWithPasteIn"),
    ),
    allowedOutboundClipboardSharingExceptionLength: setting(
        int(0, 65535),
        "Data protection > Cut and copy character limit for any app",
        "Characters that may be cut or copied to any app regardless of the clipboard restriction; 0 = no exception.",
        documented(0),
    ),
    contactSyncBlocked: setting(
        bool(),
        "Data protection > Sync policy managed app data with native apps or add-ins",
        "true = Block syncing org data (contacts, calendar, widgets) with native apps and add-ins.",
        observed(false),
    ),
    printBlocked: setting(
        bool(),
        "Data protection > Printing org data",
        "true = Block printing of org data.",
        observed(false),
    ),
    managedBrowserToOpenLinksRequired: setting(
        bool(),
        "Data protection > Restrict web content transfer with other apps",
        "true = web links must open in `managedBrowser` (Microsoft Edge) or the unmanaged browser given by the custom browser settings; false = Any app.",
        observed(false),
    ),
    managedBrowser: setting(
        oneOf(e.browserTypes),
        "Data protection > Restrict web content transfer with other apps (browser)",
        '"microsoftEdge" = Microsoft Edge; "notConfigured" = any app or the unmanaged browser. Only meaningful with `managedBrowserToOpenLinksRequired` true.',
        observed("notConfigured"),
    ),
    notificationRestriction: setting(
        oneOf(e.notificationRestrictions),
        "Data protection > Org data notifications",
        '"allow" = Allow; "blockOrganizationalData" = Block org data; "block" = Block.',
        observed("allow"),
    ),

    // Access requirements
    pinRequired: setting(bool(), "Access requirements > PIN for access", "true = Require an app PIN.", observed(true)),
    pinCharacterSet: setting(
        oneOf(e.pinCharacterSets),
        "Access requirements > PIN type",
        '"numeric" = Numeric; "alphanumericAndSymbol" = Passcode.',
        observed("numeric"),
    ),
    simplePinBlocked: setting(
        bool(),
        "Access requirements > Simple PIN",
        "true = Block simple (repeated or sequential) PINs.",
        observed(false),
    ),
    minimumPinLength: setting(
        int(4, 16),
        "Access requirements > Select minimum PIN length",
        "Minimum number of PIN characters (the admin center offers 4 to 16).",
        observed(4),
    ),
    fingerprintBlocked: setting(
        bool(),
        "Access requirements > Touch ID instead of PIN for access (iOS) / Fingerprint instead of PIN (Android, legacy)",
        "true = Block fingerprint in place of the app PIN.",
        observed(false),
    ),
    pinRequiredInsteadOfBiometricTimeout: setting(
        duration(),
        "Access requirements > Override biometrics with PIN after timeout (Timeout)",
        'Inactivity after which the PIN is required instead of biometrics, e.g. "PT30M". A new policy gets null (override not required) or, as peer tools model it, the admin center\'s preselected 30 minutes.',
        observed("PT30M"),
    ),
    periodBeforePinReset: setting(
        duration(),
        "Access requirements > PIN reset after number of days",
        '"PT0S" = No; "P90D" = Yes, after 90 days.',
        observed("PT0S"),
    ),
    previousPinBlockCount: setting(
        int(0, 24),
        "Access requirements > Select number of previous PIN values to maintain",
        "Previous PINs that cannot be reused (0 to 24).",
        observed(0),
    ),
    disableAppPinIfDevicePinIsSet: setting(
        bool(),
        "Access requirements > App PIN when device PIN is set",
        "true = Disable (iOS) / Not required (Android): no app PIN on enrolled devices with a device PIN.",
        observed(false),
    ),
    organizationalCredentialsRequired: setting(
        bool(),
        "Access requirements > Work or school account credentials for access",
        "true = Require work or school sign-in.",
        observed(false),
    ),
    periodOnlineBeforeAccessCheck: setting(
        duration(),
        "Access requirements > Recheck the access requirements after (minutes of inactivity)",
        'Inactivity before access requirements are rechecked, e.g. "PT30M".',
        observed("PT30M"),
    ),

    // Conditional launch
    maximumPinRetries: setting(
        int(1, 65535),
        "Conditional launch > Max PIN attempts",
        "PIN attempts before `appActionIfMaximumPinRetriesExceeded` applies (1 to 65535).",
        observed(5),
    ),
    appActionIfMaximumPinRetriesExceeded: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Max PIN attempts (action)",
        '"block" = Reset PIN; "wipe" = Wipe data.',
        observed("block"),
    ),
    periodOfflineBeforeAccessCheck: setting(
        duration(),
        "Conditional launch > Offline grace period (Block access)",
        'Offline time before access is blocked until the check succeeds, e.g. "PT12H" (720 minutes).',
        observed("PT12H"),
    ),
    periodOfflineBeforeWipeIsEnforced: setting(
        duration(),
        "Conditional launch > Offline grace period (Wipe data)",
        'Offline time before org data is wiped, e.g. "P90D".',
        observed("P90D"),
    ),
    appActionIfUnableToAuthenticateUser: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Disabled account",
        '"block" = Block access; "wipe" = Wipe data. Not set = row absent.',
    ),
    gracePeriodToBlockAppsDuringOffClockHours: setting(
        duration(),
        "Conditional launch > Non-working time (grace period)",
        "Grace period before apps are blocked during non-working time (no admin-center row).",
    ),
    deviceComplianceRequired: setting(
        bool(),
        "Conditional launch > Jailbroken/rooted devices",
        "true = detect jailbroken or rooted devices and apply `appActionIfDeviceComplianceRequired`.",
        observed(true),
    ),
    appActionIfDeviceComplianceRequired: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Jailbroken/rooted devices (action)",
        '"block" = Block access; "wipe" = Wipe data.',
        observed("block"),
    ),
    minimumRequiredAppVersion: setting(
        version(),
        "Conditional launch > Min app version (Block access)",
        "App versions below this are blocked.",
    ),
    minimumWarningAppVersion: setting(
        version(),
        "Conditional launch > Min app version (Warn)",
        "App versions below this get a warning.",
    ),
    minimumWipeAppVersion: setting(
        version(),
        "Conditional launch > Min app version (Wipe data)",
        "App versions at or below this are wiped.",
    ),
    minimumRequiredOsVersion: setting(
        version(),
        "Conditional launch > Min OS version (Block access)",
        "OS versions below this are blocked.",
    ),
    minimumWarningOsVersion: setting(
        version(),
        "Conditional launch > Min OS version (Warn)",
        "OS versions below this get a warning.",
    ),
    minimumWipeOsVersion: setting(
        version(),
        "Conditional launch > Min OS version (Wipe data)",
        "OS versions at or below this are wiped.",
    ),
    maximumRequiredOsVersion: setting(
        version(),
        "Conditional launch > Max OS version (Block access)",
        "OS versions above this are blocked.",
    ),
    maximumWarningOsVersion: setting(
        version(),
        "Conditional launch > Max OS version (Warn)",
        "OS versions above this get a warning.",
    ),
    maximumWipeOsVersion: setting(
        version(),
        "Conditional launch > Max OS version (Wipe data)",
        "OS versions above this are wiped.",
    ),
    maximumAllowedDeviceThreatLevel: setting(
        oneOf(e.deviceThreatLevels),
        "Conditional launch > Max allowed device threat level",
        '"secured", "low", "medium" or "high" = highest Mobile Threat Defense level tolerated; "notConfigured" = row absent.',
        observed("notConfigured"),
    ),
    mobileThreatDefenseRemediationAction: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Max allowed device threat level (action)",
        '"block" = Block access; "wipe" = Wipe data (Graph does not support warn here).',
        observed("block"),
    ),
    mobileThreatDefensePartnerPriority: setting(
        oneOf(e.threatDefensePartnerPriorities),
        "Conditional launch > Primary MTD service",
        '"defenderOverThirdPartyPartner" = Microsoft Defender for Endpoint; "thirdPartyPartnerOverDefender" = Mobile Threat Defense (non-Microsoft). Not set = Defender preferred (documented default).',
    ),
    // Graph beta `managedAppPurviewEvaluationRequirement` (beta SDK models: members and their
    // descriptions). The admin center shows an On/Off toggle on which null and "notRequired" both
    // read Off (docs/graph.md section 0); its exact wording is not on Microsoft Learn yet.
    purviewContentEvaluationRequired: setting(
        oneOf(e.purviewEvaluationRequirements),
        "Data protection > Microsoft Purview content evaluation",
        '"notRequired" = Off; "requiredWhenOnline" = Microsoft Purview Data Loss Prevention evaluates content before it is shared, and sharing is allowed when the service is unreachable; "required" = content is always evaluated, and sharing is blocked when the service is unreachable. Not set = Off.',
    ),
} as const;

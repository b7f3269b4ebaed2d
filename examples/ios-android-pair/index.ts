// The demo program (the repository's root Pulumi.yaml points here): a matching iOS and Android
// pair for one department, the way most tenants start: selected Microsoft apps, a PIN, org data
// kept in managed apps, and conditional launch checks, assigned to one group minus another.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const assignments = {
    include: [config.require("salesGroupId")],
    exclude: [config.require("contractorsGroupId")],
};

/** Settings both platforms share, typed once. */
const shared = {
    description: "Sales department: managed by Pulumi",
    assignments,
    pinRequired: true,
    minimumPinLength: 6,
    simplePinBlocked: true,
    maximumPinRetries: 5,
    periodOnlineBeforeAccessCheck: "PT30M",
    periodOfflineBeforeAccessCheck: "PT12H",
    periodOfflineBeforeWipeIsEnforced: "P90D",
    dataBackupBlocked: true,
    contactSyncBlocked: true,
    saveAsBlocked: true,
    allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
    allowedInboundDataTransferSources: "managedApps",
    allowedOutboundDataTransferDestinations: "managedApps",
    allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn",
    managedBrowserToOpenLinksRequired: true,
    managedBrowser: "microsoftEdge",
    deviceComplianceRequired: true,
    appActionIfDeviceComplianceRequired: "block",
} satisfies Partial<intune.IosAppProtectionPolicyArgs & intune.AndroidAppProtectionPolicyArgs>;

const iosPolicy = new intune.IosAppProtectionPolicy("sales-ios", {
    ...shared,
    displayName: "Sales iOS",
    apps: [
        "com.microsoft.office.outlook",
        "com.microsoft.skype.teams",
        "com.microsoft.msedge",
        "com.microsoft.office.word",
    ],
    appDataEncryptionType: "whenDeviceLocked",
    faceIdBlocked: false,
    minimumRequiredOsVersion: "17.0",
});

const androidPolicy = new intune.AndroidAppProtectionPolicy("sales-android", {
    ...shared,
    displayName: "Sales Android",
    apps: ["com.microsoft.office.outlook", "com.microsoft.teams", "com.microsoft.emmx", "com.microsoft.office.word"],
    encryptAppData: true,
    screenCaptureBlocked: true,
    requiredAndroidSafetyNetDeviceAttestationType: "basicIntegrityAndDeviceCertification",
    appActionIfAndroidSafetyNetDeviceAttestationFailed: "block",
    minimumRequiredOsVersion: "12.0",
});

export const iosPolicyId = iosPolicy.id;
export const androidPolicyId = androidPolicy.id;
export const assigned = pulumi.all([iosPolicy.isAssigned, androidPolicy.isAssigned]).apply(([i, a]) => i && a);

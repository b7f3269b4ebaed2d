// A basic iOS/iPadOS app protection policy for selected Microsoft apps, assigned to one group
// and excluding another. Group object ids come from stack config (or from @pulumi/azuread).
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();

const policy = new intune.IosAppProtectionPolicy("sales-ios", {
    displayName: "Sales iOS",
    description: "Managed by Pulumi",
    apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams", "com.microsoft.msedge"],
    assignments: {
        include: [config.require("salesGroupId")],
        exclude: [config.require("contractorsGroupId")],
    },
    // Access requirements
    pinRequired: true,
    minimumPinLength: 6,
    simplePinBlocked: true,
    periodOnlineBeforeAccessCheck: "PT30M",
    // Data protection
    dataBackupBlocked: true,
    contactSyncBlocked: true,
    allowedOutboundDataTransferDestinations: "managedApps",
    allowedOutboundClipboardSharingLevel: "managedAppsWithPasteIn",
    appDataEncryptionType: "whenDeviceLocked",
    // Conditional launch
    periodOfflineBeforeAccessCheck: "PT12H",
    appActionIfDeviceComplianceRequired: "block",
    minimumRequiredOsVersion: "17.0",
});

export const policyId = policy.id;
export const isAssigned = policy.isAssigned;

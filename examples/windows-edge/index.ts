// Windows app protection (Windows MAM) for Microsoft Edge on personal devices, assigned to one
// group and excluding another. Group object ids come from stack config (or from @pulumi/azuread).
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();

const policy = new intune.WindowsAppProtectionPolicy("edge-windows", {
    displayName: "Edge on personal Windows devices",
    description: "Managed by Pulumi",
    apps: ["com.microsoft.edge"],
    assignments: {
        include: [config.require("salesGroupId")],
        exclude: [config.require("contractorsGroupId")],
    },
    // Data protection
    allowedInboundDataTransferSources: "selectedApps",
    allowedInboundDataTransferSourceApps: ["oneDriveForBusiness"],
    allowedOutboundDataTransferDestinations: "none",
    allowedOutboundClipboardSharingLevel: "none",
    printBlocked: true,
    // Health checks
    periodOfflineBeforeAccessCheck: "PT12H",
    periodOfflineBeforeWipeIsEnforced: "P30D",
    minimumRequiredOsVersion: "10.0.22631.0",
    maximumAllowedDeviceThreatLevel: "medium",
    mobileThreatDefenseRemediationAction: "block",
});

export const policyId = policy.id;
export const isAssigned = policy.isAssigned;

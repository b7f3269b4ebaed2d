// A basic Android app protection policy for selected Microsoft apps, assigned to one group and
// excluding another. Group object ids come from stack config (or from @pulumi/azuread).
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();

const policy = new intune.AndroidAppProtectionPolicy("sales-android", {
    displayName: "Sales Android",
    description: "Managed by Pulumi",
    apps: ["com.microsoft.office.outlook", "com.microsoft.teams", "com.microsoft.emmx"],
    assignments: {
        include: [config.require("salesGroupId")],
        exclude: [config.require("contractorsGroupId")],
    },
    // Access requirements
    pinRequired: true,
    minimumPinLength: 6,
    simplePinBlocked: true,
    biometricAuthenticationBlocked: false,
    periodOnlineBeforeAccessCheck: "PT30M",
    // Data protection
    dataBackupBlocked: true,
    contactSyncBlocked: true,
    screenCaptureBlocked: true,
    encryptAppData: true,
    allowedOutboundDataTransferDestinations: "managedApps",
    keyboardsRestricted: true,
    approvedKeyboards: [
        { packageId: "com.google.android.inputmethod.latin", name: "Gboard" },
        { packageId: "com.touchtype.swiftkey", name: "Microsoft SwiftKey Keyboard" },
    ],
    // Conditional launch
    requiredAndroidSafetyNetDeviceAttestationType: "basicIntegrityAndDeviceCertification",
    appActionIfAndroidSafetyNetDeviceAttestationFailed: "block",
    minimumRequiredPatchVersion: "2026-01-01",
});

export const policyId = policy.id;
export const isAssigned = policy.isAssigned;

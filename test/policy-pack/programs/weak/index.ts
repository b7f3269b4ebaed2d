// Valid app protection policies (the provider's check accepts them) that break Zero Trust rules.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();

new intune.IosAppProtectionPolicy("weak-ios", {
    displayName: "Weak iOS",
    apps: ["com.microsoft.office.outlook"],
    assignments: { include: [config.require("groupId")] },
    contactSyncBlocked: false,
    dataBackupBlocked: false,
    allowedOutboundDataTransferDestinations: "allApps",
    pinRequired: false,
    periodOnlineBeforeAccessCheck: "PT60M",
    deviceComplianceRequired: false,
    // Everything else is left unset: unmanaged, so not guaranteed.
});

new intune.AndroidAppProtectionPolicy("weak-android", {
    ...intune.baselines.android.level2EnterpriseEnhanced,
    displayName: "Weak Android",
    appActionIfAndroidSafetyNetDeviceAttestationFailed: "warn",
});

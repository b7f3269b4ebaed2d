// Microsoft's Level 2 preset with two relaxations that a stricter pack config would refuse:
// access requirements rechecked after an hour, and backups of org data allowed.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();

new intune.IosAppProtectionPolicy("relaxed-ios", {
    ...intune.baselines.ios.level2EnterpriseEnhanced,
    displayName: "Relaxed iOS",
    assignments: { include: [config.require("groupId")] },
    periodOnlineBeforeAccessCheck: "PT60M",
    dataBackupBlocked: false,
});

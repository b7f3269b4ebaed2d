// Passes every rule of the Zero Trust policy pack: Microsoft's Level 3 presets, with sync to
// native apps blocked (no framework level blocks it), the iOS dialer app named, a minimum app
// version and Samsung Knox attestation (workshop advisories no level sets).
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const assignments = { include: [config.require("groupId")] };

new intune.IosAppProtectionPolicy("high-ios", {
    ...intune.baselines.ios.level3EnterpriseHigh,
    displayName: "Zero Trust iOS",
    customDialerAppProtocol: "ciscotel",
    contactSyncBlocked: true,
    periodOnlineBeforeAccessCheck: "PT900S",
    minimumRequiredAppVersion: "1.0",
    assignments,
});

new intune.AndroidAppProtectionPolicy("high-android", {
    ...intune.baselines.android.level3EnterpriseHigh,
    displayName: "Zero Trust Android",
    contactSyncBlocked: true,
    minimumRequiredAppVersion: "1.0",
    appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported",
    assignments,
});

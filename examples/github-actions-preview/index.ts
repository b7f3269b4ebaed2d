// The program the pull-request workflow (.github/workflows/preview.yml) previews: Level 2 of
// Microsoft's data protection framework for iOS and Android, tightened where the Zero Trust
// policy pack warns (sync with native apps, printing, dialer, minimum app version, Mobile Threat
// Defense level, third-party keyboards on iOS, approved keyboards and Knox attestation on Android), so the preview shows no violation.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const assignments = { include: [config.require("mobileUsersGroupId")] };

const zeroTrust = {
    contactSyncBlocked: true,
    printBlocked: true,
    dialerRestrictionLevel: "managedApps",
    minimumRequiredAppVersion: "4.0",
    maximumAllowedDeviceThreatLevel: "secured",
} as const;

const iosPolicy = new intune.IosAppProtectionPolicy("ios", {
    ...intune.baselines.ios.level2EnterpriseEnhanced,
    ...zeroTrust,
    thirdPartyKeyboardsBlocked: true,
    displayName: "Mobile users - iOS/iPadOS",
    assignments,
});

const androidPolicy = new intune.AndroidAppProtectionPolicy("android", {
    ...intune.baselines.android.level2EnterpriseEnhanced,
    ...zeroTrust,
    keyboardsRestricted: true,
    approvedKeyboards: [{ packageId: "com.microsoft.swiftkey", name: "SwiftKey" }],
    appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported",
    displayName: "Mobile users - Android",
    assignments,
});

export const iosPolicyId = iosPolicy.id;
export const androidPolicyId = androidPolicy.id;

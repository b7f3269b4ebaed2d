// Microsoft's data protection framework, Level 2 (enterprise enhanced data protection), for iOS
// and Android from the package's presets, with a few overrides. Every preset setting is typed
// like any other arg, so an override with a wrong value or a misspelt name does not compile.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const assignments = {
    include: [config.require("mobileUsersGroupId")],
    exclude: [config.require("breakGlassGroupId")],
};

const iosPolicy = new intune.IosAppProtectionPolicy("enhanced-ios", {
    // Level 2 as Microsoft publishes it: Core Microsoft Apps, org data only to managed apps,
    // no backups, Save As only to OneDrive and SharePoint, links open in Edge, PIN required...
    ...intune.baselines.ios.level2EnterpriseEnhanced,
    displayName: "iOS/iPadOS enterprise enhanced data protection",
    description: intune.baselines.ios.published.level2EnterpriseEnhanced.description,
    assignments,
    // Overrides: a longer PIN, no simple PINs, and today's OS minimum instead of the 2022 one.
    minimumPinLength: 6,
    simplePinBlocked: true,
    minimumRequiredOsVersion: "17.0",
});

const androidPolicy = new intune.AndroidAppProtectionPolicy("enhanced-android", {
    ...intune.baselines.android.level2EnterpriseEnhanced,
    displayName: "Android enterprise enhanced data protection",
    description: intune.baselines.android.published.level2EnterpriseEnhanced.description,
    assignments,
    minimumPinLength: 6,
    simplePinBlocked: true,
    minimumRequiredOsVersion: "13.0",
    // Block sync of org contacts and calendar with the native apps (no framework level does).
    contactSyncBlocked: true,
});

export const iosPolicyId = iosPolicy.id;
export const androidPolicyId = androidPolicy.id;

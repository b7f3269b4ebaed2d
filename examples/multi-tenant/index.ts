// One program, one stack per tenant: `pulumi up --stack contoso`, `pulumi up --stack fabrikam`.
// Each stack's config (Pulumi.<stack>.yaml) names its tenant, app registration and groups, and
// picks the framework level; the code is the same for every tenant.
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const tenant = pulumi.getStack();

const levels = {
    1: { ios: intune.baselines.ios.level1EnterpriseBasic, android: intune.baselines.android.level1EnterpriseBasic },
    2: {
        ios: intune.baselines.ios.level2EnterpriseEnhanced,
        android: intune.baselines.android.level2EnterpriseEnhanced,
    },
    3: { ios: intune.baselines.ios.level3EnterpriseHigh, android: intune.baselines.android.level3EnterpriseHigh },
} as const;

const level = config.getNumber("protectionLevel") ?? 2;
if (level !== 1 && level !== 2 && level !== 3) {
    throw new Error(
        `protectionLevel is ${level}; use 1 (enterprise basic), 2 (enterprise enhanced) or 3 (enterprise high)`,
    );
}
const preset = levels[level];

// Group object ids differ per tenant: they come from each stack's config.
const assignments = {
    include: [config.require("mobileUsersGroupId")],
    exclude: [config.require("excludedGroupId")],
};
const minimumPinLength = config.getNumber("minimumPinLength") ?? preset.ios.minimumPinLength;

const iosPolicy = new intune.IosAppProtectionPolicy("ios", {
    ...preset.ios,
    displayName: `App protection ${tenant} - iOS/iPadOS (level ${level})`,
    assignments,
    minimumPinLength,
    // Level 3 sends phone numbers to one dialer app, named per tenant (config iosDialerUrlScheme).
    ...(preset.ios.dialerRestrictionLevel === "customApp"
        ? { customDialerAppProtocol: config.require("iosDialerUrlScheme") }
        : {}),
});

const androidPolicy = new intune.AndroidAppProtectionPolicy("android", {
    ...preset.android,
    displayName: `App protection ${tenant} - Android (level ${level})`,
    assignments,
    minimumPinLength,
});

export const iosPolicyId = iosPolicy.id;
export const androidPolicyId = androidPolicy.id;

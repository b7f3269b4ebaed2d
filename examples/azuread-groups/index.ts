// Entra ID groups made with @pulumi/azuread in the same program, and app protection policies
// assigned to them by object id. The assignments wait for the groups: during the first preview
// the ids are not known yet, and the policies are created once the groups exist.
import * as azuread from "@pulumi/azuread";
import * as intune from "pulumi-intune-app-protection";

// Who gets the policies, and who is left out (emergency-access accounts).
const mobileUsers = new azuread.Group("mobile-users", {
    displayName: "Intune - Mobile users (app protection)",
    description: "Users whose Microsoft apps on iOS and Android are covered by app protection. Managed by Pulumi.",
    securityEnabled: true,
    mailEnabled: false,
});

const breakGlass = new azuread.Group("break-glass", {
    displayName: "Intune - Break glass accounts (excluded)",
    description: "Emergency-access accounts excluded from app protection. Managed by Pulumi.",
    securityEnabled: true,
    mailEnabled: false,
});

const assignments = {
    include: [mobileUsers.objectId],
    exclude: [breakGlass.objectId],
};

const iosPolicy = new intune.IosAppProtectionPolicy("mobile-ios", {
    ...intune.baselines.ios.level2EnterpriseEnhanced,
    displayName: "Mobile users - iOS/iPadOS",
    assignments,
});

const androidPolicy = new intune.AndroidAppProtectionPolicy("mobile-android", {
    ...intune.baselines.android.level2EnterpriseEnhanced,
    displayName: "Mobile users - Android",
    // A group with an assignment filter, for example corporate-owned devices only:
    // include: [{ groupId: mobileUsers.objectId, filterId: "<filter id>", filterType: "include" }]
    assignments,
});

export const mobileUsersGroupId = mobileUsers.objectId;
export const breakGlassGroupId = breakGlass.objectId;
export const iosPolicyId = iosPolicy.id;
export const androidPolicyId = androidPolicy.id;

// App configuration for managed apps: Outlook and Microsoft Edge settings for iOS and Android in
// one policy, built with the typed helpers for the keys Microsoft documents, plus app protection
// for the same apps (the Edge documentation asks for both).
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

const config = new pulumi.Config();
const assignments = { include: [config.require("salesGroupId")] };

const outlookAndEdge = new intune.ManagedAppConfiguration("outlook-edge", {
    displayName: "Outlook and Edge for Sales",
    description: "Managed by Pulumi",
    // iOS bundle ids and Android package ids, in one policy.
    apps: {
        ios: ["com.microsoft.office.outlook", "com.microsoft.msedge"],
        android: ["com.microsoft.office.outlook", "com.microsoft.emmx"],
    },
    assignments,
    customSettings: [
        ...intune.appConfig.outlookConfiguration({
            focusedInbox: false,
            saveContacts: true,
            blockExternalImages: true,
        }),
        ...intune.appConfig.edgeConfiguration({
            homepage: "https://intranet.contoso.com",
            bookmarks: [{ title: "Expenses", url: "https://expenses.contoso.com" }],
            defaultHttps: true,
            syncDisabled: true,
        }),
        // Any other key an app documents, as a plain pair.
        { name: "com.contoso.supportUrl", value: "https://support.contoso.com" },
    ],
});

// App protection for the same apps: the framework's Level 2 targets Core Microsoft Apps (among
// them Outlook and Edge), so Intune fills the app list itself.
new intune.IosAppProtectionPolicy("sales-ios", {
    ...intune.baselines.ios.level2EnterpriseEnhanced,
    displayName: "Sales - iOS/iPadOS enterprise enhanced data protection",
    assignments,
});
new intune.AndroidAppProtectionPolicy("sales-android", {
    ...intune.baselines.android.level2EnterpriseEnhanced,
    displayName: "Sales - Android enterprise enhanced data protection",
    assignments,
});

export const configurationId = outlookAndEdge.id;
export const configuredApps = outlookAndEdge.deployedAppCount;

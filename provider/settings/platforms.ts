/**
 * The policy types, as data (their shape: `policy-type.ts`): iOS, Android and Windows app
 * protection and app configuration for managed apps. Each is served by the engine and is a
 * resource class (`resources/policies.ts`); `policyTypes` holds all four, `platforms` the two
 * mobile app protection types, for what is defined for those two only.
 */
import type { AppIdScheme } from "./apps";
import { androidSettings } from "./android";
import { appConfigurationSettings } from "./app-configuration";
import { iosSettings } from "./ios";
import { ANDROID_PACKAGE_ID, IOS_BUNDLE_ID } from "./kinds";
import { policyType, type PolicyType, type PolicyTypeName } from "./policy-type";
import { appGroupRules, protectionRules } from "./rules";
import { windowsSettings } from "./windows";

/** The name of an iOS or Android app protection type. */
export type PlatformName = "ios" | "android";

/** The description of an iOS or Android app protection type. */
export type Platform = PolicyType<PlatformName>;

/** iOS/iPadOS apps: Graph `iosMobileAppIdentifier`. */
const iosApps: AppIdScheme = {
    key: "ios",
    odataType: "#microsoft.graph.iosMobileAppIdentifier",
    idField: "bundleId",
    format: {
        name: "bundleId",
        pattern: IOS_BUNDLE_ID,
        allowed: 'an iOS bundle id such as "com.microsoft.office.outlook"',
    },
};

/** Android apps: Graph `androidMobileAppIdentifier`. */
const androidApps: AppIdScheme = {
    key: "android",
    odataType: "#microsoft.graph.androidMobileAppIdentifier",
    idField: "packageId",
    format: {
        name: "packageId",
        pattern: ANDROID_PACKAGE_ID,
        allowed: 'an Android package id such as "com.microsoft.office.outlook"',
    },
};

/**
 * Windows apps: Graph beta `windowsAppIdentifier` (`windowsAppId`, "the identifier for an app, as
 * specified in the app store"; @microsoft/msgraph-beta-sdk models). Its format is not documented:
 * any non-blank text, held as written.
 */
const windowsApps: AppIdScheme = {
    key: "windows",
    odataType: "#microsoft.graph.windowsAppIdentifier",
    idField: "windowsAppId",
    format: {
        name: "windowsAppId",
        pattern: /\S/,
        allowed: "a Windows app id as the app store gives it (non-blank text)",
    },
};

const protection = { one: "app protection policy", many: "app protection policies" };

/** App groups of `targetedManagedAppProtection` and `targetedManagedAppConfiguration` (`appGroupType`). */
const appGroups = { key: "appGroupType", selectedApps: "selectedPublicApps" } as const;

export const ios: Platform = policyType({
    name: "ios",
    title: "iOS/iPadOS",
    noun: protection,
    resourceType: "IosAppProtectionPolicy",
    collection: "iosManagedAppProtections",
    odataType: "#microsoft.graph.iosManagedAppProtection",
    appIds: [iosApps],
    appGroups,
    settings: iosSettings,
    customTargets: {
        dialer: "customDialerAppProtocol",
        messaging: "messagingRedirectAppUrlScheme",
        browser: "customBrowserProtocol",
    },
    rules: [...protectionRules, ...appGroupRules],
});

export const android: Platform = policyType({
    name: "android",
    title: "Android",
    noun: protection,
    resourceType: "AndroidAppProtectionPolicy",
    collection: "androidManagedAppProtections",
    odataType: "#microsoft.graph.androidManagedAppProtection",
    appIds: [androidApps],
    appGroups,
    settings: androidSettings,
    customTargets: {
        dialer: "customDialerAppPackageId",
        messaging: "messagingRedirectAppPackageId",
        browser: "customBrowserPackageId",
    },
    rules: [...protectionRules, ...appGroupRules],
});

/**
 * Windows app protection (Graph beta `windowsManagedAppProtection`, base `managedAppPolicy`):
 * apps by `windowsAppIdentifier`, no app groups, no custom dialer/browser targets, actions
 * `targetApps` and `assign`.
 */
export const windows: PolicyType = policyType({
    name: "windows",
    title: "Windows",
    noun: protection,
    resourceType: "WindowsAppProtectionPolicy",
    collection: "windowsManagedAppProtections",
    odataType: "#microsoft.graph.windowsManagedAppProtection",
    appIds: [windowsApps],
    settings: windowsSettings,
    rules: [],
});

/**
 * App configuration for managed apps (Graph beta `targetedManagedAppConfiguration`): apps of iOS
 * and Android in one policy, app groups, `customSettings`, actions `targetApps` and `assign`.
 */
export const appConfiguration: PolicyType = policyType({
    name: "appConfiguration",
    title: "iOS/iPadOS and Android",
    noun: { one: "app configuration policy", many: "app configuration policies" },
    resourceType: "ManagedAppConfiguration",
    collection: "targetedManagedAppConfigurations",
    odataType: "#microsoft.graph.targetedManagedAppConfiguration",
    appIds: [iosApps, androidApps],
    appGroups,
    settings: appConfigurationSettings,
    rules: appGroupRules,
});

/** The iOS and Android app protection types, by name. */
export const platforms: Readonly<Record<PlatformName, Platform>> = { ios, android };

/** Every policy type the engine serves, by persisted name. */
export const policyTypes: Readonly<Record<PolicyTypeName, PolicyType>> = { ios, android, windows, appConfiguration };

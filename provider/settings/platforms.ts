/**
 * Platform descriptions: the only things iOS and Android differ in. The engine is generic
 * over these (collection path, `@odata.type`, how apps are identified, settings, rules).
 */
import { androidSettings } from "./android";
import { iosSettings } from "./ios";
import { ANDROID_PACKAGE_ID, IOS_BUNDLE_ID } from "./kinds";
import type { SettingsCatalog } from "./spec";

export type PlatformName = "ios" | "android";

export interface Platform {
    readonly name: PlatformName;
    /** Human name, for messages. */
    readonly title: string;
    /** Resource class and type-token name. */
    readonly resourceType: string;
    /** Graph collection under `/deviceAppManagement`. */
    readonly collection: string;
    /** The policy's `@odata.type`. */
    readonly odataType: string;
    /** How targeted apps are identified. */
    readonly app: {
        readonly odataType: string;
        /** Field of the mobile app identifier that holds the id. */
        readonly idField: "bundleId" | "packageId";
        /** Suffix Graph appends to app ids (`com.x.ios`). */
        readonly idSuffix: string;
        readonly pattern: RegExp;
        readonly allowed: string;
    };
    /** Every writable setting, keyed by Graph property name. */
    readonly settings: SettingsCatalog;
    /** Settings that name the custom dialer, messaging app and browser. */
    readonly customTargets: {
        readonly dialer: string;
        readonly messaging: string;
        readonly browser: string;
    };
}

export const ios: Platform = {
    name: "ios",
    title: "iOS/iPadOS",
    resourceType: "IosAppProtectionPolicy",
    collection: "iosManagedAppProtections",
    odataType: "#microsoft.graph.iosManagedAppProtection",
    app: {
        odataType: "#microsoft.graph.iosMobileAppIdentifier",
        idField: "bundleId",
        idSuffix: ".ios",
        pattern: IOS_BUNDLE_ID,
        allowed: 'an iOS bundle id such as "com.microsoft.office.outlook"',
    },
    settings: iosSettings,
    customTargets: {
        dialer: "customDialerAppProtocol",
        messaging: "messagingRedirectAppUrlScheme",
        browser: "customBrowserProtocol",
    },
};

export const android: Platform = {
    name: "android",
    title: "Android",
    resourceType: "AndroidAppProtectionPolicy",
    collection: "androidManagedAppProtections",
    odataType: "#microsoft.graph.androidManagedAppProtection",
    app: {
        odataType: "#microsoft.graph.androidMobileAppIdentifier",
        idField: "packageId",
        idSuffix: ".android",
        pattern: ANDROID_PACKAGE_ID,
        allowed: 'an Android package id such as "com.microsoft.office.outlook"',
    },
    settings: androidSettings,
    customTargets: {
        dialer: "customDialerAppPackageId",
        messaging: "messagingRedirectAppPackageId",
        browser: "customBrowserPackageId",
    },
};

export const platforms: Readonly<Record<PlatformName, Platform>> = { ios, android };

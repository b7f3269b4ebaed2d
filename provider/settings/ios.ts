/**
 * iOS/iPadOS settings: Graph beta `iosManagedAppProtection` on top of the common settings.
 */
import { commonSettings } from "./common";
import * as e from "./enums";
import { bool, joinedSet, oneOf, pairs, stringSet, urlScheme, version } from "./kinds";
import { observed, setting } from "./spec";

const universalLink = /^https?:\/\/\S+$/;

export const iosOwnSettings = {
    thirdPartyKeyboardsBlocked: setting(
        bool(),
        "Data protection > Third party keyboards",
        "true = Block third-party keyboards in managed apps.",
        observed(false),
    ),
    disableProtectionOfManagedOutboundOpenInData: setting(
        bool(),
        "Data protection > Send org data to other apps: Policy managed apps with OS sharing",
        'true = Policy managed apps with OS sharing; only valid with `allowedOutboundDataTransferDestinations` "managedApps".',
        observed(false),
    ),
    filterOpenInToOnlyManagedApps: setting(
        bool(),
        "Data protection > Send org data to other apps: Policy managed apps with Open-In/Share filtering",
        'true = filter Open-In and Share sheets to managed apps; only valid with `allowedOutboundDataTransferDestinations` "managedApps" and `disableProtectionOfManagedOutboundOpenInData` false.',
        observed(false),
    ),
    protectInboundDataFromUnknownSources: setting(
        bool(),
        "Data protection > Receive data from other apps: All apps with incoming Org data",
        'true = treat all incoming data without a user identity as org data; only valid with `allowedInboundDataTransferSources` "allApps".',
        observed(false),
    ),
    exemptedAppProtocols: setting(
        pairs({
            nameField: "name",
            valueField: "schemes",
            fields: {
                name: { doc: "Display name of the exemption.", pattern: /\S/, allowed: "non-empty text" },
                schemes: {
                    doc: 'URL scheme(s) of the exempted app, several joined with ";" (e.g. "skype;app-settings;").',
                    pattern: /^[A-Za-z][A-Za-z0-9+.-]*(;[A-Za-z][A-Za-z0-9+.-]*)*;?$/,
                    allowed: 'one or more URL schemes joined with ";"',
                },
            },
        }),
        "Data protection > Select apps to exempt",
        "Apps (by URL scheme) that may receive org data regardless of the Send org data setting.",
        observed([]),
    ),
    exemptedUniversalLinks: setting(
        stringSet(universalLink, "http(s) URLs"),
        "Data protection > Select universal links to exempt",
        "Universal links allowed to open in unmanaged apps.",
        observed([]),
    ),
    managedUniversalLinks: setting(
        stringSet(universalLink, "http(s) URLs"),
        "Data protection > Select managed universal links",
        "Universal links that open in the managed target app.",
        observed([]),
    ),
    customDialerAppProtocol: setting(
        urlScheme(),
        "Data protection > Dialer App URL Scheme",
        'URL scheme of the dialer app when `dialerRestrictionLevel` is "customApp".',
    ),
    messagingRedirectAppUrlScheme: setting(
        urlScheme(),
        "Data protection > Messaging App URL Scheme",
        'URL scheme of the messaging app when `protectedMessagingRedirectAppType` is "specificApps".',
    ),
    customBrowserProtocol: setting(
        urlScheme(),
        "Data protection > Unmanaged Browser Protocol",
        'URL scheme of the unmanaged browser that must open links when `managedBrowserToOpenLinksRequired` is true and `managedBrowser` is "notConfigured".',
    ),
    appDataEncryptionType: setting(
        oneOf(e.iosDataEncryptionTypes),
        "Data protection > Encrypt org data",
        '"useDeviceSettings" = Not required; "whenDeviceLocked" (what the admin center sets), "whenDeviceLockedExceptOpenFiles" or "afterDeviceRestart" = Require, with that iOS data protection class.',
        observed("whenDeviceLocked"),
    ),
    genmojiConfigurationState: setting(
        oneOf(e.iosConfigurationStates),
        "Data protection > Genmoji",
        '"blocked" = Block; "notBlocked" = Allow.',
    ),
    screenCaptureConfigurationState: setting(
        oneOf(e.iosConfigurationStates),
        "Data protection > Screen capture",
        '"blocked" = Block; "notBlocked" = Allow.',
    ),
    writingToolsConfigurationState: setting(
        oneOf(e.iosConfigurationStates),
        "Data protection > Writing Tools",
        '"blocked" = Block; "notBlocked" = Allow.',
    ),
    allowWidgetContentSync: setting(
        bool(),
        "Data protection > Widget content sync (no admin-center row)",
        "true = allow org data in widgets.",
        observed(false),
    ),
    faceIdBlocked: setting(
        bool(),
        "Access requirements > Face ID instead of PIN for access",
        "true = Block Face ID in place of the app PIN.",
        observed(false),
    ),
    minimumRequiredSdkVersion: setting(
        version(),
        "Conditional launch > Min SDK version (Block access)",
        "Intune SDK versions below this are blocked.",
    ),
    minimumWarningSdkVersion: setting(
        version(),
        "Conditional launch > Min SDK version (Warn)",
        "Intune SDK versions below this get a warning.",
    ),
    minimumWipeSdkVersion: setting(
        version(),
        "Conditional launch > Min SDK version (Wipe data)",
        "Intune SDK versions below this are wiped.",
    ),
    allowedIosDeviceModels: setting(
        joinedSet('iOS model identifiers such as "iPhone15,2"'),
        "Conditional launch > Device model(s)",
        "Allowed device models; others get `appActionIfIosDeviceModelNotAllowed`. Graph keeps them as one ';'-joined string; here they are a list.",
        observed([]),
    ),
    appActionIfIosDeviceModelNotAllowed: setting(
        oneOf(e.blockOrWipe),
        "Conditional launch > Device model(s) (action)",
        '"block" = Block non-specified; "wipe" = Wipe non-specified.',
        observed("block"),
    ),
    appActionIfAccountIsClockedOut: setting(
        oneOf(e.blockOrWarn),
        "Conditional launch > Non-working time",
        '"block" = Block access; "warn" = Warn. A new policy gets null (row absent) or, as peer tools model it, "block".',
        observed("block"),
    ),
} as const;

/** Every iOS setting, keyed by Graph property name. */
export const iosSettings = { ...commonSettings, ...iosOwnSettings } as const;

/**
 * Windows settings: Graph beta `windowsManagedAppProtection` (Windows MAM, Microsoft Edge on personal
 * devices). It derives from `managedAppPolicy` directly, not from `managedAppProtection`: the names it
 * shares with iOS and Android mean the same, but it has far fewer settings and its own data transfer
 * and clipboard enums (docs/graph.md 9).
 *
 * Labels and defaults: Microsoft Learn, Intune "App protection policy settings for Windows"
 * (MicrosoftDocs/memdocs `intune/intune-service/apps/app-protection-policy-settings-windows.md`,
 * ms.date 11/06/2025), whose "Default value" column is what the admin center preselects. Unverified:
 * the two `...Apps` location settings, which the SDK models (1.0.0-preview.81) have and that page does
 * not show yet; their labels say so.
 */
import { commonSettings } from "./common";
import * as e from "./enums";
import { iosOwnSettings } from "./ios";
import { flagsOf, oneOf } from "./kinds";
import { documented, setting, type SettingSpec } from "./spec";

/**
 * A setting iOS/Android already describe, with its kind and doc, under the Windows admin center's
 * label. Defaults are not carried over: a Windows default needs its own source.
 */
function sharedAs<T>(
    spec: SettingSpec<T>,
    label: string,
    extra: Omit<SettingSpec<T>, "kind" | "label" | "doc"> = {},
): SettingSpec<T> {
    return setting(spec.kind, label, spec.doc, extra);
}

const c = commonSettings;
const transferLevel = oneOf(e.windowsDataTransferLevels);
const transferLocations = flagsOf(e.windowsDataTransferLocations, "none");

export const windowsOwnSettings = {
    // Data protection > Data transfer
    allowedInboundDataTransferSources: setting(
        transferLevel,
        "Data protection > Receive data from",
        '"allApps" = All sources; "none" = No sources (in Microsoft Edge: no file upload, by drag and drop or the file dialog); "selectedApps" = only the locations in `allowedInboundDataTransferSourceApps`.',
        documented("allApps"),
    ),
    allowedInboundDataTransferSourceApps: setting(
        transferLocations,
        "Data protection > Receive data from: selected sources (no admin-center row on Microsoft Learn yet)",
        'Locations org users may receive data from when `allowedInboundDataTransferSources` is "selectedApps": "oneDriveForBusiness"; ["none"] = none.',
    ),
    allowedOutboundDataTransferDestinations: setting(
        transferLevel,
        "Data protection > Send org data to",
        '"allApps" = All destinations; "none" = No destinations (in Microsoft Edge: no file download); "selectedApps" = only the locations in `allowedOutboundDataTransferDestinationApps`.',
        documented("allApps"),
    ),
    allowedOutboundDataTransferDestinationApps: setting(
        transferLocations,
        "Data protection > Send org data to: selected destinations (no admin-center row on Microsoft Learn yet)",
        'Locations org users may send org data to when `allowedOutboundDataTransferDestinations` is "selectedApps": "oneDriveForBusiness"; ["none"] = none.',
    ),
    allowedOutboundClipboardSharingLevel: setting(
        oneOf(e.windowsClipboardSharingLevels),
        "Data protection > Allow cut, copy, and paste for",
        '"anyDestinationAnySource" = Any destination and any source; "none" = No destination or source (in Microsoft Edge: web content only, not the address bar); "orgDestinationAnySource" = Org data destinations and any source; "orgDestinationOrgSource" = Org data destinations and org data sources.',
        documented("anyDestinationAnySource"),
    ),

    // Data protection > Functionality
    printBlocked: sharedAs(c.printBlocked, "Data protection > Printing Org data", documented(false)),

    // Health checks > App conditions
    periodOfflineBeforeAccessCheck: sharedAs(
        c.periodOfflineBeforeAccessCheck,
        "Health checks > App conditions > Offline grace period (Block access)",
        documented("PT12H"),
    ),
    periodOfflineBeforeWipeIsEnforced: sharedAs(
        c.periodOfflineBeforeWipeIsEnforced,
        "Health checks > App conditions > Offline grace period (Wipe data)",
        documented("P90D"),
    ),
    minimumWarningAppVersion: sharedAs(
        c.minimumWarningAppVersion,
        "Health checks > App conditions > Min app version (Warn)",
    ),
    minimumRequiredAppVersion: sharedAs(
        c.minimumRequiredAppVersion,
        "Health checks > App conditions > Min app version (Block access)",
    ),
    minimumWipeAppVersion: sharedAs(
        c.minimumWipeAppVersion,
        "Health checks > App conditions > Min app version (Wipe data)",
    ),
    minimumRequiredSdkVersion: sharedAs(
        iosOwnSettings.minimumRequiredSdkVersion,
        "Health checks > App conditions > Min SDK version (Block access)",
    ),
    minimumWipeSdkVersion: sharedAs(
        iosOwnSettings.minimumWipeSdkVersion,
        "Health checks > App conditions > Min SDK version (Wipe data)",
    ),
    appActionIfUnableToAuthenticateUser: sharedAs(
        c.appActionIfUnableToAuthenticateUser,
        "Health checks > App conditions > Disabled account",
    ),

    // Health checks > Device conditions (Windows versions such as "10.0.22631.3155")
    minimumWarningOsVersion: sharedAs(
        c.minimumWarningOsVersion,
        "Health checks > Device conditions > Min OS version (Warn)",
    ),
    minimumRequiredOsVersion: sharedAs(
        c.minimumRequiredOsVersion,
        "Health checks > Device conditions > Min OS version (Block access)",
    ),
    minimumWipeOsVersion: sharedAs(
        c.minimumWipeOsVersion,
        "Health checks > Device conditions > Min OS version (Wipe data)",
    ),
    maximumWarningOsVersion: sharedAs(
        c.maximumWarningOsVersion,
        "Health checks > Device conditions > Max OS version (Warn)",
    ),
    maximumRequiredOsVersion: sharedAs(
        c.maximumRequiredOsVersion,
        "Health checks > Device conditions > Max OS version (Block access)",
    ),
    maximumWipeOsVersion: sharedAs(
        c.maximumWipeOsVersion,
        "Health checks > Device conditions > Max OS version (Wipe data)",
    ),
    maximumAllowedDeviceThreatLevel: sharedAs(
        c.maximumAllowedDeviceThreatLevel,
        "Health checks > Device conditions > Max allowed device threat level",
    ),
    mobileThreatDefenseRemediationAction: sharedAs(
        c.mobileThreatDefenseRemediationAction,
        "Health checks > Device conditions > Max allowed device threat level (action)",
    ),
} as const;

/** Every Windows setting, keyed by Graph property name: the `managedAppPolicy` basics and the above. */
export const windowsSettings = {
    displayName: c.displayName,
    description: c.description,
    roleScopeTagIds: c.roleScopeTagIds,
    ...windowsOwnSettings,
} as const;

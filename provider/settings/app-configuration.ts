/**
 * App configuration policies for managed apps: Graph beta `targetedManagedAppConfiguration`
 * (`managedAppPolicy` → `managedAppConfiguration` → `targetedManagedAppConfiguration`), the
 * admin center's Apps > App configuration policies > Add > Managed apps (docs/graph.md 10).
 *
 * Labels: Microsoft Learn, Intune "App configuration policies for Intune App SDK managed apps"
 * (MicrosoftDocs/memdocs `intune/intune-service/apps/app-configuration-policies-managed-app.md`).
 * `settings` (the Settings catalog that Windows app configuration uses) is not typed here: see
 * docs/graph.md 10.4 for why and what to do instead.
 */
import { commonSettings } from "./common";
import { keyedPairs } from "./kinds-extra";
import { observed, setting } from "./spec";

const c = commonSettings;

export const appConfigurationOwnSettings = {
    customSettings: setting(
        keyedPairs({
            nameField: "name",
            valueField: "value",
            fields: {
                name: {
                    doc: 'Configuration key the app reads, e.g. "com.microsoft.outlook.Mail.FocusedInbox".',
                    pattern: /\S/,
                    allowed: "non-empty text",
                },
                value: {
                    doc: 'Its value, sent to the app as written; may hold an Intune token such as "{{userprincipalname}}".',
                    pattern: /^[\s\S]*$/,
                    allowed: "text",
                },
            },
        }),
        "Settings > General configuration settings (Name, Value)",
        "Key/value pairs delivered as-is to the targeted apps (Graph does not interpret them); which keys an app reads is in that app's documentation. Each key at most once.",
    ),
    appGroupType: setting(
        c.appGroupType.kind,
        "Basics > Select public apps / Select custom apps (target)",
        '"selectedPublicApps" = the apps listed in `apps`; "allCoreMicrosoftApps", "allMicrosoftApps", "allApps" = that group of apps, filled in by Intune (the same groups as app protection).',
        { channel: "targetApps" },
    ),
    targetedAppManagementLevels: setting(
        c.targetedAppManagementLevels.kind,
        "Basics > Device enrollment type: Managed apps (app types; no admin-center row on Microsoft Learn)",
        c.targetedAppManagementLevels.doc,
        observed(["unspecified"]),
    ),
} as const;

/** Every setting of a managed-app configuration policy, keyed by Graph property name. */
export const appConfigurationSettings = {
    displayName: c.displayName,
    description: c.description,
    roleScopeTagIds: c.roleScopeTagIds,
    ...appConfigurationOwnSettings,
} as const;

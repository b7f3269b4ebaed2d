/**
 * The apps Intune fills into `apps` when `appGroupType` ≠ `selectedPublicApps` (spec 1.3).
 * A fixed, representative list per platform (the real service uses its live catalogue):
 * `allCoreMicrosoftApps` ⊂ `allMicrosoftApps` ⊂ `allApps`.
 */
import type { AppIdentifierFacts } from "./spec-facts";

/** [bundle id (iOS), package id (Android)] of the core Microsoft apps named by the portal doc. */
const CORE: ReadonlyArray<readonly [string, string]> = [
    ["com.microsoft.msedge", "com.microsoft.emmx"], // Edge
    ["com.microsoft.office.excel", "com.microsoft.office.excel"], // Excel
    ["com.microsoft.officemobile", "com.microsoft.office.officehubrow"], // Microsoft 365 (Office)
    ["com.microsoft.skydrive", "com.microsoft.skydrive"], // OneDrive
    ["com.microsoft.onenote", "com.microsoft.office.onenote"], // OneNote
    ["com.microsoft.office.outlook", "com.microsoft.office.outlook"], // Outlook
    ["com.microsoft.office.powerpoint", "com.microsoft.office.powerpoint"], // PowerPoint
    ["com.microsoft.sharepoint", "com.microsoft.sharepoint"], // SharePoint
    ["com.microsoft.skype.teams", "com.microsoft.teams"], // Teams
    ["com.microsoft.to-do", "com.microsoft.todos"], // To Do
    ["com.microsoft.office.word", "com.microsoft.office.word"], // Word
];

/** Further Microsoft apps with the Intune SDK. */
const OTHER_MICROSOFT: ReadonlyArray<readonly [string, string]> = [
    ["com.microsoft.azureinformationprotection", "com.microsoft.ipviewer"], // Purview / AIP viewer
    ["com.microsoft.dynamics", "com.microsoft.crm.crmphone"], // Dynamics 365
    ["com.microsoft.lists", "com.microsoft.sharepoint.lists"], // Lists
    ["com.microsoft.loop", "com.microsoft.loop"], // Loop
    ["com.microsoft.msapps", "com.microsoft.msapps"], // Power Apps
    ["com.microsoft.officelens", "com.microsoft.office.officelens"], // Lens
    ["com.microsoft.plannermobile", "com.microsoft.planner"], // Planner
    ["com.microsoft.powerbimobile", "com.microsoft.powerbim"], // Power BI
    ["com.microsoft.stream", "com.microsoft.stream"], // Stream
    ["com.microsoft.visio", "com.microsoft.visio"], // Visio viewer
    ["com.microsoft.whiteboard", "com.microsoft.whiteboard.publicpreview"], // Whiteboard
    ["com.microsoft.intune.mam.managedbrowser", "com.microsoft.intune.mam.managedbrowser"], // Managed Browser (legacy)
];

/** Partner apps with the Intune SDK (the extra members of `allApps`). */
const PARTNER: ReadonlyArray<readonly [string, string]> = [
    ["com.adobe.Adobe-Reader", "com.adobe.reader"], // Acrobat Reader
    ["com.box.BoxNet", "com.box.android"], // Box
    ["com.citrix.ShareFileIntune", "com.citrix.sharefile.mobile.intune"], // ShareFile
    ["com.servicenow.onboarding.intune", "com.servicenow.intune"], // ServiceNow
    ["us.zoom.videomeetings.intune", "us.zoom.videomeetings4intune"], // Zoom for Intune
    ["com.workday.intune", "com.workday.workdroidapp.intune"], // Workday
];

export type AppGroupType = "allCoreMicrosoftApps" | "allMicrosoftApps" | "allApps";

/**
 * Members of an app group for a platform, as bundle ids (iOS) or package ids (Android). None for
 * Windows: Windows app protection has no `appGroupType`, and the only Windows app that takes app
 * configuration is Microsoft Edge (Intune docs, "App configuration policies for Intune App SDK
 * managed apps"), which the admin center targets as a selected app.
 */
export function groupMembers(group: string, platform: AppIdentifierFacts["platform"]): string[] {
    if (platform === "windows") return [];
    const col = platform === "ios" ? 0 : 1;
    const lists =
        group === "allCoreMicrosoftApps"
            ? [CORE]
            : group === "allMicrosoftApps"
              ? [CORE, OTHER_MICROSOFT]
              : group === "allApps"
                ? [CORE, OTHER_MICROSOFT, PARTNER]
                : [];
    return lists.flat().map((pair) => pair[col]);
}

/**
 * The `version` Intune returns for a managedMobileApp: a signed 32-bit integer as string, stable for
 * the same app across tenants (spec 3.1). Here: the Java-style string hash of `<appId>`.
 */
export function appVersionHash(appId: string): string {
    let h = 0;
    for (let i = 0; i < appId.length; i++) h = (Math.imul(31, h) + appId.charCodeAt(i)) | 0;
    return String(h);
}

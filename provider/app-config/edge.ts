/**
 * Microsoft Edge for iOS and Android: the app configuration keys Microsoft documents for the
 * Managed Apps channel (app configuration policies for managed apps, Graph
 * `targetedManagedAppConfiguration.customSettings`), as typed options.
 *
 * Source: Microsoft Learn, "Manage Microsoft Edge on iOS and Android with Intune"
 * (https://learn.microsoft.com/intune/intune-service/apps/manage-microsoft-edge), read as Markdown
 * from MicrosoftDocs/memdocs (`intune/intune-service/apps/manage-microsoft-edge.md`, ms.date
 * 02/03/2026). Sections "General app configuration scenarios" (New Tab Page, bookmarks, app
 * behavior, kiosk mode, network stack, proxy, SmartScreen, certificates, pop-ups, search, Copilot)
 * and "Data protection app configuration scenarios" (sync, restricted sites, site blocked popup,
 * profile switching, sub resources, internal pages, file uploads, Application Proxy, NTLM,
 * startup page, Web SSO). Each option links its own section.
 *
 * Left out on purpose:
 * - MDM policies the page shows in the same tables (`EdgeLockedViewModeEnabled`,
 *   `EdgeOneAuthProxy`, `DefaultDesktopSiteSetting`, `DesktopSiteForceForUrls`,
 *   `MobileSiteForceForUrls`): they are delivered to enrolled devices, not by this policy.
 * - `durationOfOpenInPrivateSnackBar` (seconds) and `durationOfNTLMSSO` (hours): the page gives
 *   their defaults (7 and 720) but no allowed range, so no bound could be checked.
 *
 * Cross-key rules the page states (for example, `newTabPageLayoutCustom` takes effect only with
 * `newTabPageLayout: "custom"`) are documented on the options, not enforced: Graph and the app
 * accept each key alone.
 */
import { readPairs, writePairs, type AppConfigPair, type KeyTable, type ReadSettings } from "./keys";
import { choice, flag, list, text, titledUrls, webUrl, type TitledUrl } from "./values";
import type { KeyValuePair } from "../settings/kinds";

const PAGE = "https://learn.microsoft.com/intune/intune-service/apps/manage-microsoft-edge";
const section = (anchor: string) => `${PAGE}#${anchor}`;

/** The page's key prefix for Edge's Managed Apps keys. */
const PREFIX = "com.microsoft.intune.mam.managedbrowser.";

/** Features `disabledFeatures` can turn off, as the page lists them. */
export const EDGE_DISABLEABLE_FEATURES = [
    "password",
    "inprivate",
    "autofill",
    "translator",
    "readaloud",
    "drop",
    "coupons",
    "extensions",
    "developertools",
    "UIRAlert",
    "share",
    "sendtodevices",
    "weather",
    "webinspector",
] as const;

/** One feature `disabledFeatures` can turn off. */
export type EdgeDisableableFeature = (typeof EDGE_DISABLEABLE_FEATURES)[number];

/** New Tab Page parts `newTabPageLayoutCustom` can turn on. */
export type EdgeNewTabPagePart = "topsites" | "wallpaper" | "newsfeed";

/**
 * Microsoft Edge for iOS and Android settings an app configuration policy for managed apps can
 * deliver (they apply to the work or school account signed into Edge). Each option is one
 * documented key; leave an option out to leave the app's own setting alone. "Default" is the
 * app's behavior when the key is not delivered.
 */
export interface EdgeConfiguration {
    /**
     * New Tab Page layout: `"focused"`, `"inspirational"` (default), `"informational"` or
     * `"custom"` (top sites, wallpaper and news feed on; see `newTabPageLayoutCustom`). Sets the
     * initial layout; enforce it with `newTabPageLayoutUserSelectable: false`.
     * Key `com.microsoft.intune.mam.managedbrowser.NewTabPageLayout`.
     */
    newTabPageLayout?: "focused" | "inspirational" | "informational" | "custom";
    /**
     * The parts a custom New Tab Page turns on: `"topsites"`, `"wallpaper"`, `"newsfeed"`. Takes
     * effect only with `newTabPageLayout: "custom"`; default all three.
     * Key `com.microsoft.intune.mam.managedbrowser.NewTabPageLayout.Custom`.
     */
    newTabPageLayoutCustom?: EdgeNewTabPagePart[];
    /**
     * Whether users can change the page layout settings. Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.NewTabPageLayout.UserSelectable`.
     */
    newTabPageLayoutUserSelectable?: boolean;
    /**
     * Show the organization's brand logo (Entra company branding "Banner logo") on the New Tab
     * Page. Default `false`. Key `com.microsoft.intune.mam.managedbrowser.NewTabPage.BrandLogo`.
     */
    newTabPageBrandLogo?: boolean;
    /**
     * Show the organization's brand color (Entra company branding "Page background color") on the
     * New Tab Page. Default `false`. Key `com.microsoft.intune.mam.managedbrowser.NewTabPage.BrandColor`.
     */
    newTabPageBrandColor?: boolean;
    /**
     * Homepage shortcut: the first icon beneath the search bar of a new tab, which users cannot
     * edit or delete (admin center: "Homepage shortcut URL"). Incorrect URLs are blocked.
     * Key `com.microsoft.intune.mam.managedbrowser.homepage`.
     */
    homepage?: string;
    /**
     * Top site shortcuts on the New Tab Page, which users cannot edit or delete: at most eight in
     * all, a homepage shortcut included (it overrides the first top site).
     * Key `com.microsoft.intune.mam.managedbrowser.managedTopSites`.
     */
    managedTopSites?: TitledUrl[];
    /**
     * Industry News on the New Tab Page (news about the organization, its industry and
     * competitors). Default `false`. Key `com.microsoft.intune.mam.managedbrowser.NewTabPage.IndustryNews`.
     */
    newTabPageIndustryNews?: boolean;
    /**
     * A web site that opens in every new tab instead of the New Tab Page. Incorrect URLs are
     * blocked. Key `com.microsoft.intune.mam.managedbrowser.NewTabPage.CustomURL`.
     */
    newTabPageCustomUrl?: string;
    /**
     * Managed bookmarks, in a folder named after the organization, above the user's own; users
     * cannot delete or change them (admin center: "Managed bookmarks").
     * Key `com.microsoft.intune.mam.managedbrowser.bookmarks`.
     */
    bookmarks?: TitledUrl[];
    /**
     * The My Apps bookmark in the organization folder. Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.MyApps`.
     */
    myApps?: boolean;
    /**
     * Microsoft Entra password single sign-on. Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.PasswordSSO`.
     */
    passwordSso?: boolean;
    /**
     * HTTPS as the default protocol handler when a URL names none (`false`: HTTP). Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.defaultHTTPS`.
     */
    defaultHttps?: boolean;
    /**
     * Disable the "Optional diagnostic data" setting (`false`: users can turn it on or off).
     * Default `false`. Key `com.microsoft.intune.mam.managedbrowser.disableShareUsageData`.
     */
    disableShareUsageData?: boolean;
    /**
     * Features to disable: `password` (prompts to save passwords), `inprivate`, `autofill`
     * (addresses and payment info, saved data included), `translator`, `readaloud`, `drop`,
     * `coupons`, `extensions`, `developertools` (Android only), `UIRAlert` (reverify account
     * popups on the New Tab Page), `share`, `sendtodevices`, `weather` (on the New Tab Page),
     * `webinspector` (iOS only). Key `com.microsoft.intune.mam.managedbrowser.disabledFeatures`.
     */
    disabledFeatures?: EdgeDisableableFeature[];
    /**
     * Disable importing passwords from Password Manager. Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.disableImportPasswords`.
     */
    disableImportPasswords?: boolean;
    /**
     * Cookies (Edge for Android only): `0` allow (default), `1` block non-Microsoft cookies,
     * `2` block non-Microsoft cookies in InPrivate mode, `3` block all cookies.
     * Key `com.microsoft.intune.mam.managedbrowser.cookieControlsMode`.
     */
    cookieControlsMode?: 0 | 1 | 2 | 3;
    /**
     * Kiosk mode (Edge for Android only). Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.enableKioskMode`.
     */
    enableKioskMode?: boolean;
    /**
     * Show the address bar in kiosk mode. Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.showAddressBarInKioskMode`.
     */
    showAddressBarInKioskMode?: boolean;
    /**
     * Show the bottom action bar in kiosk mode. Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.showBottomBarInKioskMode`.
     */
    showBottomBarInKioskMode?: boolean;
    /**
     * Network stack for Edge service communication (sync, search suggestions, feedback):
     * `0` Chromium (default), `1` iOS (Edge for iOS; may help with per-app VPN).
     * Key `com.microsoft.intune.mam.managedbrowser.NetworkStackPref`.
     */
    networkStackPref?: 0 | 1;
    /**
     * URL of a proxy auto-config (PAC) file, such as `"https://internal.site/example.pac"`.
     * Key `com.microsoft.intune.mam.managedbrowser.proxyPacUrl`.
     */
    proxyPacUrl?: string;
    /**
     * PAC failed-open: allow network access when the PAC script is invalid or unavailable
     * (`false` blocks it). Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.proxyPacUrl.FailOpenEnabled`.
     */
    proxyPacUrlFailOpenEnabled?: boolean;
    /**
     * URL of a network relay configuration JSON file (Edge for iOS, iOS 17), such as
     * `"https://yourserver/relay_config.json"`. Key `com.microsoft.intune.mam.managedbrowser.ProxyRelayUrl`.
     */
    proxyRelayUrl?: string;
    /**
     * Microsoft Defender SmartScreen. Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.SmartScreenEnabled`.
     */
    smartScreenEnabled?: boolean;
    /**
     * Verify server certificates with the built-in verifier and the Microsoft Root Store
     * (`false`: the system verifier and system roots, as Microsoft Tunnel for MAM needs).
     * Default `true`. Key `com.microsoft.intune.mam.managedbrowser.MicrosoftRootStoreEnabled`.
     */
    microsoftRootStoreEnabled?: boolean;
    /**
     * Let users go past SSL warning pages. Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.SSLErrorOverrideAllowed`.
     */
    sslErrorOverrideAllowed?: boolean;
    /**
     * Pop-ups: `1` allow all sites to show pop-ups, `2` (default) allow none.
     * Key `com.microsoft.intune.mam.managedbrowser.DefaultPopupsSetting`.
     */
    defaultPopupsSetting?: 1 | 2;
    /**
     * Sites that can open pop-ups (URL patterns such as `"https://[*.]contoso.com"`).
     * Key `com.microsoft.intune.mam.managedbrowser.PopupsAllowedForUrls`.
     */
    popupsAllowedForUrls?: string[];
    /**
     * Sites that cannot open pop-ups (URL patterns such as `"https://[*.]contoso.com"`).
     * Key `com.microsoft.intune.mam.managedbrowser.PopupsBlockedForUrls`.
     */
    popupsBlockedForUrls?: string[];
    /**
     * Enable the default search provider (needed for `defaultSearchProviderName` and
     * `defaultSearchProviderSearchUrl`). Key `com.microsoft.intune.mam.managedbrowser.DefaultSearchProviderEnabled`.
     */
    defaultSearchProviderEnabled?: boolean;
    /**
     * Name of the search provider, such as `"My Intranet Search"`.
     * Key `com.microsoft.intune.mam.managedbrowser.DefaultSearchProviderName`.
     */
    defaultSearchProviderName?: string;
    /**
     * Search URL of the search provider, such as `"https://search.my.company/search?q={searchTerms}"`.
     * Key `com.microsoft.intune.mam.managedbrowser.DefaultSearchProviderSearchURL`.
     */
    defaultSearchProviderSearchUrl?: string;
    /**
     * Copilot button in the bottom bar (`false`: hidden, and "Show Copilot" cannot be turned on).
     * Default `true`. Key `com.microsoft.intune.mam.managedbrowser.Chat`.
     */
    chat?: boolean;
    /**
     * Copilot access to page context ("Allow access to any web page or PDF" and "Quick access on
     * text selection"; `false` disables both). Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.ChatPageContext`.
     */
    chatPageContext?: boolean;
    /**
     * Microsoft 365 Copilot Mode features can be turned on by users (`false` disables them).
     * Default `true`. Key `com.microsoft.intune.mam.managedbrowser.CopilotMode`.
     */
    copilotMode?: boolean;
    /**
     * Disable Microsoft Edge sync (favorites, passwords, addresses and more). Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.account.syncDisabled`.
     */
    syncDisabled?: boolean;
    /**
     * The only sites the work or school account can open (admin center: "Allowed URLs"); at most
     * 1000. With both lists, only this one is honored.
     * Key `com.microsoft.intune.mam.managedbrowser.AllowListURLs`.
     */
    allowListUrls?: string[];
    /**
     * Sites the work or school account cannot open (admin center: "Blocked URLs"); at most 1000.
     * Key `com.microsoft.intune.mam.managedbrowser.BlockListURLs`.
     */
    blockListUrls?: string[];
    /**
     * Let Edge move restricted sites to the personal context (admin center: "Redirect restricted
     * sites to personal context"); `false` shows a blocked message. Default `true`.
     * Key `com.microsoft.intune.mam.managedbrowser.AllowTransitionOnBlock`.
     */
    allowTransitionOnBlock?: boolean;
    /**
     * Open restricted sites in the Entra account's InPrivate context (needs
     * `allowTransitionOnBlock: true`). Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.openInPrivateIfBlocked`.
     */
    openInPrivateIfBlocked?: boolean;
    /**
     * The Site Blocked popup: `0` (default) always let the user choose, `1` switch to the personal
     * account when signed in (else as `2`), `2` switch to InPrivate when `openInPrivateIfBlocked`.
     * Key `com.microsoft.intune.mam.managedbrowser.AutoTransitionModeOnBlock`.
     */
    autoTransitionModeOnBlock?: 0 | 1 | 2;
    /**
     * Ignore a POST request when a blocked URL switches to InPrivate or the personal account, and
     * show the blocked message (Edge for iOS only). Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.IgnorePostRequestOnAutoTransition`.
     */
    ignorePostRequestOnAutoTransition?: boolean;
    /**
     * Links from work apps: `1` (default) switch to the work profile even if the URL is blocked,
     * `2` open blocked URLs in the personal profile (InPrivate when none is signed in).
     * Key `com.microsoft.intune.mam.managedbrowser.ProfileAutoSwitchToWork`.
     */
    profileAutoSwitchToWork?: 1 | 2;
    /**
     * Block sub resources of a page whose URLs are blocked (the lists apply to navigation only by
     * default). Default `false`. Key `com.microsoft.intune.mam.managedbrowser.ManageRestrictedSubresourceEnabled`.
     */
    manageRestrictedSubresourceEnabled?: boolean;
    /**
     * Edge internal pages to disable, by name (`"flags"`, `"net-export"`; more at `edge://about`).
     * Key `com.microsoft.intune.mam.managedbrowser.InternalPagesBlockList`.
     */
    internalPagesBlockList?: string[];
    /**
     * Sites that can receive file uploads (URL patterns such as `"https://[*.]contoso.com"`).
     * Key `com.microsoft.intune.mam.managedbrowser.FileUploadAllowedForUrls`.
     */
    fileUploadAllowedForUrls?: string[];
    /**
     * Sites that cannot receive file uploads (`["*"]` blocks all). On iOS, paste is blocked too.
     * Key `com.microsoft.intune.mam.managedbrowser.FileUploadBlockedForUrls`.
     */
    fileUploadBlockedForUrls?: string[];
    /**
     * Microsoft Entra application proxy redirection (admin center: "Application proxy
     * redirection"). Default `false`. Key `com.microsoft.intune.mam.managedbrowser.AppProxyRedirection`.
     */
    appProxyRedirection?: boolean;
    /**
     * Sites whose NTLM credentials are cached (720 hours by default). For a proxy server, list
     * both its `https://` and `http://` URL; no wildcard.
     * Key `com.microsoft.intune.mam.managedbrowser.NTLMSSOURLs`.
     */
    ntlmSsoUrls?: string[];
    /**
     * Startup page option: `0` (default) not configured, `1` continue where I left off,
     * `2` always start with a fresh new tab.
     * Key `com.microsoft.intune.mam.managedbrowser.RestoreBrowsingOption`.
     */
    restoreBrowsingOption?: 0 | 1 | 2;
    /**
     * Interactive mode for Web single sign-on (reauthenticate the user interactively when
     * needed). Default `false`. Key `com.microsoft.intune.mam.managedbrowser.EnableInteractiveModeForWebSSO`.
     */
    enableInteractiveModeForWebSso?: boolean;
    /**
     * Web single sign-on in iframe requests. Default `false`.
     * Key `com.microsoft.intune.mam.managedbrowser.experiments.EnableWebSSOInIframe`.
     */
    enableWebSsoInIframe?: boolean;
}

/** A documented boolean key under {@link PREFIX}. */
const bool = (name: string, anchor: string) => ({ key: PREFIX + name, doc: section(anchor), codec: flag() });

/** One URL pattern of a site list: the page's formats include wildcards, `[*.]` and CIDR ranges. */
const urlPatterns = (max?: number) =>
    list('URL patterns such as "https://www.contoso.com/*" or "https://[*.]contoso.com"', {
        max,
        pattern: /^\S+$/,
    });

/** The keys behind {@link EdgeConfiguration}, in the page's order. */
export const EDGE_KEYS: KeyTable<EdgeConfiguration> = {
    newTabPageLayout: {
        key: `${PREFIX}NewTabPageLayout`,
        doc: section("new-tab-page-layout"),
        codec: choice(["focused", "inspirational", "informational", "custom"] as const),
    },
    newTabPageLayoutCustom: {
        key: `${PREFIX}NewTabPageLayout.Custom`,
        doc: section("new-tab-page-layout"),
        codec: list<EdgeNewTabPagePart>('"topsites", "wallpaper", "newsfeed"', {
            members: ["topsites", "wallpaper", "newsfeed"],
        }),
    },
    newTabPageLayoutUserSelectable: bool("NewTabPageLayout.UserSelectable", "new-tab-page-layout"),
    newTabPageBrandLogo: bool("NewTabPage.BrandLogo", "organization-logo-and-brand-color"),
    newTabPageBrandColor: bool("NewTabPage.BrandColor", "organization-logo-and-brand-color"),
    homepage: { key: `${PREFIX}homepage`, doc: section("homepage-shortcut"), codec: webUrl("https://www.bing.com") },
    managedTopSites: {
        key: `${PREFIX}managedTopSites`,
        doc: section("multiple-top-site-shortcuts"),
        codec: titledUrls('[{ title: "GitHub", url: "https://github.com/" }]', 8),
    },
    newTabPageIndustryNews: bool("NewTabPage.IndustryNews", "industry-news"),
    newTabPageCustomUrl: {
        key: `${PREFIX}NewTabPage.CustomURL`,
        doc: section("homepage-instead-of-new-tab-page-experience"),
        codec: webUrl("https://www.bing.com"),
    },
    bookmarks: {
        key: `${PREFIX}bookmarks`,
        doc: section("managed-bookmarks"),
        codec: titledUrls('[{ title: "Microsoft Bing", url: "https://www.bing.com" }]'),
    },
    myApps: bool("MyApps", "my-apps-bookmark"),
    passwordSso: bool("PasswordSSO", "microsoft-entra-password-single-sign-on"),
    defaultHttps: bool("defaultHTTPS", "default-protocol-handler"),
    disableShareUsageData: bool("disableShareUsageData", "disable-optional-diagnostic-data"),
    disabledFeatures: {
        key: `${PREFIX}disabledFeatures`,
        doc: section("disable-specific-features"),
        codec: list<EdgeDisableableFeature>(EDGE_DISABLEABLE_FEATURES.map((f) => JSON.stringify(f)).join(", "), {
            members: EDGE_DISABLEABLE_FEATURES,
        }),
    },
    disableImportPasswords: bool("disableImportPasswords", "disable-import-passwords-feature"),
    cookieControlsMode: {
        key: `${PREFIX}cookieControlsMode`,
        doc: section("control-cookie-mode"),
        codec: choice([0, 1, 2, 3] as const),
    },
    enableKioskMode: bool("enableKioskMode", "kiosk-mode-experiences-on-android-devices"),
    showAddressBarInKioskMode: bool("showAddressBarInKioskMode", "kiosk-mode-experiences-on-android-devices"),
    showBottomBarInKioskMode: bool("showBottomBarInKioskMode", "kiosk-mode-experiences-on-android-devices"),
    networkStackPref: {
        key: `${PREFIX}NetworkStackPref`,
        doc: section("switch-network-stack-between-chromium-and-ios"),
        codec: choice([0, 1] as const),
    },
    proxyPacUrl: {
        key: `${PREFIX}proxyPacUrl`,
        doc: section("set-a-proxy-pac-file-url"),
        codec: webUrl("https://internal.site/example.pac"),
    },
    proxyPacUrlFailOpenEnabled: bool("proxyPacUrl.FailOpenEnabled", "pac-failed-open-support"),
    proxyRelayUrl: {
        key: `${PREFIX}ProxyRelayUrl`,
        doc: section("configure-network-relays"),
        codec: webUrl("https://yourserver/relay_config.json"),
    },
    smartScreenEnabled: bool("SmartScreenEnabled", "microsoft-defender-smartscreen"),
    microsoftRootStoreEnabled: bool("MicrosoftRootStoreEnabled", "certificate-verification"),
    sslErrorOverrideAllowed: bool("SSLErrorOverrideAllowed", "ssl-warning-page-control"),
    defaultPopupsSetting: {
        key: `${PREFIX}DefaultPopupsSetting`,
        doc: section("pop-ups-settings"),
        codec: choice([1, 2] as const),
    },
    popupsAllowedForUrls: {
        key: `${PREFIX}PopupsAllowedForUrls`,
        doc: section("allow-pop-up-on-specific-sites"),
        codec: urlPatterns(),
    },
    popupsBlockedForUrls: {
        key: `${PREFIX}PopupsBlockedForUrls`,
        doc: section("block-pop-up-on-specific-sites"),
        codec: urlPatterns(),
    },
    defaultSearchProviderEnabled: bool("DefaultSearchProviderEnabled", "default-search-provider"),
    defaultSearchProviderName: {
        key: `${PREFIX}DefaultSearchProviderName`,
        doc: section("configure-search-provider"),
        codec: text("My Intranet Search"),
    },
    defaultSearchProviderSearchUrl: {
        key: `${PREFIX}DefaultSearchProviderSearchURL`,
        doc: section("configure-search-provider"),
        codec: webUrl("https://search.my.company/search?q={searchTerms}"),
    },
    chat: bool("Chat", "copilot"),
    chatPageContext: bool("ChatPageContext", "copilot"),
    copilotMode: bool("CopilotMode", "copilot"),
    syncDisabled: bool("account.syncDisabled", "manage-account-synchronization"),
    allowListUrls: {
        key: `${PREFIX}AllowListURLs`,
        doc: section("manage-restricted-web-sites"),
        codec: urlPatterns(1000),
    },
    blockListUrls: {
        key: `${PREFIX}BlockListURLs`,
        doc: section("manage-restricted-web-sites"),
        codec: urlPatterns(1000),
    },
    allowTransitionOnBlock: bool("AllowTransitionOnBlock", "manage-restricted-web-sites"),
    openInPrivateIfBlocked: bool("openInPrivateIfBlocked", "manage-restricted-web-sites"),
    autoTransitionModeOnBlock: {
        key: `${PREFIX}AutoTransitionModeOnBlock`,
        doc: section("control-the-behavior-of-the-site-blocked-popup"),
        codec: choice([0, 1, 2] as const),
    },
    ignorePostRequestOnAutoTransition: bool(
        "IgnorePostRequestOnAutoTransition",
        "control-the-behavior-of-the-post-request-when-account-switch",
    ),
    profileAutoSwitchToWork: {
        key: `${PREFIX}ProfileAutoSwitchToWork`,
        doc: section("control-the-behavior-of-switching-personal-profile-to-work-profile"),
        codec: choice([1, 2] as const),
    },
    manageRestrictedSubresourceEnabled: bool("ManageRestrictedSubresourceEnabled", "manage-sub-resource-blocking"),
    internalPagesBlockList: {
        key: `${PREFIX}InternalPagesBlockList`,
        doc: section("disable-microsoft-edge-internal-pages"),
        codec: list('internal page names such as "flags" or "net-export" (without "edge://")', {
            pattern: /^[A-Za-z0-9_-]+$/,
        }),
    },
    fileUploadAllowedForUrls: {
        key: `${PREFIX}FileUploadAllowedForUrls`,
        doc: section("manage-websites-to-allow-upload-files"),
        codec: urlPatterns(),
    },
    fileUploadBlockedForUrls: {
        key: `${PREFIX}FileUploadBlockedForUrls`,
        doc: section("manage-websites-to-allow-upload-files"),
        codec: urlPatterns(),
    },
    appProxyRedirection: bool("AppProxyRedirection", "manage-proxy-configuration"),
    ntlmSsoUrls: {
        key: `${PREFIX}NTLMSSOURLs`,
        doc: section("manage-ntlm-single-sign-on-sites"),
        codec: urlPatterns(),
    },
    restoreBrowsingOption: {
        key: `${PREFIX}RestoreBrowsingOption`,
        doc: section("manage-the-microsoft-edge-startup-web-page-option"),
        codec: choice([0, 1, 2] as const),
    },
    enableInteractiveModeForWebSso: bool(
        "EnableInteractiveModeForWebSSO",
        "manage-interactive-mode-for-web-single-sign-on",
    ),
    enableWebSsoInIframe: bool("experiments.EnableWebSSOInIframe", "support-web-single-sign-on-in-iframe-requests"),
};

/**
 * The `customSettings` pairs that configure Microsoft Edge for iOS and Android:
 *
 * ```ts
 * customSettings: intune.appConfig.edgeConfiguration({
 *     homepage: "https://intranet.contoso.com",
 *     bookmarks: [{ title: "Contoso", url: "https://www.contoso.com" }],
 *     disabledFeatures: ["inprivate", "password"],
 * }),
 * ```
 *
 * Throws, naming the option, its key, the value and what is allowed, when an option is not valid.
 */
export function edgeConfiguration(options: EdgeConfiguration): AppConfigPair[] {
    return writePairs("edgeConfiguration", EDGE_KEYS, options);
}

/**
 * The Edge options held in a policy's `customSettings`, and every other pair unchanged:
 * `edgeConfiguration(options)` plus `otherSettings` are exactly the pairs read.
 */
export function readEdgeConfiguration(pairs: readonly KeyValuePair[]): ReadSettings<EdgeConfiguration> {
    return readPairs(EDGE_KEYS, pairs);
}

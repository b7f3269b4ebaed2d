/**
 * The Edge helper against Microsoft's "Manage Microsoft Edge on iOS and Android with Intune" key
 * tables: every option writes its documented key with the documented value format, bad values are
 * refused with a message naming option, key, value and what is allowed, and pairs read back give
 * the same options (other pairs untouched).
 */
import {
    EDGE_KEYS,
    edgeConfiguration,
    readEdgeConfiguration,
    type AppConfigPair,
    type EdgeConfiguration,
} from "../../provider/app-config";

const P = "com.microsoft.intune.mam.managedbrowser.";

/** Every option, each with its key as the page spells it and the value in the page's format. */
const EVERY_OPTION: { options: EdgeConfiguration; pairs: AppConfigPair[] } = {
    options: {
        newTabPageLayout: "custom",
        newTabPageLayoutCustom: ["topsites", "newsfeed"],
        newTabPageLayoutUserSelectable: false,
        newTabPageBrandLogo: true,
        newTabPageBrandColor: true,
        homepage: "https://www.bing.com",
        managedTopSites: [
            { title: "GitHub", url: "https://github.com/" },
            { title: "LinkedIn", url: "https://www.linkedin.com" },
        ],
        newTabPageIndustryNews: true,
        newTabPageCustomUrl: "https://intranet.contoso.com/start",
        bookmarks: [
            { title: "Microsoft Bing", url: "https://www.bing.com" },
            { title: "Contoso", url: "https://www.contoso.com" },
        ],
        myApps: false,
        passwordSso: true,
        defaultHttps: false,
        disableShareUsageData: true,
        disabledFeatures: ["inprivate", "password", "UIRAlert"],
        disableImportPasswords: true,
        cookieControlsMode: 3,
        enableKioskMode: true,
        showAddressBarInKioskMode: true,
        showBottomBarInKioskMode: false,
        networkStackPref: 1,
        proxyPacUrl: "https://internal.site/example.pac",
        proxyPacUrlFailOpenEnabled: true,
        proxyRelayUrl: "https://yourserver/relay_config.json",
        smartScreenEnabled: false,
        microsoftRootStoreEnabled: false,
        sslErrorOverrideAllowed: false,
        defaultPopupsSetting: 1,
        popupsAllowedForUrls: ["http://www.contoso.com/", "https://[*.]contoso.com"],
        popupsBlockedForUrls: ["https://www.bing.com/"],
        defaultSearchProviderEnabled: true,
        defaultSearchProviderName: "My Intranet Search",
        defaultSearchProviderSearchUrl: "https://search.my.company/search?q={searchTerms}",
        chat: false,
        chatPageContext: false,
        copilotMode: false,
        syncDisabled: true,
        allowListUrls: ["http://www.contoso.com/", "https://www.bing.com/", "https://expenses.contoso.com"],
        blockListUrls: ["http://*.contoso.com/*", "10.0.0.0/24"],
        allowTransitionOnBlock: true,
        openInPrivateIfBlocked: true,
        autoTransitionModeOnBlock: 1,
        ignorePostRequestOnAutoTransition: true,
        profileAutoSwitchToWork: 2,
        manageRestrictedSubresourceEnabled: true,
        internalPagesBlockList: ["flags", "net-export"],
        fileUploadAllowedForUrls: ["https://[*.]contoso.com/", "[*.]sharepoint.com/"],
        fileUploadBlockedForUrls: ["*"],
        appProxyRedirection: true,
        ntlmSsoUrls: ["http://app.contoso.com/", "https://expenses.contoso.com"],
        restoreBrowsingOption: 2,
        enableInteractiveModeForWebSso: true,
        enableWebSsoInIframe: true,
    },
    pairs: [
        { name: `${P}NewTabPageLayout`, value: "custom" },
        { name: `${P}NewTabPageLayout.Custom`, value: "topsites|newsfeed" },
        { name: `${P}NewTabPageLayout.UserSelectable`, value: "false" },
        { name: `${P}NewTabPage.BrandLogo`, value: "true" },
        { name: `${P}NewTabPage.BrandColor`, value: "true" },
        { name: `${P}homepage`, value: "https://www.bing.com" },
        { name: `${P}managedTopSites`, value: "GitHub|https://github.com/||LinkedIn|https://www.linkedin.com" },
        { name: `${P}NewTabPage.IndustryNews`, value: "true" },
        { name: `${P}NewTabPage.CustomURL`, value: "https://intranet.contoso.com/start" },
        { name: `${P}bookmarks`, value: "Microsoft Bing|https://www.bing.com||Contoso|https://www.contoso.com" },
        { name: `${P}MyApps`, value: "false" },
        { name: `${P}PasswordSSO`, value: "true" },
        { name: `${P}defaultHTTPS`, value: "false" },
        { name: `${P}disableShareUsageData`, value: "true" },
        { name: `${P}disabledFeatures`, value: "inprivate|password|UIRAlert" },
        { name: `${P}disableImportPasswords`, value: "true" },
        { name: `${P}cookieControlsMode`, value: "3" },
        { name: `${P}enableKioskMode`, value: "true" },
        { name: `${P}showAddressBarInKioskMode`, value: "true" },
        { name: `${P}showBottomBarInKioskMode`, value: "false" },
        { name: `${P}NetworkStackPref`, value: "1" },
        { name: `${P}proxyPacUrl`, value: "https://internal.site/example.pac" },
        { name: `${P}proxyPacUrl.FailOpenEnabled`, value: "true" },
        { name: `${P}ProxyRelayUrl`, value: "https://yourserver/relay_config.json" },
        { name: `${P}SmartScreenEnabled`, value: "false" },
        { name: `${P}MicrosoftRootStoreEnabled`, value: "false" },
        { name: `${P}SSLErrorOverrideAllowed`, value: "false" },
        { name: `${P}DefaultPopupsSetting`, value: "1" },
        { name: `${P}PopupsAllowedForUrls`, value: "http://www.contoso.com/|https://[*.]contoso.com" },
        { name: `${P}PopupsBlockedForUrls`, value: "https://www.bing.com/" },
        { name: `${P}DefaultSearchProviderEnabled`, value: "true" },
        { name: `${P}DefaultSearchProviderName`, value: "My Intranet Search" },
        { name: `${P}DefaultSearchProviderSearchURL`, value: "https://search.my.company/search?q={searchTerms}" },
        { name: `${P}Chat`, value: "false" },
        { name: `${P}ChatPageContext`, value: "false" },
        { name: `${P}CopilotMode`, value: "false" },
        { name: `${P}account.syncDisabled`, value: "true" },
        {
            name: `${P}AllowListURLs`,
            value: "http://www.contoso.com/|https://www.bing.com/|https://expenses.contoso.com",
        },
        { name: `${P}BlockListURLs`, value: "http://*.contoso.com/*|10.0.0.0/24" },
        { name: `${P}AllowTransitionOnBlock`, value: "true" },
        { name: `${P}openInPrivateIfBlocked`, value: "true" },
        { name: `${P}AutoTransitionModeOnBlock`, value: "1" },
        { name: `${P}IgnorePostRequestOnAutoTransition`, value: "true" },
        { name: `${P}ProfileAutoSwitchToWork`, value: "2" },
        { name: `${P}ManageRestrictedSubresourceEnabled`, value: "true" },
        { name: `${P}InternalPagesBlockList`, value: "flags|net-export" },
        { name: `${P}FileUploadAllowedForUrls`, value: "https://[*.]contoso.com/|[*.]sharepoint.com/" },
        { name: `${P}FileUploadBlockedForUrls`, value: "*" },
        { name: `${P}AppProxyRedirection`, value: "true" },
        { name: `${P}NTLMSSOURLs`, value: "http://app.contoso.com/|https://expenses.contoso.com" },
        { name: `${P}RestoreBrowsingOption`, value: "2" },
        { name: `${P}EnableInteractiveModeForWebSSO`, value: "true" },
        { name: `${P}experiments.EnableWebSSOInIframe`, value: "true" },
    ],
};

describe("edgeConfiguration", () => {
    it("writes every option as its documented key and value, in the page's order", () => {
        expect(Object.keys(EVERY_OPTION.options).sort()).toEqual(Object.keys(EDGE_KEYS).sort());
        expect(edgeConfiguration(EVERY_OPTION.options)).toEqual(EVERY_OPTION.pairs);
    });

    it("writes each documented choice as its digits or its word", () => {
        for (const mode of [0, 1, 2, 3] as const)
            expect(edgeConfiguration({ cookieControlsMode: mode })).toEqual([
                { name: `${P}cookieControlsMode`, value: String(mode) },
            ]);
        for (const layout of ["focused", "inspirational", "informational", "custom"] as const)
            expect(edgeConfiguration({ newTabPageLayout: layout })).toEqual([
                { name: `${P}NewTabPageLayout`, value: layout },
            ]);
    });

    it("keeps list order as given (Graph compares the joined string)", () => {
        expect(edgeConfiguration({ disabledFeatures: ["password", "inprivate"] })).toEqual([
            { name: `${P}disabledFeatures`, value: "password|inprivate" },
        ]);
    });

    it("writes nothing for options left out (unset means unmanaged)", () => {
        expect(edgeConfiguration({})).toEqual([]);
    });

    const thousandAndOne = Array.from({ length: 1001 }, (_, i) => `https://site${i}.contoso.com`);
    const nineSites = Array.from({ length: 9 }, (_, i) => ({
        title: `Site ${i}`,
        url: `https://site${i}.contoso.com`,
    }));

    it.each<[string, Record<string, unknown>, string]>([
        [
            "a choice given as a string",
            { cookieControlsMode: "1" },
            `edgeConfiguration: cookieControlsMode (${P}cookieControlsMode): "1" must be one of 0, 1, 2, 3`,
        ],
        [
            "an undocumented choice",
            { defaultPopupsSetting: 0 },
            `edgeConfiguration: defaultPopupsSetting (${P}DefaultPopupsSetting): 0 must be one of 1, 2`,
        ],
        [
            "a layout in another case (values are case sensitive)",
            { newTabPageLayout: "Focused" },
            `edgeConfiguration: newTabPageLayout (${P}NewTabPageLayout): "Focused" must be one of "focused", "inspirational", "informational", "custom"`,
        ],
        [
            "an unknown feature",
            { disabledFeatures: ["inprivate", "InPrivate"] },
            `edgeConfiguration: disabledFeatures (${P}disabledFeatures): ["inprivate","InPrivate"] must be a non-empty list of "password", "inprivate", "autofill", "translator", "readaloud", "drop", "coupons", "extensions", "developertools", "UIRAlert", "share", "sendtodevices", "weather", "webinspector", written joined by "|"; item 1 ("InPrivate") is not one of them`,
        ],
        [
            "a feature listed twice",
            { newTabPageLayoutCustom: ["topsites", "topsites"] },
            `edgeConfiguration: newTabPageLayoutCustom (${P}NewTabPageLayout.Custom): ["topsites","topsites"] must be a non-empty list of "topsites", "wallpaper", "newsfeed", written joined by "|"; item 1 ("topsites") is listed twice`,
        ],
        [
            "an empty list",
            { blockListUrls: [] },
            `edgeConfiguration: blockListUrls (${P}BlockListURLs): [] must be a non-empty list of URL patterns such as "https://www.contoso.com/*" or "https://[*.]contoso.com" (at most 1000), written joined by "|"`,
        ],
        [
            "more than the documented 1000 sites",
            { allowListUrls: thousandAndOne },
            `(at most 1000), written joined by "|"; it has 1001`,
        ],
        [
            "a URL pattern holding the separator",
            { ntlmSsoUrls: ["https://a.contoso.com|https://b.contoso.com"] },
            `item 0 ("https://a.contoso.com|https://b.contoso.com") contains "|", which separates the items`,
        ],
        [
            "a homepage without its scheme",
            { homepage: "www.bing.com" },
            `edgeConfiguration: homepage (${P}homepage): "www.bing.com" must be an http:// or https:// URL such as "https://www.bing.com"`,
        ],
        [
            "a bookmark title holding the separator",
            { bookmarks: [{ title: "A|B", url: "https://www.contoso.com" }] },
            `item 0 has title "A|B", which must be non-empty text without "|"`,
        ],
        [
            "a bookmark without a URL scheme",
            { bookmarks: [{ title: "Contoso", url: "contoso.com" }] },
            `item 0 has url "contoso.com", which must be an http:// or https:// URL`,
        ],
        [
            "a bookmark with an unknown field",
            { bookmarks: [{ title: "Contoso", url: "https://www.contoso.com", folder: "x" }] },
            `item 0 has unknown field "folder" (allowed: title, url)`,
        ],
        ["more than eight top sites", { managedTopSites: nineSites }, "(at most 8) where title"],
        [
            "an internal page given as a URL",
            { internalPagesBlockList: ["edge://flags"] },
            `item 0 ("edge://flags") is not one`,
        ],
        [
            "a blank search provider name",
            { defaultSearchProviderName: "  " },
            `edgeConfiguration: defaultSearchProviderName (${P}DefaultSearchProviderName): "  " must be non-empty text such as "My Intranet Search"`,
        ],
    ])("refuses %s with a message naming option, key, value and what is allowed", (_, options, message) => {
        expect(() => edgeConfiguration(options as never)).toThrow(message);
    });

    it("cuts long values in messages to 100 characters with their length", () => {
        expect(() => edgeConfiguration({ homepage: `x${"a".repeat(200)}` })).toThrow(
            `homepage (${P}homepage): "x${"a".repeat(98)}…" (201 characters) must be an http:// or https:// URL`,
        );
    });
});

describe("readEdgeConfiguration", () => {
    it("reads every option back from the pairs it writes", () => {
        expect(readEdgeConfiguration(EVERY_OPTION.pairs)).toEqual({
            options: EVERY_OPTION.options,
            otherSettings: [],
        });
    });

    it("keeps what the admin center or a person wrote that the helper would not write, exactly", () => {
        // Values as a 2025 trace of the Intune admin center shows Graph holding them, and forms the page shows.
        const pairs = [
            { name: "thing", value: "thing" },
            { name: `${P}AppProxyRedirection`, value: "true" },
            { name: `${P}homepage`, value: "http://thing" },
            { name: `${P}bookmarks`, value: "thing|thing||thing2|thing2" },
            { name: `${P}AllowListURLs`, value: "url1|url2" },
            { name: `${P}NewTabPageLayout.Custom`, value: "topsites|wallpaper|newsfeed|" },
            { name: `${P}disabledFeatures`, value: "inprivate||password" },
            { name: `${P}cookieControlsMode`, value: "01" },
            { name: `${P}durationOfNTLMSSO`, value: "720" },
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
        ];
        const read = readEdgeConfiguration(pairs);
        expect(read.options).toEqual({
            appProxyRedirection: true,
            homepage: "http://thing",
            allowListUrls: ["url1", "url2"],
        });
        expect(read.otherSettings).toEqual(
            pairs.filter((p) => ![`${P}AppProxyRedirection`, `${P}homepage`, `${P}AllowListURLs`].includes(p.name)),
        );
        const rewritten = [...edgeConfiguration(read.options), ...read.otherSettings];
        const sorted = (list: { name: string; value: string | null }[]) =>
            [...list].sort((a, b) => a.name.localeCompare(b.name) || String(a.value).localeCompare(String(b.value)));
        expect(sorted(rewritten)).toEqual(sorted(pairs));
    });
});

/**
 * The Outlook helper against Microsoft's "Configuration keys" tables (Deploying Outlook for iOS and
 * Android app configuration settings in Exchange Online): every option writes its documented key
 * with the documented value, bad values are refused with a message naming option, key, value and
 * what is allowed, and pairs read back give the same options (other pairs untouched).
 */
import { OUTLOOK_KEYS, outlookConfiguration, readOutlookConfiguration } from "../../provider/app-config";

/** Every option, each with its key as the page spells it and the value Graph holds. */
const EVERY_OPTION = {
    options: {
        focusedInbox: false,
        requireBiometrics: true,
        requireBiometricsUserChangeAllowed: false,
        saveContacts: true,
        saveContactsUserChangeAllowed: false,
        externalRecipientsMailTip: false,
        blockExternalImages: true,
        blockExternalImagesUserChangeAllowed: false,
        defaultAppSignature: false,
        suggestedReplies: false,
        suggestedRepliesUserChangeAllowed: true,
        recommendationsFeed: false,
        organizeMailByThread: false,
        playMyEmails: false,
        syncCalendars: true,
        syncCalendarsUserChangeAllowed: false,
        textPredictions: false,
        textPredictionsUserChangeAllowed: true,
        themes: false,
        smime: true,
        smimeUserChangeAllowed: false,
        encryptAllMail: true,
        encryptAllMailUserChangeAllowed: false,
        signAllMail: true,
        signAllMailUserChangeAllowed: true,
        ldapHostName: "ldaps://contoso.com:636",
        calendarSyncAvailable: false,
        wearablesAllowed: false,
        contactSyncAddress: false,
        contactSyncBirthday: true,
        contactSyncCompany: false,
        contactSyncDepartment: true,
        contactSyncEmail: false,
        contactSyncInstantMessage: true,
        contactSyncJobTitle: false,
        contactSyncNickname: true,
        contactSyncNotes: false,
        contactSyncPhoneHome: true,
        contactSyncPhoneHomeFax: false,
        contactSyncPhoneMobile: true,
        contactSyncPhoneOther: false,
        contactSyncPhonePager: true,
        contactSyncPhoneWork: false,
        contactSyncPhoneWorkFax: true,
        contactSyncPrefix: false,
        contactSyncSuffix: true,
    },
    pairs: [
        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
        { name: "com.microsoft.outlook.Auth.Biometric", value: "true" },
        { name: "com.microsoft.outlook.Auth.Biometric.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Contacts.LocalSyncEnabled", value: "true" },
        { name: "com.microsoft.outlook.Contacts.LocalSyncEnabled.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Mail.ExternalRecipientsToolTipEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.BlockExternalImagesEnabled", value: "true" },
        { name: "com.microsoft.outlook.Mail.BlockExternalImagesEnabled.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Mail.DefaultSignatureEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.SuggestedRepliesEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.SuggestedRepliesEnabled.UserChangeAllowed", value: "true" },
        { name: "com.microsoft.outlook.Mail.OfficeFeedEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.OrganizeByThreadEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.PlayMyEmailsEnabled", value: "false" },
        { name: "com.microsoft.outlook.Calendar.NativeSyncEnabled", value: "true" },
        { name: "com.microsoft.outlook.Calendar.NativeSyncEnabled.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Mail.TextPredictionsEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.TextPredictionsEnabled.UserChangeAllowed", value: "true" },
        { name: "com.microsoft.outlook.Settings.ThemesEnabled", value: "false" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled", value: "true" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail", value: "true" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail.UserChangeAllowed", value: "false" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail", value: "true" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail.UserChangeAllowed", value: "true" },
        { name: "com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName", value: "ldaps://contoso.com:636" },
        { name: "com.microsoft.outlook.Calendar.NativeSyncAvailable.IntuneMAMOnly", value: "false" },
        { name: "com.microsoft.intune.mam.areWearablesAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.AddressAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.BirthdayAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.CompanyAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.DepartmentAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.EmailAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.InstantMessageAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.JobTitleAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.NicknameAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.NotesAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.PhoneHomeAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.PhoneHomeFaxAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.PhoneMobileAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.PhoneOtherAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.PhonePagerAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.PhoneWorkAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.PhoneWorkFaxAllowed", value: "true" },
        { name: "com.microsoft.outlook.ContactSync.PrefixAllowed", value: "false" },
        { name: "com.microsoft.outlook.ContactSync.SuffixAllowed", value: "true" },
    ],
};

describe("outlookConfiguration", () => {
    it("writes every option as its documented key and value, in the page's order", () => {
        expect(Object.keys(EVERY_OPTION.options).sort()).toEqual(Object.keys(OUTLOOK_KEYS).sort());
        expect(outlookConfiguration(EVERY_OPTION.options)).toEqual(EVERY_OPTION.pairs);
    });

    it("writes true and false for each boolean option", () => {
        expect(outlookConfiguration({ focusedInbox: true, wearablesAllowed: false })).toEqual([
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
            { name: "com.microsoft.intune.mam.areWearablesAllowed", value: "false" },
        ]);
    });

    it("writes nothing for options left out or undefined (unset means unmanaged)", () => {
        expect(outlookConfiguration({})).toEqual([]);
        expect(outlookConfiguration({ focusedInbox: undefined, smime: true })).toEqual([
            { name: "com.microsoft.outlook.Mail.SMIMEEnabled", value: "true" },
        ]);
    });

    it.each(["contoso.com", "contoso.com:636", "ldaps://contoso.com", "ldaps://ldap.eu.contoso.com:636"])(
        "takes the documented LDAP host form %s",
        (host) => {
            expect(outlookConfiguration({ ldapHostName: host })).toEqual([
                { name: "com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName", value: host },
            ]);
        },
    );

    it.each<[string, Record<string, unknown>, string]>([
        [
            "a string for a boolean",
            { focusedInbox: "false" },
            'outlookConfiguration: focusedInbox (com.microsoft.outlook.Mail.FocusedInbox): "false" must be true or false',
        ],
        [
            "null",
            { saveContacts: null },
            "outlookConfiguration: saveContacts (com.microsoft.outlook.Contacts.LocalSyncEnabled): null must be true or false (null is not a value: leave the option out to stop managing it)",
        ],
        [
            "an LDAP URL with another scheme",
            { ldapHostName: "https://contoso.com" },
            'outlookConfiguration: ldapHostName (com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName): "https://contoso.com" must be an LDAP host, "ldaps://" and ":port" optional, such as "ldaps://contoso.com", "contoso.com:636" or "contoso.com"',
        ],
        [
            "an unknown option",
            { focussedInbox: true },
            "outlookConfiguration: focussedInbox: not an option of outlookConfiguration",
        ],
        [
            "a key instead of its option",
            { "com.microsoft.outlook.Mail.FocusedInbox": false },
            "outlookConfiguration: com.microsoft.outlook.Mail.FocusedInbox: give this key as the option focusedInbox",
        ],
        [
            "the left-out notifications key",
            { "com.microsoft.outlook.Calendar.Notifications.IntuneMAMOnly": "0" },
            "outlookConfiguration: com.microsoft.outlook.Calendar.Notifications.IntuneMAMOnly: not an option of outlookConfiguration",
        ],
    ])("refuses %s with a message naming option, key, value and what is allowed", (_, options, message) => {
        expect(() => outlookConfiguration(options as never)).toThrow(message);
    });

    it("names every bad option in one error", () => {
        expect(() => outlookConfiguration({ focusedInbox: 1, themes: "on", smime: true } as never)).toThrow(
            "outlookConfiguration: 2 problems:\n" +
                "- focusedInbox (com.microsoft.outlook.Mail.FocusedInbox): 1 must be true or false\n" +
                '- themes (com.microsoft.outlook.Settings.ThemesEnabled): "on" must be true or false',
        );
    });

    it("refuses options that are not an object", () => {
        expect(() => outlookConfiguration([] as never)).toThrow(
            "outlookConfiguration: options must be an object of outlookConfiguration options, not []",
        );
    });
});

describe("readOutlookConfiguration", () => {
    it("reads every option back from the pairs it writes", () => {
        expect(readOutlookConfiguration(EVERY_OPTION.pairs)).toEqual({
            options: EVERY_OPTION.options,
            otherSettings: [],
        });
    });

    it("keeps other pairs exactly: other keys, values it does not write, keys listed twice, null values", () => {
        const pairs = [
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            { name: "com.microsoft.outlook.Calendar.Notifications.IntuneMAMOnly", value: "1" },
            { name: "com.microsoft.outlook.AddinsAvailable.IntuneMAMOnly", value: "true" },
            { name: "com.microsoft.outlook.Mail.SMIMEEnabled", value: "True" },
            { name: "com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName", value: "url with spaces" },
            { name: "com.microsoft.outlook.Settings.ThemesEnabled", value: "true" },
            { name: "com.microsoft.outlook.Settings.ThemesEnabled", value: "false" },
            { name: "com.microsoft.outlook.Auth.Biometric", value: null },
            { name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://contoso.com" },
        ];
        const read = readOutlookConfiguration(pairs);
        expect(read.options).toEqual({ focusedInbox: false });
        expect(read.otherSettings).toEqual(pairs.slice(1));
        expect([...outlookConfiguration(read.options), ...read.otherSettings]).toEqual(pairs);
    });
});

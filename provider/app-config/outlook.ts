/**
 * Outlook for iOS and Android: the app configuration keys Microsoft documents for the Managed
 * Apps channel (app configuration policies for managed apps, Graph
 * `targetedManagedAppConfiguration.customSettings`), as typed options.
 *
 * Source: Microsoft Learn, "Deploying Outlook for iOS and Android app configuration settings in
 * Exchange Online"
 * (https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/outlook-for-ios-and-android/outlook-for-ios-and-android-configuration-with-microsoft-intune),
 * section "Configuration keys", read as Markdown from MicrosoftDocs/OfficeDocs-Exchange
 * (`Exchange/ExchangeOnline/clients-and-mobile-in-exchange-online/outlook-for-ios-and-android/outlook-for-ios-and-android-configuration-with-microsoft-intune.md`,
 * newest public snapshot: July 2021):
 *
 * - "General app configuration settings": every key there (all are "Managed Devices, Managed Apps").
 * - "S/MIME settings": every key there.
 * - "Data protection settings" ("Managed apps"): every key but
 *   `com.microsoft.outlook.Calendar.Notifications.IntuneMAMOnly`: the page documents one value,
 *   `0` (Allowed), but a 2025 Graph trace of the Intune admin center shows it writing `"1"`; left
 *   out until the value is settled.
 *
 * Left out on purpose: "Account setup configuration" and "Organization allowed accounts mode"
 * keys, which the page lists for Managed devices only (the device channel, not this policy).
 *
 * Every boolean key is documented as Value type Boolean, accepted values `true`, `false`; Graph
 * holds them as the strings `"true"` and `"false"`.
 */
import { readPairs, writePairs, type AppConfigPair, type KeyTable, type ReadSettings } from "./keys";
import { flag, patterned } from "./values";
import type { KeyValuePair } from "../settings/kinds";

const PAGE =
    "https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/outlook-for-ios-and-android/outlook-for-ios-and-android-configuration-with-microsoft-intune";
const GENERAL = `${PAGE}#general-app-configuration-settings`;
const SMIME = `${PAGE}#smime-settings`;
const DATA_PROTECTION = `${PAGE}#data-protection-settings`;

/**
 * Outlook for iOS and Android settings an app configuration policy for managed apps can deliver.
 * Each option is one documented key; leave an option out to leave the app's own setting alone.
 * "Default" is the app's behavior when the key is not delivered.
 */
export interface OutlookConfiguration {
    /**
     * Focused Inbox: whether Focused Inbox is enabled (`false` disables it). Default `true`.
     * Key `com.microsoft.outlook.Mail.FocusedInbox`.
     */
    focusedInbox?: boolean;
    /**
     * Require biometrics (Face ID or Touch ID) to access the app. Default `false`. Outlook for iOS
     * only. Microsoft recommends `false` when an app protection policy requires a PIN, to avoid two
     * prompts. Key `com.microsoft.outlook.Auth.Biometric`.
     */
    requireBiometrics?: boolean;
    /**
     * Whether the user can change the biometrics setting. Default `true`. Outlook for iOS only.
     * Key `com.microsoft.outlook.Auth.Biometric.UserChangeAllowed`.
     */
    requireBiometricsUserChangeAllowed?: boolean;
    /**
     * Save Contacts: sync contacts to the native Contacts app (the user must grant access).
     * Default `false`. Key `com.microsoft.outlook.Contacts.LocalSyncEnabled`.
     */
    saveContacts?: boolean;
    /**
     * Whether the user can change the contact sync state. Default `true`.
     * Key `com.microsoft.outlook.Contacts.LocalSyncEnabled.UserChangeAllowed`.
     */
    saveContactsUserChangeAllowed?: boolean;
    /**
     * External Recipients MailTip (`false` disables it; Exchange Online's
     * MailTipsExternalRecipientsTipsEnabled must be `$true` for it to show). Default `true`.
     * Key `com.microsoft.outlook.Mail.ExternalRecipientsToolTipEnabled`.
     */
    externalRecipientsMailTip?: boolean;
    /**
     * Block external images by default (the user can still download them for one message).
     * Default `false`. Key `com.microsoft.outlook.Mail.BlockExternalImagesEnabled`.
     */
    blockExternalImages?: boolean;
    /**
     * Whether the user can change Block external images. Default `true`.
     * Key `com.microsoft.outlook.Mail.BlockExternalImagesEnabled.UserChangeAllowed`.
     */
    blockExternalImagesUserChangeAllowed?: boolean;
    /**
     * Default app signature ("Get Outlook for [OS]"; `false` disables it, users can still add their
     * own). Default `true`. Key `com.microsoft.outlook.Mail.DefaultSignatureEnabled`.
     */
    defaultAppSignature?: boolean;
    /**
     * Suggested Replies in the quick reply compose window (`false` disables them). Default `true`.
     * Key `com.microsoft.outlook.Mail.SuggestedRepliesEnabled`.
     */
    suggestedReplies?: boolean;
    /**
     * Whether the user can change Suggested Replies. Default `true`.
     * Key `com.microsoft.outlook.Mail.SuggestedRepliesEnabled.UserChangeAllowed`.
     */
    suggestedRepliesUserChangeAllowed?: boolean;
    /**
     * Recommendations feed (the Discover feed of the user's and coworkers' Office files; `false`
     * disables it). Default `true`. Key `com.microsoft.outlook.Mail.OfficeFeedEnabled`.
     */
    recommendationsFeed?: boolean;
    /**
     * Organize mail by thread (`false` disables the threaded conversation view). Default `true`.
     * Key `com.microsoft.outlook.Mail.OrganizeByThreadEnabled`.
     */
    organizeMailByThread?: boolean;
    /**
     * Play My Emails promoted to eligible users by a banner in the inbox (`false` stops the
     * promotion; users can still turn the feature on). Default `true`.
     * Key `com.microsoft.outlook.Mail.PlayMyEmailsEnabled`.
     */
    playMyEmails?: boolean;
    /**
     * Sync Calendars: sync calendar data to the native Calendar app (the user must grant access).
     * Default `false`. Outlook for Android only. Key `com.microsoft.outlook.Calendar.NativeSyncEnabled`.
     */
    syncCalendars?: boolean;
    /**
     * Whether the user can change the calendar sync state. Default `true`. Outlook for Android
     * only. Key `com.microsoft.outlook.Calendar.NativeSyncEnabled.UserChangeAllowed`.
     */
    syncCalendarsUserChangeAllowed?: boolean;
    /**
     * Text Predictions: suggest words and phrases while composing. Default `true`.
     * Key `com.microsoft.outlook.Mail.TextPredictionsEnabled`.
     */
    textPredictions?: boolean;
    /**
     * Whether the user can change Text Predictions. Default `true`.
     * Key `com.microsoft.outlook.Mail.TextPredictionsEnabled.UserChangeAllowed`.
     */
    textPredictionsUserChangeAllowed?: boolean;
    /**
     * Themes: custom visual themes. Default `true`. Key `com.microsoft.outlook.Settings.ThemesEnabled`.
     */
    themes?: boolean;
    /**
     * Enable S/MIME (needs certificates available to Outlook). Default `false`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled`.
     */
    smime?: boolean;
    /**
     * Whether the user can change the S/MIME setting. Default `true`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.UserChangeAllowed`.
     */
    smimeUserChangeAllowed?: boolean;
    /**
     * Require S/MIME encryption to send messages. Default `false`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail`.
     */
    encryptAllMail?: boolean;
    /**
     * Whether the user can change Encrypt all emails. Default `true`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail.UserChangeAllowed`.
     */
    encryptAllMailUserChangeAllowed?: boolean;
    /**
     * Require S/MIME signing to send messages. Default `false`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail`.
     */
    signAllMail?: boolean;
    /**
     * Whether the user can change Sign all emails. Default `true`.
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail.UserChangeAllowed`.
     */
    signAllMailUserChangeAllowed?: boolean;
    /**
     * The LDAP directory endpoint to query for certificates: `ldaps://domainname:port` or
     * `domainname:port`, scheme and port optional (`"ldaps://contoso.com"`, `"contoso.com:636"`).
     * Key `com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName`.
     */
    ldapHostName?: string;
    /**
     * Calendar sync available for the work or school account. When left out, Outlook follows the
     * app protection policy's "Sync policy managed app data with native apps". Outlook for Android
     * only. Key `com.microsoft.outlook.Calendar.NativeSyncAvailable.IntuneMAMOnly`.
     */
    calendarSyncAvailable?: boolean;
    /**
     * Org data on wearables: whether Outlook data can sync to a wearable device (`false` disables
     * it). Default `true`. Key `com.microsoft.intune.mam.areWearablesAllowed`.
     */
    wearablesAllowed?: boolean;
    /** Sync the contact's address to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.AddressAllowed`. */
    contactSyncAddress?: boolean;
    /** Sync the contact's birthday to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.BirthdayAllowed`. */
    contactSyncBirthday?: boolean;
    /** Sync the contact's company name to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.CompanyAllowed`. */
    contactSyncCompany?: boolean;
    /** Sync the contact's department to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.DepartmentAllowed`. */
    contactSyncDepartment?: boolean;
    /** Sync the contact's email address to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.EmailAllowed`. */
    contactSyncEmail?: boolean;
    /** Sync the contact's instant messaging address to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.InstantMessageAllowed`. */
    contactSyncInstantMessage?: boolean;
    /** Sync the contact's job title to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.JobTitleAllowed`. */
    contactSyncJobTitle?: boolean;
    /** Sync the contact's nickname to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.NicknameAllowed`. */
    contactSyncNickname?: boolean;
    /** Sync the contact's notes to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.NotesAllowed`. */
    contactSyncNotes?: boolean;
    /** Sync the contact's home phone number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneHomeAllowed`. */
    contactSyncPhoneHome?: boolean;
    /** Sync the contact's home fax number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneHomeFaxAllowed`. */
    contactSyncPhoneHomeFax?: boolean;
    /** Sync the contact's mobile phone number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneMobileAllowed`. */
    contactSyncPhoneMobile?: boolean;
    /** Sync the contact's other phone number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneOtherAllowed`. */
    contactSyncPhoneOther?: boolean;
    /** Sync the contact's pager number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhonePagerAllowed`. */
    contactSyncPhonePager?: boolean;
    /** Sync the contact's work phone number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneWorkAllowed`. */
    contactSyncPhoneWork?: boolean;
    /** Sync the contact's work fax number to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PhoneWorkFaxAllowed`. */
    contactSyncPhoneWorkFax?: boolean;
    /** Sync the contact's name prefix to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.PrefixAllowed`. */
    contactSyncPrefix?: boolean;
    /** Sync the contact's name suffix to native contacts. Default `true`. Key `com.microsoft.outlook.ContactSync.SuffixAllowed`. */
    contactSyncSuffix?: boolean;
}

/** A documented boolean key. */
const bool = (key: string, doc: string) => ({ key, doc, codec: flag() });

/** Host label: letters, digits and inner hyphens. */
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";

/** The keys behind {@link OutlookConfiguration}, in the page's order. */
export const OUTLOOK_KEYS: KeyTable<OutlookConfiguration> = {
    focusedInbox: bool("com.microsoft.outlook.Mail.FocusedInbox", GENERAL),
    requireBiometrics: bool("com.microsoft.outlook.Auth.Biometric", GENERAL),
    requireBiometricsUserChangeAllowed: bool("com.microsoft.outlook.Auth.Biometric.UserChangeAllowed", GENERAL),
    saveContacts: bool("com.microsoft.outlook.Contacts.LocalSyncEnabled", GENERAL),
    saveContactsUserChangeAllowed: bool("com.microsoft.outlook.Contacts.LocalSyncEnabled.UserChangeAllowed", GENERAL),
    externalRecipientsMailTip: bool("com.microsoft.outlook.Mail.ExternalRecipientsToolTipEnabled", GENERAL),
    blockExternalImages: bool("com.microsoft.outlook.Mail.BlockExternalImagesEnabled", GENERAL),
    blockExternalImagesUserChangeAllowed: bool(
        "com.microsoft.outlook.Mail.BlockExternalImagesEnabled.UserChangeAllowed",
        GENERAL,
    ),
    defaultAppSignature: bool("com.microsoft.outlook.Mail.DefaultSignatureEnabled", GENERAL),
    suggestedReplies: bool("com.microsoft.outlook.Mail.SuggestedRepliesEnabled", GENERAL),
    suggestedRepliesUserChangeAllowed: bool(
        "com.microsoft.outlook.Mail.SuggestedRepliesEnabled.UserChangeAllowed",
        GENERAL,
    ),
    recommendationsFeed: bool("com.microsoft.outlook.Mail.OfficeFeedEnabled", GENERAL),
    organizeMailByThread: bool("com.microsoft.outlook.Mail.OrganizeByThreadEnabled", GENERAL),
    playMyEmails: bool("com.microsoft.outlook.Mail.PlayMyEmailsEnabled", GENERAL),
    syncCalendars: bool("com.microsoft.outlook.Calendar.NativeSyncEnabled", GENERAL),
    syncCalendarsUserChangeAllowed: bool("com.microsoft.outlook.Calendar.NativeSyncEnabled.UserChangeAllowed", GENERAL),
    textPredictions: bool("com.microsoft.outlook.Mail.TextPredictionsEnabled", GENERAL),
    textPredictionsUserChangeAllowed: bool(
        "com.microsoft.outlook.Mail.TextPredictionsEnabled.UserChangeAllowed",
        GENERAL,
    ),
    themes: bool("com.microsoft.outlook.Settings.ThemesEnabled", GENERAL),
    smime: bool("com.microsoft.outlook.Mail.SMIMEEnabled", SMIME),
    smimeUserChangeAllowed: bool("com.microsoft.outlook.Mail.SMIMEEnabled.UserChangeAllowed", SMIME),
    encryptAllMail: bool("com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail", SMIME),
    encryptAllMailUserChangeAllowed: bool(
        "com.microsoft.outlook.Mail.SMIMEEnabled.EncryptAllMail.UserChangeAllowed",
        SMIME,
    ),
    signAllMail: bool("com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail", SMIME),
    signAllMailUserChangeAllowed: bool("com.microsoft.outlook.Mail.SMIMEEnabled.SignAllMail.UserChangeAllowed", SMIME),
    ldapHostName: {
        key: "com.microsoft.outlook.Mail.SMIMEEnabled.LDAPHostName",
        doc: SMIME,
        codec: patterned(
            new RegExp(`^(?:ldaps://)?${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`),
            'an LDAP host, "ldaps://" and ":port" optional, such as "ldaps://contoso.com", "contoso.com:636" or "contoso.com"',
        ),
    },
    calendarSyncAvailable: bool("com.microsoft.outlook.Calendar.NativeSyncAvailable.IntuneMAMOnly", DATA_PROTECTION),
    wearablesAllowed: bool("com.microsoft.intune.mam.areWearablesAllowed", DATA_PROTECTION),
    contactSyncAddress: bool("com.microsoft.outlook.ContactSync.AddressAllowed", DATA_PROTECTION),
    contactSyncBirthday: bool("com.microsoft.outlook.ContactSync.BirthdayAllowed", DATA_PROTECTION),
    contactSyncCompany: bool("com.microsoft.outlook.ContactSync.CompanyAllowed", DATA_PROTECTION),
    contactSyncDepartment: bool("com.microsoft.outlook.ContactSync.DepartmentAllowed", DATA_PROTECTION),
    contactSyncEmail: bool("com.microsoft.outlook.ContactSync.EmailAllowed", DATA_PROTECTION),
    contactSyncInstantMessage: bool("com.microsoft.outlook.ContactSync.InstantMessageAllowed", DATA_PROTECTION),
    contactSyncJobTitle: bool("com.microsoft.outlook.ContactSync.JobTitleAllowed", DATA_PROTECTION),
    contactSyncNickname: bool("com.microsoft.outlook.ContactSync.NicknameAllowed", DATA_PROTECTION),
    contactSyncNotes: bool("com.microsoft.outlook.ContactSync.NotesAllowed", DATA_PROTECTION),
    contactSyncPhoneHome: bool("com.microsoft.outlook.ContactSync.PhoneHomeAllowed", DATA_PROTECTION),
    contactSyncPhoneHomeFax: bool("com.microsoft.outlook.ContactSync.PhoneHomeFaxAllowed", DATA_PROTECTION),
    contactSyncPhoneMobile: bool("com.microsoft.outlook.ContactSync.PhoneMobileAllowed", DATA_PROTECTION),
    contactSyncPhoneOther: bool("com.microsoft.outlook.ContactSync.PhoneOtherAllowed", DATA_PROTECTION),
    contactSyncPhonePager: bool("com.microsoft.outlook.ContactSync.PhonePagerAllowed", DATA_PROTECTION),
    contactSyncPhoneWork: bool("com.microsoft.outlook.ContactSync.PhoneWorkAllowed", DATA_PROTECTION),
    contactSyncPhoneWorkFax: bool("com.microsoft.outlook.ContactSync.PhoneWorkFaxAllowed", DATA_PROTECTION),
    contactSyncPrefix: bool("com.microsoft.outlook.ContactSync.PrefixAllowed", DATA_PROTECTION),
    contactSyncSuffix: bool("com.microsoft.outlook.ContactSync.SuffixAllowed", DATA_PROTECTION),
};

/**
 * The `customSettings` pairs that configure Outlook for iOS and Android:
 *
 * ```ts
 * customSettings: intune.appConfig.outlookConfiguration({ focusedInbox: false, saveContacts: true }),
 * ```
 *
 * Throws, naming the option, its key, the value and what is allowed, when an option is not valid.
 */
export function outlookConfiguration(options: OutlookConfiguration): AppConfigPair[] {
    return writePairs("outlookConfiguration", OUTLOOK_KEYS, options);
}

/**
 * The Outlook options held in a policy's `customSettings`, and every other pair unchanged:
 * `outlookConfiguration(options)` plus `otherSettings` are exactly the pairs read.
 */
export function readOutlookConfiguration(pairs: readonly KeyValuePair[]): ReadSettings<OutlookConfiguration> {
    return readPairs(OUTLOOK_KEYS, pairs);
}

/**
 * Admin-center words of values, derived from the settings catalog: every value of every enum,
 * flags and boolean setting of both platforms reads as the admin center says it, durations in
 * words, and no member falls back to split-up Graph names.
 */
import { platforms } from "../../provider/settings/platforms";
import { booleanWords, docWords, durationWords, knownWords, valueWords } from "../../provider/review/words";

const ios = platforms.ios.settings;
const android = platforms.android.settings;

it("booleans read Block/Allow or Require/Not required as the label implies", () => {
    expect(valueWords("dataBackupBlocked", ios.dataBackupBlocked, true)).toBe("Block");
    expect(valueWords("dataBackupBlocked", ios.dataBackupBlocked, false)).toBe("Allow");
    expect(valueWords("pinRequired", ios.pinRequired, true)).toBe("Require");
    expect(valueWords("pinRequired", ios.pinRequired, false)).toBe("Not required");
    expect(valueWords("encryptAppData", android.encryptAppData, false)).toBe("Not required");
    expect(
        valueWords(
            "disableAppEncryptionIfDeviceEncryptionIsEnabled",
            android.disableAppEncryptionIfDeviceEncryptionIsEnabled,
            true,
        ),
    ).toBe("Not required");
    expect(valueWords("allowWidgetContentSync", ios.allowWidgetContentSync, true)).toBe("Allow");
});

it("enums read the admin center's choices", () => {
    expect(valueWords("x", ios.allowedOutboundDataTransferDestinations, "managedApps")).toBe("Policy managed apps");
    expect(valueWords("x", ios.allowedOutboundClipboardSharingLevel, "managedAppsWithPasteIn")).toBe(
        "Policy managed apps with paste in",
    );
    expect(valueWords("x", ios.appActionIfMaximumPinRetriesExceeded, "block")).toBe("Reset PIN");
    expect(valueWords("x", ios.appActionIfUnableToAuthenticateUser, "block")).toBe("Block access");
    expect(valueWords("x", ios.dialerRestrictionLevel, "customApp")).toBe("A specific dialer app");
    expect(valueWords("x", ios.appDataEncryptionType, "whenDeviceLocked")).toBe("Require (when device locked)");
    expect(valueWords("x", ios.maximumAllowedDeviceThreatLevel, "notConfigured")).toBe("Not configured");
    expect(valueWords("x", ios.allowedDataStorageLocations, ["oneDriveForBusiness", "sharePoint"])).toBe(
        "OneDrive for Business, SharePoint",
    );
    expect(valueWords("x", ios.allowedDataStorageLocations, [])).toBe("None");
});

it("durations read in words, with minutes where the admin center asks for minutes", () => {
    expect(valueWords("x", ios.periodOnlineBeforeAccessCheck, "PT30M")).toBe("30 minutes");
    expect(valueWords("x", ios.periodOfflineBeforeWipeIsEnforced, "P90D")).toBe("90 days");
    expect(durationWords("PT12H")).toBe("12 hours");
    expect(durationWords("PT12H", "Recheck after (minutes of inactivity)")).toBe("12 hours (720 minutes)");
    expect(durationWords("PT1M")).toBe("1 minute");
    expect(valueWords("x", ios.periodBeforePinReset, "PT0S")).toBe("No");
    expect(valueWords("x", ios.periodBeforePinReset, "P30D")).toBe("30 days");
});

it("numbers, text, lists and unmanaged values", () => {
    expect(valueWords("x", ios.minimumPinLength, 6)).toBe("6");
    expect(valueWords("x", ios.allowedOutboundClipboardSharingExceptionLength, 0)).toBe("No exception");
    expect(valueWords("x", ios.minimumRequiredOsVersion, "16.0")).toBe("`16.0`");
    expect(valueWords("x", ios.exemptedAppProtocols, [{ name: "Skype", schemes: "skype;" }])).toBe("Skype (`skype;`)");
    expect(valueWords("x", ios.pinRequired, undefined)).toBe("Not managed");
});

it("docWords reads single-value parts and leaves out parts naming several values", () => {
    const words = docWords('"a" = First (note; more); "b", "c" or "d" = Something shared; 0 = none at all.');
    expect(Object.fromEntries(words)).toEqual({ a: "First", 0: "None at all" });
});

it("every enum and flags member of both platforms has admin-center words, not split-up Graph names", () => {
    const missing: string[] = [];
    for (const platform of Object.values(platforms)) {
        for (const [name, spec] of Object.entries(platform.settings)) {
            const members = [...spec.kind.tsType.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
            if (!/^\(?"/.test(spec.kind.tsType)) continue;
            for (const member of members) {
                if (knownWords(spec, member) === undefined) missing.push(`${platform.name} ${name} ${member}`);
            }
        }
    }
    expect(missing).toEqual([]);
});

it("every boolean setting has verbs from its doc or name, none falls back to Yes/No unnoticed", () => {
    const fallback: string[] = [];
    for (const platform of Object.values(platforms))
        for (const [name, spec] of Object.entries(platform.settings))
            if (spec.kind.tsType === "boolean" && booleanWords(name, spec).true === "Yes") fallback.push(name);
    // Settings whose value is a choice rather than a verb: the admin center shows them as on/off.
    expect([...new Set(fallback)].sort()).toEqual([
        "connectToVpnOnLaunch",
        "disableProtectionOfManagedOutboundOpenInData",
        "filterOpenInToOnlyManagedApps",
        "protectInboundDataFromUnknownSources",
    ]);
});

/**
 * Admin-center wording of setting values, for reviewers who know the Intune admin center and not
 * Graph: `true` on `dataBackupBlocked` reads "Block", `"managedApps"` reads "Policy managed apps",
 * `"PT30M"` reads "30 minutes".
 *
 * Everything is derived from the settings catalog: each entry's doc states the admin-center words
 * of its values (`"allApps" = All apps; "managedApps" = Policy managed apps`, `true = Block ...`).
 * The few enum members whose doc describes them together (`"whenDeviceLocked", ... = Require`)
 * take their words from {@link MEMBER_WORDS}, one line per Graph enum member.
 */
import { parseDuration } from "../settings/duration";
import type { SettingSpec } from "../settings/spec";

/** What a value reads when the setting is not in the program or not in the tenant. */
export const NOT_MANAGED = "Not managed";

/** Words of Graph enum members that no setting doc names on its own. */
const MEMBER_WORDS: Readonly<Record<string, string>> = {
    whenDeviceLocked: "Require (when device locked)",
    whenDeviceLockedExceptOpenFiles: "Require (when device locked, except open files)",
    afterDeviceRestart: "Require (after device restart)",
    useDeviceSettings: "Not required",
    notConfigured: "Not configured",
    secured: "Secured",
    low: "Low",
    medium: "Medium",
    high: "High",
    block: "Block access",
    wipe: "Wipe data",
    warn: "Warn",
    blockWhenSettingIsSupported: "Block access on supported devices",
    none: "Not configured",
    oneDriveForBusiness: "OneDrive for Business",
    sharePoint: "SharePoint",
    box: "Box",
    localStorage: "Local storage",
    photoLibrary: "Photo library",
    iManage: "iManage",
    egnyte: "Egnyte",
    camera: "Camera",
    androidEnterprise: "Android Enterprise",
    androidEnterpriseDedicatedDevicesWithAzureAdSharedMode: "Android Enterprise dedicated devices (shared mode)",
    androidOpenSourceProjectUserAssociated: "AOSP user-associated devices",
    androidOpenSourceProjectUserless: "AOSP userless devices",
};

/** Boolean words by the verb a setting's doc starts with (`true = Block ...`): [true, false]. */
const BOOLEAN_VERBS: readonly [RegExp, string, string][] = [
    [/^not required\b/i, "Not required", "Require"],
    [/^block\b/i, "Block", "Allow"],
    [/^require\b/i, "Require", "Not required"],
    [/^disable\b/i, "Disable", "Enable"],
    [/^allow\b/i, "Allow", "Block"],
];

/** Boolean words by the setting's name when its doc has no verb: [pattern, true, false]. */
const BOOLEAN_NAMES: readonly [RegExp, string, string][] = [
    [/Blocked$/, "Block", "Allow"],
    [/Required$/, "Require", "Not required"],
    [/Enabled$/, "Enable", "Disable"],
];

/**
 * The words a setting's doc gives its values: `"allApps" = All apps; "none" = None.` and
 * `0 = not configured` give `{ allApps: "All apps", none: "None", 0: "Not configured" }`.
 * A doc part naming several values at once describes them, it does not label them: left out.
 */
export function docWords(doc: string): Map<string, string> {
    const words = new Map<string, string>();
    for (const part of doc.split(";")) {
        const match = /^\s*(?:"([^"]+)"|(\d+))\s*=\s*(.+)$/.exec(part);
        if (!match) continue;
        const text = match[3]
            .replace(/\s*\([^)]*(\)|$)/g, "")
            .replace(/\.(\s.*)?$/, "")
            .trim();
        if (text)
            words.set(
                match[1] ?? match[2],
                /^row absent$/i.test(text) ? "Not configured" : text[0].toUpperCase() + text.slice(1),
            );
    }
    return words;
}

/** "Block"/"Allow" (or Require/Not required, ...) for a boolean setting, from its doc or name. */
export function booleanWords(name: string, spec: SettingSpec): { true: string; false: string } {
    const verb = /^true = (.*)$/.exec(spec.doc)?.[1] ?? "";
    const rule = BOOLEAN_VERBS.find(([pattern]) => pattern.test(verb)) ?? BOOLEAN_NAMES.find(([p]) => p.test(name));
    return rule ? { true: rule[1], false: rule[2] } : { true: "Yes", false: "No" };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** A duration in the admin center's words: "30 minutes", "12 hours (720 minutes)", "90 days". */
export function durationWords(text: string, label = ""): string {
    const ms = parseDuration(text);
    if (ms === undefined) return text;
    if (ms === 0) return "0 minutes";
    const minutes = ms / 60_000;
    const units: [number, string][] = [
        [86_400_000, "day"],
        [3_600_000, "hour"],
        [60_000, "minute"],
        [1000, "second"],
    ];
    const [size, unit] = units.find(([size]) => ms % size === 0) ?? [1000, "second"];
    const words = plural(ms / size, unit);
    // The admin center asks for some periods in minutes: show that number too.
    const inMinutes = /minutes/i.test(label) && unit !== "minute" && Number.isInteger(minutes);
    return inMinutes ? `${words} (${plural(minutes, "minute")})` : words;
}

/** Splits a Graph enum member into words: `managedAppsWithPasteIn` → "Managed apps with paste in". */
function memberFallback(member: string): string {
    const words = member.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return words[0].toUpperCase() + words.slice(1);
}

/** Whether values of this kind are day-time durations (probed through the kind itself). */
function isDurationKind(spec: SettingSpec): boolean {
    return (
        spec.kind.tsType === "string" &&
        spec.kind.problem("PT30M") === undefined &&
        spec.kind.problem("P90D") === undefined
    );
}

/** Words of one enum member (or one fixed value) of a setting. */
function memberWords(words: Map<string, string>, value: string): string {
    return words.get(value) ?? MEMBER_WORDS[value] ?? memberFallback(value);
}

/** Whether the kind's values are members of a Graph enum (a union of string literals). */
function isEnumKind(spec: SettingSpec): boolean {
    return /^\(?"/.test(spec.kind.tsType);
}

/** The admin-center words of an enum member of the setting (from its doc, else the member table), if known. */
export function knownWords(spec: SettingSpec, member: string): string | undefined {
    return docWords(spec.doc).get(member) ?? MEMBER_WORDS[member];
}

/**
 * One value of a setting in the admin center's words. Lists read as their items in words
 * (`OneDrive for Business, SharePoint`), an empty list as "None"; key/value lists as
 * `name (value)`; free text and ids in code spans.
 */
export function valueWords(name: string, spec: SettingSpec, value: unknown): string {
    if (value === undefined || value === null) return NOT_MANAGED;
    const words = docWords(spec.doc);
    if (typeof value === "boolean") {
        const bool = booleanWords(name, spec);
        return value ? bool.true : bool.false;
    }
    if (typeof value === "number") return words.get(String(value)) ?? String(value);
    if (Array.isArray(value)) {
        if (value.length === 0) return "None";
        if (isEnumKind(spec)) return value.map((v) => memberWords(words, String(v))).join(", ");
        return value.map((item) => itemWords(item)).join(", ");
    }
    if (typeof value === "string") {
        if (words.has(value)) return words.get(value)!;
        if (isEnumKind(spec)) return memberWords(words, value);
        if (isDurationKind(spec)) return durationWords(value, spec.label);
        return code(value);
    }
    return code(JSON.stringify(value));
}

/** One item of a non-enum list: a string, or a key/value object as `name (value)`. */
function itemWords(item: unknown): string {
    if (typeof item === "string") return code(item);
    if (item && typeof item === "object") {
        const [first, ...rest] = Object.values(item as Record<string, unknown>).map(String);
        return rest.length ? `${first} (${code(rest.join(", "))})` : code(first);
    }
    return code(String(item));
}

/** A Markdown code span that survives backticks in the text. */
export function code(text: string): string {
    const fence = text.includes("`") ? "``" : "`";
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

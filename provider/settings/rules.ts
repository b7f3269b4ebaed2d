/**
 * Rules between settings that Graph documents but a single setting's kind cannot express.
 * A rule looks at declared values only; a value not known yet (preview) never fails a rule.
 */
import { containsUnknown } from "../protocol/unknown";
import { APPS, type DeclaredValues, type PolicyType, type Rule, type RuleFailure } from "./policy-type";

type CustomTargets = NonNullable<PolicyType["customTargets"]>;

const q = (value: unknown) => JSON.stringify(value);

/** `when` holds a value, so `needed` must be declared too. */
function requires(when: string, equals: unknown, needed: keyof CustomTargets, what: string): Rule {
    return (values, type) => {
        const target = type.customTargets?.[needed];
        if (target === undefined || values[when] !== equals || values[target] !== undefined) return undefined;
        return { property: target, reason: `${target} is required when ${when} is ${q(equals)}: ${what}` };
    };
}

/** `setting` may hold `value` only when `other` is one of `allowed`. */
function onlyWith(setting: string, value: unknown, other: string, allowed: unknown[]): Rule {
    return (values) => {
        const current = values[other];
        if (values[setting] !== value || current === undefined || containsUnknown(current) || allowed.includes(current))
            return undefined;
        return {
            property: setting,
            reason: `${setting} ${q(value)} is only allowed when ${other} is ${allowed.map(q).join(" or ")} (it is ${q(values[other])})`,
        };
    };
}

/** The rules of iOS and Android app protection (Graph's documented constraints between their settings). */
export const protectionRules: readonly Rule[] = [
    requires("dialerRestrictionLevel", "customApp", "dialer", "a specific dialer app needs its identifier"),
    requires(
        "protectedMessagingRedirectAppType",
        "specificApps",
        "messaging",
        "a specific messaging app needs its identifier",
    ),
    // An unmanaged browser: links must open in a browser, Edge is not chosen, so the browser must be named.
    (values, type) => {
        const browser = type.customTargets?.browser;
        if (
            browser === undefined ||
            values.managedBrowserToOpenLinksRequired !== true ||
            values.managedBrowser !== "notConfigured" ||
            values[browser] !== undefined
        )
            return undefined;
        return {
            property: browser,
            reason: `${browser} is required when managedBrowserToOpenLinksRequired is true and managedBrowser is "notConfigured": an unmanaged browser needs its identifier (or set managedBrowser to "microsoftEdge")`,
        };
    },
    (values, type) => {
        const browser = type.customTargets?.browser;
        if (
            browser === undefined ||
            values[browser] === undefined ||
            values.managedBrowserToOpenLinksRequired !== false
        )
            return undefined;
        return {
            property: browser,
            reason: `${browser} only takes effect when managedBrowserToOpenLinksRequired is true (it is false)`,
        };
    },
    onlyWith("managedBrowser", "microsoftEdge", "managedBrowserToOpenLinksRequired", [true]),
    (values) => {
        const keyboards = values.approvedKeyboards;
        if (
            !Array.isArray(keyboards) ||
            keyboards.length === 0 ||
            values.keyboardsRestricted === true ||
            containsUnknown(values.keyboardsRestricted)
        )
            return undefined;
        return {
            property: "approvedKeyboards",
            reason: "approvedKeyboards need keyboardsRestricted set to true (Approved keyboards: Require)",
        };
    },
    onlyWith("disableProtectionOfManagedOutboundOpenInData", true, "allowedOutboundDataTransferDestinations", [
        "managedApps",
    ]),
    onlyWith("filterOpenInToOnlyManagedApps", true, "allowedOutboundDataTransferDestinations", ["managedApps"]),
    onlyWith("filterOpenInToOnlyManagedApps", true, "disableProtectionOfManagedOutboundOpenInData", [false]),
    onlyWith("protectInboundDataFromUnknownSources", true, "allowedInboundDataTransferSources", ["allApps"]),
];

/** The rules of types with app groups: a group's app list is Intune's, so `apps` cannot be listed with it. */
export const appGroupRules: readonly Rule[] = [
    (values, type) => {
        const apps = values[APPS];
        const groups = type.appGroups;
        const group = groups && values[groups.key];
        const listed = (Array.isArray(apps) ? [apps] : Object.values(apps ?? {})).some(
            (list) => Array.isArray(list) && list.length > 0,
        );
        if (!groups || !listed || group === undefined || group === groups.selectedApps || containsUnknown(group))
            return undefined;
        return {
            property: APPS,
            reason: `apps cannot be listed when ${groups.key} is ${q(group)}: Intune fills the app list of an app group itself and custom apps cannot be mixed with it (use ${groups.key} ${q(groups.selectedApps)} to list apps)`,
        };
    },
];

/** Checks every rule of the policy type over the declared values. */
export function checkRules(values: DeclaredValues, type: PolicyType): RuleFailure[] {
    return type.rules.map((rule) => rule(values, type)).filter((f): f is RuleFailure => f !== undefined);
}

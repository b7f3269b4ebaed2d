/**
 * Rules between settings that Graph documents but a single setting's kind cannot express.
 * A rule looks at declared values only; a value not known yet (preview) never fails a rule.
 */
import { containsUnknown } from "../protocol/unknown";
import type { Platform } from "./platforms";

/** A failed rule: the setting to blame and why. */
export interface RuleFailure {
    property: string;
    reason: string;
}

/** Declared values by argument name (possibly not known yet during preview). */
export type DeclaredValues = Readonly<Record<string, unknown>>;

type Rule = (values: DeclaredValues, platform: Platform) => RuleFailure | undefined;

const q = (value: unknown) => JSON.stringify(value);

/** `when` holds a value, so `needed` must be declared too. */
function requires(when: string, equals: unknown, needed: (p: Platform) => string, what: string): Rule {
    return (values, platform) => {
        const target = needed(platform);
        if (values[when] !== equals || values[target] !== undefined) return undefined;
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

const rules: Rule[] = [
    requires(
        "dialerRestrictionLevel",
        "customApp",
        (p) => p.customTargets.dialer,
        "a specific dialer app needs its identifier",
    ),
    requires(
        "protectedMessagingRedirectAppType",
        "specificApps",
        (p) => p.customTargets.messaging,
        "a specific messaging app needs its identifier",
    ),
    // An unmanaged browser: links must open in a browser, Edge is not chosen, so the browser must be named.
    (values, platform) => {
        const browser = platform.customTargets.browser;
        if (
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
    (values, platform) => {
        const browser = platform.customTargets.browser;
        if (values[browser] === undefined || values.managedBrowserToOpenLinksRequired !== false) return undefined;
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
    (values) => {
        const apps = values.apps;
        const group = values.appGroupType;
        if (
            !Array.isArray(apps) ||
            apps.length === 0 ||
            group === undefined ||
            group === "selectedPublicApps" ||
            containsUnknown(group)
        )
            return undefined;
        return {
            property: "apps",
            reason: `apps cannot be listed when appGroupType is ${q(group)}: Intune fills the app list of an app group itself and custom apps cannot be mixed with it (use appGroupType "selectedPublicApps" to list apps)`,
        };
    },
];

/** Checks every cross-setting rule over the declared values. */
export function checkRules(values: DeclaredValues, platform: Platform): RuleFailure[] {
    return rules.map((rule) => rule(values, platform)).filter((f): f is RuleFailure => f !== undefined);
}

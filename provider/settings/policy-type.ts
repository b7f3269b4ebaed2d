/**
 * The shape of a policy type description: everything the engine needs to know about one Graph
 * policy type (collection, `@odata.type`, how apps are identified, app groups, its entries and
 * rules). The engine, the export and the resources are generic over it, so a new Graph type of
 * the `targetedManagedAppProtection` family is one description (see `platforms.ts`).
 */
import { apps, type AppIdScheme } from "./apps";
import { assignments } from "./assignments";
import { policyId } from "./kinds";
import { setting, type SettingsCatalog } from "./spec";

/** A failed rule: the setting to blame and why. */
export interface RuleFailure {
    property: string;
    reason: string;
}

/** Declared values by argument name (possibly not known yet during preview). */
export type DeclaredValues = Readonly<Record<string, unknown>>;

/** A rule between declared values that no single entry's kind can express. */
export type Rule = (values: DeclaredValues, type: PolicyType) => RuleFailure | undefined;

/**
 * Names of the policy types. They are persisted (in the provider text of every resource's state,
 * see `resources/dynamicProvider.ts`): never rename one.
 */
export type PolicyTypeName = "ios" | "android" | "windows" | "appConfiguration";

/** The entry names every policy type declares besides its settings. */
export const APPS = "apps";
export const ASSIGNMENTS = "assignments";
export const ADOPT_POLICY_ID = "adoptPolicyId";

export interface PolicyType<Name extends PolicyTypeName = PolicyTypeName> {
    /** Persisted name (see {@link PolicyTypeName}). */
    readonly name: Name;
    /** Human name of the platform(s), for messages ("iOS/iPadOS"). */
    readonly title: string;
    /** What a policy of the type is, for messages: one ("app protection policy") and many ("app protection policies"). */
    readonly noun: { readonly one: string; readonly many: string };
    /** Resource class and type-token name. */
    readonly resourceType: string;
    /** Graph collection under `/deviceAppManagement`. */
    readonly collection: string;
    /** The policy's `@odata.type`. */
    readonly odataType: string;
    /** How targeted apps are identified: one scheme per platform whose apps a policy can hold. */
    readonly appIds: readonly AppIdScheme[];
    /**
     * App groups, for types with `appGroupType`: the entry that holds the group, and the member
     * meaning "the apps listed in `apps`" (any other group's app list Intune fills itself).
     */
    readonly appGroups?: { readonly key: string; readonly selectedApps: string };
    /** Settings that name the custom dialer, messaging app and browser, for types that have them. */
    readonly customTargets?: {
        readonly dialer: string;
        readonly messaging: string;
        readonly browser: string;
    };
    /** Every writable Graph setting, keyed by Graph property name (the generated arguments). */
    readonly settings: SettingsCatalog;
    /** Everything a policy declares: the settings, `apps`, `assignments` and `adoptPolicyId`. */
    readonly entries: SettingsCatalog;
    /** Rules between declared values. */
    readonly rules: readonly Rule[];
}

/** A policy type description; `entries` is built from its settings and app id schemes. */
export function policyType<Name extends PolicyTypeName>(
    description: Omit<PolicyType<Name>, "entries">,
): PolicyType<Name> {
    return { ...description, entries: { ...description.settings, ...targetEntries(description) } };
}

/** The entries every type declares besides its settings: apps, assignments and the adoption option. */
function targetEntries({ appIds, appGroups }: Pick<PolicyType, "appIds" | "appGroups">): SettingsCatalog {
    return {
        [APPS]: setting(
            apps(appIds),
            "Apps > Selected apps",
            `The targeted apps${appGroups ? ` (implies ${appGroups.key} "${appGroups.selectedApps}")` : ""}; order does not matter.`,
            { default: [], channel: "targetApps", expanded: true },
        ),
        [ASSIGNMENTS]: setting(assignments(), "Assignments", "Include and exclude groups; {} removes every one.", {
            default: {},
            channel: "assign",
            expanded: true,
        }),
        [ADOPT_POLICY_ID]: setting(
            policyId(),
            "Adopt existing policy",
            "Take over the existing policy with this id instead of creating one.",
            { channel: "option" },
        ),
    };
}

/** Keys whose value Graph fills itself for these values (the app list of an app group): not ours to write or compare. */
export function serverFilledKeys(type: PolicyType, values: Readonly<Record<string, unknown>>): string[] {
    const group = type.appGroups && values[type.appGroups.key];
    return group !== undefined && group !== type.appGroups?.selectedApps ? [APPS] : [];
}

/**
 * Live policies no resource of this package can manage as they are, and why: the export leaves
 * them out with a line in its report rather than writing a resource that would manage only part
 * of the policy (and whose first `up` could not tell the rest apart).
 *
 * Two cases, both facts of docs/graph.md:
 * - selected apps of an identifier type the policy type does not take (a
 *   `targetedManagedAppConfiguration` for Microsoft Edge on Windows targets `windowsAppIdentifier`
 *   apps; `ManagedAppConfiguration` targets iOS and Android apps only, 10.1 and 10.4): the resource
 *   cannot even name those apps (an app group's list is Intune's to fill, so it does not count);
 * - a navigation property the provider leaves unmanaged that holds items: the Settings catalog
 *   `settings` of a managed-app configuration (10.4), which Graph returns only when expanded.
 */
import { APPS, serverFilledKeys, type PolicyType, type PolicyTypeName } from "../settings/policy-type";

/**
 * Navigation properties the export expands besides the type's own relationships, to see whether a
 * policy holds what no resource manages, with what they hold in words (docs/graph.md 10.4: `settings`
 * is a contained navigation property, returned only when expanded; that the list of
 * `targetedManagedAppConfigurations` takes `$expand=settings` is **inferred** from OData's rules for
 * contained navigation, not shown on its reference page; the emulator accepts the expansion and
 * holds no Settings catalog items).
 */
export const UNMANAGED_NAVIGATION: Readonly<Partial<Record<PolicyTypeName, Readonly<Record<string, string>>>>> = {
    appConfiguration: { settings: "Settings catalog settings" },
};

/** The `@odata.type` member of a `mobileAppIdentifier` type, without the namespace: `windowsAppIdentifier`. */
const identifierName = (odataType: string) => odataType.replace(/^#microsoft\.graph\./, "");

/** Why the resource of `type` cannot manage this live policy, or undefined when it can. */
export function unmanagedReason(type: PolicyType, graph: Readonly<Record<string, any>>): string | undefined {
    const taken = new Set(type.appIds.map((scheme) => scheme.odataType));
    const foreign = new Set<string>();
    // The app list of an app group is Intune's to fill, not the resource's to name.
    const named = !serverFilledKeys(type, { appGroupType: graph.appGroupType }).includes(APPS);
    for (const app of named && Array.isArray(graph.apps) ? graph.apps : []) {
        const odataType = app?.mobileAppIdentifier?.["@odata.type"];
        if (typeof odataType === "string" && !taken.has(odataType)) foreign.add(identifierName(odataType));
    }
    if (foreign.size) {
        const takes = type.appIds.map((scheme) => identifierName(scheme.odataType)).join(" and ");
        return `it targets apps identified by ${[...foreign].sort().join(", ")}, and ${type.resourceType} takes ${takes} apps only (docs/graph.md 10.4: manage it in the Intune admin center)`;
    }
    for (const [key, what] of Object.entries(UNMANAGED_NAVIGATION[type.name] ?? {})) {
        if (Array.isArray(graph[key]) && graph[key].length)
            return `it holds ${what} (${key}: ${graph[key].length}), which ${type.resourceType} does not manage (docs/graph.md 10.4: manage it in the Intune admin center)`;
    }
    return undefined;
}

/**
 * The arguments an exported resource declares for a live policy: `adoptPolicyId`, every
 * setting that differs from Graph's default (settings without a known default whenever
 * Graph reports them configured), the app group and apps, and the assignments.
 *
 * What is declared must pass `checkInputs` and, on adoption, send nothing: a live value the
 * provider cannot accept (such as a placeholder URL scheme), or one it would store
 * differently, is withheld (printed commented out with the reason), together with settings
 * whose rules need it.
 *
 * With group naming (`--group-names`), assignments name each group by display name where that
 * name resolves to the same group in this tenant; adoption then sends nothing either, because the
 * provider resolves the names to the ids Graph already holds.
 */
import { checkInputs, type CheckFailure } from "../engine/check";
import { changedKeys, policyChanges, sameValue } from "../engine/diff";
import { managedKeys, managedValuesFromGraph } from "../engine/state";
import { normalizeAssignments, type Assignments, type GroupTarget } from "../settings/assignments";
import { isWritten } from "../settings/channels";
import { policyTypes } from "../settings/platforms";
import { ADOPT_POLICY_ID, ASSIGNMENTS, serverFilledKeys, type PolicyType } from "../settings/policy-type";
import { channelOf } from "../settings/spec";
import type { GroupNaming, LivePolicy } from "./model";

/** A live value the program shows commented out, and why. */
export interface WithheldValue {
    key: string;
    value: unknown;
    reason: string;
}

/** Everything the program says about one policy. */
export interface PolicyPlan {
    platform: PolicyType;
    /** The declared arguments: exactly the object the program passes to the resource. */
    args: Record<string, unknown>;
    /** Live values that are not declared, in the order they were withheld. */
    withheld: WithheldValue[];
    /** Why check rejects `args` (only values that cannot be withheld, such as a blank `displayName`). */
    rejected: string[];
    /** What the first `up` would change in Intune (only values that cannot be withheld). */
    changes: string[];
}

/** Arguments that identify the policy; never withheld. */
const KEPT = new Set([ADOPT_POLICY_ID, "displayName"]);

/**
 * Whether an entry's live value goes into the program: the app group and the relationships (apps,
 * assignments: what the policy targets) always; a setting when it differs from its default, or has none.
 */
function worthDeclaring(platform: PolicyType, key: string, value: unknown): boolean {
    const spec = platform.entries[key];
    if (key === platform.appGroups?.key || spec.expanded) return true;
    return spec.default === undefined || !sameValue(spec.default, value);
}

/** Every candidate argument, before checking: each written entry Graph reports, and the policy's id to adopt. */
function candidates(platform: PolicyType, graph: Readonly<Record<string, any>>): Record<string, unknown> {
    // A setting Graph does not report is not declared; the relationships always are.
    const written = Object.keys(platform.entries).filter((key) => {
        const spec = platform.entries[key];
        return isWritten(channelOf(spec)) && (spec.expanded || key in graph);
    });
    const live = managedValuesFromGraph(platform, graph, written);
    // Apps are ours to declare only for "Selected apps"; for app groups Intune fills the list.
    const filled = serverFilledKeys(platform, live);
    const values: Record<string, unknown> = { [ADOPT_POLICY_ID]: String(graph.id) };
    for (const key of written) {
        if (live[key] !== undefined && !filled.includes(key) && worthDeclaring(platform, key, live[key]))
            values[key] = live[key];
    }
    return values;
}

const mentions = (text: string, key: string) => new RegExp(`\\b${key}\\b`).test(text);

/** A check failure's reason without the `key (label): ` it starts with. */
function bareReason(platform: PolicyType, failure: CheckFailure): string {
    const spec = platform.settings[failure.property];
    const prefix = spec ? `${failure.property} (${spec.label}): ` : `${failure.property}: `;
    return failure.reason.startsWith(prefix) ? failure.reason.slice(prefix.length) : failure.reason;
}

/** The declared keys a check failure is about, with the reason to give for each. */
function blameFailure(
    platform: PolicyType,
    failure: CheckFailure,
    declared: Record<string, unknown>,
): [string, string][] {
    if (failure.property in declared) {
        return [
            [
                failure.property,
                `Intune holds a value this provider does not accept: ${bareReason(platform, failure)}. Correct the value (here or in Intune), then uncomment it.`,
            ],
        ];
    }
    // A rule that needs a setting we could not declare: withhold the settings that need it.
    return Object.keys(declared)
        .filter((key) => key !== failure.property && mentions(failure.reason, key))
        .map((key) => [
            key,
            `It needs ${failure.property}, which is not declared (${failure.reason}). Uncomment both once ${failure.property} has a valid value.`,
        ]);
}

/** `target` naming its group by display name where `naming` allows. */
function namedTarget(target: GroupTarget, naming: GroupNaming): GroupTarget {
    const { groupId, ...filter } = typeof target === "string" ? { groupId: target } : target;
    const how = naming.get(String(groupId).toLowerCase());
    if (!how || !("name" in how)) return target;
    return { groupName: how.name, ...filter };
}

/** Plans the arguments for one live policy; `naming` writes assigned groups by name where it can. */
export function planPolicy(policy: LivePolicy, naming?: GroupNaming): PolicyPlan {
    const platform = policyTypes[policy.platform];
    const all = candidates(platform, policy.graph);
    const withheld = new Map<string, string>();
    const rejected: string[] = [];
    const changes: string[] = [];
    const declaredNow = () => Object.fromEntries(Object.entries(all).filter(([key]) => !withheld.has(key)));

    for (;;) {
        const declared = declaredNow();
        const { inputs, failures } = checkInputs(platform, declared);
        let blame: [string, string][];
        if (failures.length) {
            blame = failures.flatMap((failure) => blameFailure(platform, failure, declared));
        } else {
            // What adoption would compare: the live values of the declared settings.
            const live = managedValuesFromGraph(platform, policy.graph, managedKeys(platform, inputs));
            const changes = policyChanges(platform, live, inputs);
            blame = changedKeys(changes).map((key) => [
                key,
                `The provider would hold Intune's value as ${JSON.stringify(inputs[key])}, so declaring it would change the policy on adoption; declare it once you want that change.`,
            ]);
            if (!blame.length) break;
        }
        const fresh = blame.filter(([key]) => !KEPT.has(key) && !withheld.has(key));
        if (!fresh.length) {
            if (failures.length) rejected.push(...failures.map((f) => f.reason));
            else changes.push(...blame.map(([key, reason]) => `${key}: ${reason}`));
            break;
        }
        for (const [key, reason] of fresh) if (!withheld.has(key)) withheld.set(key, reason);
    }

    const args = declaredNow();
    if (naming && args[ASSIGNMENTS]) {
        const { include, exclude } = args[ASSIGNMENTS] as Assignments;
        args[ASSIGNMENTS] = normalizeAssignments({
            include: include?.map((target) => namedTarget(target, naming)),
            exclude: exclude?.map((target) => namedTarget(target, naming)),
        });
    }
    return {
        platform,
        args,
        withheld: [...withheld].map(([key, reason]) => ({ key, value: all[key], reason })),
        rejected: [...new Set(rejected)],
        changes: [...new Set(changes)],
    };
}

/** The arguments the program declares for a live policy (see {@link planPolicy}). */
export function policyArgs(policy: LivePolicy, naming?: GroupNaming): Record<string, unknown> {
    return planPolicy(policy, naming).args;
}

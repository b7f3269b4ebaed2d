/**
 * What `recover` does to a stack, decided from evidence alone: the engine's pending creates (the
 * resource's URN and inputs, recorded before the provider was asked to create it), the ownership
 * marker each create put on its policy (`marker.ts`), and the ids the stack tracks. A policy is
 * put under a resource only when it carries that resource's marker; nothing is matched by name.
 */
import { policyTypes } from "../settings/platforms";
import type { PolicyType } from "../settings/policy-type";
import { typeToken } from "../protocol/pulumi";
import { carriesMarker, markerLine, ownerOf, OWNER_KEY, parseOwner, type Owner } from "../engine/ownership";
import type { ExportedStack, PendingOperation, StateResource } from "./stack";

type Policy = Record<string, any>;

/** One step of the repair. */
export type Action =
    /** Record `policy` as the pending resource's policy (state only). */
    | { kind: "import"; urn: string; platform: PolicyType; policy: Policy; pending: PendingOperation }
    /** Delete a copy the same create made (Graph). */
    | { kind: "delete"; platform: PolicyType; policy: Policy; reason: string }
    /** Clear a pending create that made nothing, or that a later `up` finished (state only). */
    | { kind: "drop"; urn: string; pending: PendingOperation; reason: string }
    /** Something only a person can decide; nothing is done about it. */
    | { kind: "report"; text: string };

/** The platform of a resource type of this package, if it is one. */
export function platformOfType(type: string): PolicyType | undefined {
    return Object.values(policyTypes).find((p) => type === typeToken(p.resourceType));
}

/** A URN's resource name. */
const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** Oldest first. */
const byAge = (a: Policy, b: Policy) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime);

const describe = (p: Policy) => `${p.id} ("${p.displayName}", created ${p.createdDateTime})`;

/**
 * The repair of `stack` (its fully qualified name, `organization/project/stack`) given the
 * tenant's policies of each platform.
 */
export function planRecovery(stackName: string, exported: ExportedStack, tenant: Record<string, Policy[]>): Action[] {
    const resources = exported.deployment.resources ?? [];
    const pending = (exported.deployment.pending_operations ?? []).filter(
        (op) => op.type === "creating" && platformOfType(op.resource.type),
    );
    const tracked = new Map<string, StateResource>(); // by platform and resource name
    const trackedIds = new Set<string>();
    for (const r of resources) {
        const platform = platformOfType(r.type);
        if (!platform || !r.id) continue;
        tracked.set(`${platform.name}:${nameOf(r.urn)}`, r);
        trackedIds.add(r.id.toLowerCase());
    }
    const actions: Action[] = [];
    const handled = new Set<string>(); // policy ids an action already covers

    for (const op of pending) {
        const platform = platformOfType(op.resource.type)!;
        const urn = op.resource.urn;
        const owner = parseOwner(op.resource.inputs?.[OWNER_KEY]);
        const already = tracked.get(`${platform.name}:${nameOf(urn)}`);
        if (!owner) {
            actions.push({
                kind: "report",
                text: `${urn} was being created, but its inputs name no owner (state written by an older version), so no policy can be proved to be its own. Look for ${platform.title} ${platform.noun.many} named "${String(op.resource.inputs?.displayName)}": adopt the right one with adoptPolicyId, then run \`pulumi refresh\` and clear the pending create when it asks.`,
            });
            continue;
        }
        const own = (tenant[platform.name] ?? [])
            .filter((p) => carriesMarker(p.description, owner) && !trackedIds.has(String(p.id).toLowerCase()))
            .sort(byAge);
        own.forEach((p) => handled.add(String(p.id).toLowerCase()));
        if (already) {
            actions.push({
                kind: "drop",
                urn,
                pending: op,
                reason: `a later \`pulumi up\` created it (${already.id})`,
            });
            for (const copy of own) {
                actions.push({
                    kind: "delete",
                    platform,
                    policy: copy,
                    reason: `made by the interrupted create of ${nameOf(urn)}, which the stack tracks as ${already.id}`,
                });
            }
            continue;
        }
        const [keep, ...copies] = own;
        if (!keep) {
            actions.push({
                kind: "drop",
                urn,
                pending: op,
                reason: `Graph holds no policy carrying its marker ("${markerLine(owner)}"), so nothing was created; the next \`pulumi up\` creates it`,
            });
            continue;
        }
        actions.push({ kind: "import", urn, platform, policy: keep, pending: op });
        for (const copy of copies) {
            actions.push({
                kind: "delete",
                platform,
                policy: copy,
                reason: `a second copy made by the same interrupted create (${keep.id} is kept)`,
            });
        }
    }

    // Policies this stack's marker names that no pending create accounts for and the stack does not track.
    for (const platform of Object.values(policyTypes)) {
        for (const policy of tenant[platform.name] ?? []) {
            const owner = ownerOf(policy.description);
            const id = String(policy.id).toLowerCase();
            if (!owner || owner.stack !== stackName || handled.has(id) || trackedIds.has(id)) continue;
            const resource = tracked.get(`${platform.name}:${owner.resource}`);
            if (resource) {
                actions.push({
                    kind: "delete",
                    platform,
                    policy,
                    reason: `a copy made for ${owner.resource}, which the stack tracks as ${resource.id}`,
                });
            } else {
                actions.push({ kind: "report", text: untracked(platform, policy, owner) });
            }
        }
    }
    return actions;
}

function untracked(platform: PolicyType, policy: Policy, owner: Owner): string {
    return `${platform.title} ${platform.noun.one} ${describe(policy)} carries the marker of resource "${owner.resource}" of this stack, which neither tracks it nor is being created: if the program still declares that resource, adopt it there with adoptPolicyId: "${policy.id}"; otherwise delete it in the admin center.`;
}

/** One line per action, as the dry run shows them. */
export function describeAction(action: Action): string {
    switch (action.kind) {
        case "import":
            return `+ record ${describe(action.policy)} as ${action.urn} (it carries that resource's marker)`;
        case "delete":
            return `- delete ${action.platform.title} ${action.platform.noun.one} ${describe(action.policy)}: ${action.reason}`;
        case "drop":
            return `~ clear the interrupted create of ${action.urn}: ${action.reason}`;
        case "report":
            return `! ${action.text}`;
    }
}

/**
 * `adoptPolicyId` rules that need more than one resource's inputs: one policy is adopted by one
 * resource only, and a resource never switches to another policy in place.
 *
 * The engine runs one provider process per stack and checks every resource in it, so the ids
 * adopted so far are remembered here, with the resource that adopted each.
 */
import type { PolicyType } from "../settings/policy-type";
import { containsUnknown } from "../protocol/unknown";

/** Policy id (lower case) → the resource that adopts it, in this provider process. */
const adopters = new Map<string, string>();

const known = (value: unknown): value is string => typeof value === "string" && !containsUnknown(value);

/** The resource's name in messages (owner values are `org/project/stack\nresource`). */
const resourceName = (owner: string) => owner.split("\n").pop() ?? owner;

/**
 * Records that `owner` (a stable identity of the resource: stack and resource name) adopts
 * `policyId`; returns the reason to fail when another resource of the stack adopts it already.
 * Checking the same resource again is fine. Without an identity nothing is recorded.
 */
export function claimAdoption(platform: PolicyType, policyId: unknown, owner: unknown): string | undefined {
    if (!known(policyId) || !known(owner)) return undefined;
    const key = `${platform.name}:${policyId.toLowerCase()}`;
    const earlier = adopters.get(key);
    if (earlier === undefined) {
        adopters.set(key, owner);
        return undefined;
    }
    if (earlier === owner) return undefined;
    return (
        `adoptPolicyId: policy ${policyId} is already adopted by resource "${resourceName(earlier)}" of this stack; ` +
        `a policy can be managed by one resource only (otherwise the last writer wins): keep adoptPolicyId ${policyId} on one resource and remove it from the other`
    );
}

/**
 * The reason to fail when a resource that manages policy `currentId` declares `adoptPolicyId` of
 * another policy: Pulumi would keep managing `currentId` under the new id's name.
 */
export function adoptionSwitchProblem(
    platform: PolicyType,
    currentId: unknown,
    adoptPolicyId: unknown,
): string | undefined {
    if (!known(currentId) || !known(adoptPolicyId) || currentId.toLowerCase() === adoptPolicyId.toLowerCase())
        return undefined;
    return (
        `adoptPolicyId: this resource already manages ${platform.title} policy ${currentId} and cannot switch to ${adoptPolicyId} in place. ` +
        `To manage ${adoptPolicyId}, declare it on a resource with a new name (and remove this one, with the resource option retainOnDelete: true to keep ${currentId} in the tenant), ` +
        `or drop this resource from the stack first with \`pulumi state delete <urn>\` (the policy ${currentId} stays in the tenant) and run \`pulumi up\` again; ` +
        `or put adoptPolicyId back to ${currentId}`
    );
}

/** Forgets every adoption (tests that reuse one process for several stacks). */
export function resetAdoptions(): void {
    adopters.clear();
}

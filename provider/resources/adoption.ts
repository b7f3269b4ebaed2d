/**
 * Makes adoption visible in `pulumi preview` and `pulumi up`: the engine shows a policy taken over
 * with `adoptPolicyId` as `+ create` (Pulumi creates the resource, not the policy), so each such
 * policy also logs a message on the resource naming the policy it takes over.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyType } from "../settings/policy-type";

/**
 * Whether the resource's id is known. During preview a resource about to be created (here: about
 * to adopt) has an unknown id, one already in the stack its id. The SDK keeps this on every
 * Output (`isKnown`, not in its type declarations); without it every preview reports.
 */
function idIsKnown(resource: pulumi.CustomResource): Promise<boolean> {
    const isKnown = (resource.id as unknown as { isKnown?: unknown }).isKnown;
    return isKnown instanceof Promise ? isKnown : Promise.resolve(false);
}

/**
 * Logs the adoption on `resource`: in preview when the policy is about to be adopted ("adopts"),
 * in `up` once Graph's policy is the resource's ("manages ... adopted").
 */
export function reportAdoption(
    resource: pulumi.CustomResource,
    type: PolicyType,
    adoptPolicyId: pulumi.Input<string>,
): void {
    const policy = `${type.title} ${type.noun.one}`;
    if (pulumi.runtime.isDryRun()) {
        void idIsKnown(resource).then((known) => {
            if (known) return;
            pulumi
                .output(adoptPolicyId)
                .apply((id) =>
                    pulumi.log.info(
                        `adopts the existing ${policy} ${id} (adoptPolicyId): "create" takes that policy over and applies only what differs; no policy is created`,
                        resource,
                    ),
                );
        });
    } else {
        resource.id.apply((id) =>
            pulumi.log.info(
                `manages the existing ${policy} ${id}, adopted with adoptPolicyId (not created by Pulumi; add retainOnDelete: true to keep it on destroy)`,
                resource,
            ),
        );
    }
}

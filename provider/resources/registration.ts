/**
 * What the resource classes add to a policy's registration: the owner the create's marker names
 * (`engine/ownership.ts`), and the `import` resource option turned into `adoptPolicyId`.
 *
 * Pulumi's `import` cannot work for a dynamic resource as such: the engine reads the resource with
 * its id alone, and the Node.js dynamic provider host needs the provider text from the stored
 * properties, which an import has none of (it fails with "Cannot read properties of undefined
 * (reading 'toJavaScript')"). `import: id` is therefore taken as `adoptPolicyId: id`, which reads
 * the policy and applies only what differs from the declaration (often nothing).
 */
import * as pulumi from "@pulumi/pulumi";
import { OWNER_KEY, ownerValue } from "../engine/ownership";

/** The owner of a policy declared in this program: `organization/project/stack` and the resource name. */
function owner(name: string): string | undefined {
    let organization = "organization";
    try {
        organization = pulumi.getOrganization();
    } catch {
        // Engines that predate organizations in the program's settings: the diy backends' name.
    }
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    if (!project || !stack || name.includes("\n")) return undefined;
    return ownerValue(organization, project, stack, name);
}

/**
 * The args and options a policy is registered with. Throws (failing preview) when `import` and
 * `adoptPolicyId` name different policies.
 */
export function registration(
    resourceType: string,
    name: string,
    args: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions | undefined,
): { args: Record<string, unknown>; opts: pulumi.CustomResourceOptions | undefined } {
    const owned = { ...args, [OWNER_KEY]: owner(name) };
    if (opts?.import === undefined) return { args: owned, opts };
    const { import: id, ...rest } = opts;
    const adopt = args.adoptPolicyId;
    if (adopt !== undefined && !(typeof adopt === "string" && adopt === id)) {
        throw new pulumi.ResourceError(
            `${resourceType} "${name}": the import option (${JSON.stringify(id)}) and adoptPolicyId (${typeof adopt === "string" ? JSON.stringify(adopt) : "an output"}) must not both be given: Pulumi's import does not work for these resources, so import is taken as adoptPolicyId; keep adoptPolicyId only`,
            undefined,
        );
    }
    return { args: { ...owned, adoptPolicyId: id }, opts: rest };
}

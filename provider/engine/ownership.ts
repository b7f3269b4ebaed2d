/**
 * The ownership marker a create leaves on the policy: evidence, kept by Graph, that a policy was
 * made by one resource of one stack.
 *
 * Intune app protection policies have no free-form field but `description`, so the create POST
 * ends the description with one line naming the stack and the resource:
 *
 *     Managed by Pulumi (stack organization/intune/prod, resource sales-ios)
 *
 * Admins see that line in the admin center (Basics > Description), which also tells them where
 * the policy is managed. It costs no request: it travels in the create POST. Reads strip it, so
 * it never shows as drift of a declared description, and the next write of a declared
 * description drops it (it is only needed until the policy's id is in the stack's state). Every
 * POST of one create carries the same line, so the copies a lost answer left behind carry it too.
 *
 * The line is what the lost-create search and `recover` match on: a policy that carries another
 * stack's (or another resource's) line is never taken. Two stacks share a line only if their
 * organization, project, stack and resource names are all equal.
 */

/** Input key under which the resource classes pass the owner to the provider (never sent to Graph as a setting). */
export const OWNER_KEY = "__owner";

/** Longest description Graph stores. */
const DESCRIPTION_LIMIT = 1024;

const PREFIX = "Managed by Pulumi (stack ";
const LINE = /(?:^|\n\n)Managed by Pulumi \(stack ([^\n,]+), resource ([^\n]+)\)$/;

/** Who owns a policy: `organization/project/stack` and the resource's name. */
export interface Owner {
    stack: string;
    resource: string;
}

/** The owner value the resource classes put into a policy's inputs. */
export function ownerValue(organization: string, project: string, stack: string, resource: string): string {
    return `${organization}/${project}/${stack}\n${resource}`;
}

/** Parses an owner value; undefined when it is not one. */
export function parseOwner(value: unknown): Owner | undefined {
    if (typeof value !== "string") return undefined;
    const [stack, resource, ...rest] = value.split("\n");
    if (!stack || !resource || rest.length || stack.includes(",")) return undefined;
    return { stack, resource };
}

/** The marker line of an owner. */
export function markerLine(owner: Owner): string {
    return `${PREFIX}${owner.stack}, resource ${owner.resource})`;
}

/**
 * The description a create sends: the declared one (if any) followed by the marker line.
 * Undefined when the two do not fit Graph's limit, in which case the create goes without marker.
 */
export function markedDescription(owner: Owner, declared: unknown): string | undefined {
    const line = markerLine(owner);
    const text = typeof declared === "string" && declared !== "" ? `${declared}\n\n${line}` : line;
    return text.length <= DESCRIPTION_LIMIT ? text : undefined;
}

/** The owner named by a description's marker line, if it has one. */
export function ownerOf(description: unknown): Owner | undefined {
    if (typeof description !== "string") return undefined;
    const match = LINE.exec(description);
    return match ? { stack: match[1], resource: match[2] } : undefined;
}

/** Whether the description carries exactly this owner's marker. */
export function carriesMarker(description: unknown, owner: Owner): boolean {
    const found = ownerOf(description);
    return found !== undefined && found.stack === owner.stack && found.resource === owner.resource;
}

/** The description without a marker line: what the user declared (or Graph's empty description). */
export function withoutMarker(description: unknown): unknown {
    return typeof description === "string" ? description.replace(LINE, "") : description;
}

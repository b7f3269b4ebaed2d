/**
 * Group names in assignments: resolved to object ids in the tenant (read-only at preview, again
 * from the cache when a policy is created or updated), so one program can serve many tenants.
 * Zero or several groups with the name is an error naming the tenant.
 */
import type { GraphSession } from "../graph/session";
import { hasGroupNames, resolveGroupNames, type Assignments } from "../settings/assignments";
import { containsUnknown } from "../protocol/unknown";

/** Names already resolved in this provider process, per tenant. */
const resolved = new Map<string, Promise<string>>();

async function lookUp(session: GraphSession, name: string, side: string): Promise<string> {
    const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
    const groups = await session.listAll<{ id: string; displayName: string }>(
        `/groups?$filter=${filter}&$select=id,displayName`,
    );
    const exact = groups.filter((g) => g.displayName === name);
    const matches = exact.length ? exact : groups;
    if (matches.length === 1) return matches[0].id.toLowerCase();
    if (matches.length === 0) {
        throw new Error(
            `assignments.${side}: no group named "${name}" in tenant ${session.tenantId} (names are resolved per tenant; check the name, or use the group's object id)`,
        );
    }
    throw new Error(
        `assignments.${side}: ${matches.length} groups are named "${name}" in tenant ${session.tenantId} (${matches.map((g) => g.id).join(", ")}); use the object id of the one you mean`,
    );
}

/** The id of the group named `name`, looked up once per tenant and provider process. */
function groupId(session: GraphSession, name: string, side: string): Promise<string> {
    const key = `${session.tenantId}\u0000${name}`;
    let id = resolved.get(key);
    if (!id) {
        id = lookUp(session, name, side);
        id.catch(() => resolved.delete(key));
        resolved.set(key, id);
    }
    return id;
}

/** The assignments with group names replaced by object ids (unchanged when there are none). */
export async function withGroupIds(session: GraphSession, assignments: Assignments): Promise<Assignments> {
    if (!hasGroupNames(assignments)) return assignments;
    return resolveGroupNames(assignments, (name, side) => groupId(session, name, side));
}

/**
 * Resolves every group name that is already known (read-only; names not known until `up` are
 * left for then), so a name with no group or several groups fails before anything is written.
 * The ids stay cached for the create or update that follows.
 */
export async function checkGroupNames(session: GraphSession, assignments: Assignments): Promise<void> {
    const names = (["include", "exclude"] as const).flatMap((side) =>
        (assignments[side] ?? []).flatMap((target) =>
            typeof target !== "string" && typeof target.groupName === "string" && !containsUnknown(target.groupName)
                ? [{ name: target.groupName, side }]
                : [],
        ),
    );
    await Promise.all(names.map(({ name, side }) => groupId(session, name, side)));
}

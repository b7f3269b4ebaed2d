/**
 * Group names in assignments: resolved to object ids in the tenant when a policy is created or
 * updated, so one program can serve many tenants. Zero or several groups with the name is an error.
 */
import type { GraphSession } from "../graph/session";
import { hasGroupNames, resolveGroupNames, type Assignments } from "./targets";

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

/** The assignments with group names replaced by object ids (unchanged when there are none). */
export async function withGroupIds(session: GraphSession, assignments: Assignments): Promise<Assignments> {
    if (!hasGroupNames(assignments)) return assignments;
    return resolveGroupNames(assignments, (name, side) => {
        const key = `${session.tenantId}\u0000${name}`;
        let id = resolved.get(key);
        if (!id) {
            id = lookUp(session, name, side);
            id.catch(() => resolved.delete(key));
            resolved.set(key, id);
        }
        return id;
    });
}

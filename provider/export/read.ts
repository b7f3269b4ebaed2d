/**
 * Reads what the export needs from Graph: every policy of the chosen types with its apps and
 * assignments (following paging), and the display name of every assigned group.
 */
import { GraphRequestError, isNotFound } from "../graph/errors";
import type { GraphSession } from "../graph/session";
import { policyTypes } from "../settings/platforms";
import type { PolicyType, PolicyTypeName } from "../settings/policy-type";
import { assignmentsFromGraph } from "../settings/assignments";
import { collectionPath } from "../engine/requests";
import { expandQuery } from "../engine/state";
import type { GroupNames, GroupNaming, LivePolicy, SkippedPolicy } from "./model";
import { UNMANAGED_NAVIGATION, unmanagedReason } from "./unmanaged";

/** Progress of a tenant read. */
export type ReadProgress =
    /** `read` policies of the type `platform` so far; `total` when Graph said how many there are. */
    | { phase: "policies"; platform: PolicyTypeName; read: number; total?: number }
    /** `resolved` of `total` group names. */
    | { phase: "groups"; resolved: number; total: number }
    /** `checked` of `total` group names looked up to see whether they name exactly one group. */
    | { phase: "names"; checked: number; total: number };

/** Options of the readers. */
export interface ReadOptions {
    onProgress?: (progress: ReadProgress) => void;
    /** Something the user should know that does not stop the export. */
    onWarning?: (message: string) => void;
}

/** Group names requested at the same time. */
const GROUP_CONCURRENCY = 4;

interface Page {
    value?: Record<string, any>[];
    "@odata.nextLink"?: string;
    "@odata.count"?: number;
}

/**
 * `$expand` of the export's reads: the type's relationships, and the navigation properties that
 * tell a policy no resource can manage (`./unmanaged`).
 */
function exportExpand(type: PolicyType): string {
    return [expandQuery(type), ...Object.keys(UNMANAGED_NAVIGATION[type.name] ?? {})].join(",");
}

/** One policy as Graph answers the export's read; undefined when it no longer exists. */
async function readOne(session: GraphSession, type: PolicyType, id: string): Promise<LivePolicy["graph"] | undefined> {
    try {
        const path = `${collectionPath(type)}/${encodeURIComponent(id)}?${exportExpand(type)}`;
        return (await session.send<Record<string, any>>({ method: "GET", path })).body;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}

/** Every policy of one type, with apps and assignments, in Graph's order. */
export async function readPolicies<Name extends PolicyTypeName>(
    session: GraphSession,
    platform: Name,
    options: ReadOptions = {},
): Promise<LivePolicy<Name>[]> {
    const type = policyTypes[platform];
    const policies: LivePolicy<Name>[] = [];
    let total: number | undefined;
    let next: string | undefined = collectionPath(type, exportExpand(type));
    options.onProgress?.({ phase: "policies", platform, read: 0 });
    while (next) {
        const page: Page = (await session.send<Page>({ method: "GET", path: next })).body ?? {};
        if (typeof page["@odata.count"] === "number") total = page["@odata.count"];
        for (const item of page.value ?? []) {
            // A list entry without its expanded apps or assignments would export as "none": read it alone
            // (one deleted between the list and this read has nothing to export).
            const complete =
                Array.isArray(item.apps) && Array.isArray(item.assignments)
                    ? item
                    : await readOne(session, type, String(item.id));
            if (complete) policies.push({ platform, graph: complete });
        }
        options.onProgress?.({ phase: "policies", platform, read: policies.length, total });
        next = page["@odata.nextLink"];
    }
    return policies;
}

/** Lower-case ids of every group the policies are assigned to (include and exclude), sorted. */
export function assignedGroupIds(policies: readonly LivePolicy[]): string[] {
    const ids = new Set<string>();
    for (const policy of policies) {
        const { include = [], exclude = [] } = assignmentsFromGraph(policy.graph.assignments);
        for (const target of [...include, ...exclude])
            ids.add((typeof target === "string" ? target : target.groupId!).toLowerCase());
    }
    return [...ids].sort();
}

/**
 * Display names of the given groups, one `GET /groups/{id}` each. A group Graph does not find
 * maps to `null`. Without permission to read groups the names are left out (with a warning)
 * rather than failing the export.
 */
export async function readGroupNames(
    session: GraphSession,
    ids: readonly string[],
    options: ReadOptions = {},
): Promise<GroupNames> {
    const names = new Map<string, string | null>();
    let resolved = 0;
    let denied: GraphRequestError | undefined;
    const queue = [...ids];
    options.onProgress?.({ phase: "groups", resolved, total: ids.length });

    async function worker(): Promise<void> {
        for (let id = queue.shift(); id !== undefined && !denied; id = queue.shift()) {
            try {
                const response = await session.send<{ displayName?: string | null }>({
                    method: "GET",
                    path: `/groups/${encodeURIComponent(id)}?$select=id,displayName`,
                });
                names.set(id, response.body?.displayName ?? "");
            } catch (err) {
                if (isNotFound(err)) names.set(id, null);
                else if (err instanceof GraphRequestError && err.status === 403) denied ??= err;
                else throw err;
            }
            resolved++;
            options.onProgress?.({ phase: "groups", resolved, total: ids.length });
        }
    }
    await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, ids.length) }, worker));

    if (denied) {
        options.onWarning?.(
            `could not read group names (Microsoft Graph answered ${denied.status ?? "with an error"}${denied.code ? ` ${denied.code}` : ""} on GET /groups/{id}); ` +
                `assignments are exported without them. Grant the app the Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All) to see group names.`,
        );
        names.clear();
    }
    return names;
}

/**
 * How `--group-names` can write each group of `names`: by display name when the provider, resolving
 * that name in this tenant as it does at `up` (provider/engine/groups.ts: the groups Graph finds
 * with `displayName eq '…'`, those with exactly that name when there are any), finds exactly this
 * group; otherwise by id, with the reason. One read per distinct name; nothing is written.
 */
export async function readGroupNaming(
    session: GraphSession,
    names: GroupNames,
    options: ReadOptions = {},
): Promise<GroupNaming> {
    const naming = new Map<string, { name: string } | { kept: string }>();
    const byName = new Map<string, string[]>();
    for (const [id, name] of names) {
        if (name === null) naming.set(id, { kept: "group not found in this tenant" });
        else if (name === "") naming.set(id, { kept: "the group has no display name" });
        else byName.set(name, [...(byName.get(name) ?? []), id]);
    }
    const queue = [...byName.keys()];
    const total = queue.length;
    let checked = 0;
    let denied: GraphRequestError | undefined;
    options.onProgress?.({ phase: "names", checked, total });

    async function worker(): Promise<void> {
        for (let name = queue.shift(); name !== undefined && !denied; name = queue.shift()) {
            let found: { id: string; displayName: string }[];
            try {
                const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
                found = await session.listAll<{ id: string; displayName: string }>(
                    `/groups?$filter=${filter}&$select=id,displayName`,
                );
            } catch (err) {
                if (err instanceof GraphRequestError && err.status === 403) {
                    denied ??= err;
                    return;
                }
                throw err;
            }
            const exact = found.filter((group) => group.displayName === name);
            const matches = exact.length ? exact : found;
            for (const id of byName.get(name)!) {
                if (matches.length === 1 && matches[0].id.toLowerCase() === id) naming.set(id, { name });
                else if (matches.length > 1)
                    naming.set(id, {
                        kept: `${matches.length} groups in this tenant are named ${JSON.stringify(name)}`,
                    });
                else naming.set(id, { kept: `the name ${JSON.stringify(name)} does not resolve to this group` });
            }
            checked++;
            options.onProgress?.({ phase: "names", checked, total });
        }
    }
    await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, total) }, worker));

    if (denied) {
        options.onWarning?.(
            `could not look groups up by name (Microsoft Graph answered ${denied.status}${denied.code ? ` ${denied.code}` : ""} on GET /groups?$filter=…); ` +
                `assignments are exported by group id. Grant the app the Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All) for --group-names.`,
        );
        for (const name of byName.keys())
            for (const id of byName.get(name)!) naming.set(id, { kept: "groups could not be looked up by name" });
    }
    return naming;
}

/** Options of {@link readTenant}. */
export interface TenantReadOptions extends ReadOptions {
    /** Also find which groups can be written by name (`--group-names`). */
    groupNaming?: boolean;
}

/** What {@link readTenant} found. */
export interface TenantRead {
    /** The policies the program declares. */
    policies: LivePolicy[];
    /** Policies no resource can manage as they are (`./unmanaged`), left out of the program. */
    skipped: SkippedPolicy[];
    groupNames: GroupNames;
    groupNaming?: GroupNaming;
}

/**
 * Reads the policies of the given types, the names of their groups and, when asked, how to name
 * them; sets apart the policies no resource can manage.
 */
export async function readTenant(
    session: GraphSession,
    typeNames: readonly PolicyTypeName[],
    options: TenantReadOptions = {},
): Promise<TenantRead> {
    const policies: LivePolicy[] = [];
    const skipped: SkippedPolicy[] = [];
    for (const typeName of typeNames) {
        for (const policy of await readPolicies(session, typeName, options)) {
            const reason = unmanagedReason(policyTypes[typeName], policy.graph);
            if (reason === undefined) policies.push(policy);
            else skipped.push({ ...policy, reason });
        }
    }
    const ids = assignedGroupIds(policies);
    const groupNames = await readGroupNames(session, ids, options);
    if (!options.groupNaming) return { policies, skipped, groupNames };
    const unread = ids.filter((id) => !groupNames.has(id));
    const groupNaming = new Map(await readGroupNaming(session, groupNames, options));
    for (const id of unread) groupNaming.set(id, { kept: "its name could not be read" });
    return { policies, skipped, groupNames, groupNaming };
}

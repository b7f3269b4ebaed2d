/**
 * The `assignments` a policy declares: include and exclude groups, each an object id or a display
 * name, with an optional assignment filter. Validation, canonical form and Graph's
 * `targetedManagedAppPolicyAssignment` shape, as a value kind.
 */
import { containsUnknown, UNKNOWN } from "../protocol/unknown";
import type { ValueKind } from "./kinds";
import { shown as q } from "./shown";

/** A group target by object id or display name, with an optional assignment filter (canonical form). */
export interface GroupTargetObject {
    /** Object id of the group (exactly one of groupId and groupName). */
    groupId?: string;
    /** Display name of the group, resolved in the tenant when the policy is created or updated. */
    groupName?: string;
    /** Id of a "managed apps" assignment filter. */
    filterId?: string;
    /** Whether the filter includes or excludes matching apps. */
    filterType?: "include" | "exclude";
}

/** A group target as users may write it: an object id, or an object with a filter. */
export type GroupTarget = string | GroupTargetObject;

/** Include and exclude groups (canonical form: sorted by group id, plain ids where no filter). */
export interface Assignments {
    include?: GroupTarget[];
    exclude?: GroupTarget[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key a target is sorted and de-duplicated by: its id, or its name. */
const targetKey = (target: GroupTarget) =>
    typeof target === "string"
        ? target.toLowerCase()
        : target.groupId !== undefined
          ? String(target.groupId).toLowerCase()
          : `name:${String(target.groupName).toLowerCase()}`;

/** Problems with the `assignments` argument. */
function assignmentsProblem(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return "must be an object { include?: [...group ids], exclude?: [...group ids] }";
    }
    const extra = Object.keys(value).filter((k) => k !== "include" && k !== "exclude");
    if (extra.length) {
        return `has ${q(extra[0])}, but app protection policies can only be assigned to include and exclude groups (Graph rejects all-users and all-devices targets); allowed keys: include, exclude`;
    }
    const seen = new Map<string, string>();
    for (const side of ["include", "exclude"] as const) {
        const list = (value as Record<string, unknown>)[side];
        if (list === undefined || list === UNKNOWN) continue;
        if (!Array.isArray(list)) return `${side} must be a list of group object ids`;
        for (const [index, target] of list.entries()) {
            const problem = targetProblem(target);
            if (problem) return `${side}[${index}] ${problem}`;
            // Intune applies assignment filters to included groups only (the admin center offers no
            // filter on an excluded group; see the emulator's `exclusionFilters` fidelity switch).
            if (
                side === "exclude" &&
                typeof target === "object" &&
                (target as GroupTargetObject).filterId !== undefined
            )
                return `exclude[${index}] has an assignment filter, but Intune applies filters to included groups only; remove filterId and filterType from the excluded group`;
            if (containsUnknown(target)) continue;
            const key = targetKey(target as GroupTarget);
            const earlier = seen.get(key);
            const named = key.startsWith("name:") ? (target as GroupTargetObject).groupName : key;
            if (earlier)
                return `group ${q(named)} is listed ${earlier === side ? `twice in ${side}` : "in both include and exclude"}`;
            seen.set(key, side);
        }
    }
    return undefined;
}

function targetProblem(target: unknown): string | undefined {
    if (target === UNKNOWN) return undefined;
    if (typeof target === "string")
        return GUID.test(target) ? undefined : `(${q(target)}) is not a group object id (a GUID)`;
    if (typeof target !== "object" || target === null || Array.isArray(target)) {
        return `(${q(target)}) must be a group object id or { groupId | groupName, filterId?, filterType? }`;
    }
    const record = target as Record<string, unknown>;
    const extra = Object.keys(record).filter((k) => !["groupId", "groupName", "filterId", "filterType"].includes(k));
    if (extra.length) return `has unknown field ${q(extra[0])} (allowed: groupId, groupName, filterId, filterType)`;
    if ((record.groupId === undefined) === (record.groupName === undefined))
        return "needs exactly one of groupId and groupName";
    if (
        record.groupId !== undefined &&
        record.groupId !== UNKNOWN &&
        (typeof record.groupId !== "string" || !GUID.test(record.groupId))
    ) {
        return `groupId ${q(record.groupId)} is not a group object id (a GUID)`;
    }
    if (
        record.groupName !== undefined &&
        record.groupName !== UNKNOWN &&
        (typeof record.groupName !== "string" || !record.groupName.trim())
    ) {
        return `groupName ${q(record.groupName)} must be a group's display name (non-empty text)`;
    }
    if (
        record.filterId !== undefined &&
        record.filterId !== UNKNOWN &&
        (typeof record.filterId !== "string" || !GUID.test(record.filterId))
    ) {
        return `filterId ${q(record.filterId)} is not an assignment filter id (a GUID)`;
    }
    if (record.filterType !== undefined && record.filterType !== "include" && record.filterType !== "exclude") {
        return `filterType ${q(record.filterType)} must be "include" or "exclude"`;
    }
    if ((record.filterId === undefined) !== (record.filterType === undefined))
        return "needs both filterId and filterType, or neither";
    return undefined;
}

function normalizeTarget(target: GroupTarget): GroupTarget {
    if (typeof target === "string") return target.toLowerCase();
    const filter = target.filterId ? { filterId: target.filterId.toLowerCase(), filterType: target.filterType } : {};
    if (target.groupName !== undefined) return { groupName: target.groupName, ...filter };
    const groupId = target.groupId!.toLowerCase();
    return target.filterId ? { groupId, ...filter } : groupId;
}

/** Canonical assignments: lower-case ids sorted, empty sides dropped. */
export function normalizeAssignments(value: Assignments): Assignments {
    const result: Assignments = {};
    for (const side of ["include", "exclude"] as const) {
        const list = value[side];
        if (!list?.length) continue;
        result[side] = list.map(normalizeTarget).sort((a, b) => (targetKey(a) < targetKey(b) ? -1 : 1));
    }
    return result;
}

const TARGET_TYPES = {
    include: "#microsoft.graph.groupAssignmentTarget",
    exclude: "#microsoft.graph.exclusionGroupAssignmentTarget",
} as const;

/** True when some target names a group by display name. */
export function hasGroupNames(value: Assignments): boolean {
    return [...(value.include ?? []), ...(value.exclude ?? [])].some(
        (t) => typeof t !== "string" && t.groupName !== undefined,
    );
}

/** The assignments with every group name replaced by the id `resolve` finds (canonical form). */
export async function resolveGroupNames(
    value: Assignments,
    resolve: (name: string, side: "include" | "exclude") => Promise<string>,
): Promise<Assignments> {
    const result: Assignments = {};
    for (const side of ["include", "exclude"] as const) {
        const list = value[side];
        if (!list) continue;
        result[side] = await Promise.all(
            list.map(async (target) => {
                if (typeof target === "string" || target.groupName === undefined) return target;
                const { groupName, ...rest } = target;
                return { ...rest, groupId: await resolve(groupName, side) };
            }),
        );
    }
    return normalizeAssignments(result);
}

/** Graph `targetedManagedAppPolicyAssignment` bodies (group names must be resolved first). */
export function assignmentsToGraph(value: Assignments): unknown[] {
    return (["include", "exclude"] as const).flatMap((side) =>
        (value[side] ?? []).map((target) => {
            const t = typeof target === "string" ? { groupId: target } : target;
            return {
                target: {
                    "@odata.type": TARGET_TYPES[side],
                    groupId: t.groupId,
                    ...(t.filterId
                        ? {
                              deviceAndAppManagementAssignmentFilterId: t.filterId,
                              deviceAndAppManagementAssignmentFilterType: t.filterType,
                          }
                        : {}),
                },
            };
        }),
    );
}

/** Canonical assignments from Graph's `assignments`. */
export function assignmentsFromGraph(assignments: unknown): Assignments {
    const result: Required<Assignments> = { include: [], exclude: [] };
    for (const assignment of Array.isArray(assignments) ? assignments : []) {
        const target = assignment?.target ?? {};
        const type = String(target["@odata.type"] ?? "").replace(/^#/, "");
        const side =
            type === "microsoft.graph.exclusionGroupAssignmentTarget"
                ? "exclude"
                : type === "microsoft.graph.groupAssignmentTarget"
                  ? "include"
                  : undefined;
        if (!side || typeof target.groupId !== "string") continue;
        const filterType = target.deviceAndAppManagementAssignmentFilterType;
        const filtered = target.deviceAndAppManagementAssignmentFilterId && filterType && filterType !== "none";
        result[side].push(
            filtered
                ? { groupId: target.groupId, filterId: target.deviceAndAppManagementAssignmentFilterId, filterType }
                : target.groupId,
        );
    }
    return normalizeAssignments(result);
}

/**
 * The assignments kind. Parts not known yet at preview (a group id from a resource still to be
 * created) pass; the known parts are checked.
 */
export function assignments(): ValueKind<Assignments> {
    return {
        shape: { type: "assignments" },
        checksPartlyKnown: true,
        tsType: "{ include?: GroupTarget[]; exclude?: GroupTarget[] }",
        allowed:
            "an object { include?: [...groups], exclude?: [...groups] } where a group is an object id or { groupId | groupName, filterId?, filterType? }",
        problem: (value) => (value === UNKNOWN ? undefined : assignmentsProblem(value)),
        normalize: normalizeAssignments,
        toGraph: assignmentsToGraph,
        fromGraph: assignmentsFromGraph,
    };
}

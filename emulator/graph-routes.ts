/**
 * Routing of Graph paths (`/beta/…`, `/v1.0/…`) to an operation, without side effects.
 * Accepts key-as-segment (`…/iosManagedAppProtections/T_x`) and key-in-parentheses
 * (`…/iosManagedAppProtections('T_x')`), the three set forms for actions (derived sets and
 * `managedAppPolicies`), and namespace-qualified action names (`microsoft.graph.assign`).
 */
import type { RequestKind } from "./request-log";
import { BASE_SET, POLICY_SETS, PolicySetName } from "./spec-facts";

/** A policy set or the polymorphic base set. */
export type SetName = PolicySetName | typeof BASE_SET.entitySet;

/** A routed request. `error` is set when the path cannot be routed (answered after auth). */
export interface Route {
    kind: RequestKind;
    version?: "beta" | "v1.0";
    set?: SetName;
    id?: string;
    /** Sub-resource id (`apps/{id}`, `assignments/{id}`). */
    subId?: string;
    groupId?: string;
    /** Intune endpoint (licence check applies). */
    intune: boolean;
    error?: { status: number; code: string; message: string };
}

const SETS = new Set<string>([...POLICY_SETS.map((p) => p.entitySet), BASE_SET.entitySet]);

interface Segment {
    name: string;
    key?: string;
}

/** Splits `a/b('k')/c` into segments; a malformed key yields undefined. */
function segments(path: string): Segment[] | undefined {
    const out: Segment[] = [];
    for (const raw of path.split("/").filter(Boolean)) {
        const s = decodeURIComponent(raw);
        const m = /^([^(]+)\((.*)\)$/.exec(s);
        if (!m) {
            out.push({ name: s });
            continue;
        }
        const k = m[2].trim();
        if (!/^'(?:[^']|'')*'$/.test(k)) return undefined;
        out.push({ name: m[1] }, { name: k.slice(1, -1).replace(/''/g, "'"), key: "paren" });
    }
    return out;
}

const notFound = (segment: string): Route["error"] => ({
    status: 400,
    code: "BadRequest",
    message: `Resource not found for the segment '${segment}'.`,
});

const action = (s: string | undefined): string | undefined => s?.replace(/^microsoft\.graph\./, "");

/** Maps method + path to a route. */
export function route(method: string, path: string): Route {
    const segs = segments(path);
    if (!segs)
        return {
            kind: "other",
            intune: false,
            error: { status: 400, code: "BadRequest", message: "Bad Request - Error in query syntax." },
        };
    const [ver, ...rest] = segs;
    if (!ver || (ver.name !== "beta" && ver.name !== "v1.0")) {
        return {
            kind: "other",
            intune: false,
            error: { status: 400, code: "BadRequest", message: `Invalid version: ${ver?.name ?? ""}` },
        };
    }
    const version = ver.name as "beta" | "v1.0";
    const r = (x: Partial<Route> & { kind: RequestKind }): Route => ({ version, intune: false, ...x });
    if (rest.length === 0) return r({ kind: "other", error: notFound("") });
    const [first, ...tail] = rest;

    if (first.name === "$batch" && tail.length === 0) return r({ kind: "batch" });

    if (first.name === "groups") {
        if (tail.length === 0) return r({ kind: "groups" });
        if (tail.length === 1) return r({ kind: "groups", groupId: tail[0].name });
        return r({ kind: "groups", error: notFound(tail[1].name) });
    }

    if (first.name !== "deviceAppManagement") return r({ kind: "other", error: notFound(first.name) });
    if (tail.length === 0) return r({ kind: "other", intune: true });
    const [setSeg, idSeg, sub, subId, extra] = tail;
    if (!SETS.has(setSeg.name)) return r({ kind: "other", intune: true, error: notFound(setSeg.name) });
    const set = setSeg.name as SetName;
    if (!idSeg) return r({ kind: method === "POST" ? "create" : "list", intune: true, set });
    const id = idSeg.name;
    if (!sub) {
        const kind: RequestKind = method === "PATCH" ? "update" : method === "DELETE" ? "delete" : "get";
        return r({ kind, intune: true, set, id });
    }
    const subName = action(sub.name);
    if (extra) return r({ kind: "other", intune: true, set, id, error: notFound(extra.name) });
    switch (subName) {
        case "targetApps":
        case "assign":
            if (subId) return r({ kind: subName, intune: true, set, id, error: notFound(subId.name) });
            return r({ kind: subName, intune: true, set, id });
        case "apps":
        case "assignments":
            return r({ kind: subName, intune: true, set, id, subId: subId?.name });
        case "deploymentSummary":
            if (subId) return r({ kind: "deploymentSummary", intune: true, set, id, error: notFound(subId.name) });
            return r({ kind: "deploymentSummary", intune: true, set, id });
        default:
            return r({ kind: "other", intune: true, set, id, error: notFound(sub.name) });
    }
}

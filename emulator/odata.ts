/**
 * The OData query options the emulator honours: `$select`, `$expand`, `$filter` (a small subset),
 * `$top`, `$skiptoken`, `$count`, `$orderby` (displayName / createdDateTime / lastModifiedDateTime).
 */
import { errors } from "./errors";
import { INTERNAL_NAMESPACE } from "./spec-facts";
import { graphTypeName } from "./validation";

/** Parsed query options. */
export interface QueryOptions {
    select?: string[];
    expand?: string[];
    filter?: FilterClause[];
    top?: number;
    skip: number;
    count: boolean;
    orderby?: { prop: string; desc: boolean };
}

/** One `and`-ed filter clause. */
export type FilterClause =
    | { op: "eq"; prop: string; value: string }
    | { op: "startswith"; prop: string; value: string }
    | { op: "isof"; type: string };

const SUPPORTED = new Set(["$select", "$expand", "$filter", "$top", "$skiptoken", "$count", "$orderby", "$skip"]);

/** Splits `a and b` outside quoted strings. */
function splitAnd(s: string): string[] {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === "'") quoted = !quoted;
        if (!quoted && /^\s+and\s+/i.test(s.slice(i)) && cur.trim()) {
            const m = /^\s+and\s+/i.exec(s.slice(i))!;
            out.push(cur.trim());
            cur = "";
            i += m[0].length - 1;
            continue;
        }
        cur += c;
    }
    if (cur.trim()) out.push(cur.trim());
    return out;
}

const unquote = (s: string): string => s.slice(1, -1).replace(/''/g, "'");

function parseFilter(raw: string): FilterClause[] {
    return splitAnd(raw).map((clause) => {
        let m = /^(\w+)\s+eq\s+('(?:[^']|'')*')$/i.exec(clause);
        if (m) return { op: "eq", prop: m[1], value: unquote(m[2]) };
        m = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(clause);
        if (m) return { op: "startswith", prop: m[1], value: unquote(m[2]) };
        m = /^isof\(\s*'([^']+)'\s*\)$/i.exec(clause);
        if (m) {
            const type = graphTypeName(m[1]);
            if (!type) throw errors.badRequest(`Invalid filter clause: unknown type '${m[1]}'.`);
            return { op: "isof", type };
        }
        throw errors.badRequest(
            `Invalid filter clause: '${clause}' is not supported by the emulator (eq, startswith, isof, and).`,
        );
    });
}

const list = (s: string): string[] =>
    s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);

/** Parses the query string; rejects unknown `$` options. */
export function parseQuery(q: URLSearchParams): QueryOptions {
    for (const k of q.keys()) {
        if (k.startsWith("$") && !SUPPORTED.has(k))
            throw errors.badRequest(`The query parameter '${k}' is not supported.`);
    }
    const out: QueryOptions = { skip: 0, count: false };
    const select = q.get("$select");
    if (select !== null) out.select = list(select);
    const expand = q.get("$expand");
    if (expand !== null) out.expand = list(expand).map((e) => e.replace(/\(.*\)$/, ""));
    const filter = q.get("$filter");
    if (filter !== null) out.filter = parseFilter(filter);
    const top = q.get("$top");
    if (top !== null) {
        if (!/^\d+$/.test(top)) throw errors.badRequest(`Invalid value '${top}' for $top query option found.`);
        out.top = Number(top);
    }
    const skip = q.get("$skiptoken") ?? q.get("$skip");
    if (skip !== null) {
        if (!/^\d+$/.test(skip)) throw errors.badRequest(`Invalid $skiptoken '${skip}'.`);
        out.skip = Number(skip);
    }
    out.count = (q.get("$count") ?? "").toLowerCase() === "true";
    const orderby = q.get("$orderby");
    if (orderby !== null) {
        const m = /^(\w+)(?:\s+(asc|desc))?$/i.exec(orderby.trim());
        if (!m) throw errors.badRequest(`Invalid $orderby '${orderby}'.`);
        out.orderby = { prop: m[1], desc: (m[2] ?? "").toLowerCase() === "desc" };
    }
    return out;
}

/** Rejects `$select`/`$expand`/`$filter`/`$orderby` names that are not properties of the type. */
export function checkNames(
    opts: QueryOptions,
    typeName: string,
    structural: (n: string) => boolean,
    navigation: (n: string) => boolean,
): void {
    const notFound = (n: string) =>
        errors.badRequest(`Could not find a property named '${n}' on type '${INTERNAL_NAMESPACE}.${typeName}'.`);
    for (const s of opts.select ?? []) if (s !== "*" && !structural(s) && !navigation(s)) throw notFound(s);
    for (const e of opts.expand ?? []) if (e !== "*" && !navigation(e)) throw notFound(e);
    for (const f of opts.filter ?? []) if (f.op !== "isof" && !structural(f.prop)) throw notFound(f.prop);
    if (opts.orderby && !structural(opts.orderby.prop)) throw notFound(opts.orderby.prop);
}

/** True when an item matches every filter clause. `typeOf` returns the item's OData type name. */
export function matches(
    item: Record<string, unknown>,
    filter: FilterClause[] | undefined,
    isOfType: (t: string) => boolean,
): boolean {
    for (const f of filter ?? []) {
        if (f.op === "isof") {
            if (!isOfType(f.type)) return false;
        } else {
            const v = item[f.prop];
            if (typeof v !== "string") return false;
            // Graph string comparisons in $filter are case-insensitive
            if (f.op === "eq" && v.toLowerCase() !== f.value.toLowerCase()) return false;
            if (f.op === "startswith" && !v.toLowerCase().startsWith(f.value.toLowerCase())) return false;
        }
    }
    return true;
}

/**
 * The shape of a JSON answer (keys and value types) and the differences between two shapes:
 * what the emulator fidelity test compares, since values (ids, times, versions) differ run to run.
 */

type Json = unknown;

/** Keys whose presence depends on how much the tenant holds, not on the model (paging). */
const DATA_DEPENDENT_KEYS = new Set(["@odata.nextLink", "@odata.count"]);

const kindOf = (value: Json): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** All items of an array merged into one representative (keys of every item; first non-null value). */
function representative(items: Json[]): Json {
    const present = items.filter((item) => item !== null);
    if (!present.length) return null;
    if (present.every((item) => kindOf(item) === "object")) {
        const merged: Record<string, Json> = {};
        for (const item of present as Record<string, Json>[])
            for (const [key, value] of Object.entries(item))
                if (merged[key] === undefined || merged[key] === null) merged[key] = value;
        return merged;
    }
    return present[0];
}

/**
 * Where `actual` does not have the shape of `expected`, as `$.path: what` lines. `null` matches
 * any type (Graph's properties are nullable, and null-ness depends on data, not on the model);
 * arrays compare the merged shape of their items; paging keys may come and go.
 */
export function shapeDifferences(expected: Json, actual: Json, at = "$"): string[] {
    if (expected === undefined || actual === undefined) {
        if (expected === actual) return [];
        return [
            `${at}: ${expected === undefined ? "answered with a body, none recorded" : "body recorded, none answered"}`,
        ];
    }
    if (expected === null || actual === null) return [];
    const kinds = [kindOf(expected), kindOf(actual)];
    if (kinds[0] !== kinds[1]) return [`${at}: recorded ${kinds[0]}, answered ${kinds[1]}`];
    if (kinds[0] === "array") {
        const [e, a] = [representative(expected as Json[]), representative(actual as Json[])];
        if (e === null || a === null) return [];
        return shapeDifferences(e, a, `${at}[]`);
    }
    if (kinds[0] !== "object") return [];
    const [e, a] = [expected as Record<string, Json>, actual as Record<string, Json>];
    const out: string[] = [];
    for (const key of Object.keys(e)) {
        if (DATA_DEPENDENT_KEYS.has(key)) continue;
        if (!(key in a)) out.push(`${at}.${key}: recorded, missing in the answer`);
        else out.push(...shapeDifferences(e[key], a[key], `${at}.${key}`));
    }
    for (const key of Object.keys(a))
        if (!(key in e) && !DATA_DEPENDENT_KEYS.has(key)) out.push(`${at}.${key}: in the answer, not recorded`);
    return out;
}

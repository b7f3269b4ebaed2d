/**
 * The `apps` a policy targets, as a value kind over the policy type's app id schemes: how Graph
 * identifies an app of a platform (`mobileAppIdentifier` subtype and its id field). A type with
 * one scheme takes a list of ids; a type whose policies hold apps of several platforms takes
 * one list per scheme (`{ ios: [...], android: [...] }`).
 */
import { UNKNOWN } from "../protocol/unknown";
import type { TextFormat, ValueKind } from "./kinds";
import { shown as quote } from "./shown";

/** How Graph identifies the apps of one platform. */
export interface AppIdScheme {
    /** The scheme's name, and its key in the `apps` of a type with several schemes. */
    readonly key: string;
    /** `@odata.type` of the `mobileAppIdentifier`. */
    readonly odataType: string;
    /** Field of the `mobileAppIdentifier` that holds the id. */
    readonly idField: string;
    /** What an id looks like. */
    readonly format: TextFormat;
}

/** An app id list's problem under one scheme, or undefined. Items not known yet (preview) pass. */
function listProblem(apps: unknown, scheme: AppIdScheme, where = ""): string | undefined {
    const each = scheme.format.allowed;
    if (!Array.isArray(apps)) return `must be ${listAllowed(scheme)}${where}`;
    for (const [index, app] of apps.entries()) {
        if (app === UNKNOWN) continue;
        if (typeof app !== "string" || !scheme.format.pattern.test(app))
            return `item ${index}${where} (${quote(app)}) is not ${each}`;
    }
    return undefined;
}

/** What a list of ids of one scheme must be, in words. */
const listAllowed = (scheme: AppIdScheme) => `a list of app ids, each ${scheme.format.allowed}`;

/** Sorted, de-duplicated app ids. */
const normalizeIds = (apps: readonly string[]): string[] => [...new Set(apps)].sort();

/** Graph `managedMobileApp` bodies for the ids of one scheme. */
const idsToGraph = (ids: readonly string[], scheme: AppIdScheme): unknown[] =>
    ids.map((id) => ({ mobileAppIdentifier: { "@odata.type": scheme.odataType, [scheme.idField]: id } }));

/** The ids of one scheme among Graph's `apps`. */
function idsFromGraph(apps: unknown, scheme: AppIdScheme, only: boolean): string[] {
    if (!Array.isArray(apps)) return [];
    return normalizeIds(
        apps
            .map((app) => app?.mobileAppIdentifier)
            .filter((identifier) => only || identifier?.["@odata.type"] === scheme.odataType)
            .map((identifier) => identifier?.[scheme.idField])
            .filter((id): id is string => typeof id === "string"),
    );
}

/** The apps kind of a type whose apps are all of one scheme: a list of ids. */
function appList(scheme: AppIdScheme): ValueKind<string[]> {
    return {
        shape: { type: "apps", schemes: [scheme] },
        checksPartlyKnown: true,
        tsType: "string[]",
        tsInputType: "pulumi.Input<string>[]",
        allowed: listAllowed(scheme),
        problem: (value) => listProblem(value, scheme),
        normalize: normalizeIds,
        toGraph: (value) => idsToGraph(value, scheme),
        fromGraph: (value) => idsFromGraph(value, scheme, true),
    };
}

/** The apps kind of a type whose policies hold apps of several schemes: one list per scheme. */
function appLists(schemes: readonly AppIdScheme[]): ValueKind<Record<string, string[]>> {
    const keys = schemes.map((s) => s.key);
    const allowed = `an object { ${keys.map((k) => `${k}?: [...]`).join(", ")} } where ${schemes.map((s) => `${s.key} is ${listAllowed(s)}`).join(" and ")}`;
    return {
        shape: { type: "apps", schemes },
        checksPartlyKnown: true,
        tsType: `{ ${keys.map((k) => `${k}?: string[]`).join("; ")} }`,
        tsInputType: `{ ${keys.map((k) => `${k}?: pulumi.Input<pulumi.Input<string>[]>`).join("; ")} }`,
        allowed,
        problem: (value) => {
            if (value === UNKNOWN) return undefined;
            if (typeof value !== "object" || value === null || Array.isArray(value)) return `must be ${allowed}`;
            const extra = Object.keys(value).find((k) => !keys.includes(k));
            if (extra !== undefined) return `has ${quote(extra)}; allowed keys: ${keys.join(", ")}`;
            for (const scheme of schemes) {
                const ids = (value as Record<string, unknown>)[scheme.key];
                if (ids === undefined || ids === UNKNOWN) continue;
                const problem = listProblem(ids, scheme, ` of ${scheme.key}`);
                if (problem) return problem;
            }
            return undefined;
        },
        normalize: (value) =>
            Object.fromEntries(
                schemes.filter((s) => value[s.key]?.length).map((s) => [s.key, normalizeIds(value[s.key])]),
            ),
        toGraph: (value) => schemes.flatMap((s) => idsToGraph(value[s.key] ?? [], s)),
        fromGraph: (value) =>
            Object.fromEntries(
                schemes.map((s) => [s.key, idsFromGraph(value, s, false)]).filter(([, ids]) => ids.length),
            ),
    };
}

/** Declared apps: a list of ids, or one list per scheme. */
export type AppIds = string[] | Record<string, string[]>;

/** The `apps` kind of a policy type with the given app id schemes (at least one). */
export function apps(schemes: readonly AppIdScheme[]): ValueKind<AppIds> {
    return (schemes.length === 1 ? appList(schemes[0]) : appLists(schemes)) as ValueKind<unknown> as ValueKind<AppIds>;
}

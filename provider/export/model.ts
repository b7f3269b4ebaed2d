/**
 * What the exporter works on: policies as Graph returns them, and the display names of the
 * groups they are assigned to.
 */
import type { PolicyTypeName } from "../settings/policy-type";

/** One live policy: its type and its Graph JSON with `apps` and `assignments` expanded. */
export interface LivePolicy<Name extends PolicyTypeName = PolicyTypeName> {
    /** The policy type's persisted name (`ios`, `android`, `windows`, `appConfiguration`). */
    readonly platform: Name;
    /** The policy as `GET …/{collection}?$expand=apps,assignments` returns it. */
    readonly graph: Readonly<Record<string, any>>;
}

/** A live policy the export leaves out, because no resource of this package can manage it as it is. */
export interface SkippedPolicy extends LivePolicy {
    /** Why, in words. */
    readonly reason: string;
}

/**
 * Display names of assigned groups by lower-case group object id: a name, `null` when Graph
 * says the group does not exist, absent when the name could not be read (no permission).
 */
export type GroupNames = ReadonlyMap<string, string | null>;

/**
 * How `--group-names` writes each assigned group, by lower-case group object id: by its display
 * name (`name`), when exactly that group answers to the name in this tenant; otherwise by id,
 * with the reason (`kept`).
 */
export type GroupNaming = ReadonlyMap<string, { name: string } | { kept: string }>;

/** The policy types in the order the program lists them. */
export const PLATFORM_ORDER: readonly PolicyTypeName[] = ["ios", "android", "windows", "appConfiguration"];

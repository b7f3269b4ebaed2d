/**
 * What the exporter works on: policies as Graph returns them, and the display names of the
 * groups they are assigned to.
 */
import type { PlatformName } from "../settings/platforms";

/** One live policy: its platform and its Graph JSON with `apps` and `assignments` expanded. */
export interface LivePolicy {
    readonly platform: PlatformName;
    /** The policy as `GET …/{collection}?$expand=apps,assignments` returns it. */
    readonly graph: Readonly<Record<string, any>>;
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

/** The platforms in the order the program lists them. */
export const PLATFORM_ORDER: readonly PlatformName[] = ["ios", "android"];

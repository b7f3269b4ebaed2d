/**
 * The shape of one catalog entry: everything the provider knows about a setting.
 */
import type { ChannelName } from "./channels";
import type { ValueKind } from "./kinds";

/** One app protection setting, described once. */
export interface SettingSpec<T = any> {
    /** How values are typed, validated, normalized and sent. */
    readonly kind: ValueKind<T>;
    /** The label admins see in the Intune admin center (Apps > App protection policies). */
    readonly label: string;
    /** What the setting does and how admin-center choices map to values. */
    readonly doc: string;
    /** Graph's value when the setting is not sent on create, in canonical form. */
    readonly default?: T;
    /** Whether Microsoft documents that default or it was observed on the service. */
    readonly defaultSource?: "documented" | "observed";
    /** Must be declared on every policy. */
    readonly required?: boolean;
    /** How a declared value is written to Graph (see `channels.ts`); PATCH of the policy when unset. */
    readonly channel?: ChannelName;
    /** A relationship Graph returns only when asked to expand it (`$expand=apps,assignments`). */
    readonly expanded?: boolean;
}

/** The channel that writes a declared value. */
export const channelOf = (spec: SettingSpec): ChannelName => spec.channel ?? "patch";

/** A policy type's entries, keyed by Graph property name (which is also the argument name). */
export type SettingsCatalog = Readonly<Record<string, SettingSpec>>;

/** Builds a catalog entry; `extra` carries the default and flags. */
export function setting<T>(
    kind: ValueKind<T>,
    label: string,
    doc: string,
    extra: Omit<SettingSpec<T>, "kind" | "label" | "doc"> = {},
): SettingSpec<T> {
    return { kind, label, doc, ...extra };
}

/** Shorthand for an observed default. */
export const observed = <T>(value: T) => ({ default: value, defaultSource: "observed" as const });
/** Shorthand for a default Microsoft documents. */
export const documented = <T>(value: T) => ({ default: value, defaultSource: "documented" as const });

/**
 * Translation between a policy's canonical state (what Pulumi stores) and Graph's JSON, over the
 * managed entries only (unset means unmanaged), by each entry's kind and write channel.
 */
import { channels, isWritten, type ChannelName, type WriteChannel } from "../settings/channels";
import { APPS, serverFilledKeys, type PolicyType } from "../settings/policy-type";
import type { AppIds } from "../settings/apps";
import { channelOf } from "../settings/spec";
import { withoutMarker } from "./ownership";

/** Fields Graph computes; they are outputs, never sent and never compared. */
export const SERVER_FIELDS = [
    "id",
    "version",
    "createdDateTime",
    "lastModifiedDateTime",
    "isAssigned",
    "deployedAppCount",
] as const;

/** Keys of `state` that the user manages: the entries a channel writes to Graph. */
export function managedKeys(type: PolicyType, state: Record<string, unknown>): string[] {
    return Object.keys(state).filter((key) => key in type.entries && isWritten(channelOf(type.entries[key])));
}

/** The keys of `type` that `channel` writes. */
export const channelKeys = (type: PolicyType, channel: ChannelName): string[] =>
    Object.keys(type.entries).filter((key) => channelOf(type.entries[key]) === channel);

/**
 * The body of one channel's request: the `keys` given (a PATCH), or every entry of the channel,
 * an entry not declared (or filled by Graph itself) sent as its default (an action).
 */
export function channelBody(
    type: PolicyType,
    channel: ChannelName,
    values: Record<string, unknown>,
    keys: string[],
): Record<string, unknown> {
    const { sends } = channels[channel] as WriteChannel;
    if (sends === "changed") return graphValues(type, values, keys);
    const filled = serverFilledKeys(type, values);
    const body: Record<string, unknown> = {};
    for (const key of channelKeys(type, channel)) {
        const spec = type.entries[key];
        const value = filled.includes(key) ? undefined : values[key];
        body[key] = spec.kind.toGraph(value ?? spec.default);
    }
    return body;
}

/** Graph JSON (with the policy's `@odata.type`) for the given keys. */
function graphValues(type: PolicyType, values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    const body: Record<string, unknown> = { "@odata.type": type.odataType };
    for (const key of keys) body[key] = type.entries[key].kind.toGraph(values[key]);
    return body;
}

/** Graph JSON for creating a policy with every written entry in one request (deep insert of apps and assignments). */
export function createBody(type: PolicyType, inputs: Record<string, unknown>): Record<string, unknown> {
    const filled = serverFilledKeys(type, inputs);
    return graphValues(
        type,
        inputs,
        managedKeys(type, inputs).filter((key) => !filled.includes(key)),
    );
}

/** `$expand` of the relationships a policy's entries need (`apps,assignments`). */
export function expandQuery(type: PolicyType): string {
    return `$expand=${Object.keys(type.entries)
        .filter((key) => type.entries[key].expanded)
        .join(",")}`;
}

/**
 * Canonical values of the `keys` the user manages, read from a Graph policy.
 * A setting Graph reports as not configured is left out, which shows as drift
 * against a declared value.
 */
export function managedValuesFromGraph(
    type: PolicyType,
    policy: Record<string, any>,
    keys: string[],
): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const key of keys) {
        const spec = type.entries[key];
        if (!spec) continue;
        // A description is read without the ownership marker a create appended (engine/ownership.ts).
        const value = spec.kind.fromGraph(key === "description" ? withoutMarker(policy[key]) : policy[key]);
        if (value !== undefined) values[key] = value;
    }
    return values;
}

/**
 * The `keys` whose Graph property the policy JSON does not carry at all (Graph always sends
 * every property of a policy, `null` when not configured, and its relationships when
 * expanded): a partial answer says nothing about them.
 */
export function unreportedKeys(type: PolicyType, policy: Record<string, any>, keys: string[]): string[] {
    return keys.filter((key) =>
        type.entries[key]?.expanded ? !Array.isArray(policy[key]) : key in type.entries && !(key in policy),
    );
}

/** Canonical values of every setting a Graph policy JSON configures (not-configured ones left out). */
export function settingsFromGraph(type: PolicyType, policy: Record<string, any>): Record<string, unknown> {
    return managedValuesFromGraph(
        type,
        policy,
        Object.keys(policy).filter((key) => key in type.settings),
    );
}

/** Graph's computed fields of a policy. */
export function serverFields(policy: Record<string, any>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const key of SERVER_FIELDS) if (policy[key] !== undefined) fields[key] = policy[key];
    return fields;
}

/** The app ids of Graph's `apps` of a policy of the type, canonical. */
export const appsFromGraph = (apps: unknown, type: PolicyType): AppIds =>
    type.entries[APPS].kind.fromGraph(apps) as AppIds;

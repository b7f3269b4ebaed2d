/**
 * Translation between a policy's canonical state (what Pulumi stores) and Graph's JSON,
 * over the managed settings only: unset means unmanaged.
 */
import type { Platform } from "../settings/platforms";
import { TARGET_KEYS } from "./check";
import { withoutMarker } from "./ownership";
import { appsFromGraph, appsToGraph, assignmentsFromGraph, assignmentsToGraph, type Assignments } from "./targets";

/** Fields Graph computes; they are outputs, never sent and never compared. */
export const SERVER_FIELDS = [
    "id",
    "version",
    "createdDateTime",
    "lastModifiedDateTime",
    "isAssigned",
    "deployedAppCount",
] as const;

/** Keys of `state` that the user manages: catalog settings and targets. */
export function managedKeys(platform: Platform, state: Record<string, unknown>): string[] {
    return Object.keys(state).filter(
        (key) => key in platform.settings || (TARGET_KEYS as readonly string[]).includes(key),
    );
}

/** Whether Graph fills the app list itself (an app group), so `apps` is not ours to compare. */
export function appsAreServerManaged(state: Record<string, unknown>): boolean {
    return state.appGroupType !== undefined && state.appGroupType !== "selectedPublicApps";
}

/** Graph JSON for the given settings (PATCH body), leaving out targeting channels. */
export function settingsBody(
    platform: Platform,
    values: Record<string, unknown>,
    keys: string[],
): Record<string, unknown> {
    const body: Record<string, unknown> = { "@odata.type": platform.odataType };
    for (const key of keys) {
        const spec = platform.settings[key];
        if (spec && spec.via !== "targetApps") body[key] = spec.kind.toGraph(values[key]);
    }
    return body;
}

/** Graph JSON for creating a policy with its apps and assignments in one request (deep insert). */
export function createBody(platform: Platform, inputs: Record<string, unknown>): Record<string, unknown> {
    const keys = managedKeys(platform, inputs);
    const body = settingsBody(platform, inputs, keys);
    if (inputs.appGroupType !== undefined) body.appGroupType = inputs.appGroupType;
    if (Array.isArray(inputs.apps) && !appsAreServerManaged(inputs))
        body.apps = appsToGraph(inputs.apps as string[], platform);
    if (inputs.assignments !== undefined) body.assignments = assignmentsToGraph(inputs.assignments as Assignments);
    return body;
}

/** The `targetApps` action body. */
export function targetAppsBody(platform: Platform, inputs: Record<string, unknown>): Record<string, unknown> {
    const apps = appsAreServerManaged(inputs) ? [] : ((inputs.apps as string[] | undefined) ?? []);
    return { apps: appsToGraph(apps, platform), appGroupType: inputs.appGroupType ?? "selectedPublicApps" };
}

/** The `assign` action body. */
export function assignBody(inputs: Record<string, unknown>): Record<string, unknown> {
    return { assignments: assignmentsToGraph((inputs.assignments as Assignments | undefined) ?? {}) };
}

/**
 * Canonical values of the `keys` the user manages, read from a Graph policy.
 * A setting Graph reports as not configured is left out, which shows as drift
 * against a declared value.
 */
export function managedValuesFromGraph(
    platform: Platform,
    policy: Record<string, any>,
    keys: string[],
): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const key of keys) {
        const spec = platform.settings[key];
        let value: unknown;
        // A description is read without the ownership marker a create appended (engine/ownership.ts).
        if (spec) value = spec.kind.fromGraph(key === "description" ? withoutMarker(policy[key]) : policy[key]);
        else if (key === "apps") value = appsFromGraph(policy.apps, platform);
        else if (key === "assignments") value = assignmentsFromGraph(policy.assignments);
        if (value !== undefined) values[key] = value;
    }
    return values;
}

/**
 * The `keys` whose Graph property the policy JSON does not carry at all (Graph always sends
 * every property of a policy, `null` when not configured, and `apps`/`assignments` when
 * expanded): a partial answer says nothing about them.
 */
export function unreportedKeys(platform: Platform, policy: Record<string, any>, keys: string[]): string[] {
    return keys.filter((key) =>
        key in platform.settings
            ? !(key in policy)
            : (key === "apps" || key === "assignments") && !Array.isArray(policy[key]),
    );
}

/** Canonical values of every setting a Graph policy JSON configures (not-configured ones left out). */
export function settingsFromGraph(platform: Platform, policy: Record<string, any>): Record<string, unknown> {
    return managedValuesFromGraph(
        platform,
        policy,
        Object.keys(policy).filter((key) => key in platform.settings),
    );
}

/** Graph's computed fields of a policy. */
export function serverFields(policy: Record<string, any>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const key of SERVER_FIELDS) if (policy[key] !== undefined) fields[key] = policy[key];
    return fields;
}

/**
 * `diff`: compares the stored outputs with the checked inputs over managed settings only.
 * Everything Graph can change in place is an in-place update, so `replaces` is always empty.
 */
import type { Platform } from "../settings/platforms";
import { appsAreServerManaged, managedKeys } from "./state";
import { containsUnknown } from "../protocol/unknown";

/** What changed between stored state and the program, per channel Graph updates through. */
export interface PolicyChanges {
    /** Settings to PATCH (declared and different from state). */
    patch: string[];
    /** Apps or the app group changed: one `targetApps` call. */
    targetApps: boolean;
    /** Assignments changed: one `assign` call. */
    assign: boolean;
    /** Settings no longer declared: they stop being managed, nothing is sent. */
    released: string[];
}

/**
 * Deep equality of canonical JSON values. Object key order does not count: values that went
 * through Pulumi's engine come back with their keys sorted.
 */
export function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
}

function sortedKeys(_key: string, value: unknown): unknown {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The changes that turn `olds` (stored outputs) into `news` (checked inputs). */
export function policyChanges(
    platform: Platform,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): PolicyChanges {
    const changes: PolicyChanges = { patch: [], targetApps: false, assign: false, released: [] };
    const declared = managedKeys(platform, news);
    for (const key of declared) {
        if (key === "apps" && appsAreServerManaged(news)) continue;
        const changed = containsUnknown(news[key]) || !sameValue(olds[key], news[key]);
        if (!changed) continue;
        if (key === "apps" || platform.settings[key]?.via === "targetApps") changes.targetApps = true;
        else if (key === "assignments") changes.assign = true;
        else changes.patch.push(key);
    }
    for (const key of managedKeys(platform, olds)) {
        if (!declared.includes(key)) changes.released.push(key);
    }
    return changes;
}

/** True when nothing is to be sent and nothing released. */
export function isUnchanged(changes: PolicyChanges): boolean {
    return !changes.patch.length && !changes.targetApps && !changes.assign && !changes.released.length;
}

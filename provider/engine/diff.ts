/**
 * `diff`: compares the stored outputs with the checked inputs over managed entries only, per
 * write channel. Everything Graph can change in place is an in-place update, so `replaces` is
 * always empty.
 */
import type { ChannelName } from "../settings/channels";
import { serverFilledKeys, type PolicyType } from "../settings/policy-type";
import { channelOf } from "../settings/spec";
import { managedKeys } from "./state";
import { containsUnknown } from "../protocol/unknown";

/** What changed between stored state and the program. */
export interface PolicyChanges {
    /** Declared keys that differ from state, by the channel that writes them (channels without a change left out). */
    send: Partial<Record<ChannelName, string[]>>;
    /** Entries no longer declared: they stop being managed, nothing is sent. */
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
    type: PolicyType,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): PolicyChanges {
    const changes: PolicyChanges = { send: {}, released: [] };
    const declared = managedKeys(type, news);
    const filled = serverFilledKeys(type, news);
    for (const key of declared) {
        if (filled.includes(key)) continue;
        if (!containsUnknown(news[key]) && sameValue(olds[key], news[key])) continue;
        (changes.send[channelOf(type.entries[key])] ??= []).push(key);
    }
    for (const key of managedKeys(type, olds)) {
        if (!declared.includes(key)) changes.released.push(key);
    }
    return changes;
}

/** The keys to send, over every channel. */
export const changedKeys = (changes: PolicyChanges): string[] => Object.values(changes.send).flat();

/** True when nothing is to be sent and nothing released. */
export function isUnchanged(changes: PolicyChanges): boolean {
    return !changedKeys(changes).length && !changes.released.length;
}

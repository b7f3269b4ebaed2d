/**
 * The names the live acceptance suite gives its policies: every policy of one run starts with
 * `pulumi-live-<8 hex digits>-`, so the suite can tell its own policies from everything else in a
 * tenant, and the leftovers of its earlier runs from those of a run still going on elsewhere.
 */
import { randomBytes } from "crypto";

/** Display names of every run's policies; nothing else in a tenant is ever written or deleted. */
export const SUITE_NAME_PATTERN = /^pulumi-live-[0-9a-f]{8}-/;

/** A fresh run id (8 hex digits). */
export function newRunId(): string {
    return randomBytes(4).toString("hex");
}

/** The display-name prefix of one run's policies. */
export function runPrefix(runId: string): string {
    if (!/^[0-9a-f]{8}$/.test(runId)) throw new Error(`run id "${runId}" is not 8 hex digits`);
    return `pulumi-live-${runId}-`;
}

/** A policy as the suite lists it. */
export interface ListedPolicy {
    platform: "ios" | "android";
    id: string;
    displayName: string;
    createdDateTime?: string;
}

/**
 * Whether a policy is a leftover of an earlier run: a suite name, created more than `hours`
 * ago (a younger one may belong to a run going on right now on another machine).
 */
export function isStaleLeftover(policy: ListedPolicy, now: Date, hours: number): boolean {
    if (!SUITE_NAME_PATTERN.test(policy.displayName)) return false;
    const created = Date.parse(policy.createdDateTime ?? "");
    return Number.isFinite(created) && now.getTime() - created > hours * 3_600_000;
}

/**
 * Export a tenant to code: reads every app protection policy (iOS/iPadOS, Android, Windows) and
 * every app configuration policy for managed apps of a tenant, and writes a Pulumi TypeScript
 * program that adopts each one with its current settings. A policy no resource can manage as it is
 * (`./unmanaged`) is left out, with a warning and a comment in the program saying why.
 *
 * ```ts
 * const session = openSession(readConnectionConfig(config, process.env));
 * const program = await exportTenant(session, { platforms: ["ios"] });
 * ```
 */
import type { GraphSession } from "../graph/session";
import type { PolicyTypeName } from "../settings/policy-type";
import { planPolicy } from "./args";
import { PLATFORM_ORDER, type LivePolicy, type SkippedPolicy } from "./model";
import { policyTitle } from "./names";
import { readTenant, type ReadProgress } from "./read";
import { renderProgram } from "./render";

export { planPolicy, policyArgs, type PolicyPlan, type WithheldValue } from "./args";
export { PLATFORM_ORDER, type GroupNames, type GroupNaming, type LivePolicy, type SkippedPolicy } from "./model";
export { comparePolicies, policyTitle, resourceNames, slugify } from "./names";
export {
    assignedGroupIds,
    readGroupNames,
    readGroupNaming,
    readPolicies,
    readTenant,
    type ReadOptions,
    type ReadProgress,
    type TenantRead,
    type TenantReadOptions,
} from "./read";
export { UNMANAGED_NAVIGATION, unmanagedReason } from "./unmanaged";
export { PACKAGE_NAME, renderProgram, type RenderOptions } from "./render";

/** Options of {@link exportTenant}. */
export interface ExportOptions {
    /** Policy types to export. @default all four */
    platforms?: readonly PolicyTypeName[];
    /** Called as policies are read and group names resolved. */
    onProgress?: (progress: ReadProgress) => void;
    /** Called for what the user should know: withheld values, group names that could not be read. */
    onWarning?: (message: string) => void;
    /** Called once the tenant has been read, with what the program will contain and what it leaves out. */
    onRead?: (policies: readonly LivePolicy[], skipped: readonly SkippedPolicy[]) => void;
    /** Give every resource `retainOnDelete: true` (`RenderOptions.retainOnDelete`). @default true */
    retainOnDelete?: boolean;
    /** Write assigned groups as `{ groupName }` where the name is unique in the tenant. @default false */
    groupNames?: boolean;
}

/** The line saying why the program leaves a policy out. */
export const skippedWarning = (policy: SkippedPolicy): string =>
    `${policyTitle(policy)} is not exported: ${policy.reason}`;

/** Warnings about values the program shows commented out, that check will reject, or that `up` would change. */
export function planWarnings(policies: readonly LivePolicy[]): string[] {
    const warnings: string[] = [];
    for (const policy of policies) {
        const plan = planPolicy(policy);
        const which = policyTitle(policy);
        if (plan.withheld.length) {
            warnings.push(
                `${which}: ${plan.withheld.map((w) => w.key).join(", ")} commented out in the program (the live value cannot be declared as is; see the comment there)`,
            );
        }
        for (const problem of plan.rejected) warnings.push(`${which}: check will reject it: ${problem}`);
        for (const change of plan.changes) warnings.push(`${which}: the first pulumi up will change it: ${change}`);
    }
    return warnings;
}

/** Reads the tenant's policies and returns the program text. */
export async function exportTenant(session: GraphSession, options: ExportOptions = {}): Promise<string> {
    const wanted = options.platforms ?? PLATFORM_ORDER;
    const { policies, skipped, groupNames, groupNaming } = await readTenant(
        session,
        PLATFORM_ORDER.filter((p) => wanted.includes(p)),
        { ...options, groupNaming: options.groupNames },
    );
    options.onRead?.(policies, skipped);
    for (const policy of skipped) options.onWarning?.(skippedWarning(policy));
    for (const warning of planWarnings(policies)) options.onWarning?.(warning);
    return renderProgram(policies, groupNames, {
        tenantId: session.tenantId,
        retainOnDelete: options.retainOnDelete,
        groupNaming,
        skipped,
    });
}

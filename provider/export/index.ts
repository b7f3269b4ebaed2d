/**
 * Export a tenant to code: reads every iOS/iPadOS and Android app protection policy of a tenant
 * and writes a Pulumi TypeScript program that adopts each one with its current settings.
 *
 * ```ts
 * const session = openSession(readConnectionConfig(config, process.env));
 * const program = await exportTenant(session, { platforms: ["ios"] });
 * ```
 */
import type { GraphSession } from "../graph/session";
import type { PlatformName } from "../settings/platforms";
import { planPolicy } from "./args";
import { PLATFORM_ORDER, type LivePolicy } from "./model";
import { readTenant, type ReadProgress } from "./read";
import { renderProgram } from "./render";

export { planPolicy, policyArgs, type PolicyPlan, type WithheldValue } from "./args";
export { PLATFORM_ORDER, type GroupNames, type GroupNaming, type LivePolicy } from "./model";
export { comparePolicies, resourceNames, slugify } from "./names";
export {
    assignedGroupIds,
    readGroupNames,
    readGroupNaming,
    readPolicies,
    readTenant,
    type ReadOptions,
    type ReadProgress,
    type TenantReadOptions,
} from "./read";
export { PACKAGE_NAME, renderProgram, type RenderOptions } from "./render";

/** Options of {@link exportTenant}. */
export interface ExportOptions {
    /** Platforms to export. @default both */
    platforms?: readonly PlatformName[];
    /** Called as policies are read and group names resolved. */
    onProgress?: (progress: ReadProgress) => void;
    /** Called for what the user should know: withheld values, group names that could not be read. */
    onWarning?: (message: string) => void;
    /** Called once the tenant has been read, with what the program will contain. */
    onRead?: (policies: readonly LivePolicy[]) => void;
    /** Give every resource `retainOnDelete: true` (`RenderOptions.retainOnDelete`). @default true */
    retainOnDelete?: boolean;
    /** Write assigned groups as `{ groupName }` where the name is unique in the tenant. @default false */
    groupNames?: boolean;
}

/** Warnings about values the program shows commented out, that check will reject, or that `up` would change. */
export function planWarnings(policies: readonly LivePolicy[]): string[] {
    const warnings: string[] = [];
    for (const policy of policies) {
        const plan = planPolicy(policy);
        const which = `${plan.platform.title} policy ${JSON.stringify(String(policy.graph.displayName ?? ""))} (${String(policy.graph.id)})`;
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
    const { policies, groupNames, groupNaming } = await readTenant(
        session,
        PLATFORM_ORDER.filter((p) => wanted.includes(p)),
        { ...options, groupNaming: options.groupNames },
    );
    options.onRead?.(policies);
    for (const warning of planWarnings(policies)) options.onWarning?.(warning);
    return renderProgram(policies, groupNames, {
        tenantId: session.tenantId,
        retainOnDelete: options.retainOnDelete,
        groupNaming,
    });
}

/**
 * Reads what the Zero Trust assessment judges from a tenant: every app protection policy (with the
 * export's reader), the Conditional Access policies (`identity/conditionalAccess/policies`, needs
 * `Policy.Read.All`) and the Mobile Threat Defense connectors
 * (`deviceManagement/mobileThreatDefenseConnectors`, needs `DeviceManagementServiceConfig.Read.All`),
 * and brings them to the shape the pack's rules take (settings by Graph property name, as a
 * program declares them), so a tenant and a program are judged by the same functions.
 */
import type { ConditionalAccessView, MtdConnectorView, StackPolicy, StackView } from "../../policy-pack/stack-view";
import { assignmentsFromGraph } from "../settings/assignments";
import { settingsFromGraph } from "../engine/state";
import { GraphRequestError } from "../graph/errors";
import type { GraphSession } from "../graph/session";
import { readPolicies } from "../export/read";
import type { LivePolicy } from "../export/model";
import { policyTypes } from "../settings/platforms";

/** Graph paths the assessment reads besides the app protection policies. */
export const CONDITIONAL_ACCESS_PATH = "/identity/conditionalAccess/policies";
export const MTD_CONNECTORS_PATH = "/deviceManagement/mobileThreatDefenseConnectors";

/** Parts of the tenant that could not be read, with the reason (a denied permission, say). */
export interface Unread {
    conditionalAccess?: string;
    mtdConnectors?: string;
}

/** A tenant as the rules see it. */
export interface TenantView {
    readonly stack: StackView;
    readonly unread: Unread;
}

/** One live policy as the rules see it: its settings and assignments, named `"Display name" (id)`. */
export function policyFromGraph(policy: LivePolicy): StackPolicy {
    const platform = policyTypes[policy.platform];
    return {
        platform: policy.platform,
        name: `${JSON.stringify(String(policy.graph.displayName ?? ""))} (${String(policy.graph.id)})`,
        inputs: {
            ...settingsFromGraph(platform, policy.graph),
            assignments: assignmentsFromGraph(policy.graph.assignments),
        },
    };
}

/** One Conditional Access policy from Graph, reduced to what the rules read. */
export function conditionalAccessFromGraph(policy: Record<string, any>): ConditionalAccessView {
    const included = policy.conditions?.platforms?.includePlatforms;
    const controls = policy.grantControls?.builtInControls;
    return {
        name: `${JSON.stringify(String(policy.displayName ?? ""))} (${String(policy.id)})`,
        state: typeof policy.state === "string" ? policy.state : undefined,
        includePlatforms: Array.isArray(included) ? included.map(String) : undefined,
        builtInControls: Array.isArray(controls) ? controls.map(String) : [],
    };
}

function mtdConnectorFromGraph(connector: Record<string, any>): MtdConnectorView {
    return {
        id: String(connector.id),
        partnerState: typeof connector.partnerState === "string" ? connector.partnerState : undefined,
        androidEnabled: typeof connector.androidEnabled === "boolean" ? connector.androidEnabled : undefined,
    };
}

/** A list read that a denied permission turns into a reason instead of a failure. */
async function readList<T>(
    session: GraphSession,
    path: string,
    permission: string,
): Promise<{ items: T[] } | { unread: string }> {
    try {
        return { items: await session.listAll<T>(path) };
    } catch (err) {
        if (err instanceof GraphRequestError && err.status === 403)
            return {
                unread: `Microsoft Graph answered ${err.status}${err.code ? ` ${err.code}` : ""} on GET ${path}: grant the app the application permission ${permission}`,
            };
        throw err;
    }
}

/**
 * Reads the tenant: its iOS and Android app protection policies, the only ones the Zero Trust
 * checks read (policy-pack/README.md). Nothing is written.
 */
export async function readTenantView(session: GraphSession): Promise<TenantView> {
    const live = [...(await readPolicies(session, "ios")), ...(await readPolicies(session, "android"))];
    const unread: Unread = {};
    const ca = await readList<Record<string, any>>(session, CONDITIONAL_ACCESS_PATH, "Policy.Read.All");
    if ("unread" in ca) unread.conditionalAccess = ca.unread;
    const mtd = await readList<Record<string, any>>(
        session,
        MTD_CONNECTORS_PATH,
        "DeviceManagementServiceConfig.Read.All",
    );
    if ("unread" in mtd) unread.mtdConnectors = mtd.unread;
    return {
        stack: {
            policies: live.map(policyFromGraph),
            conditionalAccess: "items" in ca ? ca.items.map(conditionalAccessFromGraph) : [],
            mtdConnectors: "items" in mtd ? mtd.items.map(mtdConnectorFromGraph) : undefined,
        },
        unread,
    };
}

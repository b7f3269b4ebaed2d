/**
 * Zero Trust rules that judge a whole stack (or tenant) rather than one policy: an app protection
 * policy exists and is assigned per platform (24548, 24549), a Conditional Access policy requires
 * app protection on iOS and Android (24827), and Microsoft Defender for Endpoint's Mobile Threat
 * Defense connector enrolls Android devices (24871). The checks mirror what the Zero Trust
 * Assessment reads for each id.
 *
 * Unset means unmanaged here too: a policy without `assignments` in the program may be assigned in
 * the tenant, but the program does not guarantee it, so it does not count.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyTypeName } from "./catalog";
import { platformTitle, type StackPolicy, type StackView } from "./stack-view";
import { citation, q } from "./view";

/** One stack-level rule: a Pulumi stack policy of its own. */
export interface StackRule {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    readonly zeroTrustIds: readonly string[];
    readonly remediation: string;
    readonly configSchema?: PolicyConfigSchema;
    /** Violation messages; empty when the stack complies. */
    evaluate(stack: StackView, config: Readonly<Record<string, unknown>>): string[];
}

/** The id of Microsoft Defender for Endpoint's connector, the one 24871 reads. */
export const DEFENDER_CONNECTOR_ID = "fc780465-2017-40d4-a0c5-307022471b92";

/** The built-in grant control "Require app protection policy". */
export const REQUIRE_APP_PROTECTION = "compliantApplication";

const managedElsewhereSchema = (what: string): PolicyConfigSchema => ({
    properties: {
        managedElsewhere: {
            type: "boolean",
            default: false,
            description: `true when ${what} is managed outside this program (another stack, the portal); the rule then passes.`,
        },
    },
});

/** Included groups of a policy's `assignments`, or undefined when the program leaves them unmanaged. */
function includedGroups(policy: StackPolicy): number | undefined {
    const assignments = policy.inputs.assignments as { include?: readonly unknown[] } | undefined | null;
    if (assignments === undefined || assignments === null) return undefined;
    return assignments.include?.length ?? 0;
}

function assignedRule(platform: PolicyTypeName, id: string): StackRule {
    const title = platformTitle(platform);
    const cite = citation([id]);
    return {
        name: `${platform}-app-protection-assigned`,
        description: `${cite} At least one ${title} app protection policy must exist and be assigned to a group.`,
        enforcementLevel: "mandatory",
        zeroTrustIds: [id],
        remediation: `Declare a ${title} app protection policy with assignments: { include: [group] }.`,
        evaluate: (stack) => {
            const mine = stack.policies.filter((policy) => policy.platform === platform);
            if (!mine.length)
                return [
                    `No ${title} app protection policy exists, so ${title} data is not protected. ` +
                        `Fix: declare one, e.g. new intune.${platform === "ios" ? "Ios" : "Android"}AppProtectionPolicy("…", { ...intune.baselines.${platform}.level2EnterpriseEnhanced, assignments: { include: [{ groupName: "…" }] } }). ${cite}`,
                ];
            if (mine.some((policy) => (includedGroups(policy) ?? 0) > 0)) return [];
            const why = mine
                .map((policy) => {
                    const groups = includedGroups(policy);
                    return `${q(policy.name)} ${groups === undefined ? "leaves assignments unset (unmanaged: not guaranteed)" : "includes no group"}`;
                })
                .join("; ");
            return [
                `No ${title} app protection policy is assigned: ${why}. Fix: set assignments: { include: [group] } on one of them. ${cite}`,
            ];
        },
    };
}

const covers = (platforms: readonly string[] | undefined, platform: string) =>
    platforms === undefined || platforms.some((p) => p.toLowerCase() === platform.toLowerCase() || p === "all");

/** The rules, in the order the pack and the assessment report them. */
export const stackRules: readonly StackRule[] = [
    assignedRule("ios", "24548"),
    assignedRule("android", "24549"),
    {
        name: "conditional-access-requires-app-protection",
        description: `${citation(["24827"])} An enabled Conditional Access policy must grant iOS and Android access only with "Require app protection policy" (compliantApplication).`,
        enforcementLevel: "advisory",
        zeroTrustIds: ["24827"],
        remediation:
            'Add azuread.ConditionalAccessPolicy with conditions.platforms.includedPlatforms ["iOS", "android"], grantControls.builtInControls ["compliantApplication"] and state "enabled" (see intune.zeroTrust.AppProtectionPairing), or set managedElsewhere: true.',
        configSchema: managedElsewhereSchema("Conditional Access"),
        evaluate: (stack, config) => {
            const cite = citation(["24827"]);
            if (config.managedElsewhere === true) return [];
            const granting = stack.conditionalAccess.filter((p) => p.builtInControls.includes(REQUIRE_APP_PROTECTION));
            const enabled = granting.filter((p) => p.state === "enabled");
            const missing = ["iOS", "android"].filter(
                (platform) => !enabled.some((p) => covers(p.includePlatforms, platform)),
            );
            if (!missing.length) return [];
            const reportOnly = granting
                .filter((p) => p.state === "enabledForReportingButNotEnforced")
                .map((p) => q(p.name));
            const found = granting.length
                ? ` Policies with the grant: ${granting.map((p) => `${q(p.name)} (state ${q(p.state)}, platforms ${p.includePlatforms ? p.includePlatforms.join(", ") : "all"})`).join("; ")}.` +
                  (reportOnly.length
                      ? ` ${reportOnly.join(", ")} only report (report-only): switch state to "enabled" once the sign-in logs show the impact.`
                      : "")
                : " No Conditional Access policy grants access with compliantApplication.";
            return [
                `No enabled Conditional Access policy requires app protection (grant "Require app protection policy", compliantApplication) for ${missing.join(" and ")}: users can reach org data from apps without app protection.${found} ` +
                    `Fix: new azuread.ConditionalAccessPolicy("require-app-protection", { state: "enabled", conditions: { clientAppTypes: ["all"], platforms: { includedPlatforms: ["iOS", "android"] }, applications: { includedApplications: ["Office365"] }, users: { includedUsers: ["All"] } }, grantControls: { operator: "OR", builtInControls: ["compliantApplication"] } }), or pack config managedElsewhere: true. ${cite}`,
            ];
        },
    },
    {
        name: "defender-enrolls-android",
        description: `${citation(["24871"])} The Microsoft Defender for Endpoint Mobile Threat Defense connector must be enabled with Android enrollment on.`,
        enforcementLevel: "advisory",
        zeroTrustIds: ["24871"],
        remediation:
            "In the Intune admin center (Endpoint security > Microsoft Defender for Endpoint) connect Android devices, or set managedElsewhere: true.",
        configSchema: managedElsewhereSchema("the Defender connector"),
        evaluate: (stack, config) => {
            const cite = citation(["24871"]);
            if (config.managedElsewhere === true) return [];
            const fix =
                'Fix: in the Intune admin center, Endpoint security > Microsoft Defender for Endpoint, turn on "Connect Android devices to Microsoft Defender for Endpoint"';
            if (stack.mtdConnectors === undefined)
                return [
                    `The Microsoft Defender for Endpoint connector cannot be declared in a program, so this stack does not show that Android devices are enrolled in Defender. ${fix}, then set the pack config managedElsewhere: true for this rule. ${cite}`,
                ];
            const defender = stack.mtdConnectors.find((c) => c.id.toLowerCase() === DEFENDER_CONNECTOR_ID);
            if (!defender)
                return [
                    `No Microsoft Defender for Endpoint connector (${DEFENDER_CONNECTOR_ID}) exists in the tenant. ${fix}. ${cite}`,
                ];
            if (defender.partnerState === "enabled" && defender.androidEnabled === true) return [];
            return [
                `The Microsoft Defender for Endpoint connector has partnerState ${q(defender.partnerState ?? null)} and androidEnabled ${q(defender.androidEnabled ?? null)}: Android devices are not enrolled. ${fix}. ${cite}`,
            ];
        },
    },
];

/** Every violation of the stack, by rule name (rules without violations left out). */
export function evaluateStack(
    stack: StackView,
    configs: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const rule of stackRules) {
        const messages = rule.evaluate(stack, configs[rule.name] ?? {});
        if (messages.length) result[rule.name] = messages;
    }
    return result;
}

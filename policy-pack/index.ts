/**
 * Zero Trust policy pack for Intune app protection policies made with pulumi-intune-app-protection.
 * Checks every `IosAppProtectionPolicy` and `AndroidAppProtectionPolicy` at `pulumi preview` and
 * `pulumi up`, before anything is written to Graph:
 *
 *   PATH=$PWD/policy-pack/bin:$PATH pulumi preview --policy-pack policy-pack
 *
 * The rules live in ./rules.ts; README.md lists them and their config.
 */
import { PolicyPack, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { evaluateRule, platformOfType, zeroTrustRules, type ZeroTrustRule } from "./rules";
import { stackRules, type StackRule } from "./stack-rules";
import { stackFromResources } from "./stack-view";

function policyOf(rule: ZeroTrustRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        remediationSteps: rule.remediation,
        configSchema: rule.configSchema,
        tags: ["intune", "app-protection", "zero-trust"],
        validateResource: (args, reportViolation) => {
            const platform = platformOfType(args.type);
            if (!platform) return;
            for (const message of evaluateRule(rule, platform, args.props, args.getConfig<Record<string, unknown>>()))
                reportViolation(message);
        },
    };
}

/** A stack-level rule as a stack policy: judges every resource of the program at once. */
function stackPolicyOf(rule: StackRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        remediationSteps: rule.remediation,
        configSchema: rule.configSchema,
        tags: ["intune", "app-protection", "zero-trust"],
        validateStack: (args, reportViolation) => {
            const stack = stackFromResources(args.resources);
            for (const message of rule.evaluate(stack, args.getConfig<Record<string, unknown>>()))
                reportViolation(message);
        },
    };
}

new PolicyPack("intune-zero-trust", {
    description: "Zero Trust checks for Intune app protection policies (iOS/iPadOS and Android).",
    policies: [...zeroTrustRules.map(policyOf), ...stackRules.map(stackPolicyOf)],
});

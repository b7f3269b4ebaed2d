/**
 * What every per-policy Zero Trust rule is built from: the rule's shape, read access to one
 * policy's settings (normalized as the provider's `check` does, labelled from the catalog) and the
 * message helpers that keep every message naming the setting, its label and the fix.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import { formatDuration, parseDuration, type PolicyType, type PolicyTypeName } from "./catalog";

/** A policy's inputs as the analyzer sees them. */
export type PolicyInputs = Readonly<Record<string, unknown>>;

/** One Zero Trust rule: a Pulumi policy of its own. */
export interface ZeroTrustRule {
    /** Policy name (unique in the pack; the key of its config). */
    readonly name: string;
    /** One line: what the rule requires. */
    readonly description: string;
    /** Default enforcement level. */
    readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    /** Policy types the rule applies to (the Zero Trust guidance has checks for iOS and Android only). */
    readonly platforms: readonly PolicyTypeName[];
    /** Settings the rule reads (Graph property names in the catalog). */
    readonly settings: readonly string[];
    /** How to fix a violation, in general terms. */
    readonly remediation: string;
    /**
     * Zero Trust Assessment ids the rule stands for (`24548`, workshop `RMD_MAM_12`, …); its
     * description and every message cite them.
     */
    readonly zeroTrustIds?: readonly string[];
    /** Config the rule takes besides its enforcement level. */
    readonly configSchema?: PolicyConfigSchema;
    /** Violation messages for one policy; empty when it complies. */
    evaluate(policy: PolicyView, config: Readonly<Record<string, unknown>>): string[];
}

export const q = (value: unknown) => JSON.stringify(value);

/**
 * Read access to one policy's settings, normalized the way the provider's `check` does (so
 * `PT60M`, `pt1h` and `PT1H` compare alike), with labels from the catalog.
 * Values are read one by one and only when a rule needs them: during preview the policy SDK
 * throws on a value that is not known yet, and reports that rule as not run.
 */
export class PolicyView {
    constructor(
        readonly platform: PolicyType,
        private readonly inputs: PolicyInputs,
    ) {}

    /** The declared value in canonical form, or undefined when the setting is not set. */
    value(setting: string): unknown {
        const spec = this.spec(setting);
        const raw = this.inputs[setting];
        if (raw === undefined || raw === null) return undefined;
        return spec.kind.problem(raw) === undefined ? spec.kind.normalize(raw) : raw;
    }

    /** `setting ("Admin center > Label")`. */
    ref(setting: string): string {
        return `${setting} ("${this.spec(setting).label}")`;
    }

    /** What a new policy gets when the setting is not sent, in words. */
    defaultNote(setting: string): string {
        const spec = this.spec(setting);
        return spec.default === undefined
            ? "a new policy leaves it not configured"
            : `a new policy gets ${q(spec.default)}`;
    }

    private spec(setting: string) {
        const spec = this.platform.settings[setting];
        if (!spec)
            throw new Error(`policy pack bug: ${setting} is not a ${this.platform.title} setting in the catalog`);
        return spec;
    }
}

/**
 * What {@link notSet} says about a program; judging a tenant (provider/assess), where an unset
 * setting is one Intune holds no value for, replaces it with {@link TENANT_UNSET}.
 */
export const PROGRAM_UNSET =
    / is not set\. An unset setting is not managed: .*?, so this program does not guarantee it\./;
export const TENANT_UNSET = " is not configured in this tenant.";

/** The message for a setting the rule needs but the program leaves unmanaged. */
export function notSet(policy: PolicyView, setting: string, fix: string): string {
    return (
        `${policy.ref(setting)} is not set. An unset setting is not managed: the policy keeps whatever the tenant has ` +
        `(${policy.defaultNote(setting)}), so this program does not guarantee it. Fix: ${fix}.`
    );
}

/**
 * One setting that must hold an acceptable value: unset and unacceptable values are violations.
 * `why` says what the unacceptable value lets happen.
 */
export function needs(
    policy: PolicyView,
    setting: string,
    acceptable: (value: unknown) => boolean,
    why: (value: unknown) => string,
    fix: string,
): string[] {
    const value = policy.value(setting);
    if (value === undefined) return [notSet(policy, setting, fix)];
    if (acceptable(value)) return [];
    return [`${policy.ref(setting)} is ${q(value)}: ${why(value)}. Fix: ${fix}.`];
}

export const isTrue = (value: unknown) => value === true;
export const oneOf =
    (...allowed: unknown[]) =>
    (value: unknown) =>
        allowed.includes(value);

/** "PT30M" as "PT30M (30 minutes)". */
export function durationWords(text: string): string {
    const ms = parseDuration(text);
    if (ms === undefined) return text;
    const minutes = ms / 60_000;
    return `${formatDuration(ms)} (${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} minutes)`;
}

export const BOTH: readonly PolicyTypeName[] = ["ios", "android"];

/** `[Zero Trust RMD_MAM_12]`: how descriptions and messages cite a rule's Zero Trust ids. */
export function citation(ids: readonly string[]): string {
    return `[Zero Trust ${ids.join(", ")}]`;
}

/**
 * A rule citing its Zero Trust ids: the description starts with them and every message ends with
 * them, so a violation can be looked up in the assessment's report and the workshop guidance.
 */
export function cited(ids: readonly string[], rule: Omit<ZeroTrustRule, "zeroTrustIds">): ZeroTrustRule {
    const cite = citation(ids);
    return {
        ...rule,
        zeroTrustIds: ids,
        description: `${cite} ${rule.description}`,
        evaluate: (policy, config) => rule.evaluate(policy, config).map((message) => `${message} ${cite}`),
    };
}

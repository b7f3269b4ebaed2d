/**
 * Judges a tenant (or any {@link StackView}) with the policy pack's rules and groups the verdicts
 * by Zero Trust check id: the per-policy rules over every assigned policy of their platforms, the
 * stack rules over the whole tenant. Levels and rule options come from the same config the pack
 * takes (`{ "rule-name": "advisory" | { enforcementLevel, ...options }, "all": … }`).
 */
import { evaluateRule, zeroTrustRules, type ZeroTrustRule } from "../../policy-pack/rules";
import { stackRules, type StackRule } from "../../policy-pack/stack-rules";
import type { StackPolicy, StackView } from "../../policy-pack/stack-view";
import { PROGRAM_UNSET, TENANT_UNSET } from "../../policy-pack/view";
import { policyTypes } from "../settings/platforms";
import type { Unread } from "./tenant";

export type Level = "mandatory" | "advisory";

/** One line of a check's table. */
export interface CheckRow {
    readonly passed: boolean;
    readonly rule: string;
    readonly level: Level;
    /** The policy (or policies) judged. */
    readonly policy: string;
    /** Settings the rule reads. */
    readonly setting: string;
    /** What is wrong (empty when passed). */
    readonly problem: string;
    /** The fix, as code or as the step to take (empty when passed). */
    readonly fix: string;
}

/** The verdict of one Zero Trust check id. */
export interface CheckResult {
    readonly id: string;
    readonly passed: boolean;
    /** `mandatory` when a mandatory rule fails, else `advisory`. */
    readonly level: Level;
    readonly rows: readonly CheckRow[];
}

/** Pack-style config: a level per rule (or `all`), or an object with `enforcementLevel` and rule options. */
export type AssessConfig = Readonly<Record<string, unknown>>;

const LEVELS = ["mandatory", "advisory", "disabled"] as const;

/** The level and options of one rule under `config`; throws naming the rule and the value when invalid. */
export function ruleSettings(
    name: string,
    defaultLevel: Level,
    config: AssessConfig,
): { level: Level | "disabled"; options: Record<string, unknown> } {
    let level: unknown = defaultLevel;
    let options: Record<string, unknown> = {};
    for (const entry of [config.all, config[name]]) {
        if (entry === undefined) continue;
        if (typeof entry === "string") level = entry;
        else if (entry && typeof entry === "object" && !Array.isArray(entry)) {
            const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
            if (enforcementLevel !== undefined) level = enforcementLevel;
            if (entry === config[name]) options = rest;
        } else
            throw new Error(
                `config ${JSON.stringify(name)}: ${JSON.stringify(entry)} is neither a level nor an object`,
            );
    }
    if (!LEVELS.includes(level as never))
        throw new Error(
            `config ${JSON.stringify(name)}: level ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`,
        );
    return { level: level as Level | "disabled", options };
}

/** `message` split into what is wrong and the fix (the text after "Fix: "), citation dropped. */
function splitFix(message: string): { problem: string; fix: string } {
    const bare = message.replace(/\s*\[Zero Trust [^\]]*\]$/, "").replace(PROGRAM_UNSET, TENANT_UNSET);
    const at = bare.indexOf(" Fix: ");
    return at < 0
        ? { problem: bare, fix: "" }
        : { problem: bare.slice(0, at), fix: bare.slice(at + 6).replace(/\.$/, "") };
}

const isAssigned = (policy: StackPolicy) =>
    ((policy.inputs.assignments as { include?: unknown[] } | undefined)?.include?.length ?? 0) > 0;

function policyRows(rule: ZeroTrustRule, level: Level, options: Record<string, unknown>, stack: StackView): CheckRow[] {
    const rows: CheckRow[] = [];
    for (const name of rule.platforms) {
        const platform = policyTypes[name];
        const setting = rule.settings.filter((s) => s in platform.settings).join(", ");
        const assigned = stack.policies.filter((p) => p.platform === name && isAssigned(p));
        if (!assigned.length) {
            rows.push({
                passed: false,
                rule: rule.name,
                level,
                policy: `(no assigned ${platform.title} policy)`,
                setting,
                problem: `no assigned ${platform.title} app protection policy applies ${setting}`,
                fix: `assign a ${platform.title} policy that sets ${setting}`,
            });
            continue;
        }
        for (const policy of assigned) {
            const messages = evaluateRule(rule, platform, policy.inputs, options);
            if (!messages.length)
                rows.push({ passed: true, rule: rule.name, level, policy: policy.name, setting, problem: "", fix: "" });
            for (const message of messages)
                rows.push({
                    passed: false,
                    rule: rule.name,
                    level,
                    policy: policy.name,
                    setting,
                    ...splitFix(message),
                });
        }
    }
    return rows;
}

/** What a passing stack rule rests on, for the table. */
function stackEvidence(rule: StackRule, stack: StackView): string {
    if (rule.name.endsWith("-app-protection-assigned")) {
        const platform = rule.name.startsWith("ios") ? "ios" : "android";
        return stack.policies
            .filter((p) => p.platform === platform && isAssigned(p))
            .map((p) => p.name)
            .join(", ");
    }
    if (rule.name === "conditional-access-requires-app-protection")
        return stack.conditionalAccess
            .filter((p) => p.state === "enabled" && p.builtInControls.includes("compliantApplication"))
            .map((p) => p.name)
            .join(", ");
    return "Microsoft Defender for Endpoint connector";
}

const STACK_SETTINGS: Record<string, string> = {
    "ios-app-protection-assigned": "assignments",
    "android-app-protection-assigned": "assignments",
    "conditional-access-requires-app-protection": "grantControls.builtInControls, state, conditions.platforms",
    "defender-enrolls-android": "partnerState, androidEnabled",
};

function stackRows(
    rule: StackRule,
    level: Level,
    options: Record<string, unknown>,
    stack: StackView,
    unread: Unread,
): CheckRow[] {
    const setting = STACK_SETTINGS[rule.name] ?? "";
    const reason =
        rule.name === "conditional-access-requires-app-protection"
            ? unread.conditionalAccess
            : rule.name === "defender-enrolls-android"
              ? unread.mtdConnectors
              : undefined;
    if (reason && options.managedElsewhere !== true)
        return [
            {
                passed: false,
                rule: rule.name,
                level,
                policy: "(not read)",
                setting,
                problem: "could not be read",
                fix: reason,
            },
        ];
    const messages = rule.evaluate(stack, options);
    if (!messages.length)
        return [
            {
                passed: true,
                rule: rule.name,
                level,
                policy: stackEvidence(rule, stack) || "(managed elsewhere)",
                setting,
                problem: "",
                fix: "",
            },
        ];
    return messages.map((message) => ({
        passed: false,
        rule: rule.name,
        level,
        policy: "(tenant)",
        setting,
        ...splitFix(message),
    }));
}

/** Check ids in report order: the automated assessment's numeric ids, then the workshop's, then uncited rules. */
function compareIds(a: string, b: string): number {
    const rank = (id: string) => (/^\d+$/.test(id) ? 0 : id.startsWith("RMD_MAM_") ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true });
}

/** Every check's verdict, in report order. A rule cited by several ids counts under each. */
export function assess(stack: StackView, unread: Unread = {}, config: AssessConfig = {}): CheckResult[] {
    const byId = new Map<string, CheckRow[]>();
    const add = (ids: readonly string[], rows: CheckRow[]) => {
        for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), ...rows]);
    };
    for (const rule of stackRules) {
        const { level, options } = ruleSettings(rule.name, rule.enforcementLevel, config);
        if (level !== "disabled") add(rule.zeroTrustIds, stackRows(rule, level, options, stack, unread));
    }
    for (const rule of zeroTrustRules) {
        const { level, options } = ruleSettings(rule.name, rule.enforcementLevel, config);
        if (level !== "disabled") add(rule.zeroTrustIds ?? [rule.name], policyRows(rule, level, options, stack));
    }
    return [...byId.keys()].sort(compareIds).map((id) => {
        const rows = byId.get(id)!;
        const failing = rows.filter((row) => !row.passed);
        return {
            id,
            passed: failing.length === 0,
            level: failing.some((row) => row.level === "mandatory") ? "mandatory" : "advisory",
            rows,
        };
    });
}

/**
 * The Zero Trust policy pack's rules, loaded from the pack's folder, so the review can tell which
 * violations a change fixes: the engine reports only what the new inputs break, the rules say what
 * the stored policy broke. Levels come from the pack's config like the engine's (`"all"`, then per
 * rule); disabled rules are skipped.
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyType } from "../settings/policy-type";
import type { RuleEvaluator } from "./model";
import { InputError } from "./events";

/** What the review needs of the pack's `rules` module. */
interface RulesModule {
    zeroTrustRules: readonly { name: string; enforcementLevel: string; settings?: readonly string[] }[];
    evaluateAll(
        platform: PolicyType,
        inputs: Record<string, unknown>,
        configs?: Record<string, Record<string, unknown>>,
    ): Record<string, string[]>;
}

type Level = "mandatory" | "advisory" | "disabled";

/** A rule's level and settings from a policy pack config (`"advisory"` or `{ enforcementLevel, ...settings }`). */
function ruleConfig(
    config: Record<string, unknown>,
    rule: string,
    fallback: string,
): { level: Level; settings: Record<string, unknown> } {
    const pick = (entry: unknown) =>
        typeof entry === "string"
            ? entry
            : ((entry as Record<string, unknown> | undefined)?.enforcementLevel as string | undefined);
    const entry = config[rule];
    const level = pick(entry) ?? pick(config.all) ?? fallback;
    const settings = entry && typeof entry === "object" ? { ...(entry as Record<string, unknown>) } : {};
    delete settings.enforcementLevel;
    return { level: level === "mandatory" || level === "disabled" ? level : "advisory", settings };
}

/**
 * Loads `<packDir>/rules` (TypeScript through ts-node, as the pack itself runs) with an optional
 * config file. A rule that throws costs only the "fixes" lines: `warn` says so once, the review goes on.
 */
export function loadRules(
    packDir: string,
    configFile: string | undefined,
    warn: (message: string) => void,
): RuleEvaluator {
    const base = path.resolve(packDir, "rules");
    const file = [".ts", ".js"].map((ext) => base + ext).find((f) => fs.existsSync(f));
    if (!file) throw new InputError(`--policy-pack ${packDir}: no rules.ts or rules.js in that folder`);
    if (file.endsWith(".ts")) {
        require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
    }
    const rules = require(file) as RulesModule;
    if (typeof rules.evaluateAll !== "function" || !Array.isArray(rules.zeroTrustRules))
        throw new InputError(
            `--policy-pack ${packDir}: ${path.basename(file)} does not export evaluateAll and zeroTrustRules`,
        );
    let config: Record<string, unknown> = {};
    if (configFile) {
        try {
            config = JSON.parse(fs.readFileSync(configFile, "utf8"));
        } catch (err) {
            throw new InputError(`--policy-pack-config ${configFile}: ${(err as Error).message}`);
        }
    }
    const levels = new Map(rules.zeroTrustRules.map((r) => [r.name, ruleConfig(config, r.name, r.enforcementLevel)]));
    const settings = Object.fromEntries([...levels].map(([name, c]) => [name, c.settings]));
    const reads = new Map(rules.zeroTrustRules.map((r) => [r.name, [...(r.settings ?? [])]]));
    let warned = false;
    const evaluateAll = (platform: PolicyType, inputs: Record<string, unknown>) => {
        try {
            return rules.evaluateAll(platform, inputs, settings);
        } catch (err) {
            if (!warned)
                warn(`the pack's rules failed (${(err as Error).message}); the review names no fixed violations`);
            warned = true;
            return {};
        }
    };
    return (platform, inputs) =>
        Object.entries(evaluateAll(platform, inputs)).flatMap(([rule, messages]) => {
            const level = levels.get(rule)?.level ?? "advisory";
            return level === "disabled"
                ? []
                : messages.map((message) => ({ rule, level, message, settings: reads.get(rule) ?? [] }));
        });
}

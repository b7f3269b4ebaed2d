/**
 * The review of one stack: per policy what the preview will do (created, updated, deleted,
 * adopted), each changed setting with its admin-center label and old and new value in the admin
 * center's words, app and assignment changes, drift found by refresh and Zero Trust findings.
 * Plain JSON, so per-stack reviews can be saved by one CI job and merged by another.
 */
import { policyChanges, sameValue } from "../engine/diff";
import { managedKeys } from "../engine/state";
import type { Assignments, GroupTarget } from "../settings/assignments";
import { containsUnknown } from "../protocol/unknown";
import { policyTypes } from "../settings/platforms";
import type { PolicyType } from "../settings/policy-type";
import {
    isStackStep,
    parseUrn,
    type PolicyViolation,
    type PreviewRecord,
    type PreviewStep,
    type ResourceState,
} from "./events";
import { code, NOT_MANAGED, valueWords } from "./words";

/** Marks a saved review, so inputs can be told apart. */
export const REVIEW_FORMAT = "pulumi-intune-app-protection/review@1";

export type PolicyAction = "create" | "adopt" | "update" | "delete" | "forget" | "same" | "blocked";

/** One setting: its label and its value before and after, in the admin center's words. */
export interface SettingChange {
    setting: string;
    label: string;
    before: string;
    after: string;
}

/** Items added to and removed from a list (apps, included groups, excluded groups). */
export interface ListChange {
    added: string[];
    removed: string[];
}

/** One Zero Trust finding on a policy. */
export interface Finding {
    rule: string;
    level: "mandatory" | "advisory";
    /** `violated`: the policy breaks the rule after this change; `fixed`: it broke it before and no longer does. */
    status: "violated" | "fixed";
    message: string;
}

export interface PolicyReview {
    /** Pulumi resource name. */
    name: string;
    displayName: string;
    platform: string;
    action: PolicyAction;
    /** Graph id of the policy, when it exists. */
    policyId?: string;
    settings: SettingChange[];
    /** Target policy to (app group), when it changes. */
    appGroup?: SettingChange;
    apps?: ListChange;
    /** Apps the created or adopted policy targets. */
    appList?: string[];
    include?: ListChange;
    exclude?: ListChange;
    /** Groups of a policy being deleted, in words. */
    assignedTo?: string;
    /** Settings the tenant changed outside Pulumi (before = last deployed, after = tenant). */
    drift: SettingChange[];
    /** Refresh found the policy deleted outside Pulumi. */
    deletedOutside?: boolean;
    findings: Finding[];
    errors: string[];
}

export interface StackReview {
    format: typeof REVIEW_FORMAT;
    stack: string;
    project: string;
    /** Policies with something to show, in program order. */
    policies: PolicyReview[];
    /** Policies the preview leaves as they are, with no drift and no finding. */
    unchanged: number;
    /** Errors not tied to one policy. */
    errors: string[];
    /** Findings on the stack or on resources other than policies (stack-wide rules). */
    findings: Finding[];
    /** The engine reported an error: the preview failed. */
    failed: boolean;
    /** Policy packs that ran. */
    policyPacks: string[];
    /** The input carried no policy findings (`pulumi preview --json`). */
    findingsUnavailable: boolean;
}

/** Which rules a policy breaks, to tell which violations a change fixes (the pack's rules). */
export type RuleEvaluator = (
    platform: PolicyType,
    inputs: Record<string, unknown>,
) => { rule: string; level: "mandatory" | "advisory"; message: string; settings: string[] }[];

const platformOfType = (type: string): PolicyType | undefined =>
    Object.values(policyTypes).find((p) => type.endsWith(`:${p.resourceType}`));

const AZUREAD_GROUP = "azuread:index/group:Group";

/** Group display names known from the preview: `azuread.Group` resources of the same stack. */
function groupNamesOf(record: PreviewRecord): Map<string, string> {
    const names = new Map<string, string>();
    for (const step of [...record.steps, ...record.refreshes]) {
        if (step.type !== AZUREAD_GROUP) continue;
        for (const state of [step.old, step.new]) {
            const out = { ...state?.inputs, ...state?.outputs } as Record<string, unknown>;
            const id = out.objectId ?? state?.id;
            if (typeof id === "string" && typeof out.displayName === "string")
                names.set(id.toLowerCase(), out.displayName);
        }
    }
    return names;
}

/** One assignment target in words: the group's name where known, its filter. */
function targetWords(target: GroupTarget, names: Map<string, string>): string {
    const unknown = "(known after the group is created)";
    if (typeof target === "string") return containsUnknown(target) ? unknown : (names.get(target) ?? code(target));
    const group =
        target.groupName !== undefined
            ? containsUnknown(target.groupName)
                ? unknown
                : `${target.groupName}`
            : containsUnknown(target.groupId)
              ? unknown
              : (names.get(String(target.groupId)) ?? code(String(target.groupId)));
    return target.filterId ? `${group} (filter ${target.filterType}: ${code(target.filterId)})` : group;
}

function listChange(before: string[], after: string[]): ListChange | undefined {
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    return added.length || removed.length ? { added, removed } : undefined;
}

function sideWords(assignments: unknown, side: "include" | "exclude", names: Map<string, string>): string[] {
    const list = (assignments as Assignments | undefined)?.[side];
    return Array.isArray(list) ? list.map((t) => targetWords(t, names)) : [];
}

/** Words of one value of a managed key (a setting, or the app list). */
function words(platform: PolicyType, key: string, value: unknown): string {
    if (containsUnknown(value)) return "(known after update)";
    if (value === "[secret]") return "(secret)";
    const spec = platform.settings[key];
    return spec ? valueWords(key, spec, value) : String(value);
}

function settingChange(platform: PolicyType, key: string, before: unknown, after: unknown): SettingChange {
    const spec = platform.settings[key];
    return {
        setting: key,
        label: spec?.label ?? key,
        before: before === undefined ? NOT_MANAGED : words(platform, key, before),
        after: after === undefined ? NOT_MANAGED : words(platform, key, after),
    };
}

const SKIP_IN_SETTINGS = new Set(["appGroupType", "apps", "assignments"]);

/** Settings in the catalog's order, which follows the admin center's pages. */
function inCatalogOrder(platform: PolicyType, changes: SettingChange[]): SettingChange[] {
    const order = Object.keys(platform.settings);
    return [...changes].sort((a, b) => order.indexOf(a.setting) - order.indexOf(b.setting));
}

/** Declared settings of a policy being created or adopted. */
function declaredSettings(platform: PolicyType, inputs: Record<string, unknown>): SettingChange[] {
    const keys = managedKeys(platform, inputs).filter((key) => !SKIP_IN_SETTINGS.has(key));
    return inCatalogOrder(
        platform,
        keys.map((key) => settingChange(platform, key, undefined, inputs[key])),
    );
}

/** One app id in words; `scheme` names its platform in a type whose apps are listed per platform. */
const appWords = (app: unknown, scheme?: string): string =>
    containsUnknown(app) ? "(known after update)" : `${scheme ? `${scheme}: ` : ""}${code(String(app))}`;

/**
 * The apps of a state in words: a list of ids, or one list per platform (`{ ios: [...], android:
 * [...] }`, app configuration) with each id named by its platform.
 */
function appsOf(state: Record<string, unknown> | undefined): string[] {
    const apps = state?.apps;
    if (Array.isArray(apps)) return apps.map((app) => appWords(app));
    if (!apps || typeof apps !== "object") return [];
    return Object.entries(apps as Record<string, unknown>).flatMap(([scheme, ids]) =>
        Array.isArray(ids) ? ids.map((app) => appWords(app, scheme)) : [appWords(ids, scheme)],
    );
}

/** Settings, apps and assignments that an update changes. */
function updateOf(
    platform: PolicyType,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    names: Map<string, string>,
): Pick<PolicyReview, "settings" | "appGroup" | "apps" | "include" | "exclude"> {
    const changes = policyChanges(platform, olds, news);
    const settings = (changes.send.patch ?? []).map((key) => settingChange(platform, key, olds[key], news[key]));
    for (const key of changes.released) {
        if (SKIP_IN_SETTINGS.has(key)) continue;
        const change = settingChange(platform, key, olds[key], undefined);
        settings.push({ ...change, after: `${NOT_MANAGED} (the policy keeps ${change.before})` });
    }
    const result: ReturnType<typeof updateOf> = { settings: inCatalogOrder(platform, settings) };
    if (changes.send.targetApps) {
        if (!sameValue(olds.appGroupType, news.appGroupType) && news.appGroupType !== undefined)
            result.appGroup = settingChange(platform, "appGroupType", olds.appGroupType, news.appGroupType);
        result.apps = listChange(appsOf(olds), appsOf(news));
    }
    if (changes.send.assign || changes.released.includes("assignments")) {
        if (news.assignments === undefined) {
            result.include = { added: [], removed: [] };
        } else {
            result.include = listChange(
                sideWords(olds.assignments, "include", names),
                sideWords(news.assignments, "include", names),
            );
            result.exclude = listChange(
                sideWords(olds.assignments, "exclude", names),
                sideWords(news.assignments, "exclude", names),
            );
        }
    }
    return result;
}

/** Included and excluded groups in one line: "Included: Sales, Finance; excluded: Contractors". */
function assignmentWords(assignments: unknown, names: Map<string, string>): string {
    const include = sideWords(assignments, "include", names);
    const exclude = sideWords(assignments, "exclude", names);
    if (!include.length && !exclude.length) return "None";
    return [
        include.length ? `Included: ${include.join(", ")}` : "",
        exclude.length ? `Excluded: ${exclude.join(", ")}` : "",
    ]
        .filter(Boolean)
        .join("; ");
}

/** What refresh found: settings, apps and groups the tenant changed since the last `up`. */
function driftOf(
    platform: PolicyType,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    names: Map<string, string>,
): SettingChange[] {
    const changed = managedKeys(platform, before).filter((key) => !sameValue(before[key], after[key]));
    const drift = changed
        .filter((key) => key !== "apps" && key !== "assignments")
        .map((key) => settingChange(platform, key, before[key], after[key]));
    const rows = inCatalogOrder(platform, drift);
    if (changed.includes("apps"))
        rows.push({
            setting: "apps",
            label: "Apps",
            before: appsOf(before).join(", ") || "None",
            after: appsOf(after).join(", ") || "None",
        });
    if (changed.includes("assignments"))
        rows.push({
            setting: "assignments",
            label: "Assignments",
            before: assignmentWords(before.assignments, names),
            after: assignmentWords(after.assignments, names),
        });
    return rows;
}

const displayNameOf = (...states: (ResourceState | undefined)[]): string => {
    for (const state of states) {
        const name = state?.inputs.displayName ?? state?.outputs.displayName;
        if (typeof name === "string" && !containsUnknown(name)) return name;
    }
    return "";
};

function actionOf(step: PreviewStep | undefined): PolicyAction {
    if (!step) return "blocked";
    if (step.op === "create" || step.op === "create-replacement")
        return typeof step.new?.inputs.adoptPolicyId === "string" ? "adopt" : "create";
    if (step.op === "delete" || step.op === "delete-replaced") return step.old?.retainOnDelete ? "forget" : "delete";
    if (step.op === "update" || step.op === "replace") return "update";
    return "same";
}

/** The review of one policy resource. */
function policyReview(
    platform: PolicyType,
    urn: string,
    record: PreviewRecord,
    names: Map<string, string>,
    evaluate: RuleEvaluator | undefined,
): PolicyReview {
    const step = record.steps.find((s) => s.urn === urn);
    const refresh = record.refreshes.find((r) => r.urn === urn);
    const action = actionOf(step);
    const review: PolicyReview = {
        name: parseUrn(urn).name,
        displayName: displayNameOf(step?.new, step?.old, refresh?.old),
        platform: platform.title,
        action,
        policyId: step?.old?.id ?? refresh?.old?.id ?? (step?.new?.inputs.adoptPolicyId as string | undefined),
        settings: [],
        drift: [],
        findings: [],
        errors: record.errors.filter((e) => e.urn === urn).map((e) => e.message),
    };
    const news = step?.new?.inputs ?? {};
    const olds = step?.old?.outputs ?? {};
    if (action === "create" || action === "adopt") {
        review.settings = declaredSettings(platform, news);
        if (news.appGroupType !== undefined)
            review.appGroup = settingChange(platform, "appGroupType", undefined, news.appGroupType);
        review.appList = appsOf(news);
        review.include = listChange([], sideWords(news.assignments, "include", names));
        review.exclude = listChange([], sideWords(news.assignments, "exclude", names));
    } else if (action === "update") {
        Object.assign(review, updateOf(platform, olds, news, names));
    } else if ((action === "delete" || action === "forget") && olds.assignments !== undefined) {
        review.assignedTo = assignmentWords(olds.assignments, names);
    }
    if (refresh?.op === "delete") review.deletedOutside = true;
    else if (refresh) review.drift = driftOf(platform, refresh.old?.outputs ?? {}, refresh.new?.outputs ?? {}, names);
    review.findings = findingsOf(record.violations.filter((v) => v.urn === urn));
    if (evaluate && action === "update" && record.policyPacks.length)
        review.findings.push(...fixedBy(platform, olds, changedKeys(review), review.findings, evaluate));
    return review;
}

/** The keys an update changes. */
function changedKeys(review: PolicyReview): string[] {
    const keys = review.settings.map((s) => s.setting);
    if (review.apps || review.appGroup) keys.push("apps", "appGroupType");
    if (review.include || review.exclude) keys.push("assignments");
    return keys;
}

/** Violations of one policy, mandatory ones first. */
function findingsOf(violations: PolicyViolation[]): Finding[] {
    return violations
        .map((v) => ({ rule: v.policyName, level: v.level, status: "violated" as const, message: v.message }))
        .sort((a, b) => Number(a.level !== "mandatory") - Number(b.level !== "mandatory"));
}

/**
 * Rules the stored policy broke and the updated one no longer does, among the rules that read a
 * setting this update changes (so a rule the preview's pack config disabled is seldom claimed).
 */
function fixedBy(
    platform: PolicyType,
    olds: Record<string, unknown>,
    changed: string[],
    now: Finding[],
    evaluate: RuleEvaluator,
): Finding[] {
    const before = evaluate(platform, olds).filter((b) => b.settings.some((key) => changed.includes(key)));
    const seen = new Set<string>();
    return before
        .filter((b) => !now.some((f) => f.rule === b.rule) && !seen.has(b.rule) && seen.add(b.rule))
        .map((b) => ({
            rule: b.rule,
            level: b.level,
            status: "fixed" as const,
            message: b.message.replace(/ Fix: [\s\S]*$/, ""),
        }));
}

/** Whether a policy has anything a reviewer must see. */
export const isNoteworthy = (p: PolicyReview) =>
    p.action !== "same" ||
    p.drift.length > 0 ||
    p.deletedOutside === true ||
    p.findings.length > 0 ||
    p.errors.length > 0;

/** Builds one stack's review from its preview. `evaluate` (the pack's rules) lets it name fixed violations. */
export function reviewStack(record: PreviewRecord, evaluate?: RuleEvaluator): StackReview {
    const names = groupNamesOf(record);
    const urns: { urn: string; platform: PolicyType }[] = [];
    const add = (urn: string | undefined, type: string) => {
        const platform = platformOfType(type);
        if (urn && platform && !urns.some((u) => u.urn === urn)) urns.push({ urn, platform });
    };
    for (const step of record.steps) add(step.urn, step.type);
    for (const refresh of record.refreshes) add(refresh.urn, refresh.type);
    for (const violation of record.violations) add(violation.urn, violation.urn ? urnType(violation.urn) : "");
    for (const error of record.errors) add(error.urn, error.urn ? urnType(error.urn) : "");
    const all = urns
        .map(({ urn, platform }) => policyReview(platform, urn, record, names, evaluate))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const known = new Set(urns.map((u) => u.urn));
    const stackStep = record.steps.find(isStackStep);
    // The engine's closing "preview failed" says no more than `failed` does.
    const stackErrors = record.errors.filter(
        (e) =>
            (!e.urn || !known.has(e.urn) || e.urn === stackStep?.urn) && !/^(preview|update) failed$/.test(e.message),
    );
    // Findings on the stack or on resources other than policies still belong in the review.
    const otherFindings = record.violations.filter((v) => !v.urn || !known.has(v.urn));
    return {
        format: REVIEW_FORMAT,
        stack: record.stack,
        project: record.project,
        policies: all.filter(isNoteworthy),
        unchanged: all.filter((p) => !isNoteworthy(p)).length,
        errors: stackErrors.map((e) => e.message),
        findings: findingsOf(
            otherFindings.map((v) =>
                v.urn && urnType(v.urn) !== stackStep?.type
                    ? { ...v, message: `${parseUrn(v.urn).name}: ${v.message}` }
                    : v,
            ),
        ),
        failed: record.errors.length > 0,
        policyPacks: record.policyPacks,
        findingsUnavailable: record.digest,
    };
}

/** The type token inside a URN (`...::pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy::name`). */
function urnType(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[parts.length - 2].split("$").pop()! : "";
}

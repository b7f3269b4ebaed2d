/**
 * Markdown of reviews: one stack, or several merged into one comment with a line per stack
 * (tenant) and the details below. Short when the change is small; each policy collapsible
 * (`<details>`) when it is large; never longer than `maxChars` (GitHub comments hold 65,536
 * characters): policies that do not fit are named in one line each, then only counted.
 */
import type { Finding, ListChange, PolicyReview, SettingChange, StackReview } from "./model";
import { code } from "./words";

/** GitHub's limit on the body of an issue or pull-request comment. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface RenderOptions {
    /** Longest Markdown to produce (default: a GitHub comment's limit). */
    maxChars?: number;
    /** Policies' setting rows above which each policy collapses (default 15). */
    collapseAbove?: number;
}

const ACTION_WORDS: Record<PolicyReview["action"], string> = {
    create: "created",
    adopt: "adopted",
    update: "updated",
    delete: "deleted",
    forget: "removed from the stack (kept in the tenant)",
    same: "unchanged",
    blocked: "not previewed",
};

/** Escapes text for a Markdown table cell. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
/** Escapes text for a line of Markdown (one paragraph). */
const line = (text: string) => text.replace(/\r?\n+/g, " ").replace(/</g, "&lt;");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The policy's name as reviewers know it: its display name, with the resource name. */
function policyTitle(p: PolicyReview): string {
    return p.displayName ? `${line(p.displayName)} (${code(p.name)})` : code(p.name);
}

const mandatory = (findings: Finding[]) => findings.filter((f) => f.status === "violated" && f.level === "mandatory");
const advisory = (findings: Finding[]) => findings.filter((f) => f.status === "violated" && f.level === "advisory");
const fixed = (findings: Finding[]) => findings.filter((f) => f.status === "fixed");

/** "⛔ 1 mandatory, ⚠️ 2 advisory, ✅ 1 fixed" (or "" when there is nothing). */
function findingCounts(findings: Finding[]): string {
    const parts = [];
    if (mandatory(findings).length) parts.push(`⛔ ${mandatory(findings).length} mandatory`);
    if (advisory(findings).length) parts.push(`⚠️ ${advisory(findings).length} advisory`);
    if (fixed(findings).length) parts.push(`✅ ${fixed(findings).length} fixed`);
    return parts.join(", ");
}

function rowsOf(p: PolicyReview): number {
    return p.settings.length + p.drift.length + (p.appGroup ? 1 : 0) + p.findings.length;
}

/** HTML for the policy's name, for `<summary>`, where Markdown is not rendered. */
function policyTitleHtml(p: PolicyReview): string {
    const name = `<code>${html(p.name)}</code>`;
    return p.displayName ? `${html(p.displayName)} (${name})` : name;
}

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One line about a policy: what happens to it and what was found (HTML for `<summary>`, or Markdown). */
function policySummary(p: PolicyReview, asHtml = false): string {
    const parts = [ACTION_WORDS[p.action]];
    if (p.settings.length) parts.push(plural(p.settings.length, "setting"));
    if (p.apps || p.appGroup) parts.push("apps");
    if (p.include || p.exclude) parts.push("assignments");
    if (p.drift.length || p.deletedOutside) parts.push("drift");
    if (p.errors.length) parts.push("❌ error");
    const findings = findingCounts(p.findings);
    const title = asHtml ? `<b>${policyTitleHtml(p)}</b>` : `**${policyTitle(p)}**`;
    return `${title}, ${p.platform}: ${parts.join(", ")}${findings ? ` · ${findings}` : ""}`;
}

function settingsTable(rows: SettingChange[], headers: [string, string, string]): string[] {
    return [
        `| ${headers.join(" | ")} |`,
        "| --- | --- | --- |",
        ...rows.map((r) => `| ${cell(r.label)} | ${cell(r.before)} | ${cell(r.after)} |`),
    ];
}

function valuesTable(rows: SettingChange[]): string[] {
    return ["| Setting | Value |", "| --- | --- |", ...rows.map((r) => `| ${cell(r.label)} | ${cell(r.after)} |`)];
}

function listWords(change: ListChange | undefined): string {
    if (!change) return "";
    return [...change.added.map((x) => `➕ ${x}`), ...change.removed.map((x) => `➖ ${x}`)].join(", ");
}

function findingLine(f: Finding): string {
    if (f.status === "fixed") return `- ✅ fixes ${f.level} \`${f.rule}\`: before this change, ${line(f.message)}`;
    return `- ${f.level === "mandatory" ? "⛔" : "⚠️"} **${f.level}** \`${f.rule}\`: ${line(f.message)}`;
}

/** The body of one policy's section. */
function policyBody(p: PolicyReview): string[] {
    const out: string[] = [];
    if (p.action === "adopt")
        out.push(
            `Takes over the existing policy ${code(p.policyId ?? "")}: the first \`pulumi up\` changes only the declared values below that differ from what the tenant holds.`,
        );
    if (p.action === "delete")
        out.push(
            `The policy${p.policyId ? ` ${code(p.policyId)}` : ""} is deleted from the tenant, with its assignments${p.assignedTo ? ` (${p.assignedTo})` : ""}.`,
        );
    if (p.action === "forget")
        out.push(
            `The policy${p.policyId ? ` ${code(p.policyId)}` : ""} leaves the stack and stays in the tenant (\`retainOnDelete\`).`,
        );
    if (p.action === "blocked") out.push("The preview stopped before this policy's change could be shown.");
    if (p.deletedOutside)
        out.push("**Drift:** refresh found the policy deleted outside Pulumi; `pulumi up` creates it again.");
    if (p.drift.length) {
        out.push("", "**Drift found by refresh** (changed outside Pulumi since the last `pulumi up`):", "");
        out.push(...settingsTable(p.drift, ["Setting", "Deployed", "In the tenant"]));
    }
    if (p.settings.length) {
        out.push("");
        if (p.drift.length && p.action === "update")
            out.push("**This change** (back to the program's values where it drifted):", "");
        if (p.action === "create" || p.action === "adopt") out.push(...valuesTable(p.settings));
        else out.push(...settingsTable(p.settings, ["Setting", "Before", "After"]));
    }
    const targets: string[] = [];
    if (p.appGroup)
        targets.push(
            `- **Apps > Target policy to:** ${p.action === "update" ? `${p.appGroup.before} → ${p.appGroup.after}` : p.appGroup.after}`,
        );
    if (p.appList?.length) targets.push(`- **Apps:** ${p.appList.join(", ")}`);
    if (p.apps) targets.push(`- **Apps:** ${listWords(p.apps)}`);
    if (p.action === "create" || p.action === "adopt") {
        if (p.include) targets.push(`- **Assignments > Included groups:** ${p.include.added.join(", ")}`);
        if (p.exclude) targets.push(`- **Assignments > Excluded groups:** ${p.exclude.added.join(", ")}`);
    } else if (p.include && !p.include.added.length && !p.include.removed.length && !p.exclude)
        targets.push("- **Assignments:** no longer managed (the policy keeps its groups)");
    else {
        if (p.include) targets.push(`- **Assignments > Included groups:** ${listWords(p.include)}`);
        if (p.exclude) targets.push(`- **Assignments > Excluded groups:** ${listWords(p.exclude)}`);
    }
    if (targets.length) out.push("", ...targets);
    if (p.findings.length) out.push("", "**Zero Trust**", "", ...p.findings.map(findingLine));
    if (p.errors.length) out.push("", "**Errors**", "", ...p.errors.map((e) => `- ❌ ${line(e)}`));
    return out;
}

/** One policy's section: a heading, or a collapsible block when the review is large. */
function policySection(p: PolicyReview, collapse: boolean, level: number): string {
    const body = policyBody(p);
    while (body[0] === "") body.shift();
    if (!collapse)
        return [`${"#".repeat(level)} ${policyTitle(p)}: ${p.platform}, ${ACTION_WORDS[p.action]}`, "", ...body].join(
            "\n",
        );
    const open = mandatory(p.findings).length || p.errors.length ? " open" : "";
    return [`<details${open}><summary>${policySummary(p, true)}</summary>`, "", ...body, "", "</details>"].join("\n");
}

/** Counts of what happens in a stack: "1 created, 2 updated", or "no changes". */
export function changeCounts(review: StackReview): string {
    const counts = new Map<string, number>();
    for (const p of review.policies) {
        if (p.action === "same") continue;
        counts.set(ACTION_WORDS[p.action], (counts.get(ACTION_WORDS[p.action]) ?? 0) + 1);
    }
    const parts = [...counts].map(([words, n]) => `${n} ${words}`);
    return parts.length ? parts.join(", ") : "no changes";
}

const allFindings = (review: StackReview) => [...review.findings, ...review.policies.flatMap((p) => p.findings)];
const driftCount = (review: StackReview) => review.policies.filter((p) => p.drift.length || p.deletedOutside).length;
const failed = (review: StackReview) =>
    review.failed || review.errors.length > 0 || review.policies.some((p) => p.errors.length > 0);

/** Zero Trust in one cell: counts, "✅ none", or why there is nothing to show. */
function zeroTrustWords(review: StackReview): string {
    const counts = findingCounts(allFindings(review));
    if (counts) return counts;
    if (review.findingsUnavailable) return "not in `--json` output (use `--event-log`)";
    return review.policyPacks.length ? "✅ no violations" : "policy pack not run";
}

/** The stack's one-paragraph summary. */
function stackSummary(review: StackReview): string {
    const parts = [`**${changeCounts(review)}**`];
    if (review.unchanged) parts.push(`${plural(review.unchanged, "policy", "policies")} unchanged`);
    parts.push(`Zero Trust: ${zeroTrustWords(review)}`);
    const drift = driftCount(review);
    if (drift) parts.push(`drift in ${plural(drift, "policy", "policies")}`);
    if (failed(review)) parts.push("❌ the preview failed");
    return parts.join(" · ");
}

/** Text blocks with a priority: kept whole or left out. */
interface Block {
    text: string;
    /** One line that stands in for the block when it does not fit. */
    short: string;
}

/** Joins blocks under `budget` characters: whole blocks first, then short lines, then a count. */
function fit(head: string, blocks: Block[], tail: string, budget: number): string {
    const note = (n: number) =>
        `\n\n_${plural(n, "policy's details", "policies' details")} left out: a pull-request comment holds ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")} characters. The job summary has the full review._`;
    const parts = [head];
    let used = head.length + tail.length + note(blocks.length).length + 2;
    let left = 0;
    for (const block of blocks) {
        const whole = `\n\n${block.text}`;
        const short = `\n- ${block.short}`;
        if (left === 0 && used + whole.length <= budget) {
            parts.push(whole);
            used += whole.length;
        } else if (used + short.length <= budget) {
            if (left === 0) parts.push("\n");
            parts.push(short);
            used += short.length;
            left++;
        } else left++;
    }
    const omitted = left ? note(left) : "";
    return `${parts.join("")}${omitted}${tail}`.trimEnd() + "\n";
}

function stackBlocks(review: StackReview, options: RenderOptions, level: number): { head: string; blocks: Block[] } {
    const rows = review.policies.reduce((n, p) => n + rowsOf(p), 0);
    const collapse = rows > (options.collapseAbove ?? 15);
    const head: string[] = [stackSummary(review)];
    if (review.errors.length) head.push("", ...review.errors.map((e) => `- ❌ ${line(e)}`));
    if (review.findings.length) head.push("", "**Zero Trust (whole stack)**", "", ...review.findings.map(findingLine));
    const blocks = review.policies.map((p) => ({ text: policySection(p, collapse, level), short: policySummary(p) }));
    return { head: head.join("\n"), blocks };
}

/** Markdown of one stack's review. */
export function renderStack(review: StackReview, options: RenderOptions = {}): string {
    const { head, blocks } = stackBlocks(review, options, 3);
    const title = `## Intune app protection review: stack ${code(review.stack)}`;
    return fit(`${title}\n\n${head}`, blocks, "", options.maxChars ?? GITHUB_COMMENT_LIMIT);
}

/** Markdown of several stacks' reviews: a line per stack, then each stack's details. */
export function renderMerged(reviews: StackReview[], options: RenderOptions = {}): string {
    if (reviews.length === 1) return renderStack(reviews[0], options);
    const table = [
        `## Intune app protection review: ${plural(reviews.length, "stack")}`,
        "",
        "| Stack | Changes | Zero Trust | Drift | Preview |",
        "| --- | --- | --- | --- | --- |",
        ...reviews.map(
            (r) =>
                `| ${code(r.stack)} | ${cell(changeCounts(r))} | ${cell(zeroTrustWords(r))} | ${driftCount(r) ? plural(driftCount(r), "policy", "policies") : "none"} | ${failed(r) ? "❌ failed" : "✅ ok"} |`,
        ),
    ].join("\n");
    const blocks: Block[] = [];
    for (const review of reviews) {
        if (!review.policies.length && !review.errors.length) continue;
        const { head, blocks: policies } = stackBlocks(review, { ...options, collapseAbove: 0 }, 4);
        blocks.push({
            text: [`### Stack ${code(review.stack)}`, "", head, "", ...policies.map((b) => b.text)].join("\n"),
            short: `Stack ${code(review.stack)}: ${changeCounts(review)}`,
        });
    }
    return fit(table, blocks, "", options.maxChars ?? GITHUB_COMMENT_LIMIT);
}

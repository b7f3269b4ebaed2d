/**
 * The assessment as Markdown: a summary line per Zero Trust check id, then a table per check
 * with each policy judged, the settings read, what is wrong and the fix (as code where the rule
 * gives one). Readable in a terminal and as a CI job summary or pull-request comment.
 */
import type { CheckResult } from "./checks";

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

/** The verdict word of a check. */
function verdict(check: CheckResult): string {
    if (check.passed) return "PASS";
    return check.level === "mandatory" ? "FAIL" : "WARN (advisory)";
}

/** The whole report. */
export function renderAssessment(checks: readonly CheckResult[], tenantId: string): string {
    const failed = checks.filter((c) => !c.passed && c.level === "mandatory").length;
    const warned = checks.filter((c) => !c.passed && c.level === "advisory").length;
    const lines = [
        `# Zero Trust assessment of Intune app protection: tenant ${tenantId}`,
        "",
        `${checks.length - failed - warned} passed, ${failed} failed, ${warned} advisory warnings.`,
        "",
        "| Check | Result | Rules |",
        "| --- | --- | --- |",
        ...checks.map((c) => `| ${c.id} | ${verdict(c)} | ${[...new Set(c.rows.map((r) => r.rule))].join(", ")} |`),
    ];
    for (const check of checks) {
        lines.push(
            "",
            `## ${check.id}: ${verdict(check)}`,
            "",
            "| Result | Rule | Policy | Setting | Problem | Fix |",
            "| --- | --- | --- | --- | --- | --- |",
        );
        for (const row of check.rows)
            lines.push(
                `| ${row.passed ? "pass" : row.level === "mandatory" ? "FAIL" : "warn"} | ${row.rule} | ${cell(row.policy)} | ${cell(row.setting)} | ${cell(row.problem)} | ${cell(row.fix)} |`,
            );
    }
    return `${lines.join("\n")}\n`;
}

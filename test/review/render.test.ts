/**
 * The review's size rules and input handling, on reviews built in memory: short when small,
 * collapsible when large, never longer than a GitHub comment; inputs that are not engine output
 * fail with a sentence naming the file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../provider/review/cli";
import { parsePreview } from "../../provider/review/events";
import { REVIEW_FORMAT, type PolicyReview, type StackReview } from "../../provider/review/model";
import { renderMerged, renderStack } from "../../provider/review/render";

function policy(n: number, settings: number): PolicyReview {
    return {
        name: `policy-${n}`,
        displayName: `Policy ${n}`,
        platform: "iOS/iPadOS",
        action: "update",
        settings: Array.from({ length: settings }, (_, i) => ({
            setting: `s${i}`,
            label: `Data protection > Setting ${i} | with a pipe`,
            before: "Allow",
            after: "Block",
        })),
        drift: [],
        findings: [],
        errors: [],
    };
}

function stack(name: string, policies: PolicyReview[]): StackReview {
    return {
        format: REVIEW_FORMAT,
        stack: name,
        project: "p",
        policies,
        unchanged: 3,
        errors: [],
        findings: [],
        failed: false,
        policyPacks: ["intune-zero-trust"],
        findingsUnavailable: false,
    };
}

it("a small review is open Markdown with headings; table cells escape pipes", () => {
    const markdown = renderStack(stack("dev", [policy(1, 2)]));
    expect(markdown).toContain("### Policy 1 (`policy-1`): iOS/iPadOS, updated");
    expect(markdown).toContain("| Data protection > Setting 0 \\| with a pipe | Allow | Block |");
    expect(markdown).not.toContain("<details");
    expect(markdown).toContain("**1 updated** · 3 policies unchanged · Zero Trust: ✅ no violations");
});

it("a large review collapses each policy, and a mandatory finding keeps its policy open", () => {
    const flagged = policy(2, 10);
    flagged.findings = [{ rule: "block-org-data-backups", level: "mandatory", status: "violated", message: "m" }];
    const markdown = renderStack(stack("dev", [policy(1, 10), flagged]));
    expect(markdown).toContain(
        "<details><summary><b>Policy 1 (<code>policy-1</code>)</b>, iOS/iPadOS: updated, 10 settings</summary>",
    );
    expect(markdown).toContain(
        "<details open><summary><b>Policy 2 (<code>policy-2</code>)</b>, iOS/iPadOS: updated, 10 settings · ⛔ 1 mandatory</summary>",
    );
});

it("never exceeds the limit: policies that do not fit are named, then counted", () => {
    const many = Array.from({ length: 400 }, (_, i) => policy(i, 20));
    const markdown = renderStack(stack("big", many), { maxChars: 20_000 });
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown).toMatch(/_\d+ policies' details left out: a pull-request comment holds 65,536 characters/);
    const whole = markdown.match(/^<details/gm)!.length;
    const named = markdown.match(/^- \*\*Policy \d+/gm)!.length;
    const counted = Number(/_(\d+) policies' details left out/.exec(markdown)![1]);
    expect(whole).toBeGreaterThan(0);
    expect(named).toBeGreaterThan(0);
    expect(counted).toBe(400 - whole); // the named ones are counted too: their details are left out
    const full = renderStack(stack("big", many), { maxChars: 1_000_000 });
    expect(full).not.toContain("left out");
    expect(renderStack(stack("big", many)).length).toBeLessThanOrEqual(65_536);
});

it("merged: a line per stack in a table, details per stack below, stacks with nothing to show have none", () => {
    const markdown = renderMerged([stack("a", [policy(1, 1)]), stack("b", [])]);
    expect(markdown).toContain("| `a` | 1 updated | ✅ no violations | none | ✅ ok |");
    expect(markdown).toContain("| `b` | no changes | ✅ no violations | none | ✅ ok |");
    expect(markdown).toContain("### Stack `a`");
    expect(markdown).not.toContain("### Stack `b`");
});

describe("inputs", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-input-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function run(...argv: string[]) {
        let stderr = "";
        const code = await main(argv, {
            stdout: { write: () => true },
            stderr: { write: (t: string) => (stderr += t) },
        });
        return { code, stderr };
    }

    it("names the file and what was expected", async () => {
        const text = path.join(dir, "preview.txt");
        fs.writeFileSync(text, "Previewing update (dev):\n");
        expect(await run(text)).toEqual({
            code: 1,
            stderr: expect.stringContaining(`${text} line 1 is not JSON: expected a Pulumi event log`),
        });
        expect((await run(path.join(dir, "missing.jsonl"))).stderr).toContain("cannot read");
        expect((await run()).stderr).toContain("no input");
        const other = path.join(dir, "other.json");
        fs.writeFileSync(other, '{"hello": 1}');
        expect((await run(other)).stderr).toContain("neither a Pulumi event log nor `pulumi preview --json` output");
        expect((await run(other, "--max-chars", "ten")).stderr).toContain('--max-chars is "ten"');
    });

    it("reads an event log given as a JSON array, as the Automation API's events", () => {
        const urn = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy::p";
        const record = parsePreview(
            JSON.stringify([
                {
                    sequence: 1,
                    resourcePreEvent: {
                        metadata: { op: "create", urn, type: "t", new: { inputs: { a: 1 }, outputs: {} } },
                    },
                },
                {
                    sequence: 2,
                    policyEvent: {
                        resourceUrn: urn,
                        message: "m\n",
                        policyName: "r",
                        policyPackName: "pk",
                        enforcementLevel: "mandatory",
                    },
                },
            ]),
            "x",
        );
        expect(record).toMatchObject({ stack: "dev", project: "proj", policyPacks: ["pk"] });
        expect(record.violations).toEqual([
            { urn, policyName: "r", policyPackName: "pk", level: "mandatory", message: "m" },
        ]);
    });
});

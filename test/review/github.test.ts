/**
 * The GitHub side of the review, run locally: `review comment` against a stand-in for GitHub's
 * REST API on loopback (real `fetch`, no network), and the example workflows' own steps run with
 * bash on event logs the engine wrote (test/review/fixtures/*.events.jsonl), with the variables
 * GitHub Actions sets. One pull-request comment is created, then updated on the next push (never
 * a second one); the job summary gets the full review; the merge job of the multi-tenant workflow
 * posts one comment with a line per tenant.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { main } from "../../provider/review/cli";
import { marker } from "../../provider/review/github";
import { startFakeGitHub, type FakeGitHub } from "./github-api";

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");
const SINGLE = path.join(ROOT, "examples/github-actions-preview/.github/workflows/preview.yml");
const MULTI = path.join(ROOT, "examples/github-actions-multi-tenant/.github/workflows/preview-tenants.yml");
const REPO = "contoso/intune-policies";
const PR = 42;
const TOKEN = "ghs_test-token-never-printed";

let github: FakeGitHub;
let work: string;
let eventFile: string;

beforeEach(async () => {
    github = await startFakeGitHub(REPO, PR, TOKEN);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "review-github-"));
    eventFile = path.join(work, "event.json");
    fs.writeFileSync(eventFile, JSON.stringify({ pull_request: { number: PR } }));
});
afterEach(async () => {
    await github.close();
    fs.rmSync(work, { recursive: true, force: true });
});

/** What GitHub Actions sets for a step of a pull-request run. */
function actionsEnv(runnerTemp: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: REPO,
        GITHUB_EVENT_PATH: eventFile,
        GITHUB_WORKSPACE: ROOT,
        GITHUB_STEP_SUMMARY: path.join(runnerTemp, "summary.md"),
        RUNNER_TEMP: runnerTemp,
        ...extra,
    };
}

async function comment(argv: string[], env: Record<string, string>) {
    let stdout = "";
    let stderr = "";
    const code = await main(["comment", ...argv], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        env,
    });
    return { code, stdout, stderr };
}

const reviewComments = () => github.comments.filter((c) => c.body.startsWith(marker("preview")));

describe("review comment", () => {
    it("creates one comment, then updates it on the next run instead of adding another", async () => {
        github.comments.push({ id: 1, body: "LGTM", html_url: "" });
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "## first push\n");
        const first = await comment([file], actionsEnv(work));
        expect(first).toMatchObject({ code: 0, stderr: "" });
        expect(first.stdout).toMatch(/^created comment 1000 /);

        fs.writeFileSync(file, "## second push\n");
        const second = await comment([file], actionsEnv(work));
        expect(second.stdout).toMatch(/^updated comment 1000 /);
        expect(reviewComments()).toEqual([
            expect.objectContaining({ id: 1000, body: `${marker("preview")}\n## second push\n` }),
        ]);
        expect(github.comments.find((c) => c.id === 1)!.body).toBe("LGTM");
        expect(github.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET", "PATCH"]);
        expect(github.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    });

    it("finds its comment on a later page of a long discussion", async () => {
        for (let id = 1; id <= 130; id++) github.comments.push({ id, body: `comment ${id}`, html_url: "" });
        github.comments.splice(117, 0, { id: 500, body: `${marker("preview")}\nold review`, html_url: "" });
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "new review\n");
        expect((await comment([file], actionsEnv(work))).stdout).toMatch(/^updated comment 500/);
        expect(github.requests.map((r) => `${r.method} ${r.path.replace(/\?.*page=/, " page ")}`)).toEqual([
            `GET /repos/${REPO}/issues/${PR}/comments page 1`,
            `GET /repos/${REPO}/issues/${PR}/comments page 2`,
            `PATCH /repos/${REPO}/issues/comments/500`,
        ]);
        expect(github.comments).toHaveLength(131);
    });

    it("keeps comments of different keys apart", async () => {
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "review\n");
        await comment([file], actionsEnv(work));
        await comment([file, "--key", "tenants"], actionsEnv(work));
        expect(github.comments.map((c) => c.body.split("\n")[0])).toEqual([marker("preview"), marker("tenants")]);
    });

    it("--dry-run prints the calls it would make and sends nothing", async () => {
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "review\n");
        const { code, stdout } = await comment([file, "--dry-run", "--repo", REPO, "--pr", "7"], {
            GITHUB_API_URL: github.url,
        });
        expect(code).toBe(0);
        expect(stdout).toContain(`GET ${github.url}/repos/${REPO}/issues/7/comments?per_page=100&page=1`);
        expect(stdout).toContain(`PATCH ${github.url}/repos/${REPO}/issues/comments/<id of that comment>`);
        expect(stdout).toContain(`POST ${github.url}/repos/${REPO}/issues/7/comments`);
        expect(github.requests).toEqual([]);
    });

    it("says what is missing when GitHub refuses, and never prints the token", async () => {
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "review\n");
        github.failWith = 403;
        const refused = await comment([file], actionsEnv(work));
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain("403 Resource not accessible by integration");
        expect(refused.stderr).toContain("permissions: pull-requests: write");
        expect(refused.stderr + refused.stdout).not.toContain(TOKEN);
        const { GITHUB_TOKEN, ...noToken } = actionsEnv(work);
        void GITHUB_TOKEN;
        expect((await comment([file], noToken)).stderr).toContain("GITHUB_TOKEN is not set");
        const { GITHUB_EVENT_PATH, ...noEvent } = actionsEnv(work);
        void GITHUB_EVENT_PATH;
        expect((await comment([file], noEvent)).stderr).toContain("no pull request: give --pr <number>");
    });

    it("refuses a review longer than a GitHub comment holds", async () => {
        const file = path.join(work, "review.md");
        fs.writeFileSync(file, "x".repeat(65_536));
        const { code, stderr } = await comment([file], actionsEnv(work));
        expect(code).toBe(1);
        expect(stderr).toContain("a GitHub comment holds 65536");
        expect(github.requests).toEqual([]);
    });
});

interface Step {
    name?: string;
    id?: string;
    if?: string;
    run?: string;
    uses?: string;
    env?: Record<string, string>;
    "continue-on-error"?: boolean;
}

const workflow = (file: string) => parse(fs.readFileSync(file, "utf8"));
const stepNamed = (steps: Step[], name: string) => steps.find((s) => s.name === name)!;

/**
 * Runs a workflow step's script as GitHub's runner does (`bash --noprofile --norc -eo pipefail`).
 * Asynchronously: the stand-in GitHub API answers from this process.
 */
function runStep(step: Step, env: Record<string, string>): Promise<{ status: number; output: string }> {
    // In a user's repository `npm ci` puts the package's command in node_modules/.bin; here it is bin/.
    const bins = [path.join(ROOT, "bin"), path.join(ROOT, "node_modules", ".bin"), process.env.PATH];
    return new Promise((resolve, reject) => {
        const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
            cwd: ROOT,
            env: { ...process.env, PATH: bins.join(path.delimiter), ...env },
        });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ status: code ?? 1, output }));
    });
}

/** A runner's temp folder holding the preview's event log, as the preview step leaves it. */
function runner(name: string, events: string): string {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(FIXTURES, events), path.join(dir, "preview-events.jsonl"));
    return dir;
}

/** The review command's Markdown for `inputs`, in process. */
async function reviewOf(...args: string[]): Promise<string> {
    let out = "";
    const code = await main(args, { stdout: { write: (t: string) => (out += t) }, stderr: process.stderr });
    expect(code).toBe(0);
    return out;
}

describe("workflow examples, their steps run locally", () => {
    beforeAll(() => {
        if (!fs.existsSync(path.join(ROOT, "dist", "provider", "review", "cli.js")))
            throw new Error("the workflows run the built command: run `npm run build` first");
    });

    it("pull-request preview: the check fails on a failed preview, the review runs either way", async () => {
        const { jobs, permissions } = workflow(SINGLE);
        expect(permissions).toMatchObject({ "pull-requests": "write", "id-token": "write" });
        const steps: Step[] = jobs.preview.steps;
        const preview = steps.find((s) => s.id === "preview")!;
        expect(preview["continue-on-error"]).toBe(true);
        expect(preview.run).toMatch(
            /--refresh[\s\S]*--policy-pack[\s\S]*--event-log "\$RUNNER_TEMP\/preview-events.jsonl"/,
        );
        expect(stepNamed(steps, "Review").if).toBe("always()");
        const gate = stepNamed(steps, "Fail on policy violations or preview errors");
        expect(gate.if).toBe("steps.preview.outcome == 'failure'");
        expect((await runStep(gate, {})).status).toBe(1);
        expect(steps.indexOf(gate)).toBeGreaterThan(steps.indexOf(stepNamed(steps, "Review")));
    });

    it("pull-request preview: one comment, updated on the next push, and the full review in the job summary", async () => {
        const { env, jobs } = workflow(SINGLE);
        const step = stepNamed(jobs.preview.steps, "Review");
        const stepEnv = (temp: string) => actionsEnv(temp, { ...env, ...step.env, GITHUB_TOKEN: TOKEN });

        const push1 = runner("push1", "fabrikam-create.events.jsonl");
        const first = await runStep(step, stepEnv(push1));
        expect([first.status, first.output]).toEqual([0, expect.stringMatching(/^created comment 1000/m)]);
        const created = await reviewOf(
            path.join(push1, "preview-events.jsonl"),
            "--policy-pack",
            path.join(ROOT, "policy-pack"),
        );
        expect(reviewComments()).toEqual([expect.objectContaining({ body: `${marker("preview")}\n${created}` })]);
        expect(fs.readFileSync(path.join(push1, "summary.md"), "utf8")).toBe(created);

        const push2 = runner("push2", "contoso-violations.events.jsonl");
        const second = await runStep(step, stepEnv(push2));
        expect([second.status, second.output]).toEqual([0, expect.stringMatching(/^updated comment 1000/m)]);
        const [only] = reviewComments();
        expect(github.comments).toHaveLength(1);
        expect(only.body).toMatch(/⛔ \*\*mandatory\*\* `block-org-data-backups`/);
        expect(only.body).toMatch(/✅ fixes advisory `block-printing-org-data`/);
        expect(fs.readFileSync(path.join(push2, "summary.md"), "utf8")).toContain("⛔ 1 mandatory");
    });

    it("multi-tenant: a job per stack saves its review, the merge job posts one comment with a line per tenant", async () => {
        const { env, jobs } = workflow(MULTI);
        expect(jobs.preview.strategy["fail-fast"]).toBe(false);
        expect(jobs.review.needs).toBe("preview");
        expect(jobs.review.if).toMatch(/^always\(\)/);
        expect(jobs.review.permissions).toMatchObject({ "pull-requests": "write" });
        const perStack = stepNamed(jobs.preview.steps, "Review");
        const gate = stepNamed(jobs.preview.steps, "Fail on policy violations or preview errors");
        expect(gate.if).toBe("steps.preview.outcome == 'failure'");

        // The matrix: each stack on its own runner; upload-artifact takes $RUNNER_TEMP/review/.
        const artifacts = path.join(work, "merge", "reviews");
        fs.mkdirSync(artifacts, { recursive: true });
        for (const [stack, events] of [
            ["contoso", "contoso-violations.events.jsonl"],
            ["fabrikam", "fabrikam-create.events.jsonl"],
        ]) {
            const temp = runner(stack, events);
            const run = await runStep(perStack, actionsEnv(temp, { ...env, STACK: stack }));
            expect([run.status, run.output]).toEqual([0, ""]);
            expect(fs.readFileSync(path.join(temp, "summary.md"), "utf8")).toContain(`stack \`${stack}\``);
            for (const file of fs.readdirSync(path.join(temp, "review")))
                fs.copyFileSync(path.join(temp, "review", file), path.join(artifacts, file));
        }
        expect(fs.readdirSync(artifacts).sort()).toEqual(["contoso.review.json", "fabrikam.review.json"]);
        expect(github.requests).toEqual([]); // the matrix jobs never comment

        const merge = stepNamed(jobs.review.steps, "Merge the reviews and comment");
        const temp = path.join(work, "merge");
        for (const push of ["created", "updated"]) {
            const run = await runStep(merge, actionsEnv(temp, { ...env, ...merge.env, GITHUB_TOKEN: TOKEN }));
            expect([run.status, run.output]).toEqual([
                0,
                expect.stringMatching(new RegExp(`^${push} comment 1000`, "m")),
            ]);
        }
        const merged = await reviewOf(
            path.join(artifacts, "contoso.review.json"),
            path.join(artifacts, "fabrikam.review.json"),
        );
        expect(merged).toMatch(/^## Intune app protection review: 2 stacks/);
        expect(merged).toMatch(/\| `contoso` \| 1 updated \| ⛔ 1 mandatory.*\| ❌ failed \|/);
        expect(merged).toMatch(/\| `fabrikam` \| 1 created \|.*\| ✅ ok \|/);
        expect(github.comments).toEqual([expect.objectContaining({ body: `${marker("preview")}\n${merged}` })]);
    });

    it("multi-tenant: the merge job fails when no stack produced a review", async () => {
        const { jobs } = workflow(MULTI);
        const merge = stepNamed(jobs.review.steps, "Merge the reviews and comment");
        const temp = path.join(work, "empty");
        fs.mkdirSync(path.join(temp, "reviews"), { recursive: true });
        const run = await runStep(merge, actionsEnv(temp));
        expect(run.status).toBe(1);
        expect(run.output).toContain("no stack produced a review");
        expect(github.requests).toEqual([]);
    });
});

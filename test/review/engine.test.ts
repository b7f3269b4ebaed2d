/**
 * Reviews rendered from real previews: the real Pulumi engine (Automation API, the CLI built by
 * scripts/pulumi) runs test/e2e/program against the Graph emulator, with the Zero Trust pack where
 * a scenario needs it; the engine's event log (and once its `--json` document) goes through the
 * `review` command; the Markdown is compared with test/review/fixtures/*.md, volatile ids
 * normalized. Scenarios: create, a one-setting update, apps and assignments, adoption, deletion,
 * drift found by refresh, policy violations (one broken, one fixed) and two stacks merged.
 *
 * REVIEW_FIXTURES=write rewrites the fixtures (then read them before committing).
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { main } from "../../provider/review/cli";
import * as baselines from "../../provider/baselines";
import { tenantSpec } from "../support/tenants";
import { PACK, TestStack, normalizeIds, type Declared } from "./preview";
import { tempDir } from "../support/engine";

jest.setTimeout(300_000);

const FIXTURES = path.join(__dirname, "fixtures");
/**
 * The pack's config for these previews: the three rules the scenarios exercise, every other rule
 * disabled, so the fixtures follow the review and not the pack's growing rule set.
 */
const PACK_CONFIG = {
    all: "disabled",
    "block-org-data-backups": "mandatory",
    "block-printing-org-data": "advisory",
    "block-org-data-sync-with-native-apps": "advisory",
};
const WRITE = process.env.REVIEW_FIXTURES === "write";

const contoso = tenantSpec();
const fabrikam = tenantSpec();
let emulator: Emulator;
let work: string;
let packConfig: string;
let contosoStack: TestStack;
let fabrikamStack: TestStack;

beforeAll(async () => {
    work = tempDir("intune-review-");
    emulator = await startEmulator({ tenants: [contoso.spec, fabrikam.spec], caDir: path.join(work, "ca") });
    packConfig = path.join(work, "pack-config.json");
    fs.writeFileSync(packConfig, JSON.stringify(PACK_CONFIG));
    contosoStack = new TestStack(emulator, contoso.tenant, "contoso", work);
    fabrikamStack = new TestStack(emulator, fabrikam.tenant, "fabrikam", work);
});
afterAll(async () => {
    await emulator?.close();
    if (work && !process.env.REVIEW_KEEP) fs.rmSync(work, { recursive: true, force: true });
});

const OUTLOOK = "com.microsoft.office.outlook";

/** The program's policies: Level 2 of the framework, iOS with its own apps, assigned by name and id. */
function program(
    tenant = contoso.tenant,
    ios: Record<string, unknown> = {},
    android?: Record<string, unknown>,
): Declared[] {
    const policies: Declared[] = [
        {
            platform: "ios",
            name: "sales-ios",
            args: {
                ...baselines.ios.level2EnterpriseEnhanced,
                displayName: "Sales iOS",
                appGroupType: "selectedPublicApps",
                apps: [OUTLOOK, "com.microsoft.skype.teams"],
                assignments: { include: [{ groupName: "Sales" }], exclude: [tenant.groups.contractors] },
                ...ios,
            },
        },
    ];
    if (android !== undefined)
        policies.push({
            platform: "android",
            name: "sales-android",
            args: {
                ...baselines.android.level2EnterpriseEnhanced,
                displayName: "Sales Android",
                assignments: { include: [{ groupName: "Sales" }] },
                ...android,
            },
        });
    return policies;
}

/** Runs the review command; returns its Markdown with volatile ids named. */
async function review(inputs: string[], extra: string[] = []): Promise<string> {
    let stdout = "";
    let stderr = "";
    const code = await main([...inputs, ...extra], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
    });
    expect([code, stderr]).toEqual([0, ""]);
    const groups = (t: typeof contoso.tenant, stack: string) => ({
        [t.groups.sales]: `${stack}-sales-group-id`,
        [t.groups.contractors]: `${stack}-contractors-group-id`,
        [t.groups.finance]: `${stack}-finance-group-id`,
    });
    return normalizeIds(stdout, { ...groups(contoso.tenant, "contoso"), ...groups(fabrikam.tenant, "fabrikam") });
}

/** Saves an engine event log (or digest) under the work folder. */
function save(name: string, text: string): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, text);
    return file;
}

/** Compares with (or, with REVIEW_FIXTURES=write, writes) test/review/fixtures/<name>.md. */
function expectFixture(name: string, markdown: string): void {
    const file = path.join(FIXTURES, `${name}.md`);
    if (WRITE) {
        fs.mkdirSync(FIXTURES, { recursive: true });
        fs.writeFileSync(file, markdown);
    }
    expect(markdown).toBe(fs.readFileSync(file, "utf8"));
}

/**
 * Keeps an event log for the GitHub workflow tests (test/review/github.test.ts), with REVIEW_FIXTURES=write:
 * debug messages dropped, ids named, the emulator's address left out.
 */
function keepEventLog(name: string, eventLog: string): void {
    if (!WRITE) return;
    const events = eventLog
        .split("\n")
        .filter((line) => line && !line.includes('"severity":"debug"'))
        .map((line) => line.replace(/https:\/\/127\.0\.0\.1:\d+/g, "https://graph.example"));
    fs.writeFileSync(path.join(FIXTURES, `${name}.events.jsonl`), normalizeIds(events.join("\n") + "\n", {}));
}

const withAndroid = (ios: Record<string, unknown> = {}) => program(contoso.tenant, ios, {});

it("create: every declared setting in the admin center's words, apps, groups by name, advisory findings", async () => {
    const preview = await contosoStack.preview(withAndroid(), { policyPack: packConfig });
    expect([preview.ok, preview.ok || preview.output]).toEqual([true, true]);
    const markdown = await review([save("create.jsonl", preview.eventLog)]);
    expect(markdown).toContain(
        "| Data protection > Backup org data to iTunes and iCloud backups / Android backup services | Block |",
    );
    expect(markdown).toContain(
        "| Access requirements > Recheck the access requirements after (minutes of inactivity) | 30 minutes |",
    );
    expect(markdown).toContain("- **Assignments > Included groups:** Sales");
    expect(markdown).toMatch(/⚠️ \*\*advisory\*\* `block-printing-org-data`/);
    expectFixture("create", markdown);
    await contosoStack.up(withAndroid());
});

it("one-setting update: one row, old and new value in words; the --json document reads the same", async () => {
    const policies = withAndroid({ periodOnlineBeforeAccessCheck: "PT15M" });
    const preview = await contosoStack.preview(policies, { digest: true });
    const markdown = await review([save("update.jsonl", preview.eventLog)]);
    expect(markdown).toContain(
        "| Access requirements > Recheck the access requirements after (minutes of inactivity) | 30 minutes | 15 minutes |",
    );
    expectFixture("update-one-setting", markdown);
    // The --json document lists changing resources only, and no policy findings.
    const fromDigest = await review([save("update.json", preview.digest!)]);
    expect(fromDigest).toBe(
        markdown
            .replace(" · 1 policy unchanged", "")
            .replace("policy pack not run", "not in `--json` output (use `--event-log`)"),
    );
});

it("apps and assignments: added and removed apps, groups by name where known", async () => {
    const policies = withAndroid({
        apps: [OUTLOOK, "com.microsoft.msedge"],
        assignments: { include: [{ groupName: "Finance" }, { groupName: "Sales" }] },
    });
    const preview = await contosoStack.preview(policies);
    const markdown = await review([save("targets.jsonl", preview.eventLog)]);
    expect(markdown).toContain("- **Apps:** ➕ `com.microsoft.msedge`, ➖ `com.microsoft.skype.teams`");
    expect(markdown).toContain("- **Assignments > Included groups:** ➕ Finance");
    expectFixture("apps-and-assignments", markdown);
});

it("adoption: the existing policy's id and the values the program declares", async () => {
    const existing = emulator.seedPolicy(contoso.tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Legacy iOS",
        pinRequired: true,
    });
    const adopted: Declared = {
        platform: "ios",
        name: "legacy-ios",
        args: {
            adoptPolicyId: existing.id,
            displayName: "Legacy iOS",
            pinRequired: true,
            minimumPinLength: 8,
            printBlocked: true,
        },
    };
    const preview = await contosoStack.preview([...withAndroid(), adopted]);
    const markdown = await review([save("adopt.jsonl", preview.eventLog)]);
    expect(markdown).toContain(`Takes over the existing policy \`<policy-1>\``);
    expect(markdown).toContain("| Access requirements > Select minimum PIN length | 8 |");
    expectFixture("adoption", markdown);
});

it("deletion: the policy that leaves the program is deleted from the tenant", async () => {
    const preview = await contosoStack.preview(program());
    const markdown = await review([save("delete.jsonl", preview.eventLog)]);
    expect(markdown).toMatch(/### Sales Android \(`sales-android`\): Android, deleted/);
    expectFixture("deletion", markdown);
});

it("drift: refresh finds settings changed and a policy deleted in the admin center", async () => {
    const live = emulator.policies(contoso.tenant.tenantId);
    const ios = live.find((p) => p.displayName === "Sales iOS")!;
    const android = live.find((p) => p.displayName === "Sales Android")!;
    emulator.modifyPolicy(contoso.tenant.tenantId, ios.id, { dataBackupBlocked: false, minimumPinLength: 8 });
    emulator.deletePolicy(contoso.tenant.tenantId, android.id);
    const preview = await contosoStack.preview(withAndroid(), { refresh: true });
    const markdown = await review([save("drift.jsonl", preview.eventLog)]);
    expect(markdown).toContain(
        "| Data protection > Backup org data to iTunes and iCloud backups / Android backup services | Block | Allow |",
    );
    expect(markdown).toContain("refresh found the policy deleted outside Pulumi");
    expectFixture("drift", markdown);
    await contosoStack.up(withAndroid());
});

let violationsReview: string;

it("policy violations: a change that breaks a mandatory rule and one that fixes an advisory rule", async () => {
    const policies = withAndroid({ dataBackupBlocked: false, printBlocked: true });
    const preview = await contosoStack.preview(policies, { policyPack: packConfig });
    expect(preview.ok).toBe(false); // a mandatory violation fails the preview
    keepEventLog("contoso-violations", preview.eventLog);
    violationsReview = path.join(work, "contoso.review.json");
    const markdown = await review(
        [save("violations.jsonl", preview.eventLog)],
        ["--policy-pack", PACK, "--policy-pack-config", packConfig, "--save", violationsReview],
    );
    expect(markdown).toMatch(/⛔ \*\*mandatory\*\* `block-org-data-backups`/);
    expect(markdown).toMatch(/✅ fixes advisory `block-printing-org-data`/);
    expectFixture("policy-violations", markdown);
});

it("two stacks merged: a line per tenant, details below", async () => {
    const preview = await fabrikamStack.preview(program(fabrikam.tenant), { policyPack: packConfig });
    keepEventLog("fabrikam-create", preview.eventLog);
    const fabrikamReview = path.join(work, "fabrikam.review.json");
    await review([save("fabrikam.jsonl", preview.eventLog)], ["--save", fabrikamReview]);
    const markdown = await review([fabrikamReview, violationsReview]);
    expect(markdown).toMatch(/^## Intune app protection review: 2 stacks/);
    expect(markdown).toMatch(/\| `contoso` \|.*⛔ 1 mandatory.*❌ failed \|/);
    expect(markdown).toMatch(/\| `fabrikam` \| 1 created \|/);
    expectFixture("two-stacks-merged", markdown);
});

/**
 * Crash recovery and lost creates under the real Pulumi engine (CLI, dynamic provider host, file
 * backend), against the emulator. After each fault the test does what the README tells a user to
 * do, then checks the tenant holds exactly the declared policies, each tracked once by its own
 * stack: no duplicate, no orphan, no other stack's policy. Each case prints its figures
 * (declared, in tenant, in state, duplicates, orphans).
 *
 * - the engine's process group killed with SIGKILL at three moments of an `up` (after the first
 *   create, half-way, at the last create), then `pulumi cancel`, `recover`, `up`;
 * - two stacks declaring the same policy in one tenant, one POST answered 500 without being processed;
 * - a create answered 201 without the new policy's id;
 * - a create whose answer is lost while the provider's clock runs 10 minutes fast.
 */
import * as fs from "fs";
import * as path from "path";
import {
    checkpoint,
    engine,
    PROGRAM,
    REPO_ROOT,
    runEngine,
    runInProject,
    startEngine,
    trackedPolicies,
    useEngineSuite,
    type EngineRun,
} from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { FAST_TIMINGS_ENV, type Declared } from "./harness";

// Minutes per case on a loaded 2-core machine: every step is a real engine run.
jest.setTimeout(600_000);

const PROJECT = "intune-e2e";
const BIN = path.join(REPO_ROOT, "bin", "pulumi-intune-app-protection");
const NODE = path.join(REPO_ROOT, "node_modules", ".bin", "node");

/** Policies per stack in the kill cases. */
const N = 10;

const tenants = Array.from({ length: 6 }, () => tenantSpec());
const suite = useEngineSuite("intune-crash-", () => ({ tenants: tenants.map((t) => t.spec) }));

beforeAll(() => {
    expect(fs.readFileSync(path.join(PROGRAM, "Pulumi.yaml"), "utf8")).toMatch(new RegExp(`^name: ${PROJECT}$`, "m"));
});
afterEach(() => suite.emulator.clearFaults());

/** `n` policies with distinct names, alternating platforms. */
function policies(n: number, prefix: string): Declared[] {
    return Array.from({ length: n }, (_, i) => ({
        platform: i % 2 ? "android" : "ios",
        name: `p${i}`,
        args: { displayName: `${prefix} ${i}`, pinRequired: true, minimumPinLength: 6 },
    }));
}

/** A stack of the e2e program in its own state folder; `extra` config and env on top. */
function stackRun(
    stack: string,
    tenant: TestTenant,
    declared: Declared[],
    extra: { config?: Record<string, string>; env?: Record<string, string> } = {},
): EngineRun {
    return suite.declare(stack, tenant, declared, {
        stateDir: path.join(suite.work, stack, "state"),
        config: {
            "intune:maxRetryDurationSeconds": "10",
            "intune:requestTimeoutSeconds": "30",
            "intune:createSettleSeconds": "0.2",
            ...extra.config,
        },
        env: { ...FAST_TIMINGS_ENV, ...extra.env },
    });
}

/** What the tenant and the stacks' states hold, as the closing note quotes it. */
interface Figures {
    declared: number;
    inTenant: number;
    inState: number;
    duplicates: number;
    orphans: number;
    pendingCreates: number;
}

function figures(tenant: TestTenant, runs: { run: EngineRun; declared: Declared[] }[]): Figures {
    const live = suite.emulator.policies(tenant.tenantId);
    const tracked = runs.flatMap(({ run }) => trackedPolicies(run).map((r) => String(r.id)));
    // Copies: policies beyond the number of resources declaring their name.
    const wanted = new Map<string, number>();
    for (const d of runs.flatMap((r) => r.declared))
        wanted.set(String(d.args.displayName), (wanted.get(String(d.args.displayName)) ?? 0) + 1);
    const held = new Map<string, number>();
    for (const p of live) held.set(String(p.displayName), (held.get(String(p.displayName)) ?? 0) + 1);
    return {
        declared: runs.reduce((sum, r) => sum + r.declared.length, 0),
        inTenant: live.length,
        inState: tracked.length,
        duplicates: [...held].reduce((sum, [name, n]) => sum + Math.max(0, n - (wanted.get(name) ?? 0)), 0),
        orphans: live.filter((p) => !tracked.includes(String(p.id))).length,
        pendingCreates: runs.reduce((sum, { run }) => sum + checkpoint(run).pending.length, 0),
    };
}

function report(label: string, before: Partial<Figures>, after: Figures): void {
    console.log(`${label}\n  before recovery: ${JSON.stringify(before)}\n  after recovery:  ${JSON.stringify(after)}`);
}

/** The tenant holds exactly the declared policies of the stacks, each tracked once, by its own stack. */
function expectExact(tenant: TestTenant, runs: { run: EngineRun; declared: Declared[] }[]): Figures {
    const result = figures(tenant, runs);
    const live = suite.emulator.policies(tenant.tenantId);
    expect(live.map((p) => p.displayName).sort()).toEqual(
        runs
            .flatMap((r) => r.declared)
            .map((d) => d.args.displayName)
            .sort(),
    );
    for (const { run, declared } of runs) {
        const tracked = trackedPolicies(run);
        expect(tracked.map((r) => String(r.urn).split("::").pop()).sort()).toEqual(declared.map((d) => d.name).sort());
        for (const r of tracked) {
            const policy = live.find((p) => p.id === r.id);
            expect(policy?.displayName).toBe(r.inputs.displayName);
        }
    }
    expect(result).toMatchObject({ duplicates: 0, orphans: 0, pendingCreates: 0 });
    expect(result.inState).toBe(result.inTenant);
    return result;
}

const creates = (tenant: TestTenant) => suite.emulator.count({ tenantId: tenant.tenantId, kind: "create" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `pulumi-intune-app-protection recover` as a user runs it in the project folder. */
const recover = (run: EngineRun, ...flags: string[]) =>
    runInProject(NODE, [BIN, "recover", "--stack", run.stackName, ...flags], run);

describe("the engine killed with SIGKILL in the middle of `up`", () => {
    // Two writes a second, so the creates are still queued in the pacer when the engine dies.
    const slow = {
        config: { "intune:writesPer20Seconds": "2" },
        env: {
            PULUMI_INTUNE_TEST_TUNING: JSON.stringify({
                throttleWindowSeconds: 1,
                retryInitialDelayMs: 10,
                retryMaxDelayMs: 80,
            }),
        },
    };

    it.each([
        ["after the first create", 1, 0],
        ["half-way", N / 2, 1],
        ["at the last create", N - 1, 2],
    ])(
        "%s: no queued create is sent afterwards; `pulumi cancel`, `recover`, `up` leave exactly the declared policies",
        async (moment, after, t) => {
            const tenant = tenants[t].tenant;
            const declared = policies(N, `Kill ${t}`);
            const run = stackRun(`kill${t}`, tenant, declared, slow);
            const running = startEngine("up", run, { detached: true });
            while (creates(tenant) < after) {
                if (running.child.exitCode !== null) throw new Error(`up ended before ${after} creates`);
                await sleep(5);
            }
            process.kill(-running.child.pid!, "SIGKILL");
            const atKill = creates(tenant);
            await running.done;
            await sleep(1000);
            const settled = creates(tenant);
            await sleep(2500);
            // The provider host outlives the engine; it stops within its probe interval and sends nothing more.
            expect(creates(tenant)).toBe(settled);
            // At most what was on the wire or left the pacer within one probe interval; before the
            // provider watched the engine, every queued create went out.
            expect(settled - atKill).toBeLessThanOrEqual(2);
            if (after < N - 1) expect(settled).toBeLessThan(N);
            const before = {
                sentBeforeKill: atKill,
                sentAfterKill: settled - atKill,
                ...figures(tenant, [{ run, declared }]),
            };
            expect(before.pendingCreates).toBeGreaterThan(0);

            // A kill while the file backend writes a file's metadata leaves it empty (the engine then
            // fails with "failed to load checkpoint: EOF"); the README's recovery steps delete it.
            const attrs = path.join(
                run.stateDir,
                "backend",
                ".pulumi",
                "stacks",
                PROJECT,
                `${run.stackName}.json.attrs`,
            );
            if (fs.existsSync(attrs) && fs.statSync(attrs).size === 0) fs.rmSync(attrs);
            // The killed update still holds the stack's lock.
            expect(await runInProject("pulumi", ["cancel", "--yes", "--stack", run.stackName], run)).toMatchObject({
                code: 0,
            });

            if (t === 0) {
                // A user who skips `recover`: `up` names the interrupted creates and the command, and makes no copy.
                const skipped = await runEngine("up", stackRun(`kill${t}`, tenant, declared));
                expect(skipped.code).not.toBe(0);
                expect(skipped.output).toMatch(
                    /resource "p\d+" was being created when an earlier `pulumi up` of stack organization\/intune-e2e\/kill0 was interrupted.*recover --stack organization\/intune-e2e\/kill0/,
                );
                expect(figures(tenant, [{ run, declared }]).duplicates).toBe(0);
            }

            const inTenant = suite.emulator.policies(tenant.tenantId).length;
            const dry = await recover(run);
            expect(dry).toMatchObject({ code: 0 });
            expect(dry.stdout).toMatch(
                /^ {2}\+ record T_[0-9a-f-]+ \("Kill \d+ \d+", created .*\) as urn:pulumi:kill\d::intune-e2e::/m,
            );
            expect(dry.stdout).toMatch(/Dry run: nothing was changed/);
            expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(inTenant);
            expect(checkpoint(run).pending.length).toBeGreaterThan(0);

            const done = await recover(run, "--yes");
            expect(done).toMatchObject({ code: 0 });
            expect(checkpoint(run).pending).toEqual([]);

            suite.emulator.clearLog();
            await engine("up", stackRun(`kill${t}`, tenant, declared));
            report(`kill ${moment} (N=${N})`, before, expectExact(tenant, [{ run, declared }]));
            if (t === 2) {
                const preview = await engine("preview", stackRun(`kill${t}`, tenant, declared));
                expect(preview.changes).toEqual({ same: N + 1 });
            }
        },
    );
});

describe("two stacks declaring the same policy in one tenant", () => {
    it("a create answered 500 (not processed) never takes the other stack's policy", async () => {
        const tenant = tenants[3].tenant;
        const shared: Declared[] = [
            { platform: "ios", name: "shared", args: { displayName: "Shared Baseline", pinRequired: true } },
        ];
        const beta = stackRun("beta", tenant, shared);
        const alpha = stackRun("alpha", tenant, shared);
        await engine("up", beta);
        suite.emulator.injectFault({ tenantId: tenant.tenantId, kind: "create", status: 500, times: 1 });
        await engine("up", alpha);
        expect(creates(tenant)).toBe(3); // beta's, alpha's refused one, alpha's own
        const [alphaId, betaId] = [alpha, beta].map((run) => trackedPolicies(run)[0].id);
        expect(alphaId).not.toBe(betaId);
        const after = figures(tenant, [
            { run: alpha, declared: shared },
            { run: beta, declared: shared },
        ]);
        expect(after).toMatchObject({
            declared: 2,
            inTenant: 2,
            inState: 2,
            duplicates: 0,
            orphans: 0,
            pendingCreates: 0,
        });
        report("two stacks, one POST answered 500", {}, after);

        await engine("destroy", alpha);
        expect(suite.emulator.policies(tenant.tenantId).map((p) => p.id)).toEqual([betaId]);
    });
});

describe("a create answered 201 without the policy's id", () => {
    it("is not recorded as id `undefined`: the policy is found by its marker and tracked, nothing is sent twice", async () => {
        const tenant = tenants[4].tenant;
        const declared = policies(2, "No id");
        const run = stackRun("noid", tenant, declared);
        suite.emulator.injectFault({ tenantId: tenant.tenantId, kind: "create", bodyAfterProcessing: {}, times: 1 });
        await engine("up", run);
        expect(creates(tenant)).toBe(2);
        report("create answered without id", {}, expectExact(tenant, [{ run, declared }]));
    });
});

describe("a lost create while the provider's clock runs 10 minutes fast", () => {
    it("finds the policy by Graph's clock instead of sending the POST again", async () => {
        const tenant = tenants[5].tenant;
        const declared = policies(2, "Skew");
        const run = stackRun("skew", tenant, declared, {
            env: {
                NODE_OPTIONS: `--require ${path.join(REPO_ROOT, "test", "fixtures", "fast-clock.js")}`,
                FAST_CLOCK_MS: String(10 * 60_000),
            },
        });
        suite.emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "create",
            dropConnectionAfterProcessing: true,
            times: 1,
        });
        await engine("up", run);
        expect(creates(tenant)).toBe(2);
        report("lost create, client clock +10 min", {}, expectExact(tenant, [{ run, declared }]));
    });
});

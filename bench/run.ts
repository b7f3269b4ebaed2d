/**
 * Benchmark: N policies through the real Pulumi engine against the Graph emulator with Intune's
 * throttling limits and a configurable latency. For each (N, tenants) case it runs, per tenant
 * stack and all tenants at once:
 *
 *   up       create N policies
 *   refresh  read them back
 *   preview  the unchanged program (must send nothing)
 *   update   one setting changed on every policy
 *
 * and prints wall time, Graph requests by kind, 429s, the throttle floor and the ratio to it;
 * then provider CPU per check/diff. Results: bench/results/latest.json and latest.svg (wall time
 * against floor), timeline-latest.svg (requests per second of the largest `up`).
 *
 *   npm run bench -- --n 50,500 --tenants 1,4 [--latency 30] [--parallel 128] [--per-tenant]
 *                    [--phases up,refresh,preview,update] [--skip-checkpoints] [--skip-cpu] [--out FILE]
 *                    [--fleet 40x5] [--concurrency 2] [--page-size 100] [--trace-startup]
 *
 * With several tenants, N is split across them (N/T policies per tenant, T stacks run
 * concurrently, one per tenant); `--per-tenant` declares N in each tenant instead. `--fleet TxP`
 * adds a case of T tenants with P policies each, as an MSP has, run `--concurrency` stacks at a
 * time (default: one per CPU, as the README advises) instead of all at once. `--trace-startup`
 * records where each stack's start-up goes (bench/startup.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { INTUNE_LIMITS, startEmulator, type Emulator, type LoggedRequest } from "../emulator";
import { tenantSpec, type TestTenant } from "../test/support/tenants";
import { measureCpu } from "./cpu";
import { cpuShareSince, sampleCpu } from "./machine";
import type { BenchResults, Phase, PhaseResult, Timeline } from "./model";
import { renderTable, svgFloorChart, svgTimeline } from "./report";
import { medianStartup, stackStartup } from "./startup";
import { WINDOW_GUARD_MS } from "../provider/graph/pacer";
import { spawnStack, type StackProcessOptions } from "../scripts/stack";

const REPO = path.join(__dirname, "..");
const PROGRAM = path.join(__dirname, "program");
const RESULTS = path.join(__dirname, "results");
/** Preloaded into a traced stack's Node.js processes (`--trace-startup`). */
const STARTUP_TRACE = path.join(__dirname, "startup-trace.cjs");

const PHASES: Phase[] = ["up", "refresh", "preview", "update"];

interface Declared {
    platform: "ios" | "android";
    name: string;
    args: Record<string, unknown>;
}

/** The policies of one tenant's stack; `variant` 2 changes minimumPinLength on every policy. */
function policiesFor(tenant: TestTenant, tenantIndex: number, count: number, variant: 1 | 2): Declared[] {
    return Array.from({ length: count }, (_, k) => {
        const ios = k % 2 === 0;
        const common = {
            displayName: `Bench ${tenantIndex}-${k} ${ios ? "iOS" : "Android"}`,
            pinRequired: true,
            minimumPinLength: variant === 2 ? 8 : 6,
            periodOfflineBeforeAccessCheck: "PT720M",
            periodOnlineBeforeAccessCheck: "PT30M",
            allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
            dataBackupBlocked: true,
            saveAsBlocked: true,
            allowedOutboundDataTransferDestinations: "managedApps",
            assignments: { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] },
        };
        return ios
            ? {
                  platform: "ios",
                  name: `p${k}`,
                  args: {
                      ...common,
                      apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
                      minimumRequiredOsVersion: "16.0",
                  },
              }
            : {
                  platform: "android",
                  name: `p${k}`,
                  args: {
                      ...common,
                      apps: ["com.microsoft.office.outlook", "com.microsoft.teams"],
                      encryptAppData: true,
                      screenCaptureBlocked: true,
                  },
              };
    });
}

/** What one stack's command did (scripts/stack.ts in a process of its own). */
interface StackOutcome {
    code: number;
    changes: Record<string, number>;
    /** Epoch ms around the engine command (absent when the process failed before it). */
    commandStartedAt?: number;
    commandEndedAt?: number;
    error?: string;
}

/** A stack's command in a process of its own: `ready` once the stack is configured, `go()` runs it. */
interface Driver {
    ready: Promise<void>;
    go(): void;
    outcome: Promise<StackOutcome>;
}

/** Starts one stack's command, as a user's `pulumi` command runs (scripts/stack.ts `spawnStack`). */
function drive(command: "up" | "refresh" | "preview", options: StackProcessOptions): Driver {
    const stack = spawnStack(command, { ...options, waitForGo: true });
    const outcome = stack.done.then(({ code, result, output }) => ({
        code,
        changes: result?.changes ?? {},
        commandStartedAt: result?.timing.commandStartedAt,
        commandEndedAt: result?.timing.commandEndedAt,
        ...(code === 0 ? {} : { error: `stack process failed (exit ${code}): ${output.slice(-4000)}` }),
    }));
    return { ready: stack.ready, go: stack.go, outcome };
}

/** Runs the stacks' commands together once every stack is set up. */
async function driveTogether(drivers: Driver[]): Promise<StackOutcome[]> {
    await Promise.all(drivers.map((d) => d.ready));
    for (const d of drivers) d.go();
    return Promise.all(drivers.map((d) => d.outcome));
}

/**
 * Runs the stacks `concurrency` at a time: each slot sets up a stack, runs its command and takes
 * the next. With a slot per stack, all of them start together ({@link driveTogether}).
 */
async function driveInGroups(start: (() => Driver)[], concurrency: number): Promise<StackOutcome[]> {
    if (concurrency >= start.length) return driveTogether(start.map((s) => s()));
    const outcomes: StackOutcome[] = new Array(start.length);
    let next = 0;
    const slot = async () => {
        while (next < start.length) {
            const i = next++;
            const driver = start[i]();
            await driver.ready;
            driver.go();
            outcomes[i] = await driver.outcome;
        }
    };
    await Promise.all(Array.from({ length: concurrency }, slot));
    return outcomes;
}

const isWrite = (r: LoggedRequest) => ["POST", "PATCH", "PUT", "DELETE"].includes(r.method);
const isGraph = (r: LoggedRequest) => r.kind !== "token" && r.kind !== "metadata";

/** Policies of each platform in a tenant with `count` (the bench alternates iOS and Android). */
const byPlatform = (count: number) => [Math.ceil(count / 2), Math.floor(count / 2)];

/** List pages a refresh of the tenants reads: each platform's collection, listed once per tenant. */
const refreshPages = (perTenant: number[], pageSize: number) =>
    perTenant.reduce((sum, count) => sum + byPlatform(count).reduce((a, c) => a + Math.ceil(c / pageSize), 0), 0);

/** The least time the phase can take at Intune's limits with the emulator's latency. */
function floorFor(phase: Phase, perTenant: number[], latencyMs: number, pageSize: number): { ms: number; why: string } {
    const limits = INTUNE_LIMITS;
    const windows = (count: number, limit: number) => Math.max(0, Math.ceil(count / limit) - 1) * limits.windowMs;
    const need = {
        up: { w: 1, r: 1, trips: 1 },
        update: { w: 1, r: 2, trips: 2 },
        // Both platforms are listed at once, the pages of each one after the other.
        refresh: { w: 0, r: 0, trips: Math.ceil(byPlatform(Math.max(...perTenant))[0] / pageSize) },
        preview: { w: 0, r: 0, trips: 0 },
    }[phase];
    const largest = Math.max(...perTenant);
    const budget = Math.max(
        windows(largest * need.w, limits.writesPerApp),
        windows(largest * need.r, limits.requestsPerApp),
    );
    const ms = budget + need.trips * latencyMs;
    const why =
        need.trips === 0
            ? "no request needed"
            : `${budget ? `${largest * need.w} writes in one tenant at ${limits.writesPerApp}/${limits.windowMs / 1000} s (first window free) = ${budget / 1000} s, + ` : ""}${need.trips} round trip(s) of ${latencyMs} ms`;
    return { ms, why };
}

function targetsFor(
    phase: Phase,
    total: number,
    requests: Record<string, number>,
    graph: number,
    throttled: number,
    failed: number,
    ratio: number | null,
    n: number,
    readFloor: number,
    tenants: number,
) {
    const t: { name: string; ok: boolean; detail: string }[] = [];
    const count = (k: string) => requests[k] ?? 0;
    const writes = count("create") + count("update") + count("targetApps") + count("assign") + count("delete");
    t.push({ name: "no failed operation", ok: failed === 0, detail: `${failed} failed stack(s)` });
    t.push({ name: "no 429", ok: throttled === 0, detail: `${throttled} × 429` });
    if (phase === "up") {
        t.push({
            name: "one POST per policy",
            ok: count("create") === total && writes === total,
            detail: `${count("create")} creates, ${writes} writes for ${total} policies`,
        });
        t.push({
            // Per tenant, before the creates: the connection check's read and each platform's
            // look for policies an interrupted `up` made.
            name: "at most one read-back per policy, + 3 reads per tenant",
            ok: count("get") + count("list") <= total + 3 * tenants,
            detail: `${count("get") + count("list")} reads`,
        });
        if (n >= 500)
            t.push({
                name: "within 1.2× the throttle floor",
                ok: ratio !== null && ratio <= 1.2,
                detail: `ratio ${ratio?.toFixed(2)}`,
            });
    }
    if (phase === "update") {
        t.push({
            name: "only what changed: one PATCH per policy",
            ok: count("update") === total && writes === total,
            detail: `${count("update")} PATCH, ${writes} writes`,
        });
        t.push({ name: "one read-back per policy", ok: count("get") === total, detail: `${count("get")} GETs` });
    }
    if (phase === "refresh")
        t.push({
            name: "at the read floor: ceil(N / page size) list pages per platform + 2 per tenant",
            ok: count("get") === 0 && graph <= readFloor + 2 * tenants,
            detail: `${count("list")} lists, ${count("get")} GETs, ${graph} Graph requests; floor ${readFloor} pages`,
        });
    if (phase === "preview")
        t.push({
            name: "no request but the connection check's one read per tenant",
            ok: graph <= tenants && count("list") === graph,
            detail: `${graph} Graph requests`,
        });
    return t;
}

interface CaseOptions {
    /** Stacks run at a time (all at once when at least the number of tenants). */
    concurrency: number;
    /** The emulator's list page size. */
    pageSize: number;
    /** Scenario name in the table (default `N=… T=…`). */
    label?: string;
    perTenant: boolean;
    latencyMs: number;
    parallel: number;
    phases: Phase[];
    engineEnv: Record<string, string>;
    /** Record each stack's start-up marks (bench/startup-trace.cjs) and report where it went. */
    traceStartup: boolean;
}

async function runCase(
    emulator: Emulator,
    work: string,
    n: number,
    tenantCount: number,
    options: CaseOptions,
): Promise<PhaseResult[]> {
    const { latencyMs, parallel } = options;
    const tenants = Array.from({ length: tenantCount }, () => tenantSpec());
    for (const t of tenants) emulator.addTenant(t.spec);
    const counts = tenants.map((_, i) =>
        options.perTenant ? n : Math.floor(n / tenantCount) + (i < n % tenantCount ? 1 : 0),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    const label = options.label ?? `N=${n} T=${tenantCount}`;
    const caseDir = path.join(work, `n${n}-t${tenantCount}`);
    fs.mkdirSync(caseDir, { recursive: true });
    const results: PhaseResult[] = [];

    for (const phase of PHASES.filter((p) => options.phases.includes(p))) {
        const variant = phase === "update" ? 2 : 1;
        const runs = tenants.map((t, i) => {
            const file = path.join(caseDir, `tenant${i}-v${variant}.json`);
            const traceDir = options.traceStartup ? path.join(caseDir, `trace-${phase}-t${i}`) : undefined;
            if (traceDir) fs.mkdirSync(traceDir, { recursive: true });
            fs.writeFileSync(file, JSON.stringify(policiesFor(t.tenant, i, counts[i], variant)));
            // The CLI and the provider host inherit the stack process's environment.
            const trace: Record<string, string> = traceDir
                ? {
                      BENCH_TRACE_DIR: traceDir,
                      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${STARTUP_TRACE}`.trim(),
                  }
                : {};
            const stack: StackProcessOptions = {
                programDir: PROGRAM,
                stackName: `t${i}`,
                stateDir: path.join(caseDir, `state${i}`),
                parallel,
                diff: false,
                config: {
                    "intune:tenantId": t.tenant.tenantId,
                    "intune:clientId": t.tenant.clientId,
                    "intune:graphEndpoint": emulator.url,
                    "intune:authorityHost": emulator.url,
                },
                secrets: { "intune:clientSecret": t.tenant.clientSecret },
                env: {
                    BENCH_POLICIES: file,
                    NODE_EXTRA_CA_CERTS: emulator.caCertPath,
                    ...options.engineEnv,
                    ...trace,
                },
                passphrase: "bench-passphrase",
            };
            return { stack, traceDir };
        });
        const ids = new Set(tenants.map((t) => t.tenant.tenantId));
        const startSeq = emulator.requests.length ? emulator.requests[emulator.requests.length - 1].seq : 0;
        process.stderr.write(`[bench] ${label} ${phase} (${counts.join("+")} policies)…`);
        const spawned = Date.now();
        const cpuStart = sampleCpu();
        const outcomes = await driveInGroups(
            runs.map((r) => () => drive(phase === "update" ? "up" : phase, r.stack)),
            options.concurrency,
        );
        const cpuShare = cpuShareSince(cpuStart);
        const ended = Date.now();
        // Wall time of the engine commands (started together, first start to last end): what
        // `pulumi up` takes on a configured stack. Process start, stack selection and config are
        // reported apart.
        const started = Math.min(...outcomes.map((o) => o.commandStartedAt ?? spawned));
        const wallMs = Math.max(...outcomes.map((o) => o.commandEndedAt ?? ended)) - started;
        const setupMs = started - spawned;
        const log = emulator.requests.filter((r) => r.seq > startSeq && r.tenantId && ids.has(r.tenantId));
        const graph = log.filter(isGraph);
        const requests: Record<string, number> = {};
        for (const r of log) requests[r.kind] = (requests[r.kind] ?? 0) + 1;
        const throttled = log.filter((r) => r.status === 429).length;
        const errors = log.filter((r) => r.status >= 400 && r.status !== 429).length;
        const firstMs = graph.length ? Math.min(...graph.map((r) => r.timeMs)) : started;
        const lastMs = graph.length ? Math.max(...graph.map((r) => r.timeMs + r.durationMs)) : started;
        const graphSpanMs = lastMs - firstMs;
        const floor = floorFor(phase, counts, latencyMs, options.pageSize);
        const ratio = floor.ms >= 1000 ? wallMs / floor.ms : null;
        const failed = outcomes.filter((o) => o.code !== 0);
        process.stderr.write(` ${(wallMs / 1000).toFixed(1)} s${failed.length ? ` (${failed.length} FAILED)` : ""}\n`);
        results.push({
            phase,
            n: total,
            tenants: tenantCount,
            perTenant: counts,
            ...(options.label ? { label } : {}),
            concurrency: Math.min(options.concurrency, tenantCount),
            wallMs,
            tenantWallMs: outcomes.map((o) =>
                o.commandStartedAt && o.commandEndedAt ? o.commandEndedAt - o.commandStartedAt : ended - spawned,
            ),
            cpuShare,
            setupMs,
            graphSpanMs,
            graphStartMs: graph.length ? firstMs - started : 0,
            graphTailMs: graph.length ? started + wallMs - lastMs : 0,
            requests,
            graphRequests: graph.length,
            throttled,
            errors,
            failedStacks: failed.length,
            changes: outcomes.map((o) => o.changes),
            floorMs: floor.ms,
            rateBudgetMs:
                (Math.max(...counts) * (phase === "up" || phase === "update" ? 1 : 0) * INTUNE_LIMITS.windowMs) /
                INTUNE_LIMITS.writesPerApp,
            floorWhy: floor.why,
            ratio,
            targets: targetsFor(
                phase,
                total,
                requests,
                graph.length,
                throttled,
                failed.length,
                ratio,
                n,
                refreshPages(counts, options.pageSize),
                tenantCount,
            ),
            ...(failed.length ? { failures: failed.map((o) => (o.error ?? "").slice(0, 3000)) } : {}),
            ...(options.traceStartup
                ? {
                      startup: medianStartup(
                          runs.map((r, i) =>
                              r.traceDir && outcomes[i].commandStartedAt
                                  ? stackStartup(r.traceDir, outcomes[i].commandStartedAt!)
                                  : undefined,
                          ),
                      ),
                  }
                : {}),
            ...(phase === "up"
                ? { timeline: timelineOf(`up of ${total} policies in ${tenantCount} tenant(s)`, graph) }
                : {}),
        });
    }
    const refresh = results.find((r) => r.phase === "refresh");
    const preview = results.find((r) => r.phase === "preview");
    if (refresh && preview && n >= 500)
        refresh.targets.push({
            name: "within 1.5× the no-change preview of the same stacks",
            ok: refresh.wallMs <= 1.5 * preview.wallMs,
            detail: `refresh ${(refresh.wallMs / 1000).toFixed(1)} s, preview ${(preview.wallMs / 1000).toFixed(1)} s`,
        });
    return results;
}

/**
 * Several stacks at once against one alone: an `up` of N policies over T tenants should reach its
 * first Graph request within 1.5× the time one stack of the same N takes in the same run.
 */
function addStartupTargets(cases: PhaseResult[]): void {
    for (const together of cases.filter((c) => c.phase === "up" && c.tenants > 1 && !c.label)) {
        const alone = cases.find((c) => c.phase === "up" && c.tenants === 1 && c.n === together.n && !c.label);
        if (!alone?.graphStartMs || !together.graphStartMs) continue;
        const ratio = together.graphStartMs / alone.graphStartMs;
        together.targets.push({
            name: "start-up within 1.5× one stack alone (same N, same run)",
            ok: ratio <= 1.5,
            detail: `${(together.graphStartMs / 1000).toFixed(1)} s against ${(alone.graphStartMs / 1000).toFixed(1)} s: ${ratio.toFixed(2)}×`,
        });
    }
}

/** `--fleet TxP`: T tenants of P policies each. */
function parseFleet(text: string | undefined): { tenants: number; policies: number } | undefined {
    if (text === undefined) return undefined;
    const m = /^(\d+)x(\d+)$/.exec(text);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
        throw new Error(`--fleet takes TENANTSxPOLICIES with both at least 1, such as 40x5 (got "${text}")`);
    return { tenants: Number(m[1]), policies: Number(m[2]) };
}

function timelineOf(label: string, graph: LoggedRequest[], bucketMs = 1000): Timeline | undefined {
    if (!graph.length) return undefined;
    const startMs = Math.min(...graph.map((r) => r.timeMs));
    const buckets = Math.floor((Math.max(...graph.map((r) => r.timeMs)) - startMs) / bucketMs) + 1;
    const writes = new Array(buckets).fill(0);
    const reads = new Array(buckets).fill(0);
    const throttled = new Array(buckets).fill(0);
    for (const r of graph) {
        const b = Math.floor((r.timeMs - startMs) / bucketMs);
        if (r.status === 429) throttled[b]++;
        else if (isWrite(r)) writes[b]++;
        else reads[b]++;
    }
    return { label, bucketMs, writes, reads, throttled };
}

function pulumiVersion(): string {
    try {
        return JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"))
            .version;
    } catch {
        return "unknown";
    }
}

async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: {
            n: { type: "string" },
            tenants: { type: "string", default: "1" },
            latency: { type: "string", default: "30" },
            parallel: { type: "string", default: "128" },
            "per-tenant": { type: "boolean", default: false },
            "cpu-iterations": { type: "string", default: "20000" },
            out: { type: "string", default: path.join(RESULTS, "latest.json") },
            "skip-cpu": { type: "boolean", default: false },
            "skip-checkpoints": { type: "boolean", default: false },
            phases: { type: "string", default: PHASES.join(",") },
            fleet: { type: "string" },
            concurrency: { type: "string", default: String(os.cpus().length) },
            "page-size": { type: "string", default: "100" },
            "trace-startup": { type: "boolean", default: false },
        },
    });
    // Without --n, the N x T cases are N=50, or none when only a fleet is asked for.
    const ns = (values.n ?? (values.fleet ? "" : "50")).split(",").filter(Boolean).map(Number);
    const tenantCounts = values.tenants!.split(",").map(Number);
    const latencyMs = Number(values.latency);
    const parallel = Number(values.parallel);
    const perTenant = values["per-tenant"]!;
    const phases = values.phases!.split(",") as Phase[];
    const fleet = parseFleet(values.fleet);
    const concurrency = Number(values.concurrency);
    const pageSize = Number(values["page-size"]);
    if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new Error(`--concurrency takes a whole number of stacks of at least 1 (got "${values.concurrency}")`);
    if (!Number.isInteger(pageSize) || pageSize < 1)
        throw new Error(`--page-size takes a whole number of policies of at least 1 (got "${values["page-size"]}")`);
    if (phases.some((p) => !PHASES.includes(p))) throw new Error(`--phases takes a list of ${PHASES.join(", ")}`);
    // PULUMI_SKIP_CHECKPOINTS: the engine writes the state once at the end instead of after every step.
    const engineEnv: Record<string, string> = {
        ...(values["skip-checkpoints"] ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
    };
    if ([...ns, ...tenantCounts, latencyMs, parallel].some((x) => !Number.isFinite(x) || x < 0))
        throw new Error("--n, --tenants, --latency and --parallel take non-negative numbers");

    const work = fs.mkdtempSync(path.join(os.tmpdir(), "intune-bench-"));
    const emulator = await startEmulator({ latencyMs, pageSize, caDir: path.join(work, "ca") });
    const results: BenchResults = {
        generatedAt: new Date().toISOString(),
        machine: {
            cpus: os.cpus().length,
            cpuModel: os.cpus()[0]?.model ?? "",
            node: process.version,
            platform: `${os.platform()} ${os.release()}`,
            pulumi: pulumiVersion(),
        },
        options: {
            latencyMs,
            parallel,
            perTenant,
            skipCheckpoints: !!values["skip-checkpoints"],
            pageSize,
            concurrency,
            limits: INTUNE_LIMITS,
            pacerWindowGuardMs: WINDOW_GUARD_MS,
        },
        cases: [],
        cpu: [],
    };
    try {
        // The N x T cases run every stack at once, as they always have; the fleet case in groups.
        const common = { latencyMs, parallel, phases, engineEnv, pageSize, traceStartup: !!values["trace-startup"] };
        for (const n of ns) {
            for (const t of tenantCounts)
                results.cases.push(...(await runCase(emulator, work, n, t, { ...common, perTenant, concurrency: t })));
        }
        if (fleet)
            results.cases.push(
                ...(await runCase(emulator, work, fleet.policies, fleet.tenants, {
                    ...common,
                    perTenant: true,
                    concurrency,
                    label: `fleet ${fleet.tenants}×${fleet.policies}`,
                })),
            );
        addStartupTargets(results.cases);
        if (!values["skip-cpu"]) results.cpu = await measureCpu(Number(values["cpu-iterations"]));
    } finally {
        await emulator.close();
        fs.rmSync(work, { recursive: true, force: true });
    }
    // Keep the timeline of the largest `up` (fewest tenants on a tie).
    const ups = results.cases
        .filter((c) => c.phase === "up" && c.timeline)
        .sort((a, b) => b.n - a.n || a.tenants - b.tenants);
    results.timeline = ups[0]?.timeline;
    for (const c of results.cases) delete c.timeline;

    fs.mkdirSync(path.dirname(values.out!), { recursive: true });
    fs.writeFileSync(values.out!, JSON.stringify(results, null, 2) + "\n");
    const base = values.out!.replace(/\.json$/, "");
    fs.writeFileSync(`${base}.svg`, svgFloorChart(results));
    if (results.timeline)
        fs.writeFileSync(
            path.join(path.dirname(values.out!), `timeline-${path.basename(base)}.svg`),
            svgTimeline(results),
        );
    process.stdout.write(renderTable(results) + "\n");
    process.stdout.write(
        `\nresults: ${path.relative(REPO, values.out!)}, chart: ${path.relative(REPO, `${base}.svg`)}\n`,
    );
    const failedTargets = results.cases.flatMap((c) => c.targets.filter((t) => !t.ok));
    if (results.cases.some((c) => c.failedStacks)) process.exitCode = 1;
    if (failedTargets.length) process.stdout.write(`${failedTargets.length} target(s) missed (see table)\n`);
}

main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
});

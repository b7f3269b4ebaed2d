/**
 * `--record` mode (`INTUNE_LIVE_RECORD=<folder>`): the run's traced Graph exchanges, sanitized
 * (see sanitize.ts), written as one fixture per scenario (`01-lifecycle.json`, …) that
 * fidelity.test.ts replays against the emulator. Housekeeping (sweep, cleanup) is not recorded.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import type { LiveRun } from "./run";
import { Sanitizer, type Exchange } from "./sanitize";
import { readTrace } from "./trace";

const PRETTIER = require.resolve("prettier/bin/prettier.cjs");

export const FIXTURE_FORMAT = "intune-live-fixture/1";

/** One scenario's recorded exchanges. */
export interface Fixture {
    format: typeof FIXTURE_FORMAT;
    scenario: string;
    /** What answered: `emulator` or `Microsoft Graph (<cloud>)`. */
    source: string;
    exchanges: Exchange[];
}

/** Where the run's Graph answers came from, without naming the host. */
function sourceOf(run: LiveRun): string {
    const endpoint = run.live.graphEndpoint;
    if (endpoint && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(`${endpoint}/`)) return "emulator";
    return `Microsoft Graph (${run.live.cloud ?? "global"})`;
}

/** Writes the fixtures of a finished run into `dir`; returns the files written. */
export function writeFixtures(run: LiveRun, dir: string): string[] {
    const sanitizer = new Sanitizer({
        tenantId: run.live.tenantId,
        clientId: run.live.clientId,
        runId: run.runId,
        graphRoot: run.tenant.session.endpoints.graphEndpoint,
        secrets: [run.live.clientSecret, run.live.certificatePassword].filter((s): s is string => !!s),
    });
    const scenarios = new Map<string, Exchange[]>();
    for (const step of run.steps.filter((s) => s.record)) {
        const exchanges = scenarios.get(step.scenario) ?? [];
        for (const entry of readTrace(step.traceFile)) {
            const exchange = sanitizer.exchange(step.name, entry);
            if (exchange) exchanges.push(exchange);
        }
        scenarios.set(step.scenario, exchanges);
    }
    fs.mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    let n = 0;
    for (const [scenario, exchanges] of scenarios) {
        const file = path.join(dir, `${String(++n).padStart(2, "0")}-${scenario.replace(/\W+/g, "-")}.json`);
        const fixture: Fixture = { format: FIXTURE_FORMAT, scenario, source: sourceOf(run), exchanges };
        fs.writeFileSync(file, `${JSON.stringify(fixture, null, 4)}\n`);
        files.push(file);
    }
    // Formatted as the repository formats JSON, so committed fixtures pass `npm run lint`.
    if (files.length)
        execFileSync(process.execPath, [PRETTIER, "--write", "--log-level", "warn", ...files], { stdio: "ignore" });
    return files;
}

/** The fixtures in `dir`, in scenario order. */
export function readFixtures(dir: string): { file: string; fixture: Fixture }[] {
    return fs
        .readdirSync(dir)
        .filter((f) => /^\d+-.*\.json$/.test(f))
        .sort()
        .map((f) => ({ file: f, fixture: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Fixture }));
}

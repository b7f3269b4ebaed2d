/**
 * The benchmark's table (text) and charts (SVG written by hand, no dependency).
 */
import type { BenchResults, PhaseResult } from "./model";

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Requests by kind, compactly: "create 500, get 0". */
function kinds(r: PhaseResult): string {
    const order = ["create", "update", "targetApps", "assign", "get", "list", "delete", "groups", "token", "metadata"];
    const parts = Object.entries(r.requests)
        .filter(([k]) => k !== "metadata")
        .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
        .map(([k, v]) => `${k} ${v}`);
    return parts.length ? parts.join(", ") : "none";
}

/** The scenario's name: `N=… T=…`, or its own (the fleet case). */
const scenario = (r: PhaseResult) => r.label ?? `N=${r.n} T=${r.tenants}`;

/** Each tenant's command time: median and slowest ("-" in results from before they were recorded). */
function perTenantWall(r: PhaseResult): string {
    if (!r.tenantWallMs?.length) return "-";
    const sorted = [...r.tenantWallMs].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    return sorted.length === 1 ? s(median) : `${s(median)} / ${s(sorted[sorted.length - 1])}`;
}

function pad(rows: string[][]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows
        .map((r, j) => r.map((c, i) => (i >= 4 && j > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  "))
        .join("\n");
}

/** The result table, the targets and the CPU figures. */
export function renderTable(results: BenchResults): string {
    const rows: string[][] = [
        [
            "scenario",
            "policies/tenant",
            "phase",
            "requests by kind",
            "429s",
            "setup",
            "wall",
            "start-up",
            "Graph span",
            "floor",
            "wall/floor",
            "wall/(N/rate)",
            "tenant wall (median / max)",
            "stacks at once",
            "CPU share",
        ],
    ];
    for (const r of results.cases) {
        rows.push([
            scenario(r),
            r.perTenant.every((c) => c === r.perTenant[0]) && r.perTenant.length > 4
                ? `${r.perTenant.length}×${r.perTenant[0]}`
                : r.perTenant.join("+"),
            r.phase,
            kinds(r),
            String(r.throttled),
            r.setupMs === undefined ? "-" : s(r.setupMs),
            s(r.wallMs),
            r.graphStartMs ? s(r.graphStartMs) : "-",
            s(r.graphSpanMs),
            s(r.floorMs),
            r.ratio === null ? "n/a" : `${r.ratio.toFixed(2)}×`,
            Math.max(...r.perTenant) > results.options.limits.writesPerApp && r.rateBudgetMs > 0
                ? `${(r.wallMs / r.rateBudgetMs).toFixed(2)}×`
                : "n/a",
            perTenantWall(r),
            String(r.concurrency ?? r.tenants),
            r.cpuShare === undefined ? "-" : `${Math.round(r.cpuShare * 100)} %`,
        ]);
    }
    const missed = results.cases.flatMap((r) =>
        r.targets.filter((t) => !t.ok).map((t) => `  MISSED  ${scenario(r)} ${r.phase}: ${t.name} (${t.detail})`),
    );
    const met = results.cases.reduce((a, r) => a + r.targets.filter((t) => t.ok).length, 0);
    const cpu = results.cpu.map(
        (c) =>
            `  ${c.policy} (${c.settings} inputs): check ${c.checkUs.toFixed(1)} µs, diff ${c.diffUs.toFixed(1)} µs (no change), ${c.diffChangedUs.toFixed(1)} µs (one change) per call over ${c.iterations} calls`,
    );
    const { latencyMs, parallel, limits } = results.options;
    return [
        `Emulator latency ${latencyMs} ms; Intune limits ${limits.writesPerApp} writes / ${limits.requestsPerApp} requests per ${limits.windowMs / 1000} s per app per tenant; engine --parallel ${parallel}; ${results.machine.cpus} CPUs, Node ${results.machine.node}, Pulumi ${results.machine.pulumi}.`,
        "Floor: the throttle budget (the first window is free, so W writes need ceil(W/100)-1 further windows of 20 s) plus the round trips one resource needs; ratios are shown when the floor is at least 1 s (below that the engine's own start-up dominates).",
        "Wall: the engine command (`pulumi up` etc. on a configured stack: CLI, program, provider host, Graph, state). Setup: starting the stack process, selecting the stack and setting its config, before the command and not in wall.",
        "N/rate: writes per tenant at 100 per 20 s (500 writes = 100 s), the simpler budget. Start-up: from the start of the command to the first Graph request (program run, engine, provider host).",
        "Tenant wall: each stack's own command. Stacks at once: how many ran together (the fleet case runs them in groups). CPU share: how busy all the machine's cores were during the phase, every process counted.",
        ...(results.options.skipCheckpoints
            ? ["What-if: PULUMI_SKIP_CHECKPOINTS=true (state written once at the end)."]
            : []),

        "",
        pad(rows),
        "",
        `Targets: ${met} met${missed.length ? `, ${missed.length} missed:` : ", none missed."}`,
        ...missed,
        ...(cpu.length ? ["", "Provider CPU (dist/provider/engine/runtime, in process):", ...cpu] : []),
        ...results.cases.flatMap(renderStartup),
    ].join("\n");
}

/** Where a phase's start-up went (`--trace-startup`): its steps with whose they are, and CPU per process. */
function renderStartup(r: PhaseResult): string[] {
    const startup = r.startup;
    if (!startup) return [];
    const width = Math.max(
        ...startup.steps.map((step) => step.name.length),
        ...startup.cpu.map((c) => c.process.length),
    );
    return [
        "",
        `Start-up of ${scenario(r)} ${r.phase}, median of ${startup.stacks} stack(s): ${s(startup.totalMs)} from the command's start to the first Graph request`,
        ...startup.steps.map((step) => `  ${step.name.padEnd(width)}  ${s(step.medianMs).padStart(7)}  ${step.whose}`),
        "  CPU in that time:",
        ...startup.cpu.map((c) => `  ${c.process.padEnd(width)}  ${s(c.medianMs).padStart(7)}`),
    ];
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Horizontal bars: wall time per scenario and phase, with the throttle floor marked. */
export function svgFloorChart(results: BenchResults): string {
    const cases = results.cases;
    const rowH = 22;
    const left = 190;
    const width = 900;
    const top = 56;
    const plotW = width - left - 150;
    const height = top + cases.length * rowH + 50;
    const max = Math.max(1000, ...cases.map((c) => Math.max(c.wallMs, c.floorMs)));
    const x = (ms: number) => left + (ms / max) * plotW;
    const tickStep = [5, 10, 20, 30, 60, 120].map((t) => t * 1000).find((t) => max / t <= 10) ?? 300_000;
    const out: string[] = [];
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    );
    out.push(`<rect width="100%" height="100%" fill="white"/>`);
    out.push(
        `<text x="10" y="20" font-size="15" font-weight="bold">Wall time against the throttle floor (real Pulumi engine, Graph emulator with ${results.options.latencyMs} ms latency)</text>`,
    );
    out.push(
        `<text x="10" y="38" fill="#555">bar: wall time of the phase · black mark: floor at Intune's limits (${results.options.limits.writesPerApp} writes / 20 s per app per tenant) + round trips · (ratio wall/floor)</text>`,
    );
    for (let t = 0; t <= max; t += tickStep) {
        out.push(`<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${top + cases.length * rowH}" stroke="#ddd"/>`);
        out.push(
            `<text x="${x(t)}" y="${top + cases.length * rowH + 16}" text-anchor="middle" fill="#555">${t / 1000} s</text>`,
        );
    }
    const colours: Record<string, string> = {
        up: "#4e79a7",
        refresh: "#59a14f",
        preview: "#bab0ac",
        update: "#f28e2b",
    };
    cases.forEach((c, i) => {
        const y = top + i * rowH;
        out.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(`${scenario(c)} ${c.phase}`)}</text>`);
        out.push(
            `<rect x="${left}" y="${y + 3}" width="${Math.max(1, x(c.wallMs) - left)}" height="${rowH - 6}" fill="${colours[c.phase]}"${c.failedStacks ? ' stroke="red" stroke-width="2"' : ""}/>`,
        );
        if (c.floorMs > 0)
            out.push(`<rect x="${x(c.floorMs) - 1.5}" y="${y}" width="3" height="${rowH}" fill="black"/>`);
        const label = `${s(c.wallMs)}${c.ratio !== null ? ` (${c.ratio.toFixed(2)}×)` : ""}${c.throttled ? `, ${c.throttled}×429` : ""}${c.failedStacks ? ", FAILED" : ""}`;
        out.push(`<text x="${Math.max(x(c.wallMs), x(c.floorMs)) + 6}" y="${y + 15}">${esc(label)}</text>`);
    });
    out.push(
        `<text x="10" y="${height - 10}" fill="#555">${esc(`${results.generatedAt} · ${results.machine.cpus} CPUs · Node ${results.machine.node} · Pulumi ${results.machine.pulumi} · --parallel ${results.options.parallel}`)}</text>`,
    );
    out.push("</svg>");
    return out.join("\n") + "\n";
}

/** Stacked columns: Graph requests per second (writes, reads, 429s) over the largest `up`. */
export function svgTimeline(results: BenchResults): string {
    const t = results.timeline!;
    const width = 900;
    const height = 320;
    const left = 50;
    const top = 50;
    const plotW = width - left - 20;
    const plotH = height - top - 50;
    const totals = t.writes.map((w, i) => w + t.reads[i] + t.throttled[i]);
    const max = Math.max(10, ...totals);
    const bw = plotW / totals.length;
    const y = (v: number) => top + plotH - (v / max) * plotH;
    const out: string[] = [];
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    );
    out.push(`<rect width="100%" height="100%" fill="white"/>`);
    out.push(
        `<text x="10" y="20" font-size="15" font-weight="bold">${esc(`Graph requests per second during the ${t.label}`)}</text>`,
    );
    out.push(
        `<text x="10" y="38" fill="#555">blue: writes · green: reads · red: 429 · Intune allows 100 writes per 20 s per app per tenant (the pacer counts each request from its answer)</text>`,
    );
    for (let v = 0; v <= max; v += Math.max(1, Math.ceil(max / 5 / 10) * 10)) {
        out.push(`<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="#eee"/>`);
        out.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${v}</text>`);
    }
    totals.forEach((_, i) => {
        const x = left + i * bw;
        let base = 0;
        for (const [value, colour] of [
            [t.writes[i], "#4e79a7"],
            [t.reads[i], "#59a14f"],
            [t.throttled[i], "#e15759"],
        ] as const) {
            if (!value) continue;
            out.push(
                `<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${colour}"/>`,
            );
            base += value;
        }
    });
    const stepS = [5, 10, 20, 30, 60].find((st) => totals.length / st <= 12) ?? 120;
    for (let sec = 0; sec < totals.length; sec += stepS) {
        out.push(
            `<text x="${left + sec * bw}" y="${top + plotH + 16}" text-anchor="middle" fill="#555">${sec} s</text>`,
        );
    }
    out.push("</svg>");
    return out.join("\n") + "\n";
}

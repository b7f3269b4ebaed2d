/**
 * Where a stack's start-up goes (`--trace-startup`): reads the marks bench/startup-trace.cjs
 * wrote for each process of one stack (the stack process running the program inline, the
 * provider host's launcher, the provider host) and splits the time from the engine command's start to the first
 * Graph request into consecutive steps, each named with whose it is, plus the CPU each process
 * used in that time.
 */
import * as fs from "fs";
import * as path from "path";

/** Whose a step is: Pulumi's (CLI, SDK, provider host), this package's, or both (the program's declarations). */
export type Whose = "engine" | "ours" | "both";

export interface StartupStep {
    name: string;
    whose: Whose;
    /** Median over the stacks of the phase. */
    medianMs: number;
}

/** One stack's start-up, or the median of a phase's stacks. */
export interface StartupBreakdown {
    /** Stacks whose marks were complete (the medians are over these). */
    stacks: number;
    /** Command start to the first Graph request. */
    totalMs: number;
    steps: StartupStep[];
    /** CPU used between the command's start and the first Graph request, per process (median). */
    cpu: { process: string; medianMs: number }[];
}

interface Mark {
    role: "program" | "launcher" | "provider" | "other";
    pid: number;
    name: string;
    at: number;
    cpuMs: number;
    ancestors?: { pid: number; command: string; cpuMs: number }[];
}

/** The steps, in order: each runs from the previous step's end mark to its own. */
const STEPS: { name: string; whose: Whose; end: [Mark["role"], string] }[] = [
    { name: "CLI starts, opens the stack, calls the program", whose: "engine", end: ["program", "program load start"] },
    {
        name: "program declares the policies (resource classes + SDK)",
        whose: "both",
        end: ["program", "program loaded"],
    },
    {
        name: "SDK sends the registrations; engine launches the provider",
        whose: "engine",
        end: ["launcher", "process start"],
    },
    { name: "provider launcher script (node -e require.resolve)", whose: "engine", end: ["provider", "process start"] },
    { name: "provider host: Node.js + @pulumi/pulumi", whose: "engine", end: ["provider", "host main loaded"] },
    { name: "engine's first call (check)", whose: "engine", end: ["provider", "engine runtime load start"] },
    { name: "provider runtime load (settings, zod)", whose: "ours", end: ["provider", "engine runtime loaded"] },
    {
        name: "connection: Graph client, @azure/identity, token, first read",
        whose: "ours",
        end: ["provider", "first Graph request"],
    },
];

function readMarks(dir: string): Mark[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".jsonl"))
        .flatMap((f) =>
            fs
                .readFileSync(path.join(dir, f), "utf8")
                .split("\n")
                .filter(Boolean)
                .map((line) => JSON.parse(line) as Mark),
        );
}

/**
 * One stack's breakdown from the marks in `dir` and the epoch ms its engine command started, or
 * undefined when a step's mark is missing.
 */
export function stackStartup(dir: string, commandStartedAt: number): StartupBreakdown | undefined {
    const marks = readMarks(dir);
    const find = (role: Mark["role"], name: string) => marks.find((m) => m.role === role && m.name === name);
    const ends = STEPS.map((s) => find(...s.end));
    const programStart = ends[0];
    const firstGraph = ends[ends.length - 1];
    if (!programStart || !firstGraph || ends.some((m) => !m)) return undefined;
    const steps: StartupStep[] = STEPS.map((s, i) => ({
        name: s.name,
        whose: s.whose,
        medianMs: Math.max(0, ends[i]!.at - (i === 0 ? commandStartedAt : ends[i - 1]!.at)),
    }));
    const above = firstGraph.ancestors ?? [];
    const cli = above.find((a) => a.command === "pulumi");
    const program = above.find((a) => a.pid === programStart.pid);
    const launcherCpu = Math.max(0, ...marks.filter((m) => m.role === "launcher").map((m) => m.cpuMs));
    const ourProviderCpu = firstGraph.cpuMs - find("provider", "engine runtime load start")!.cpuMs;
    const cpu = [
        ...(cli ? [{ process: "CLI (engine)", medianMs: cli.cpuMs }] : []),
        // From the CLI's call of the program (the process's own set-up before the command is not counted).
        ...(program
            ? [{ process: "program process, from its run", medianMs: program.cpuMs - programStart.cpuMs }]
            : []),
        { process: "provider launcher (node -e)", medianMs: launcherCpu },
        { process: "provider host, all", medianMs: firstGraph.cpuMs },
        { process: "provider host, ours (runtime + connection)", medianMs: ourProviderCpu },
    ];
    return { stacks: 1, totalMs: firstGraph.at - commandStartedAt, steps, cpu };
}

const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** The median breakdown of a phase's stacks (undefined when none was complete). */
export function medianStartup(stacks: (StartupBreakdown | undefined)[]): StartupBreakdown | undefined {
    const complete = stacks.filter((s): s is StartupBreakdown => s !== undefined);
    if (!complete.length) return undefined;
    const [first] = complete;
    return {
        stacks: complete.length,
        totalMs: median(complete.map((s) => s.totalMs)),
        steps: first.steps.map((step, i) => ({ ...step, medianMs: median(complete.map((s) => s.steps[i].medianMs)) })),
        cpu: first.cpu.map((c) => ({
            process: c.process,
            medianMs: median(complete.map((s) => s.cpu.find((x) => x.process === c.process)?.medianMs ?? 0)),
        })),
    };
}

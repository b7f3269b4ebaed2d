/** The shape of the benchmark's results, shared by the runner and the report. */
import type { INTUNE_LIMITS } from "../emulator";
import type { CpuResult } from "./cpu";
import type { StartupBreakdown } from "./startup";

export type Phase = "up" | "refresh" | "preview" | "update";

export interface PhaseResult {
    phase: Phase;
    n: number;
    tenants: number;
    perTenant: number[];
    /** Scenario name, when not `N=… T=…` (the fleet case). */
    label?: string;
    /** Stacks run at a time (absent in results from before it was recorded: all at once). */
    concurrency?: number;
    /** The engine commands, first start to last end (stack selection and config not included). */
    wallMs: number;
    /** Each tenant's engine command, its start to its end. */
    tenantWallMs?: number[];
    /** How busy the machine's cores were during the phase (0 to 1, every process counted). */
    cpuShare?: number;
    /** Driver process start, stack selection and config before the engine command (not in wallMs). */
    setupMs: number;
    /** First Graph request to the end of the last one. */
    graphSpanMs: number;
    /** When the first Graph request arrived, from the start of the phase (engine start-up). */
    graphStartMs: number;
    /** From the end of the last Graph request to the end of the phase (engine wind-down). */
    graphTailMs: number;
    requests: Record<string, number>;
    graphRequests: number;
    throttled: number;
    /** Requests answered with another error status (not 429). */
    errors: number;
    failedStacks: number;
    changes: Record<string, number>[];
    floorMs: number;
    /** The write budget as a rate (writes per tenant × 20 s / 100), the simpler figure often quoted. */
    rateBudgetMs: number;
    /** How the floor was computed. */
    floorWhy: string;
    ratio: number | null;
    targets: { name: string; ok: boolean; detail: string }[];
    failures?: string[];
    /** Where the stacks' start-up went, median over them (`--trace-startup` only). */
    startup?: StartupBreakdown;
    /** Requests per second over the phase (kept for the largest `up` only). */
    timeline?: Timeline;
}

export interface Timeline {
    label: string;
    bucketMs: number;
    writes: number[];
    reads: number[];
    throttled: number[];
}

export interface BenchResults {
    generatedAt: string;
    machine: { cpus: number; cpuModel: string; node: string; platform: string; pulumi: string };
    options: {
        latencyMs: number;
        parallel: number;
        perTenant: boolean;
        skipCheckpoints: boolean;
        /** The emulator's list page size (absent in results from before it was recorded: 100). */
        pageSize?: number;
        /** `--concurrency` of the fleet case. */
        concurrency?: number;
        limits: typeof INTUNE_LIMITS;
        pacerWindowGuardMs: number;
    };
    cases: PhaseResult[];
    cpu: CpuResult[];
    timeline?: Timeline;
}

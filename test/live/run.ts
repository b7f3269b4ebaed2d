/**
 * One run of the live acceptance suite: its name prefix, its stacks, its Graph traces (one file
 * per step, written by the provider and by the suite's own session) and its cleanup.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { randomBytes } from "crypto";
import type { StackCommand, StackResult } from "../../scripts/stack";
import { openSession } from "../../provider/graph/session";
import { GRAPH_TRACE_ENV } from "../../provider/graph/trace";
import { PROGRAM } from "../support/engine";
import { runLiveEngine } from "./engine";
import { newRunId, runPrefix } from "./names";
import { connectionSettings, secretEnv, stackConfig, type LiveSettings } from "./settings";
import { SuiteTenant } from "./tenant";
import { readTrace, writes, type GraphTraceEntry } from "./trace";
import type { Declared } from "../support/declared";

export type { Declared };

/** One of the run's stacks. */
export interface LiveStack {
    name: string;
    program: string;
    stateDir: string;
    env: Record<string, string>;
}

/** A traced step: the Graph requests it sent are in `traceFile`. */
export interface Step {
    scenario: string;
    name: string;
    traceFile: string;
    /** Whether `--record` mode writes it as a fixture (housekeeping such as sweeps is not). */
    record: boolean;
}

/** What one engine command did. */
export interface EngineStep {
    result: StackResult;
    /** The Graph requests the command sent (every provider process of the command). */
    trace: GraphTraceEntry[];
}

export class LiveRun {
    readonly runId = newRunId();
    readonly prefix = runPrefix(this.runId);
    /** Temporary folder of state, traces and program inputs. */
    readonly work = fs.mkdtempSync(path.join(os.tmpdir(), `intune-live-${this.runId}-`));
    /** Folder for generated programs: inside the repository, so they resolve this package. */
    readonly programs = path.join(__dirname, `.tmp-${this.runId}`);
    readonly tenant: SuiteTenant;
    readonly steps: Step[] = [];
    private readonly stacks = new Map<string, LiveStack>();
    private readonly passphrase = randomBytes(16).toString("hex");
    /** Everything the engine printed, for the secret check. */
    readonly outputs: string[] = [];

    constructor(readonly live: LiveSettings) {
        this.tenant = new SuiteTenant(openSession(connectionSettings(live)), this.prefix);
    }

    /** A fresh trace file for one step. */
    step(scenario: string, name: string, record = true): Step {
        const step: Step = {
            scenario,
            name,
            traceFile: path.join(this.work, `trace-${String(this.steps.length + 1).padStart(2, "0")}.jsonl`),
            record,
        };
        this.steps.push(step);
        return step;
    }

    /** Runs `action` with the suite's own Graph requests traced into `step`'s file. */
    async traced<T>(step: Step, action: () => Promise<T>): Promise<{ value: T; trace: GraphTraceEntry[] }> {
        const before = process.env[GRAPH_TRACE_ENV];
        process.env[GRAPH_TRACE_ENV] = step.traceFile;
        try {
            const value = await action();
            return { value, trace: readTrace(step.traceFile) };
        } finally {
            if (before === undefined) delete process.env[GRAPH_TRACE_ENV];
            else process.env[GRAPH_TRACE_ENV] = before;
        }
    }

    /** The stack `name` of the suite's program, declaring `policies`. */
    declare(name: string, policies: Declared[]): LiveStack {
        const file = path.join(this.work, `${name}-policies.json`);
        fs.writeFileSync(file, JSON.stringify(policies));
        return this.stack(name, PROGRAM, { E2E_POLICIES: file });
    }

    /** A stack of a program folder written by the suite (e.g. an export). */
    program(name: string, programDir: string): LiveStack {
        return this.stack(name, programDir, {});
    }

    private stack(name: string, program: string, env: Record<string, string>): LiveStack {
        const stack = { name, program, stateDir: path.join(this.work, `state-${name}`), env };
        this.stacks.set(name, stack);
        return stack;
    }

    /** Forgets a stack without destroying anything: its policies stay, owned by other stacks. */
    forget(stack: LiveStack): void {
        fs.rmSync(stack.stateDir, { recursive: true, force: true });
        this.stacks.delete(stack.name);
    }

    /** One engine command, traced; fails with the engine's own words. */
    async engine(command: StackCommand, stack: LiveStack, step: Step): Promise<EngineStep> {
        const outcome = await runLiveEngine(command, {
            programDir: stack.program,
            stackName: stack.name,
            stateDir: stack.stateDir,
            config: stackConfig(this.live),
            env: { ...secretEnv(this.live), ...stack.env },
            passphrase: this.passphrase,
            traceFile: step.traceFile,
        });
        this.outputs.push(outcome.result?.output ?? outcome.output);
        if (outcome.code !== 0 || !outcome.result)
            throw new Error(
                `pulumi ${command} of stack ${stack.name} failed (exit ${outcome.code}):\n${outcome.output}`,
            );
        return { result: outcome.result, trace: readTrace(step.traceFile) };
    }

    /**
     * Removes everything the run made, whatever state it is in: destroys each stack, then deletes
     * through Graph every policy that still carries the run's prefix (so a failed destroy, or a
     * policy made outside any stack, is removed too). Returns the problems: none means the tenant
     * holds no policy of this run. Failed destroys are only reported when something is left.
     */
    async cleanUp(): Promise<string[]> {
        const destroyFailures: string[] = [];
        for (const stack of [...this.stacks.values()]) {
            if (!fs.existsSync(stack.stateDir)) continue;
            try {
                await this.engine("destroy", stack, this.step("cleanup", `destroy ${stack.name}`, false));
            } catch (err) {
                destroyFailures.push(`destroy of stack ${stack.name}: ${(err as Error).message.split("\n")[0]}`);
            }
        }
        try {
            const { value: left } = await this.traced(this.step("cleanup", "delete by prefix", false), async () => {
                await this.tenant.removeOwn();
                return this.tenant.own();
            });
            if (!left.length) return [];
            return [
                ...destroyFailures,
                `still in the tenant: ${left.map((p) => `${p.id} (${p.displayName})`).join(", ")}`,
            ];
        } catch (err) {
            return [...destroyFailures, `deleting the run's policies through Graph: ${(err as Error).message}`];
        }
    }

    /** Every file the run wrote (state, traces, program inputs). */
    files(): string[] {
        const out: string[] = [];
        const walk = (dir: string) => {
            if (!fs.existsSync(dir)) return;
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else out.push(file);
            }
        };
        walk(this.work);
        walk(this.programs);
        return out;
    }

    /** Graph writes of every step, counted from the traces when the run was disposed. */
    writesCounted = 0;

    /** Counts the run's writes, then removes its temporary folders. */
    dispose(): void {
        this.writesCounted = this.steps.reduce((n, step) => n + writes(readTrace(step.traceFile)).length, 0);
        fs.rmSync(this.work, { recursive: true, force: true });
        fs.rmSync(this.programs, { recursive: true, force: true });
    }
}

/**
 * Runs the suite's programs through the real engine (scripts/stack.ts in a process of its own per
 * command, like test/support/engine.ts), except that the credentials travel only as environment
 * variables of the processes (never as stack config), none of the caller's shell's Azure or suite
 * variables reach them, and each command gets its own Graph trace file.
 */
import { spawnStack, type StackCommand, type StackProcessOptions, type StackProcessOutcome } from "../../scripts/stack";
import { GRAPH_TRACE_ENV } from "../../provider/graph/trace";

/** A stack command of the suite: no secret in `config` (secrets and program input go in `env`). */
export interface LiveEngineRun extends Omit<StackProcessOptions, "baseEnv" | "secrets"> {
    /** The Graph trace file of this command. */
    traceFile: string;
}

/** The inherited environment without any Azure credential or suite variable of the caller's shell. */
function baseEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(
        Object.entries(process.env).filter(
            ([key]) => !key.startsWith("AZURE_") && !key.startsWith("INTUNE_LIVE_") && key !== GRAPH_TRACE_ENV,
        ),
    );
}

/** One engine command; resolves with the driver's JSON result, or its output when it failed. */
export function runLiveEngine(command: StackCommand, run: LiveEngineRun): Promise<StackProcessOutcome> {
    const { traceFile, ...options } = run;
    return spawnStack(command, { ...options, baseEnv: baseEnv(), env: { [GRAPH_TRACE_ENV]: traceFile, ...run.env } })
        .done;
}

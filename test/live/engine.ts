/**
 * Runs the suite's programs through the real engine (scripts/stack.ts: Automation API, the real
 * CLI and provider host), one fresh process per command, like test/support/engine.ts, except that
 * credentials travel only in the environment of the processes, never on a command line, and each
 * command gets its own Graph trace file.
 */
import { spawn } from "child_process";
import * as path from "path";
import type { StackCommand, StackResult } from "../../scripts/stack";
import { GRAPH_TRACE_ENV } from "../../provider/graph/trace";

const REPO_ROOT = path.join(__dirname, "..", "..");
const NODE_BIN = path.join(REPO_ROOT, "node_modules", ".bin");

export interface LiveEngineRun {
    program: string;
    stack: string;
    stateDir: string;
    /** Plain stack config; nothing secret. */
    config: Record<string, string>;
    /** Environment of the driver, engine and provider host (secrets, program input). */
    env: Record<string, string>;
    passphrase: string;
    /** The Graph trace file of this command. */
    traceFile: string;
}

export interface LiveEngineOutcome {
    code: number;
    result?: StackResult;
    /** Everything the driver printed when it did not print a result. */
    output: string;
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
export function runLiveEngine(command: StackCommand, run: LiveEngineRun): Promise<LiveEngineOutcome> {
    const args = [
        "-r",
        "ts-node/register/transpile-only",
        path.join(REPO_ROOT, "scripts", "stack.ts"),
        command,
        "--json",
        "--program",
        run.program,
        "--stack",
        run.stack,
        "--state",
        run.stateDir,
        ...Object.entries(run.config).flatMap(([k, v]) => ["--config", `${k}=${v}`]),
    ];
    return new Promise((resolve, reject) => {
        const child = spawn(path.join(NODE_BIN, "node"), args, {
            cwd: REPO_ROOT,
            env: {
                ...baseEnv(),
                PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH}`,
                PULUMI_CONFIG_PASSPHRASE: run.passphrase,
                [GRAPH_TRACE_ENV]: run.traceFile,
                ...run.env,
            },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            const last = stdout.trim().split("\n").pop() ?? "";
            let result: StackResult | undefined;
            try {
                result = last.startsWith("{") ? (JSON.parse(last) as StackResult) : undefined;
            } catch {
                result = undefined;
            }
            resolve({ code: code ?? 1, result, output: stderr + (result ? "" : stdout) });
        });
    });
}

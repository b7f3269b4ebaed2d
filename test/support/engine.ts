/**
 * Runs the repository's stack driver (scripts/stack.ts) in a child process, the way a user's
 * `pulumi` command would run: a fresh process per command, the real CLI and provider host.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackCommand, StackResult } from "../../scripts/stack";

export const REPO_ROOT = path.join(__dirname, "..", "..");
const NODE_BIN = path.join(REPO_ROOT, "node_modules", ".bin");

export interface EngineRun {
    program: string;
    stack: string;
    stateDir: string;
    config?: Record<string, string>;
    secrets?: Record<string, string>;
    /** Environment of the driver (the program runs there) and of the engine and provider. */
    env?: Record<string, string>;
    policyPacks?: string[];
}

export interface EngineOutcome {
    code: number;
    result?: StackResult;
    stderr: string;
}

const pairs = (flag: string, record: Record<string, string> = {}) =>
    Object.entries(record).flatMap(([k, v]) => [flag, `${k}=${v}`]);

/** One engine command; resolves with the driver's JSON result or its error text. */
export function runEngine(command: StackCommand, run: EngineRun): Promise<EngineOutcome> {
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
        ...pairs("--config", run.config),
        ...pairs("--secret", run.secrets),
        ...pairs("--env", run.env),
        ...(run.policyPacks ?? []).flatMap((p) => ["--policy-pack", p]),
    ];
    return new Promise((resolve, reject) => {
        const child = spawn(path.join(NODE_BIN, "node"), args, {
            cwd: REPO_ROOT,
            env: {
                ...process.env,
                PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH}`,
                PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
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
                result = last ? JSON.parse(last) : undefined;
            } catch {
                result = undefined;
            }
            resolve({ code: code ?? 1, result, stderr: stderr + (result ? "" : stdout) });
        });
    });
}

/** Like runEngine, but fails the test with the engine's own words when the command fails. */
export async function engine(command: StackCommand, run: EngineRun): Promise<StackResult> {
    const outcome = await runEngine(command, run);
    if (outcome.code !== 0 || !outcome.result)
        throw new Error(`pulumi ${command} failed (exit ${outcome.code}):\n${outcome.stderr}`);
    return outcome.result;
}

/** A temporary folder removed by the caller. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Runs the repository's stack driver (scripts/stack.ts) in a child process, the way a user's
 * `pulumi` command would run: a fresh process per command, the real CLI and provider host.
 */
import { type ChildProcess, execFile, spawn } from "child_process";
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

/** Each secret's config key and the environment variable that carries it to the driver. */
const secretNames = (secrets: Record<string, string> = {}) =>
    Object.keys(secrets).map((key, n) => [key, `E2E_SECRET_${n}`] as const);

/** One engine command; resolves with the driver's JSON result or its error text. */
export function runEngine(command: StackCommand, run: EngineRun): Promise<EngineOutcome> {
    return startEngine(command, run).done;
}

/** An engine command in progress. */
export interface RunningEngine {
    /** The driver process (with `detached`, the leader of a process group holding the driver and the CLI). */
    child: ChildProcess;
    done: Promise<EngineOutcome>;
}

/**
 * Starts one engine command. With `detached`, the driver and the Pulumi CLI it starts get a
 * process group of their own, so a test can kill them the way a terminal or CI runner does
 * (`process.kill(-child.pid, "SIGKILL")`); the dynamic provider host has its own group anyway.
 */
export function startEngine(
    command: StackCommand,
    run: EngineRun,
    options: { detached?: boolean } = {},
): RunningEngine {
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
        // Secrets travel in the environment (E2E_SECRET_<n>), never on the command line.
        ...secretNames(run.secrets).flatMap(([key, variable]) => ["--secret-env", `${key}=${variable}`]),
        ...pairs("--env", run.env),
        ...(run.policyPacks ?? []).flatMap((p) => ["--policy-pack", p]),
    ];
    const child = spawn(path.join(NODE_BIN, "node"), args, {
        cwd: REPO_ROOT,
        env: {
            ...process.env,
            PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH}`,
            PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
            ...run.env,
            ...Object.fromEntries(secretNames(run.secrets).map(([key, variable]) => [variable, run.secrets![key]])),
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: options.detached ?? false,
    });
    const done = new Promise<EngineOutcome>((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (d) => (stdout += d));
        child.stderr!.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code, signal) => {
            const last = stdout.trim().split("\n").pop() ?? "";
            let result: StackResult | undefined;
            try {
                result = last ? JSON.parse(last) : undefined;
            } catch {
                result = undefined;
            }
            resolve({ code: code ?? (signal ? 128 : 1), result, stderr: stderr + (result ? "" : stdout) });
        });
    });
    return { child, done };
}

/**
 * Runs a command the way a user runs it in the stack's project folder (the driver's workspace:
 * its Pulumi.yaml names the file backend), with the engine on PATH: `pulumi cancel`, or this
 * package's own command line (`node bin/pulumi-intune-app-protection recover …`).
 */
export function runInProject(
    file: string,
    args: string[],
    run: Pick<EngineRun, "stateDir" | "env">,
): Promise<{ code: number; stdout: string; stderr: string }> {
    const { engineEnv } = require("../../scripts/pulumi/engine-env");
    const env = {
        ...process.env,
        ...engineEnv({ pulumiHome: path.join(run.stateDir, "home") }),
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        ...run.env,
    };
    return new Promise((resolve, reject) => {
        execFile(
            file,
            args,
            { cwd: path.join(run.stateDir, "workspace"), env, maxBuffer: 1 << 28 },
            (err, stdout, stderr) => {
                if (err && typeof err.code !== "number") return reject(err);
                resolve({ code: err ? Number(err.code) : 0, stdout: String(stdout), stderr: String(stderr) });
            },
        );
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

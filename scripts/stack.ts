/**
 * Runs a Pulumi program of this repository (a folder with Pulumi.yaml) through the real engine:
 * `pulumi up`, `preview`, `refresh` or `destroy` via the Automation API. The Node.js language
 * host is not available from the Go module proxy, so the program runs inline in this process
 * while the CLI (built by scripts/pulumi/ensure-pulumi.sh) drives the deployment, the
 * dynamic provider and the state exactly as `pulumi up` does. Used by the demo and the
 * end-to-end tests.
 *
 *   INTUNE_SECRET=... node -r ts-node/register/transpile-only scripts/stack.ts up --program examples/ios-basic \
 *        --stack dev --state .state --config salesGroupId=... --secret-env intune:clientSecret=INTUNE_SECRET [--json]
 *
 * Secrets never go on a command line (where the process list shows them): `--secret-env KEY=VAR`
 * names the environment variable that holds one, `--secrets-file FILE` a JSON object of them, and
 * they reach `pulumi config set --secret` on its standard input.
 *
 * {@link runStack} runs a command in this process; {@link spawnStack} runs this script in a process
 * of its own, the way a user's `pulumi` command runs (the end-to-end tests and the benchmark).
 */
import { type ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { parse as parseYaml } from "yaml";
import type { LocalWorkspaceOptions, Stack } from "@pulumi/pulumi/automation";

const { localWorkspaceOptions } = require("./pulumi/engine-env");

export type StackCommand = "up" | "preview" | "refresh" | "destroy";

export interface StackOptions {
    /** Folder holding Pulumi.yaml (its `main` names the program). */
    programDir: string;
    stackName: string;
    /** Folder for the file backend and PULUMI_HOME. */
    stateDir: string;
    /** Plain stack config (`key` = project namespace, `ns:key` as is). */
    config?: Record<string, string>;
    /** Secret stack config, encrypted in state with the passphrase (set through the CLI's standard input). */
    secrets?: Record<string, string>;
    /** Extra environment for the engine and the provider (e.g. NODE_EXTRA_CA_CERTS). */
    env?: Record<string, string>;
    /** Passphrase of the stack's secrets provider. */
    passphrase?: string;
    /** Policy packs to run on preview and up. */
    policyPacks?: string[];
    /** Config files of those policy packs. */
    policyPackConfigs?: string[];
    /** The engine's parallelism (`pulumi up --parallel`); the CLI's default when absent. */
    parallel?: number;
    /** Whether preview and up print a detailed diff (`--diff`); on unless false. */
    diff?: boolean;
    /** Awaited once the stack is selected and configured, before the command starts. */
    beforeCommand?: () => Promise<void>;
    /** Receives the CLI's output as it comes. */
    onOutput?: (text: string) => void;
}

/** When a command ran, in epoch milliseconds. */
export interface StackTiming {
    /** {@link runStack} was called (before the stack was selected and configured). */
    startedAt: number;
    /** The engine command started (the stack configured, `beforeCommand` done). */
    commandStartedAt: number;
    /**
     * The CLI's last output (its summary): the end of the command as `pulumi up` has it. The
     * Automation API then runs `pulumi stack output` and `pulumi stack history` for its result.
     */
    commandEndedAt: number;
}

export interface StackResult {
    command: StackCommand;
    /** Resource operations by kind (`create`, `update`, `same`, `delete`…). */
    changes: Record<string, number>;
    /** Stack outputs (up only). */
    outputs: Record<string, unknown>;
    /** Everything the CLI printed on standard output. */
    output: string;
    /** What it printed on standard error: the diagnostics (warnings of the program and the provider). */
    diagnostics?: string;
    timing: StackTiming;
}

/** The project name and program path of a Pulumi.yaml (only the keys this repo uses). */
export function readProject(programDir: string): { name: string; program: string } {
    const file = path.join(programDir, "Pulumi.yaml");
    const project: unknown = parseYaml(fs.readFileSync(file, "utf8"));
    const { name, main } = (project ?? {}) as { name?: unknown; main?: unknown };
    if (typeof name !== "string" || !name) throw new Error(`${file} has no name`);
    if (main !== undefined && typeof main !== "string") throw new Error(`${file}: main must be a path`);
    return { name, program: path.resolve(programDir, main ?? ".") };
}

/** Opens (or creates) the stack with its config set. */
export async function openStack(options: StackOptions): Promise<Stack> {
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    const project = readProject(options.programDir);
    const workspaceOptions: LocalWorkspaceOptions = await localWorkspaceOptions({
        projectName: project.name,
        stateDir: path.join(options.stateDir, "backend"),
        pulumiHome: path.join(options.stateDir, "home"),
        extraEnv: { PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "", ...options.env },
    });
    // A lasting work dir keeps the stack's config file (Pulumi.<stack>.yaml) between commands.
    workspaceOptions.workDir = path.join(options.stateDir, "workspace");
    fs.mkdirSync(workspaceOptions.workDir, { recursive: true });
    const program = async () => {
        require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
        // A fresh load each run, so one process can run several commands on the same program.
        delete require.cache[require.resolve(project.program)];
        return require(project.program);
    };
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName, projectName: project.name, program },
        workspaceOptions,
    );
    const config: Record<string, { value: string }> = {};
    for (const [key, value] of Object.entries(options.config ?? {})) config[key] = { value };
    if (Object.keys(config).length) await stack.setAllConfig(config);
    // The Automation API puts config values on the CLI's command line: secrets go through stdin.
    for (const [key, value] of Object.entries(options.secrets ?? {}))
        await setSecretConfig(workspaceOptions, options.stackName, key, value);
    return stack;
}

/** `pulumi config set --secret KEY` with the value on the CLI's standard input, never in its arguments. */
function setSecretConfig(options: LocalWorkspaceOptions, stackName: string, key: string, value: string): Promise<void> {
    const command = options.pulumiCommand!.command;
    const args = ["config", "set", "--secret", "--stack", stackName, "--non-interactive", "--", key];
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd: options.workDir,
            env: {
                ...process.env,
                ...options.envVars,
                PATH: `${path.dirname(command)}${path.delimiter}${options.envVars?.PATH ?? process.env.PATH}`,
                PULUMI_AUTOMATION_API: "true",
            },
            stdio: ["pipe", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) =>
            code === 0
                ? resolve()
                : reject(new Error(`pulumi config set --secret ${key} failed (exit ${code}): ${stderr}`)),
        );
        child.stdin.end(value);
    });
}

/** Runs one command on the stack and reports what the engine did. */
export async function runStack(command: StackCommand, options: StackOptions): Promise<StackResult> {
    const startedAt = Date.now();
    const stack = await openStack(options);
    await options.beforeCommand?.();
    const chunks: string[] = [];
    let lastOutputAt = 0;
    const onOutput = (text: string) => {
        lastOutputAt = Date.now();
        chunks.push(text);
        options.onOutput?.(text);
    };
    const { policyPacks, policyPackConfigs, parallel } = options;
    const diff = options.diff ?? true;
    const commandStartedAt = Date.now();
    const ended = (changes: object, rest: Partial<StackResult> = {}): StackResult => ({
        command,
        changes: { ...changes },
        outputs: {},
        output: chunks.join(""),
        ...rest,
        timing: { startedAt, commandStartedAt, commandEndedAt: lastOutputAt || Date.now() },
    });
    switch (command) {
        case "preview": {
            const result = await stack.preview({ onOutput, diff, parallel, policyPacks, policyPackConfigs });
            return ended(result.changeSummary, { diagnostics: result.stderr });
        }
        case "up": {
            const result = await stack.up({ onOutput, diff, parallel, policyPacks, policyPackConfigs });
            const outputs = Object.fromEntries(
                Object.entries(result.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]),
            );
            return ended(result.summary.resourceChanges ?? {}, { outputs, diagnostics: result.stderr });
        }
        case "refresh": {
            // Run the program so the provider is configured from today's stack config, not the
            // config saved at the last `up` (matters after a credential or endpoint change).
            const result = await stack.refresh({ onOutput, parallel, runProgram: true });
            return ended(result.summary.resourceChanges ?? {});
        }
        case "destroy": {
            const result = await stack.destroy({ onOutput, parallel, runProgram: true });
            return ended(result.summary.resourceChanges ?? {});
        }
    }
}

/**
 * Secret config from `--secret-env KEY=VAR` flags (the value of environment variable VAR) and
 * `--secrets-file FILE` (a JSON object of key and value), so no secret is on a command line.
 */
export function secretsOf(
    flags: { secretEnv?: string[]; secretsFile?: string },
    env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
    const secrets: Record<string, string> = {};
    if (flags.secretsFile) {
        const parsed: unknown = JSON.parse(fs.readFileSync(flags.secretsFile, "utf8"));
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
            throw new Error(`${flags.secretsFile} must hold a JSON object of config key and secret value`);
        for (const [key, value] of Object.entries(parsed)) {
            if (typeof value !== "string") throw new Error(`${flags.secretsFile}: the value of ${key} must be text`);
            secrets[key] = value;
        }
    }
    for (const [key, variable] of Object.entries(pairsOf(flags.secretEnv))) {
        const value = env[variable];
        if (value === undefined)
            throw new Error(`--secret-env ${key}=${variable}: environment variable ${variable} is not set`);
        secrets[key] = value;
    }
    return secrets;
}

/** Refuses `--secret k=v`: the value would be in the process list. */
export function refuseSecretFlag(values: { secret?: string[] }): void {
    if (values.secret?.length)
        throw new Error(
            "--secret k=v would show the secret in the process list; use --secret-env k=ENV_VAR (the secret in that environment variable) or --secrets-file FILE (a JSON object)",
        );
}

/** `key=value` flags into a record. */
export function pairsOf(values: string[] | undefined): Record<string, string> {
    const record: Record<string, string> = {};
    for (const item of values ?? []) {
        const at = item.indexOf("=");
        if (at < 1) throw new Error(`expected key=value, got "${item}"`);
        record[item.slice(0, at)] = item.slice(at + 1);
    }
    return record;
}

/** The script itself, and the `node` (Node.js 22, from node_modules) it runs with. */
const SCRIPT = __filename;
const REPO_ROOT = path.join(__dirname, "..");
const NODE_BIN = path.join(REPO_ROOT, "node_modules", ".bin");

/** How {@link spawnStack} runs a command in a process of its own. */
export interface StackProcessOptions extends Omit<StackOptions, "onOutput" | "beforeCommand" | "policyPackConfigs"> {
    /**
     * The environment the process starts from (default: this one's). `env` and the passphrase are
     * added to it; the engine and the provider host inherit it. Never put on a command line.
     */
    baseEnv?: NodeJS.ProcessEnv;
    /**
     * Its own process group holding it and the CLI it starts, so a caller can kill both the way a
     * terminal or CI runner does (`process.kill(-child.pid, "SIGKILL")`).
     */
    detached?: boolean;
    /** Waits for {@link StackProcess.go} once the stack is configured (several stacks start together). */
    waitForGo?: boolean;
}

/** A command running in a process of its own. */
export interface StackProcess {
    child: ChildProcess;
    /** The stack is configured (with `waitForGo`), or the process ended. */
    ready: Promise<void>;
    /** Starts the command (with `waitForGo`). */
    go(): void;
    done: Promise<StackProcessOutcome>;
}

export interface StackProcessOutcome {
    /** The exit code (128 when a signal ended it). */
    code: number;
    /** What the engine did, when the command succeeded. */
    result?: StackResult;
    /** What the process printed on standard error, and on standard output when it printed no result. */
    output: string;
}

/**
 * Runs this script in a fresh Node.js process (as a user's `pulumi` command runs: its own
 * process, the real CLI and provider host) and resolves with its JSON result. Secrets travel in
 * the process's environment (`STACK_SECRET_<n>`, named by `--secret-env`), never in its arguments.
 */
export function spawnStack(command: StackCommand, options: StackProcessOptions): StackProcess {
    const secretVariables = Object.entries(options.secrets ?? {}).map(
        ([key, value], n) => [key, `STACK_SECRET_${n}`, value] as const,
    );
    const args = [
        "-r",
        "ts-node/register/transpile-only",
        SCRIPT,
        command,
        "--json",
        ...["--program", options.programDir, "--stack", options.stackName, "--state", options.stateDir],
        ...Object.entries(options.config ?? {}).flatMap(([key, value]) => ["--config", `${key}=${value}`]),
        ...secretVariables.flatMap(([key, variable]) => ["--secret-env", `${key}=${variable}`]),
        ...(options.policyPacks ?? []).flatMap((pack) => ["--policy-pack", pack]),
        ...(options.parallel === undefined ? [] : ["--parallel", String(options.parallel)]),
        ...(options.diff === false ? ["--no-diff"] : []),
        ...(options.waitForGo ? ["--wait-for-go"] : []),
    ];
    const base = options.baseEnv ?? process.env;
    const child = spawn(path.join(NODE_BIN, "node"), args, {
        cwd: REPO_ROOT,
        env: {
            ...base,
            PATH: `${NODE_BIN}${path.delimiter}${base.PATH}`,
            PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "",
            ...options.env,
            ...Object.fromEntries(secretVariables.map(([, variable, value]) => [variable, value])),
        },
        stdio: ["pipe", "pipe", "pipe"],
        detached: options.detached ?? false,
    });
    let stdout = "";
    let stderr = "";
    let onReady = () => {};
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    child.stdout!.on("data", (d) => {
        stdout += d;
        if (/^ready$/m.test(stdout)) onReady();
    });
    child.stderr!.on("data", (d) => (stderr += d));
    // A process that failed before the command has exited: `go` finds its stdin closed.
    child.stdin!.on("error", () => undefined);
    if (!options.waitForGo) child.stdin!.end();
    const done = new Promise<StackProcessOutcome>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code, signal) => {
            onReady();
            const last = stdout.trim().split("\n").pop() ?? "";
            let result: StackResult | undefined;
            try {
                result = last.startsWith("{") ? (JSON.parse(last) as StackResult) : undefined;
            } catch {
                result = undefined;
            }
            resolve({ code: code ?? (signal ? 128 : 1), result, output: stderr + (result ? "" : stdout) });
        });
    });
    return { child, ready, go: () => child.stdin!.end("go\n"), done };
}

/** Prints `ready`, then waits for a line (or the end) on standard input. */
async function readyThenWaitForGo(): Promise<void> {
    process.stdout.write("ready\n");
    await new Promise((resolve) => process.stdin.once("data", resolve).once("end", resolve));
    process.stdin.destroy();
}

const USAGE =
    "usage: stack.ts up|preview|refresh|destroy --program DIR --state DIR [--stack NAME] [--config k=v] [--secret-env k=ENV_VAR] [--secrets-file FILE] [--env K=V] [--policy-pack DIR] [--parallel N] [--no-diff] [--wait-for-go] [--json]";

async function main(argv: string[]): Promise<void> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            program: { type: "string" },
            stack: { type: "string", default: "dev" },
            state: { type: "string" },
            config: { type: "string", multiple: true },
            secret: { type: "string", multiple: true },
            "secret-env": { type: "string", multiple: true },
            "secrets-file": { type: "string" },
            env: { type: "string", multiple: true },
            "policy-pack": { type: "string", multiple: true },
            parallel: { type: "string" },
            "no-diff": { type: "boolean", default: false },
            "wait-for-go": { type: "boolean", default: false },
            json: { type: "boolean", default: false },
        },
    });
    const command = positionals[0] as StackCommand;
    if (!["up", "preview", "refresh", "destroy"].includes(command) || !values.program || !values.state) {
        throw new Error(USAGE);
    }
    const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
    if (parallel !== undefined && !(Number.isInteger(parallel) && parallel > 0))
        throw new Error(`--parallel is "${values.parallel}": it must be a whole number above 0`);
    refuseSecretFlag(values);
    const result = await runStack(command, {
        programDir: values.program,
        stackName: values.stack!,
        stateDir: values.state,
        config: pairsOf(values.config),
        secrets: secretsOf({ secretEnv: values["secret-env"], secretsFile: values["secrets-file"] }),
        env: pairsOf(values.env),
        passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
        policyPacks: values["policy-pack"],
        parallel,
        diff: !values["no-diff"],
        beforeCommand: values["wait-for-go"] ? readyThenWaitForGo : undefined,
        onOutput: values.json ? undefined : (text) => process.stdout.write(text),
    });
    if (values.json) process.stdout.write(JSON.stringify(result) + "\n");
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err) => {
        process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
        process.exit(1);
    });
}

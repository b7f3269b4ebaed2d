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
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
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
    /** Receives the CLI's output as it comes. */
    onOutput?: (text: string) => void;
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
}

interface ProjectFile {
    name: string;
    main?: string;
}

/** The project name and program path of a Pulumi.yaml (only the keys this repo uses). */
export function readProject(programDir: string): { name: string; program: string } {
    const text = fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8");
    const field = (key: string) => new RegExp(`^${key}:\\s*(.+)$`, "m").exec(text)?.[1].trim();
    const project: ProjectFile = { name: field("name") ?? "", main: field("main") };
    if (!project.name) throw new Error(`${programDir}/Pulumi.yaml has no name`);
    return { name: project.name, program: path.resolve(programDir, project.main ?? ".") };
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
    const stack = await openStack(options);
    const chunks: string[] = [];
    const onOutput = (text: string) => {
        chunks.push(text);
        options.onOutput?.(text);
    };
    const { policyPacks, policyPackConfigs } = options;
    switch (command) {
        case "preview": {
            const result = await stack.preview({ onOutput, diff: true, policyPacks, policyPackConfigs });
            return {
                command,
                changes: { ...result.changeSummary },
                outputs: {},
                output: chunks.join(""),
                diagnostics: result.stderr,
            };
        }
        case "up": {
            const result = await stack.up({ onOutput, diff: true, policyPacks, policyPackConfigs });
            const outputs = Object.fromEntries(
                Object.entries(result.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]),
            );
            return {
                command,
                changes: { ...result.summary.resourceChanges },
                outputs,
                output: chunks.join(""),
                diagnostics: result.stderr,
            };
        }
        case "refresh": {
            // Run the program so the provider is configured from today's stack config, not the
            // config saved at the last `up` (matters after a credential or endpoint change).
            const result = await stack.refresh({ onOutput, runProgram: true });
            return { command, changes: { ...result.summary.resourceChanges }, outputs: {}, output: chunks.join("") };
        }
        case "destroy": {
            const result = await stack.destroy({ onOutput, runProgram: true });
            return { command, changes: { ...result.summary.resourceChanges }, outputs: {}, output: chunks.join("") };
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
            json: { type: "boolean", default: false },
        },
    });
    const command = positionals[0] as StackCommand;
    if (!["up", "preview", "refresh", "destroy"].includes(command) || !values.program || !values.state) {
        throw new Error(
            "usage: stack.ts up|preview|refresh|destroy --program DIR --state DIR [--stack NAME] [--config k=v] [--secret-env k=ENV_VAR] [--secrets-file FILE] [--env K=V] [--json]",
        );
    }
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

/**
 * Runs a Pulumi program of this repository (a folder with Pulumi.yaml) through the real engine:
 * `pulumi up`, `preview`, `refresh` or `destroy` via the Automation API. The Node.js language
 * host is not available from the Go module proxy, so the program runs inline in this process
 * while the CLI (built by scripts/pulumi/ensure-pulumi.sh) drives the deployment, the
 * dynamic provider and the state exactly as `pulumi up` does. Used by the demo and the
 * end-to-end tests.
 *
 *   node -r ts-node/register/transpile-only scripts/stack.ts up --program examples/ios-basic \
 *        --stack dev --state .state --config salesGroupId=... --secret intune:clientSecret=... [--json]
 */
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
    /** Secret stack config, encrypted in state with the passphrase. */
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
    /** Everything the CLI printed. */
    output: string;
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
    const config: Record<string, { value: string; secret?: boolean }> = {};
    for (const [key, value] of Object.entries(options.config ?? {})) config[key] = { value };
    for (const [key, value] of Object.entries(options.secrets ?? {})) config[key] = { value, secret: true };
    if (Object.keys(config).length) await stack.setAllConfig(config);
    return stack;
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
            return { command, changes: { ...result.changeSummary }, outputs: {}, output: chunks.join("") };
        }
        case "up": {
            const result = await stack.up({ onOutput, diff: true, policyPacks, policyPackConfigs });
            const outputs = Object.fromEntries(
                Object.entries(result.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]),
            );
            return { command, changes: { ...result.summary.resourceChanges }, outputs, output: chunks.join("") };
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
            env: { type: "string", multiple: true },
            "policy-pack": { type: "string", multiple: true },
            json: { type: "boolean", default: false },
        },
    });
    const command = positionals[0] as StackCommand;
    if (!["up", "preview", "refresh", "destroy"].includes(command) || !values.program || !values.state) {
        throw new Error(
            "usage: stack.ts up|preview|refresh|destroy --program DIR --state DIR [--stack NAME] [--config k=v] [--secret k=v] [--env K=V] [--json]",
        );
    }
    const result = await runStack(command, {
        programDir: values.program,
        stackName: values.stack!,
        stateDir: values.state,
        config: pairsOf(values.config),
        secrets: pairsOf(values.secret),
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

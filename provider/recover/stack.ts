/**
 * The stack as `recover` sees it, through the user's own `pulumi` command (so any backend, login
 * and secrets provider works): the deployment (`pulumi stack export`), the stack config with
 * secrets decrypted (`pulumi config --show-secrets --json`, read from a pipe, never put on a
 * command line) and writing the repaired deployment back (`pulumi stack import`).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** One resource of a deployment, as `pulumi stack export` writes it (the fields recover uses). */
export interface StateResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    [field: string]: unknown;
}

/** An operation the engine started and never saw finish. */
export interface PendingOperation {
    resource: StateResource;
    type: string;
    [field: string]: unknown;
}

/** The exported stack (`version` 3). */
export interface ExportedStack {
    version: number;
    deployment: {
        resources?: StateResource[];
        pending_operations?: PendingOperation[];
        [field: string]: unknown;
    };
}

/** Where and how the `pulumi` command runs. */
export interface PulumiCli {
    stack: string;
    /** The project folder (Pulumi.yaml); default: the current directory. */
    cwd?: string;
    env: NodeJS.ProcessEnv;
}

function pulumi(cli: PulumiCli, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(
            "pulumi",
            [...args, "--stack", cli.stack, "--non-interactive"],
            { cwd: cli.cwd, env: cli.env, maxBuffer: 1 << 30 },
            (err, stdout, stderr) => {
                if (err) {
                    const why = String(stderr).trim() || err.message;
                    reject(new Error(`\`pulumi ${args.slice(0, 2).join(" ")} --stack ${cli.stack}\` failed: ${why}`));
                } else resolve(String(stdout));
            },
        );
    });
}

/** The stack's deployment. */
export async function exportStack(cli: PulumiCli): Promise<ExportedStack> {
    return JSON.parse(await pulumi(cli, ["stack", "export"])) as ExportedStack;
}

/** Replaces the stack's deployment (through a private temporary file). */
export async function importStack(cli: PulumiCli, stack: ExportedStack): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-recover-"));
    const file = path.join(dir, "stack.json");
    try {
        fs.writeFileSync(file, JSON.stringify(stack), { mode: 0o600 });
        await pulumi(cli, ["stack", "import", "--file", file]);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The stack's `intune:*` config, secrets decrypted. */
export async function stackConfig(cli: PulumiCli): Promise<Record<string, string>> {
    const all = JSON.parse(await pulumi(cli, ["config", "--show-secrets", "--json"])) as Record<
        string,
        { value?: unknown }
    >;
    const config: Record<string, string> = {};
    for (const [key, entry] of Object.entries(all)) {
        if (key.startsWith("intune:") && entry.value !== undefined) config[key] = String(entry.value);
    }
    return config;
}

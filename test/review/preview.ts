/**
 * Stacks of the test program (test/e2e/program) for the review tests, each command run through
 * the real engine by ./driver.ts in a process of its own.
 */
import * as fs from "fs";
import * as path from "path";
import { spawn } from "child_process";
import type { StackOptions } from "../../scripts/stack";
import type { Emulator } from "../../emulator";
import type { Declared } from "../support/declared";
import { declaredStack } from "../support/engine";
import type { TestTenant } from "../support/tenants";

const { engineEnv, ensurePulumi } = require("../../scripts/pulumi/engine-env");

export const ROOT = path.join(__dirname, "..", "..");
export const PACK = path.join(ROOT, "policy-pack");

export type { Declared };

/** A tenant's stack of the test program (test/e2e/program), in its own state folder. */
export class TestStack {
    constructor(
        private readonly emulator: Emulator,
        private readonly tenant: TestTenant,
        readonly name: string,
        private readonly work: string,
    ) {}

    private options(policies: Declared[], policyPacks: string[] = [], policyPackConfigs: string[] = []): StackOptions {
        const stateDir = path.join(this.work, `${this.name}-state`);
        const enginePath: string = engineEnv({
            engineDir: ensurePulumi(),
            pulumiHome: path.join(stateDir, "home"),
        }).PATH;
        const stack = declaredStack(this.emulator, this.work, this.name, this.tenant, policies, {
            stateDir,
            env: { PATH: [path.join(PACK, "bin"), enginePath].join(path.delimiter) },
        });
        return { ...stack, passphrase: "review-test", policyPacks, policyPackConfigs };
    }

    /** `pulumi up` of the declared policies. */
    async up(policies: Declared[]): Promise<void> {
        const outcome = await drive({ command: "up", options: this.options(policies) });
        if (!outcome.ok) throw new Error(`pulumi up failed:\n${outcome.output}`);
    }

    /**
     * `pulumi preview [--refresh] [--policy-pack ... --policy-pack-config <policyPack>] --event-log FILE [--json]`: returns the
     * event log's text, the `--json` document when asked for, and whether the preview passed.
     */
    async preview(
        policies: Declared[],
        options: { refresh?: boolean; policyPack?: string; digest?: boolean } = {},
    ): Promise<PreviewOutcome> {
        const packs = options.policyPack ? [PACK] : [];
        const configs = options.policyPack ? [options.policyPack] : [];
        return drive({ command: "preview", options: this.options(policies, packs, configs), ...options });
    }
}

/** What one preview produced. */
export interface PreviewOutcome {
    ok: boolean;
    /** The engine's event log, one JSON event per line. */
    eventLog: string;
    /** The `pulumi preview --json` document, when asked for. */
    digest?: string;
    /** What the CLI printed (and the error, when it failed). */
    output: string;
}

/** A job for ./driver.ts. */
export interface DriverJob {
    command: "up" | "preview";
    options: StackOptions;
    refresh?: boolean;
    digest?: boolean;
}

/**
 * Runs ./driver.ts in a fresh process, as a user's `pulumi` command runs: the inline program is
 * loaded anew (Jest's module registry would keep the first load of the program).
 */
function drive(job: DriverJob): Promise<PreviewOutcome> {
    fs.mkdirSync(job.options.stateDir, { recursive: true });
    const file = path.join(job.options.stateDir, `job-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(job));
    const bin = path.join(ROOT, "node_modules", ".bin");
    return new Promise((resolve, reject) => {
        const child = spawn(
            path.join(bin, "node"),
            ["-r", "ts-node/register/transpile-only", path.join(__dirname, "driver.ts"), file],
            {
                cwd: ROOT,
                env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...job.options.env },
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.stdout.resume();
        child.on("error", reject);
        child.on("close", (code) => {
            try {
                resolve(JSON.parse(fs.readFileSync(`${file}.out`, "utf8")));
            } catch {
                reject(new Error(`review driver failed (exit ${code}):\n${stderr}`));
            }
        });
    });
}

/** Volatile ids (policy ids, group ids, other GUIDs) replaced by stable names, for fixtures. */
export function normalizeIds(markdown: string, known: Record<string, string>): string {
    let text = markdown;
    for (const [id, name] of Object.entries(known)) text = text.split(id).join(`<${name}>`);
    const seen = new Map<string, string>();
    return text.replace(/T_[0-9a-f-]{36}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
        if (!seen.has(id)) seen.set(id, `<${id.startsWith("T_") ? "policy" : "id"}-${seen.size + 1}>`);
        return seen.get(id)!;
    });
}

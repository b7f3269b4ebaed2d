/**
 * Runs one `up` or `preview` of a review test (a job file written by ./preview.ts) through the
 * real engine, in a process of its own. The Automation API drives the real CLI, which writes its
 * event log (`--event-log`, what `pulumi preview --event-log FILE` writes); the events are saved
 * one JSON object per line, as in that file. `digest` also passes `--json` to the CLI, whose
 * stdout is then the `pulumi preview --json` document. The outcome goes to `<job file>.out`.
 *
 *   node -r ts-node/register/transpile-only test/review/driver.ts <job.json>
 */
import * as fs from "fs";
import type { Stack } from "@pulumi/pulumi/automation";
import { openStack, runStack } from "../../scripts/stack";
import type { DriverJob, PreviewOutcome } from "./preview";

/**
 * Passes one more flag to the CLI commands this stack runs. The Automation API has no option for
 * `--json`; its commands go through the stack's one method that runs the CLI.
 */
function addArgument(stack: Stack, flag: string): void {
    const target = stack as unknown as { runPulumiCmd: (args: string[], ...rest: unknown[]) => Promise<unknown> };
    const run = target.runPulumiCmd.bind(stack);
    target.runPulumiCmd = (args, ...rest) => run([...args, flag], ...rest);
}

async function run(job: DriverJob): Promise<PreviewOutcome> {
    let output = "";
    if (job.command === "up") {
        try {
            await runStack("up", { ...job.options, onOutput: (text) => (output += text) });
            return { ok: true, eventLog: "", output };
        } catch (err) {
            return { ok: false, eventLog: "", output: `${output}\n${(err as Error).message}` };
        }
    }
    const stack = await openStack(job.options);
    if (job.digest) addArgument(stack, "--json");
    const lines: string[] = [];
    let ok = true;
    try {
        await stack.preview({
            refresh: job.refresh,
            policyPacks: job.options.policyPacks,
            policyPackConfigs: job.options.policyPackConfigs,
            onEvent: (event) => lines.push(JSON.stringify(event)),
            onOutput: (text) => (output += text),
        });
    } catch (err) {
        ok = false;
        output += `\n${(err as Error).message}`;
    }
    const eventLog = lines.join("\n") + "\n";
    if (!job.digest) return { ok, eventLog, output };
    const digest = output.slice(output.indexOf("{"), output.lastIndexOf("}") + 1);
    return { ok, eventLog, output, digest };
}

const jobFile = process.argv[2];
run(JSON.parse(fs.readFileSync(jobFile, "utf8")))
    .then((outcome) => fs.writeFileSync(`${jobFile}.out`, JSON.stringify(outcome)))
    .catch((err) => {
        process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
        process.exit(1);
    });

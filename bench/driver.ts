/**
 * One engine command for the benchmark, in its own process (as `pulumi up` would run): like
 * scripts/stack.ts, plus the engine's parallelism (`--parallel`) and without `--diff` output.
 * Once the stack is selected and configured it prints `ready` and waits for a line on stdin before
 * running the command. Then prints one JSON line: { command, changes, code, ms, commandStartedAt?, commandEndedAt?, error? }:
 * `ms` is the whole process (stack selection and config included), `command…At` the epoch
 * milliseconds around the engine command itself (what `pulumi up` takes on a configured stack:
 * from its start to the CLI's last output).
 *
 *   node -r ts-node/register/transpile-only bench/driver.ts up --program bench/program --stack s \
 *        --state DIR --parallel 32 --config intune:tenantId=… --secret-env intune:clientSecret=VAR --env K=V
 */
import { parseArgs } from "util";
import { openStack, pairsOf, secretsOf, type StackCommand } from "../scripts/stack";

async function main(argv: string[]): Promise<void> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            program: { type: "string" },
            stack: { type: "string" },
            state: { type: "string" },
            parallel: { type: "string" },
            config: { type: "string", multiple: true },
            "secret-env": { type: "string", multiple: true },
            env: { type: "string", multiple: true },
        },
    });
    const command = positionals[0] as StackCommand;
    const parallel = values.parallel ? Number(values.parallel) : undefined;
    const started = Date.now();
    const tail: string[] = [];
    // The CLI's last output (its summary) marks the end of the command: the Automation API then
    // runs `pulumi stack output` and `pulumi stack history` for its result, which `pulumi up` does not.
    let lastOutputAt = 0;
    const onOutput = (text: string) => {
        lastOutputAt = Date.now();
        tail.push(text);
        if (tail.length > 200) tail.splice(0, tail.length - 200);
    };
    try {
        const stack = await openStack({
            programDir: values.program!,
            stackName: values.stack!,
            stateDir: values.state!,
            config: pairsOf(values.config),
            secrets: secretsOf({ secretEnv: values["secret-env"] }),
            env: pairsOf(values.env),
            passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
        });
        // Concurrent stacks start their commands together: say "ready", wait for "go" on stdin.
        process.stdout.write("ready\n");
        await new Promise((resolve) => process.stdin.once("data", resolve).once("end", resolve));
        process.stdin.destroy();
        let changes: Record<string, number> = {};
        const commandStartedAt = Date.now();
        switch (command) {
            case "up":
                changes = { ...(await stack.up({ onOutput, parallel })).summary.resourceChanges };
                break;
            case "preview":
                changes = { ...(await stack.preview({ onOutput, parallel })).changeSummary };
                break;
            case "refresh":
                changes = {
                    ...(await stack.refresh({ onOutput, parallel, runProgram: true })).summary.resourceChanges,
                };
                break;
            case "destroy":
                changes = {
                    ...(await stack.destroy({ onOutput, parallel, runProgram: true })).summary.resourceChanges,
                };
                break;
            default:
                throw new Error(`unknown command ${command}`);
        }
        const commandEndedAt = lastOutputAt || Date.now();
        process.stdout.write(
            JSON.stringify({
                command,
                changes,
                code: 0,
                ms: commandEndedAt - started,
                commandStartedAt,
                commandEndedAt,
            }) + "\n",
        );
    } catch (err) {
        const error = `${err instanceof Error ? err.message : err}\n${tail.join("").slice(-4000)}`;
        process.stdout.write(JSON.stringify({ command, changes: {}, code: 1, ms: Date.now() - started, error }) + "\n");
    }
}

main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
});

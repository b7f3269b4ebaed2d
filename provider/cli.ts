/**
 * The `pulumi-intune-app-protection` command line (bin/pulumi-intune-app-protection): routes each
 * command to its module, which is loaded only when that command runs.
 */
import * as fs from "fs";
import * as path from "path";
import { COMMAND, exportMain, type CliIo } from "./export/cli";

const USAGE = `Usage: ${COMMAND} <command> [options]

Commands:
  export    Write a tenant's Intune app protection policies as a Pulumi TypeScript program
  recover   Repair a stack after an interrupted \`pulumi up\` (see ${COMMAND} recover --help)
  review    Markdown review of a preview in the admin center's words (see ${COMMAND} review --help)
  assess    Judge a tenant against the Zero Trust rules (see ${COMMAND} assess --help)

Options:
  -h, --help     Show help (also: ${COMMAND} export --help)
  --version      Show the package version
`;

/** The commands and the module that runs each (argv after the command's name). */
const COMMANDS: Record<string, () => Promise<(argv: string[], io: CliIo) => Promise<number>>> = {
    export: async () => exportMain,
    recover: async () => (await import("./recover")).main,
    review: async () => (await import("./review/cli")).main,
    assess: async () => (await import("./assess")).main,
};

function packageVersion(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === COMMAND) return pkg.version ?? "unknown";
        }
        if (path.dirname(dir) === dir) return "unknown";
    }
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
        (command === undefined ? io.stderr : io.stdout).write(USAGE);
        return command === undefined ? 1 : 0;
    }
    if (command === "--version" || command === "-v") {
        io.stdout.write(`${packageVersion()}\n`);
        return 0;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
        io.stderr.write(
            `${COMMAND}: error: unknown command "${command}" (the commands are: ${Object.keys(COMMANDS).join(", ")}) (see ${COMMAND} --help)\n`,
        );
        return 1;
    }
    return (await load())(rest, io);
}

/** Entry point of bin/pulumi-intune-app-protection. */
export function run(): void {
    main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
        process.exitCode = code;
    });
}

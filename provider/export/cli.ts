/**
 * The `export` command of `pulumi-intune-app-protection` (routed by `provider/cli.ts`): writes a
 * tenant's app protection and app configuration policies as a Pulumi TypeScript program.
 *
 * Connection options map onto the provider's own settings (`intune:*` keys, with the standard
 * `AZURE_*` environment variables as fallback), so credentials work exactly as in a stack.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { configKey, readConnectionConfig, type ConnectionConfig, type ConfigField } from "../config";
import { type ConnectionFlag, connectionFlags, connectionFlagsHelp, envOnlyFields } from "../config/flags";
import { permissionsText } from "../graph/permissions";
import { redactSecrets } from "../graph/redaction";
import { openSession, setGraphLogger } from "../graph/session";
import { policyTypes } from "../settings/platforms";
import type { PolicyTypeName } from "../settings/policy-type";
import { exportTenant } from "./index";
import { PLATFORM_ORDER, type LivePolicy } from "./model";
import type { ReadProgress } from "./read";

/** The command's name, as installed in `node_modules/.bin`. */
export const COMMAND = "pulumi-intune-app-protection";

/** Where the command writes; `process` streams in real use, buffers in tests. */
export interface CliIo {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown; isTTY?: boolean };
    env: NodeJS.ProcessEnv;
}

/** Command-line flags that set a connection config key, and the key (from the config table). */
const CONNECTION_FLAGS = connectionFlags();

/** Connection keys without a flag that can still come from the environment, for messages. */
const ENV_ONLY = envOnlyFields();

const EXPORT_OPTIONS = {
    ...(Object.fromEntries(Object.keys(CONNECTION_FLAGS).map((flag) => [flag, { type: "string" }])) as Record<
        ConnectionFlag,
        { type: "string" }
    >),
    out: { type: "string", short: "o" },
    platform: { type: "string" },
    "group-names": { type: "boolean" },
    "no-retain-on-delete": { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

const EXPORT_USAGE = `Usage: ${COMMAND} export [options]

Reads every app protection policy (iOS/iPadOS, Android, Windows) and every app configuration
policy for managed apps of an Intune tenant through Microsoft Graph (beta) and writes a Pulumi
TypeScript program with one resource per policy. Each resource adopts its policy by id
(adoptPolicyId) and declares its current settings, apps and assignments, so the first
\`pulumi up\` takes the policies over without changing them. Settings at Intune's defaults are
left out; group names are added as comments. Values the provider cannot accept as Intune holds
them are written commented out, with the reason. An app configuration policy for Windows apps or
with Settings catalog settings is not exported (no resource manages it); a warning says so.

Every resource gets the option retainOnDelete: true, so \`pulumi destroy\` (or deleting a resource
from the program) leaves the policies in Intune that existed before the program.

Connection (the provider's intune:* settings; each falls back to the AZURE_* variable shown):
${connectionFlagsHelp()}

Output:
  -o, --out <file>           Write the program to <file> (default: standard output)
  --platform <name>          ios | android | windows | appConfiguration | all (default: all)
  --group-names              Assign groups by display name ({ groupName: "Sales" }) instead of by
                             object id, so the program can serve other tenants (one stack per
                             tenant): names are resolved in the stack's tenant on every create and
                             update. A group whose name is not unique in this tenant stays an id,
                             with the reason beside it. Assignment filter ids stay as they are.
  --no-retain-on-delete      Leave retainOnDelete out: \`pulumi destroy\` then deletes the policies
  -h, --help                 Show this help

Microsoft Graph application permissions (with admin consent) the export needs; groups only for
group names and --group-names:
${permissionsText()}
Nothing is written to the tenant. Progress is shown on standard error when it is a terminal.

Examples:
  export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app> AZURE_CLIENT_SECRET=<secret>
  ${COMMAND} export --out index.ts
  ${COMMAND} export --out index.ts --group-names
  ${COMMAND} export --tenant-id contoso.onmicrosoft.com --credential azureCli --platform ios
`;

/** A usage mistake: reported with a pointer to `--help`. */
class UsageError extends Error {}

/** Rewrites messages written for stack config (`intune:clientSecret`) in terms of this command's flags. */
export function cliMessage(message: string): string {
    const flagOf = new Map<string, string>(
        Object.entries(CONNECTION_FLAGS).map(([flag, field]) => [field, `--${flag}`]),
    );
    return message
        .replace(/\s*\(`pulumi config set [^`]*`\)/g, "")
        .replace(/`pulumi config set (intune:\w+)[^`]*`/g, "$1")
        .replace(/\bintune:(\w+)/g, (whole, field: ConfigField) => flagOf.get(field) ?? ENV_ONLY[field] ?? whole)
        .replace(/\s+/g, " ")
        .trim();
}

/** Shows progress on one rewritten line of a terminal; silent elsewhere. */
class Progress {
    private shown = false;
    constructor(
        private readonly stderr: CliIo["stderr"],
        readonly enabled: boolean,
    ) {}

    update(text: string): void {
        if (!this.enabled) return;
        this.stderr.write(`\r\x1b[2K${text}`);
        this.shown = true;
    }

    /** A line that stays (warnings, notes), written above the progress line. */
    line(text: string): void {
        this.clear();
        this.stderr.write(`${text}\n`);
    }

    clear(): void {
        if (!this.shown) return;
        this.stderr.write("\r\x1b[2K");
        this.shown = false;
    }
}

function describeProgress(progress: ReadProgress): string {
    if (progress.phase === "groups") return `resolving group names ${progress.resolved}/${progress.total}`;
    if (progress.phase === "names") return `checking group names are unique ${progress.checked}/${progress.total}`;
    const { title, noun } = policyTypes[progress.platform];
    return `reading ${title} ${noun.many}: ${progress.total === undefined ? progress.read : `${progress.read}/${progress.total}`} read`;
}

/** Connection settings from the flags, through the provider's own reader (flags win over AZURE_*). */
export function connectionSettings(
    flags: Partial<Record<ConnectionFlag, string>>,
    env: NodeJS.ProcessEnv,
): ConnectionConfig {
    const config = new Map<string, string>();
    for (const [flag, field] of Object.entries(CONNECTION_FLAGS) as [ConnectionFlag, ConfigField][]) {
        if (flags[flag] !== undefined) config.set(configKey(field), flags[flag]!);
    }
    const settings = readConnectionConfig({ get: (key) => config.get(key) }, env);
    // Later messages name the flag the user gave rather than a stack config key.
    for (const [flag, field] of Object.entries(CONNECTION_FLAGS) as [ConnectionFlag, ConfigField][]) {
        if (settings.sources?.[field] === configKey(field)) settings.sources[field] = `--${flag}`;
    }
    return settings;
}

function platformList(value: string | undefined): PolicyTypeName[] {
    const choice = (value ?? "all").toLowerCase();
    if (choice === "all") return [...PLATFORM_ORDER];
    const chosen = PLATFORM_ORDER.find((name) => name.toLowerCase() === choice);
    if (chosen) return [chosen];
    throw new UsageError(`--platform is "${value}"; use ${PLATFORM_ORDER.join(", ")} or all`);
}

/** Fails early when the output file cannot be written where asked. */
function checkOutPath(out: string): string {
    const file = path.resolve(out);
    const dir = path.dirname(file);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new UsageError(`--out ${out}: the directory ${dir} does not exist`);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory())
        throw new UsageError(`--out ${out} is a directory; give a file name such as ${path.join(out, "index.ts")}`);
    return file;
}

/** Writes through a temporary file, so a failed run never leaves half a program behind. */
function writeAtomically(file: string, text: string): void {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temp, text);
        fs.renameSync(temp, file);
    } finally {
        fs.rmSync(temp, { force: true });
    }
}

function summary(policies: readonly LivePolicy[], skipped: number): string {
    const counts = PLATFORM_ORDER.map((p) => [policyTypes[p], policies.filter((x) => x.platform === p).length] as const)
        .filter(([, n]) => n > 0)
        .map(([type, n]) => `${n} ${type.title} ${n === 1 ? type.noun.one : type.noun.many}`);
    const left = skipped ? `; ${skipped} left out (see the warnings)` : "";
    return `${policies.length} ${policies.length === 1 ? "policy" : "policies"}${counts.length ? ` (${counts.join(", ")})` : ""}${left}`;
}

async function exportCommand(argv: string[], io: CliIo, progress: Progress): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        options: EXPORT_OPTIONS,
        strict: true,
        allowPositionals: true,
    });
    if (values.help) {
        io.stdout.write(EXPORT_USAGE);
        return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const wanted = platformList(values.platform);
    const out = values.out === undefined || values.out === "-" ? undefined : checkOutPath(values.out);
    if (values["client-secret"] !== undefined) {
        progress.line(
            `${COMMAND}: warning: a secret given with --client-secret lands in your shell history and is visible to other users in the process list; set the AZURE_CLIENT_SECRET environment variable instead`,
        );
    }
    const settings = connectionSettings(values, io.env);
    let read: readonly LivePolicy[] = [];
    let skipped = 0;
    try {
        if (progress.enabled) setGraphLogger((line) => progress.line(`${COMMAND}: ${line}`));
        const program = await exportTenant(openSession(settings), {
            platforms: wanted,
            onProgress: (p) => progress.update(describeProgress(p)),
            onWarning: (message) => progress.line(`${COMMAND}: warning: ${message}`),
            onRead: (policies, left) => {
                read = policies;
                skipped = left.length;
            },
            groupNames: values["group-names"] === true,
            retainOnDelete: values["no-retain-on-delete"] !== true,
        });
        progress.clear();
        if (out) writeAtomically(out, program);
        else io.stdout.write(program);
        if (progress.enabled)
            progress.line(
                `exported ${summary(read, skipped)}${out ? ` to ${path.relative(process.cwd(), out) || out}` : ""}`,
            );
        return 0;
    } catch (err) {
        throw Object.assign(err instanceof Error ? err : new Error(String(err)), { settings });
    } finally {
        setGraphLogger(undefined);
    }
}

/** Runs `export` with its arguments (after the word `export`); returns the exit code. Never throws. */
export async function exportMain(argv: string[], io: CliIo): Promise<number> {
    const progress = new Progress(io.stderr, io.stderr.isTTY === true);
    try {
        return await exportCommand(argv, io, progress);
    } catch (err) {
        progress.clear();
        const error = err as Error & { code?: string; settings?: ConnectionConfig };
        const usage =
            err instanceof UsageError || (typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS"));
        const message = cliMessage(redactSecrets(error.message ?? String(err), error.settings));
        io.stderr.write(`${COMMAND} export: error: ${message}${usage ? ` (see ${COMMAND} export --help)` : ""}\n`);
        return 1;
    }
}

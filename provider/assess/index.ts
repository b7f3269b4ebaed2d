/**
 * `pulumi-intune-app-protection assess`: reads a tenant (the export's reader, plus Conditional
 * Access and the Mobile Threat Defense connectors) and judges it with the Zero Trust policy pack's
 * rule functions, printing a Markdown table per Zero Trust check id. Nothing is written.
 *
 * Exit codes: 0 every mandatory check passes (advisory warnings allowed unless `--strict`),
 * 2 a check fails, 1 a usage or connection error.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { type ConnectionFlag, connectionFlags, connectionFlagsHelp } from "../config/flags";
import { redactSecrets } from "../graph/redaction";
import { openSession } from "../graph/session";
import { cliMessage, COMMAND, connectionSettings, type CliIo } from "../export/cli";
import { assess, type AssessConfig } from "./checks";
import { renderAssessment } from "./render";
import { readTenantView } from "./tenant";

export { assess, ruleSettings, type AssessConfig, type CheckResult, type CheckRow } from "./checks";
export { renderAssessment } from "./render";
export { conditionalAccessFromGraph, policyFromGraph, readTenantView, type TenantView } from "./tenant";

/** Exit code when a check fails. */
export const EXIT_FAILED = 2;

const OPTIONS = {
    ...(Object.fromEntries(Object.keys(connectionFlags()).map((flag) => [flag, { type: "string" }])) as Record<
        ConnectionFlag,
        { type: "string" }
    >),
    config: { type: "string" },
    out: { type: "string", short: "o" },
    strict: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

export const ASSESS_USAGE = `Usage: ${COMMAND} assess [options]

Judges an Intune tenant with the Zero Trust policy pack's rules (policy-pack/): every assigned
iOS/iPadOS and Android app protection policy against the per-policy rules, and the tenant against
the stack rules: a policy exists and is assigned per platform (24548, 24549), an enabled
Conditional Access policy requires app protection on iOS and Android (24827), Microsoft Defender
for Endpoint enrolls Android devices (24871). Prints a Markdown table per Zero Trust check id:
pass or fail, which policy, which setting, the fix. Nothing is written to the tenant.
Windows app protection and app configuration policies are not judged: the Zero Trust guidance
has no check for them (see policy-pack/README.md).

Connection (the provider's intune:* settings; each falls back to the AZURE_* variable shown):
${connectionFlagsHelp()}

Options:
  --config <file>      The policy pack's config (JSON): levels and options per rule, "all"
  --strict             Advisory warnings fail too
  -o, --out <file>     Write the report to <file> (default: standard output)
  -h, --help           Show this help

Permissions (application, with admin consent): DeviceManagementApps.Read.All,
Policy.Read.All (Conditional Access), DeviceManagementServiceConfig.Read.All (MTD connectors).
A part that cannot be read fails its check, naming the permission.

Exit codes: 0 passed, ${EXIT_FAILED} a check failed, 1 an error.
`;

function readConfig(file: string | undefined): AssessConfig {
    if (file === undefined) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new Error(`--config ${file}: ${(err as Error).message}`, { cause: err });
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new Error(`--config ${file}: expected a JSON object of rule names`);
    return parsed as AssessConfig;
}

/** Runs `assess`; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
    let settings: ReturnType<typeof connectionSettings> | undefined;
    try {
        const { values, positionals } = parseArgs({
            args: argv,
            options: OPTIONS,
            strict: true,
            allowPositionals: true,
        });
        if (values.help) {
            io.stdout.write(ASSESS_USAGE);
            return 0;
        }
        if (positionals.length)
            throw new Error(`unexpected argument "${positionals[0]}" (see ${COMMAND} assess --help)`);
        const config = readConfig(values.config);
        settings = connectionSettings(values, io.env);
        const session = openSession(settings);
        const tenant = await readTenantView(session);
        const checks = assess(tenant.stack, tenant.unread, config);
        const report = renderAssessment(checks, session.tenantId);
        if (values.out) fs.writeFileSync(values.out, report);
        else io.stdout.write(report);
        const failing = checks.filter((c) => !c.passed && (values.strict || c.level === "mandatory"));
        return failing.length ? EXIT_FAILED : 0;
    } catch (err) {
        const message = cliMessage(redactSecrets((err as Error).message ?? String(err), settings));
        io.stderr.write(`${COMMAND} assess: error: ${message}\n`);
        return 1;
    }
}

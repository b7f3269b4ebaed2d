#!/usr/bin/env node
/**
 * Command line for the emulator (compiled to `dist/emulator/cli.js`; runs under plain node).
 *
 * ```
 * node dist/emulator/cli.js [--port N] [--data-file state.json] [--tenants tenants.json]
 *      [--ca-out ca.pem] [--ca-dir dir] [--no-throttle] [--latency-ms N] [--no-retry-after] [--page-size N]
 *      [--fidelity '{"patchStatus":200,"flagsSeparator":", "}']
 * ```
 * Prints one JSON line `{"url":…,"caCertPath":…}` on stdout when ready; stops on SIGTERM/SIGINT.
 * `--tenants` holds a `TenantSpec[]` (or `{ "tenants": [...] }`); a client may give
 * `certificatePath` (relative to the file) instead of `certificatePem`. A wrong flag or value
 * prints the error and the usage on stderr and exits with 2; `--help` prints the usage and exits with 0.
 */
import { Command, InvalidArgumentError } from "commander";
import * as fs from "fs";
import * as path from "path";
import { parseFidelity } from "./fidelity";
import { EmulatorOptions, startEmulator, TenantSpec } from "./index";

/** Exit status of a command-line mistake. */
const USAGE_ERROR = 2;

/** A flag's value parser whose errors commander reports as that flag's invalid argument. */
function flagValue<T>(parse: (value: string) => T): (value: string) => T {
    return (value) => {
        try {
            return parse(value);
        } catch (e) {
            throw new InvalidArgumentError((e as Error).message);
        }
    };
}

const count = flagValue((value) => {
    if (!/^\d+$/.test(value)) throw new Error("needs a non-negative integer");
    return Number(value);
});

function readTenants(file: string): TenantSpec[] {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as TenantSpec[] | { tenants: TenantSpec[] };
    const tenants = Array.isArray(doc) ? doc : doc.tenants;
    if (!Array.isArray(tenants)) throw new Error('expected an array of tenants or { "tenants": [...] }');
    for (const t of tenants) {
        for (const c of t.clients ?? []) {
            const withPath = c as typeof c & { certificatePath?: string };
            if (withPath.certificatePath && !c.certificatePem) {
                c.certificatePem = fs.readFileSync(path.resolve(path.dirname(file), withPath.certificatePath), "utf8");
            }
        }
    }
    return tenants;
}

/** The flags, each parsed into its {@link EmulatorOptions} value. */
function command(): Command {
    return new Command("cli.js")
        .description("Microsoft Graph + Entra ID token emulator over HTTPS for tests.")
        .option("--port <N>", "port on 127.0.0.1 (default: a free one)", count)
        .option("--data-file <FILE>", "persist tenant state (and tokens) to FILE after each change; loaded at start")
        .option(
            "--tenants <FILE>",
            'tenants to serve: a TenantSpec[] or { "tenants": [...] } as JSON',
            flagValue(readTenants),
        )
        .option("--ca-out <FILE>", "also write the CA certificate to FILE (then printed as caCertPath)")
        .option("--ca-dir <DIR>", "keep the CA in DIR (ca.pem + ca-key.pem) so restarts reuse it")
        .option("--no-throttle", "never answer 429 Too Many Requests")
        .option("--latency-ms <N>", "delay added to every request", count)
        .option("--no-retry-after", "send 429s without Retry-After, as Intune does")
        .option("--page-size <N>", "page size of list responses (default: 100)", count)
        .option(
            "--fidelity <JSON>",
            "behaviours where Graph's sources disagree (see fidelity.ts)",
            flagValue(parseFidelity),
        )
        .showHelpAfterError()
        .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : USAGE_ERROR));
}

/** What the command line sets: the emulator's options and where to write the CA. */
type CliOptions = EmulatorOptions & { caOut?: string };

/** Parses argv (without node and the script) into options; exits on a usage error (exported for tests). */
export function parseArgs(argv: string[]): CliOptions {
    const parsed = command().parse(argv, { from: "user" });
    const { throttle, retryAfter, ...given } = parsed.opts<CliOptions & { retryAfter?: boolean }>();
    return {
        ...given,
        ...(throttle === false && { throttle: false }),
        ...(retryAfter === false && { retryAfterHeader: false }),
    };
}

async function main(): Promise<void> {
    const { caOut, ...options } = parseArgs(process.argv.slice(2));
    const emulator = await startEmulator(options);
    let caCertPath = emulator.caCertPath;
    if (caOut) {
        fs.mkdirSync(path.dirname(path.resolve(caOut)), { recursive: true });
        fs.writeFileSync(caOut, emulator.caCertPem);
        caCertPath = path.resolve(caOut);
    }
    process.stdout.write(`${JSON.stringify({ url: emulator.url, caCertPath })}\n`);
    let stopping = false;
    const stop = (): void => {
        if (stopping) return;
        stopping = true;
        void emulator.close().then(() => process.exit(0));
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
        process.exit(1);
    });
}

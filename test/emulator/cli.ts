#!/usr/bin/env node
/**
 * Command line for the emulator (compiled to `dist/test/emulator/cli.js`; runs under plain node).
 *
 * ```
 * node dist/test/emulator/cli.js [--port N] [--data-file state.json] [--tenants tenants.json]
 *      [--ca-out ca.pem] [--ca-dir dir] [--no-throttle] [--latency-ms N] [--no-retry-after] [--page-size N]
 *      [--fidelity '{"patchStatus":200,"flagsSeparator":", "}']
 * ```
 * Prints one JSON line `{"url":…,"caCertPath":…}` on stdout when ready; stops on SIGTERM/SIGINT.
 * `--tenants` holds a `TenantSpec[]` (or `{ "tenants": [...] }`); a client may give
 * `certificatePath` (relative to the file) instead of `certificatePem`.
 */
import * as fs from "fs";
import * as path from "path";
import { parseFidelity } from "./fidelity";
import { EmulatorOptions, startEmulator, TenantSpec } from "./index";

function usage(message?: string): never {
    if (message) process.stderr.write(`${message}\n`);
    process.stderr.write(
        "usage: cli.js [--port N] [--data-file FILE] [--tenants FILE] [--ca-out FILE] [--ca-dir DIR] [--no-throttle] [--latency-ms N] [--no-retry-after] [--page-size N] [--fidelity JSON]\n",
    );
    process.exit(2);
}

function readTenants(file: string): TenantSpec[] {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as TenantSpec[] | { tenants: TenantSpec[] };
    const tenants = Array.isArray(doc) ? doc : doc.tenants;
    if (!Array.isArray(tenants)) usage(`${file}: expected an array of tenants or { "tenants": [...] }`);
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

/** Parses argv into options (exported for tests). */
export function parseArgs(argv: string[]): EmulatorOptions & { caOut?: string } {
    const opts: EmulatorOptions & { caOut?: string } = {};
    const num = (v: string | undefined, flag: string): number => {
        if (v === undefined || !/^\d+$/.test(v)) usage(`${flag} needs a non-negative integer`);
        return Number(v);
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.includes("=")
            ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
            : [a, undefined];
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined) usage(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--port":
                opts.port = num(value(), flag);
                break;
            case "--data-file":
                opts.dataFile = value();
                break;
            case "--tenants":
                opts.tenants = readTenants(value());
                break;
            case "--ca-out":
                opts.caOut = value();
                break;
            case "--ca-dir":
                opts.caDir = value();
                break;
            case "--no-throttle":
                opts.throttle = false;
                break;
            case "--latency-ms":
                opts.latencyMs = num(value(), flag);
                break;
            case "--no-retry-after":
                opts.retryAfterHeader = false;
                break;
            case "--page-size":
                opts.pageSize = num(value(), flag);
                break;
            case "--fidelity":
                try {
                    opts.fidelity = parseFidelity(value());
                } catch (e) {
                    usage(`--fidelity: ${(e as Error).message}`);
                }
                break;
            case "--help":
            case "-h":
                usage();
                break;
            default:
                usage(`unknown option ${a}`);
        }
    }
    return opts;
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

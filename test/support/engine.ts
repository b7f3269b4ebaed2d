/**
 * Stacks under the real engine for tests: each command runs the repository's stack driver
 * (scripts/stack.ts) in a process of its own, the way a user's `pulumi` command runs: the real
 * CLI and provider host, the file backend in the stack's state folder.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import {
    spawnStack,
    type StackCommand,
    type StackProcess,
    type StackProcessOptions,
    type StackProcessOutcome,
    type StackResult,
} from "../../scripts/stack";
import type { Declared } from "./declared";
import { engineConnection, type TestTenant } from "./tenants";

export const REPO_ROOT = path.join(__dirname, "..", "..");
/** The JSON-driven program: it declares the policies listed in the file named by `E2E_POLICIES`. */
export const PROGRAM = path.join(REPO_ROOT, "test", "e2e", "program");

/** One stack of a test: its program, name, state folder, config, secrets and environment. */
export type EngineRun = StackProcessOptions;

/** The passphrase of every test stack's secrets. */
const PASSPHRASE = "e2e-passphrase";

/** One engine command; resolves with the driver's JSON result or its error text. */
export function runEngine(command: StackCommand, run: EngineRun): Promise<StackProcessOutcome> {
    return startEngine(command, run).done;
}

/**
 * Starts one engine command. With `detached`, the driver and the Pulumi CLI it starts get a
 * process group of their own, so a test can kill them the way a terminal or CI runner does
 * (`process.kill(-child.pid, "SIGKILL")`); the dynamic provider host has its own group anyway.
 */
export function startEngine(command: StackCommand, run: EngineRun, options: { detached?: boolean } = {}): StackProcess {
    return spawnStack(command, { passphrase: PASSPHRASE, ...run, ...options });
}

/** Like runEngine, but fails the test with the engine's own words when the command fails. */
export async function engine(command: StackCommand, run: EngineRun): Promise<StackResult> {
    const outcome = await runEngine(command, run);
    if (outcome.code !== 0 || !outcome.result)
        throw new Error(`pulumi ${command} failed (exit ${outcome.code}):\n${outcome.output}`);
    return outcome.result;
}

/**
 * Runs a command the way a user runs it in the stack's project folder (the driver's workspace:
 * its Pulumi.yaml names the file backend), with the engine on PATH: `pulumi cancel`, or this
 * package's own command line (`node bin/pulumi-intune-app-protection recover …`).
 */
export function runInProject(
    file: string,
    args: string[],
    run: Pick<EngineRun, "stateDir" | "env">,
): Promise<{ code: number; stdout: string; stderr: string }> {
    const { engineEnv } = require("../../scripts/pulumi/engine-env");
    const env = {
        ...process.env,
        ...engineEnv({ pulumiHome: path.join(run.stateDir, "home") }),
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        ...run.env,
    };
    return new Promise((resolve, reject) => {
        execFile(
            file,
            args,
            { cwd: path.join(run.stateDir, "workspace"), env, maxBuffer: 1 << 28 },
            (err, stdout, stderr) => {
                if (err && typeof err.code !== "number") return reject(err);
                resolve({ code: err ? Number(err.code) : 0, stdout: String(stdout), stderr: String(stderr) });
            },
        );
    });
}

/** A temporary folder removed by the caller. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A resource of the stack's state as the file backend holds it. */
export interface StateResource {
    urn: string;
    type: string;
    id: string;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
    /** The errors of an operation Graph took part of (the engine's init errors). */
    initErrors?: string[];
}

/** The stack's last checkpoint as the file backend holds it: its resources and pending operations. */
export function checkpoint(run: Pick<EngineRun, "stateDir" | "stackName">): {
    resources: StateResource[];
    pending: any[];
} {
    const dir = path.join(run.stateDir, "backend", ".pulumi", "stacks");
    const file = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .find((f) => path.basename(f) === `${run.stackName}.json`);
    if (!file) throw new Error(`no state of stack ${run.stackName} in ${dir}`);
    const latest = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).checkpoint.latest ?? {};
    return { resources: latest.resources ?? [], pending: latest.pending_operations ?? [] };
}

/** The policies the stack's state tracks. */
export const trackedPolicies = (run: Pick<EngineRun, "stateDir" | "stackName">): StateResource[] =>
    checkpoint(run).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/intune:"));

/** A stack whose provider talks to the emulator: endpoints, CA and, for a tenant, its credentials. */
export interface EmulatorStack {
    programDir: string;
    stackName: string;
    stateDir: string;
    /** The tenant whose app registration the provider signs in with (none: endpoints only). */
    tenant?: TestTenant;
    /** Stack config on top of the connection's. */
    config?: Record<string, string>;
    /** Environment on top of the CA's. */
    env?: Record<string, string>;
}

/** The engine run of a stack whose provider talks to the emulator. */
export function emulatorStack(emulator: Emulator, { tenant, config, env, ...stack }: EmulatorStack): EngineRun {
    const connection = tenant
        ? engineConnection(emulator, tenant)
        : { config: { "intune:graphEndpoint": emulator.url, "intune:authorityHost": emulator.url }, secrets: {} };
    return {
        ...stack,
        config: { ...connection.config, ...config },
        secrets: connection.secrets,
        env: { NODE_EXTRA_CA_CERTS: emulator.caCertPath, ...env },
    };
}

/**
 * A stack of the JSON-driven {@link PROGRAM} on the emulator declaring `policies` (written to
 * `dir/<stack>-policies.json`); its state in `dir/state` unless `extra` says otherwise.
 */
export function declaredStack(
    emulator: Emulator,
    dir: string,
    stackName: string,
    tenant: TestTenant | undefined,
    policies: Declared[],
    extra: Partial<EmulatorStack> = {},
): EngineRun {
    const file = path.join(dir, `${stackName}-policies.json`);
    fs.writeFileSync(file, JSON.stringify(policies));
    return emulatorStack(emulator, {
        programDir: PROGRAM,
        stackName,
        stateDir: path.join(dir, "state"),
        tenant,
        ...extra,
        env: { E2E_POLICIES: file, ...extra.env },
    });
}

/**
 * The emulator of an engine suite, started before the suite with its CA in a temporary folder
 * (where the suite's stacks live too), closed and removed after it. Filled once the suite starts.
 */
export interface EngineSuite {
    readonly emulator: Emulator;
    /** The suite's temporary folder. */
    readonly work: string;
    /** A stack on the emulator; its state in `work/state` unless given. */
    stack(options: Omit<EmulatorStack, "stateDir"> & { stateDir?: string }): EngineRun;
    /** A {@link declaredStack} in `work`. */
    declare(
        stackName: string,
        tenant: TestTenant | undefined,
        policies: Declared[],
        extra?: Partial<EmulatorStack>,
    ): EngineRun;
}

/**
 * Registers beforeAll/afterAll hooks that start and stop the suite's emulator. `options` is read
 * when the suite starts (after the module's own setup); a suite's own beforeAll (seeding, a first
 * `up`) registered after this call runs after the emulator started. `prefix` names the temporary
 * folder: in the system's temporary folder, or where it says when it is an absolute path (an
 * exported program must sit inside the repository to resolve this package).
 */
export function useEngineSuite(prefix: string, options: () => EmulatorOptions = () => ({})): EngineSuite {
    const suite = {
        stack: (stack) => emulatorStack(suite.emulator, { stateDir: path.join(suite.work, "state"), ...stack }),
        declare: (stackName, tenant, policies, extra) =>
            declaredStack(suite.emulator, suite.work, stackName, tenant, policies, extra),
    } as EngineSuite & { emulator: Emulator; work: string };
    beforeAll(async () => {
        suite.work = path.isAbsolute(prefix) ? fs.mkdtempSync(prefix) : tempDir(prefix);
        suite.emulator = await startEmulator({ caDir: path.join(suite.work, "ca"), ...options() });
    });
    afterAll(async () => {
        await suite.emulator?.close();
        if (suite.work) fs.rmSync(suite.work, { recursive: true, force: true });
    });
    return suite;
}

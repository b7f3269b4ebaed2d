/**
 * The package as a user gets it: `npm pack` of the built repository, installed into a fresh project
 * outside the repository next to the newest `@pulumi/pulumi` the registry serves, and next to the
 * lowest version the peer range admits. In each, the README's "Use it in your program" example is
 * type-checked (no `skipLibCheck`) and run with `preview` and `up` through the real engine against
 * the Graph emulator, loading the provider from the installed tarball. With the newest SDK the
 * installed Zero Trust policy pack also reviews the program at preview.
 *
 * Needs the npm registry (npm's cache makes repeated runs fast) and the Pulumi CLI of
 * scripts/pulumi/ensure-pulumi.sh.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { stackConfig, tenantSpec, type TestTenant } from "../support/tenants";
import {
    consumerProject,
    installedVersion,
    lowestSupportedSdk,
    mustRun,
    packRepository,
    readmeExample,
    REPO_ROOT,
    run,
    type ConsumerProject,
} from "./project";

const { engineEnv, ensurePulumi } = require("../../scripts/pulumi/engine-env");

jest.setTimeout(900_000);

const PACKAGE = "pulumi-intune-app-protection";
const PACK_BIN = path.join(REPO_ROOT, "policy-pack", "bin");

let work: string;
let emulator: Emulator;
let tenant: TestTenant;
let tarball: string;

/** The SDK versions the package is tried with, and whether the policy pack is tried there too. */
const SDKS: [label: string, sdk: string, withPolicyPack: boolean][] = [
    ["the newest @pulumi/pulumi", "latest", true],
    ["the lowest supported @pulumi/pulumi", lowestSupportedSdk(), false],
];
const stackOf = (sdk: string) => `sdk-${sdk.replace(/\W/g, "-")}`;
const policyNames = (sdk: string) => [`Sales iOS ${stackOf(sdk)}`, `Sales Android ${stackOf(sdk)}`];
/** The projects being installed, by SDK: all installs run at once (they wait mostly on the network). */
const projects = new Map<string, Promise<ConsumerProject>>();

beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "intune-consumer-"));
    tarball = await packRepository(work);
    for (const [, sdk, withPolicyPack] of SDKS) {
        const installing = install(sdk, withPolicyPack);
        installing.catch(() => undefined); // reported by the describe that awaits it
        projects.set(sdk, installing);
    }
    const made = tenantSpec();
    tenant = made.tenant;
    emulator = await startEmulator({ tenants: [made.spec] });
});
afterAll(async () => {
    await emulator?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Graph requests that change something (the token request is a POST of its own). */
const writes = () => emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata" && r.method !== "GET");

interface DriverResult {
    ok: boolean;
    changes?: Record<string, number>;
    output?: string;
    error?: string;
}

/** One engine command of the project's driver (driver.js), in the project, with the project's Node modules. */
async function drive(
    project: ConsumerProject,
    command: "preview" | "up",
    stack: string,
    policyPacks: string[] = [],
): Promise<DriverResult> {
    const stateDir = path.join(project.dir, ".state");
    fs.mkdirSync(stateDir, { recursive: true });
    const { "intune:clientSecret": clientSecret, ...config } = stackConfig(emulator, tenant);
    const engineDir: string = ensurePulumi();
    const spec = path.join(project.dir, `spec-${command}.json`);
    fs.writeFileSync(
        spec,
        JSON.stringify({
            project: "intune-consumer",
            stack,
            stateDir,
            engineDir,
            config,
            secrets: { "intune:clientSecret": clientSecret },
            policyPacks,
        }),
    );
    const env = engineEnv({ engineDir, pulumiHome: path.join(stateDir, "home") });
    const outcome = await run("node", ["driver.js", command, spec], project.dir, {
        ...env,
        // The analyzer boot script for engines without the Node.js language host (see policy-pack/README.md).
        PATH: [PACK_BIN, env.PATH].join(path.delimiter),
        PULUMI_CONFIG_PASSPHRASE: "consumer-test",
        NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    });
    const last = outcome.stdout.trim().split("\n").pop() ?? "";
    try {
        return JSON.parse(last) as DriverResult;
    } catch {
        throw new Error(`driver printed no result (exit ${outcome.code}):\n${outcome.stderr}\n${outcome.stdout}`);
    }
}

/** A project with the README example (distinct display names per project: the tenant is shared). */
function install(sdk: string, withPolicyPack: boolean): Promise<ConsumerProject> {
    const [ios, android] = policyNames(sdk);
    const program = readmeExample("## Use it in your program")
        .replace('"Sales iOS"', JSON.stringify(ios))
        .replace('"Sales Android"', JSON.stringify(android));
    return consumerProject({
        parent: work,
        name: `intune-consumer-${stackOf(sdk)}`,
        tarball,
        program,
        packages: [
            `@pulumi/pulumi@${sdk}`,
            `typescript@${installedVersion(REPO_ROOT, "typescript")}`,
            "@types/node@22",
            ...(withPolicyPack ? ["@pulumi/policy"] : []),
        ],
    });
}

const policiesNamed = (...names: string[]) =>
    emulator.policies(tenant.tenantId).filter((p) => names.includes(String(p.displayName)));

describe.each(SDKS)("a fresh project with %s", (_label, sdk, withPolicyPack) => {
    let project: ConsumerProject;
    const stack = stackOf(sdk);
    const names = policyNames(sdk);

    beforeAll(async () => {
        project = await projects.get(sdk)!;
    });

    it("installs the tarball with the project's own SDK: no second @pulumi/pulumi copy", () => {
        const installed = path.join(project.dir, "node_modules", PACKAGE);
        expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
        expect(fs.realpathSync(require.resolve(PACKAGE, { paths: [project.dir] }))).toContain(
            fs.realpathSync(project.dir),
        );
        expect(fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi"))).toBe(false);
        const version = installedVersion(project.dir, "@pulumi/pulumi");
        if (sdk === "latest") expect(version).toMatch(/^3\.\d+\.\d+$/);
        else expect(version).toBe(sdk);
    });

    it("type-checks the README example against the installed declarations", async () => {
        const tsc = await run("node", [path.join("node_modules", "typescript", "bin", "tsc"), "-p", "."], project.dir);
        expect(tsc.stdout + tsc.stderr).toBe("");
        expect(tsc.code).toBe(0);
        expect(fs.existsSync(path.join(project.dir, "index.js"))).toBe(true);
    });

    if (withPolicyPack) {
        it("reviews the program with the installed Zero Trust policy pack at preview, writing nothing", async () => {
            const pack = path.join(project.dir, "node_modules", PACKAGE, "dist", "policy-pack");
            const before = writes().length;
            const result = await drive(project, "preview", stack, [pack]);
            const text = (result.error ?? result.output ?? "").replace(/\s+/g, " ");
            expect(text).toContain("intune-zero-trust");
            // The README example leaves Save As and sending org data open: mandatory violations.
            expect(text).toContain(
                "[mandatory] save-org-data-only-to-org-storage (pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy: sales-ios",
            );
            expect(result.ok).toBe(false);
            expect(writes().length).toBe(before);
        });
    }

    it("previews the example through the real engine, writing nothing", async () => {
        const before = writes().length;
        const result = await drive(project, "preview", stack);
        expect(result.error).toBeUndefined();
        expect(result.changes).toMatchObject({ create: expect.any(Number) });
        expect(result.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/intune:IosAppProtectionPolicy\s+sales-ios\s+create/);
        expect(writes().length).toBe(before);
    });

    it("deploys the example: both policies in the tenant, assigned by group name", async () => {
        const result = await drive(project, "up", stack);
        expect(result.error).toBeUndefined();
        expect(result.changes).toMatchObject({ create: 3 });
        const [ios] = policiesNamed(names[0]);
        const [android] = policiesNamed(names[1]);
        expect(ios).toMatchObject({ pinRequired: true, minimumPinLength: 6, dataBackupBlocked: true });
        expect(android).toMatchObject({ encryptAppData: true, screenCaptureBlocked: true });
        expect(policiesNamed(...names)).toHaveLength(2);
        const groupIds = (policy: Record<string, any>) =>
            (policy.assignments ?? []).map((a: any) => a.target?.groupId).sort();
        expect(groupIds(ios)).toEqual([tenant.groups.sales, tenant.groups.contractors].sort());
        expect(groupIds(android)).toEqual([tenant.groups.sales]);
    });
});

it("packs the policy pack with the package: its manifest and compiled rules", async () => {
    const listing = await mustRun("tar", ["-tzf", tarball], work);
    const files = listing.stdout.split("\n");
    for (const file of ["PulumiPolicy.yaml", "package.json", "index.js", "rules.js", "catalog.js"])
        expect(files).toContain(`package/dist/policy-pack/${file}`);
    expect(
        files.filter((f) => f.startsWith("package/dist/policy-pack/") && f.endsWith(".ts") && !f.endsWith(".d.ts")),
    ).toEqual([]);
});

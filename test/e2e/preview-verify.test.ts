/**
 * Preview catches what `up` would hit, through the real engine against the emulator: every way a
 * connection or a group name can be wrong fails `pulumi preview` with a message naming the cause,
 * and nothing is written; `intune:verifyAtPreview: false` previews without credentials and warns.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { engine, runEngine, tempDir, type EngineRun } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";

jest.setTimeout(300_000);

const PROGRAM = path.join(__dirname, "program");

let emulator: Emulator;
let work: string;
const good = tenantSpec();
const duplicateFinance = randomUUID();
const expired = tenantSpec();
const noPermission = tenantSpec();
const unlicensed = tenantSpec({ licensed: false });
expired.spec.clients[0].secretExpired = true;
noPermission.spec.clients[0].roles = ["GroupMember.Read.All"];

beforeAll(async () => {
    work = tempDir("intune-preview-verify-");
    good.spec.groups!.push({ id: duplicateFinance, displayName: "Finance" });
    emulator = await startEmulator({
        tenants: [good.spec, expired.spec, noPermission.spec, unlicensed.spec],
        caDir: path.join(work, "ca"),
    });
});
afterAll(async () => {
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
});
beforeEach(() => emulator.clearLog());

/** One iOS policy assigned to `include`. */
function policies(include: unknown[] = [{ groupName: "Sales" }]) {
    return [
        {
            platform: "ios",
            name: "verify-ios",
            args: { displayName: "Verify iOS", pinRequired: true, assignments: { include } },
        },
    ];
}

let stacks = 0;
/** A fresh stack whose config is `config` (`intune:clientSecret` set as a secret). */
function run(config: Record<string, string>, declared = policies()): EngineRun {
    const stack = `verify-${++stacks}`;
    const file = path.join(work, `${stack}.json`);
    fs.writeFileSync(file, JSON.stringify(declared));
    const { "intune:clientSecret": secret, ...plain } = config;
    return {
        program: PROGRAM,
        stack,
        stateDir: path.join(work, "state"),
        config: { "intune:graphEndpoint": emulator.url, "intune:authorityHost": emulator.url, ...plain },
        secrets: secret === undefined ? {} : { "intune:clientSecret": secret },
        env: {
            E2E_POLICIES: file,
            NODE_EXTRA_CA_CERTS: emulator.caCertPath,
            AZURE_TENANT_ID: "",
            AZURE_CLIENT_ID: "",
            AZURE_CLIENT_SECRET: "",
        },
    };
}

const credentials = (tenant: TestTenant, overrides: Record<string, string> = {}) => ({
    "intune:tenantId": tenant.tenantId,
    "intune:clientId": tenant.clientId,
    "intune:clientSecret": tenant.clientSecret,
    ...overrides,
});

const writes = () => emulator.requests.filter((r) => r.kind !== "token" && r.method !== "GET");
const graphReads = () => emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata");

/** Runs a preview that must fail; returns the engine's output. Nothing may have been written. */
async function failingPreview(config: Record<string, string>, declared = policies()): Promise<string> {
    const outcome = await runEngine("preview", run(config, declared));
    expect(outcome.code).not.toBe(0);
    expect(writes()).toEqual([]);
    return outcome.stderr;
}

describe("preview verifies the connection before anything is written", () => {
    it("passes for a working connection with one read of the policy collection and one group lookup", async () => {
        const result = await engine("preview", run(credentials(good.tenant)));
        expect(result.changes).toMatchObject({ create: 2 });
        expect(writes()).toEqual([]);
        expect(graphReads().map((r) => `${r.method} ${r.kind}`)).toEqual(["GET list", "GET groups"]);
        expect(emulator.count({ kind: "token", tenantId: good.tenant.tenantId })).toBe(1);
    });

    it("fails for a missing tenant id, naming intune:tenantId", async () => {
        const output = await failingPreview({ "intune:clientId": good.tenant.clientId });
        expect(output).toMatch(/No tenant is configured: set intune:tenantId/);
        expect(emulator.requests).toEqual([]);
    });

    it("fails for a wrong client secret, naming the key, the app and the tenant", async () => {
        const output = await failingPreview(credentials(good.tenant, { "intune:clientSecret": "wrong-secret" }));
        expect(output).toMatch(/Preview could not verify the connection to tenant/);
        expect(output).toMatch(
            new RegExp(
                `rejected the client secret for app ${good.tenant.clientId} in tenant ${good.tenant.tenantId}: check intune:clientSecret`,
            ),
        );
        expect(output).toMatch(/AADSTS7000215/);
        expect(output).not.toContain("wrong-secret");
    });

    it("fails for an expired client secret, saying it expired", async () => {
        const output = await failingPreview(credentials(expired.tenant));
        expect(output).toMatch(/client secret for app .* has expired: create a new one/);
        expect(output).toMatch(/AADSTS7000222/);
    });

    it("fails for an unknown tenant, naming it", async () => {
        const unknown = randomUUID();
        const output = await failingPreview(credentials(good.tenant, { "intune:tenantId": unknown }));
        expect(output).toMatch(new RegExp(`Entra ID does not know tenant ${unknown}`));
    });

    it("fails for an app without the permission, naming DeviceManagementApps.ReadWrite.All", async () => {
        const output = await failingPreview(credentials(noPermission.tenant));
        expect(output).toMatch(/is not allowed to read Intune app protection policies/);
        expect(output).toMatch(/application permission DeviceManagementApps\.ReadWrite\.All/);
    });

    it("fails for a tenant without an Intune licence, saying so", async () => {
        const output = await failingPreview(credentials(unlicensed.tenant));
        expect(output).toMatch(new RegExp(`Tenant ${unlicensed.tenant.tenantId} cannot use Intune app protection`));
        expect(output).toMatch(/no active Intune licence/);
    });

    it("fails for a group name with a typo, naming the name and the tenant", async () => {
        const output = await failingPreview(credentials(good.tenant), policies([{ groupName: "Slaes" }]));
        expect(output).toMatch(new RegExp(`no group named "Slaes" in tenant ${good.tenant.tenantId}`));
    });

    it("fails for a group name two groups share, naming both ids", async () => {
        const output = await failingPreview(credentials(good.tenant), policies([{ groupName: "Finance" }]));
        expect(output).toMatch(new RegExp(`2 groups are named "Finance" in tenant ${good.tenant.tenantId}`));
        expect(output).toContain(duplicateFinance);
        expect(output).toContain(good.tenant.groups.finance);
    });

    it("fails for a mistyped config key with the key it probably means, before any request", async () => {
        const output = await failingPreview({
            ...credentials(good.tenant),
            "intune:clientSecert": "x",
        });
        expect(output).toMatch(
            /intune:clientSecert is not a setting of this provider; did you mean intune:clientSecret\?/,
        );
        expect(emulator.requests).toEqual([]);
    });
});

describe("intune:verifyAtPreview false", () => {
    it("previews without any credential, says it did not verify, and sends nothing", async () => {
        const result = await engine(
            "preview",
            run({ "intune:verifyAtPreview": "false" }, policies([{ groupName: "Slaes" }])),
        );
        expect(result.changes).toMatchObject({ create: 2 });
        expect(result.diagnostics).toMatch(
            /warning: intune:verifyAtPreview is false: the connection to the tenant .* were not verified/,
        );
        expect(emulator.requests).toEqual([]);
    });
});

/**
 * Preview catches what `up` would hit, through the real engine against the emulator: every way a
 * connection or a group name can be wrong fails `pulumi preview` with a message naming the cause,
 * and nothing is written; `intune:verifyAtPreview: false` previews without credentials and warns.
 */
import { randomUUID } from "crypto";
import type { Declared } from "../support/declared";
import { engine, runEngine, useEngineSuite, type EngineRun } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";

jest.setTimeout(300_000);

const good = tenantSpec();
const duplicateFinance = randomUUID();
good.spec.groups!.push({ id: duplicateFinance, displayName: "Finance" });
const expired = tenantSpec();
const noPermission = tenantSpec();
const unlicensed = tenantSpec({ licensed: false });
expired.spec.clients[0].secretExpired = true;
noPermission.spec.clients[0].roles = ["GroupMember.Read.All"];
const suite = useEngineSuite("intune-preview-verify-", () => ({
    tenants: [good.spec, expired.spec, noPermission.spec, unlicensed.spec],
}));
beforeEach(() => suite.emulator.clearLog());

/** One iOS policy assigned to `include`. */
function policies(include: unknown[] = [{ groupName: "Sales" }]): Declared[] {
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
    const { "intune:clientSecret": secret, ...plain } = config;
    const stack = suite.declare(`verify-${++stacks}`, undefined, declared, {
        config: plain,
        env: { AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", AZURE_CLIENT_SECRET: "" },
    });
    return { ...stack, secrets: secret === undefined ? {} : { "intune:clientSecret": secret } };
}

const credentials = (tenant: TestTenant, overrides: Record<string, string> = {}) => ({
    "intune:tenantId": tenant.tenantId,
    "intune:clientId": tenant.clientId,
    "intune:clientSecret": tenant.clientSecret,
    ...overrides,
});

const writes = () => suite.emulator.requests.filter((r) => r.kind !== "token" && r.method !== "GET");
const graphReads = () => suite.emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata");

/** Runs a preview that must fail; returns the engine's output. Nothing may have been written. */
async function failingPreview(config: Record<string, string>, declared = policies()): Promise<string> {
    const outcome = await runEngine("preview", run(config, declared));
    expect(outcome.code).not.toBe(0);
    expect(writes()).toEqual([]);
    return outcome.output;
}

describe("preview verifies the connection before anything is written", () => {
    it("passes for a working connection with one read of the policy collection and one group lookup", async () => {
        const result = await engine("preview", run(credentials(good.tenant)));
        expect(result.changes).toMatchObject({ create: 2 });
        expect(writes()).toEqual([]);
        expect(graphReads().map((r) => `${r.method} ${r.kind}`)).toEqual(["GET list", "GET groups"]);
        expect(suite.emulator.count({ kind: "token", tenantId: good.tenant.tenantId })).toBe(1);
    });

    it("fails for a missing tenant id, naming intune:tenantId", async () => {
        const output = await failingPreview({ "intune:clientId": good.tenant.clientId });
        expect(output).toMatch(/No tenant is configured: set intune:tenantId/);
        expect(suite.emulator.requests).toEqual([]);
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
        expect(suite.emulator.requests).toEqual([]);
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
        expect(suite.emulator.requests).toEqual([]);
    });
});

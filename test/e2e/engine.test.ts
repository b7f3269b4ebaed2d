/**
 * The provider under the real Pulumi engine, as users run it: up, preview, refresh and destroy
 * of iOS and Android policies against the Graph emulator, drift both ways, invalid input,
 * two tenants in two stacks, and secrets that never appear in plaintext.
 */
import * as fs from "fs";
import * as path from "path";
import { expectTenantHolds as tenantHolds, graphRequests } from "../support/converged";
import type { Declared } from "../support/declared";
import { engine, runEngine, useEngineSuite } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";

jest.setTimeout(240_000);

const contoso = tenantSpec();
const fabrikam = tenantSpec();
const suite = useEngineSuite("intune-e2e-", () => ({ tenants: [contoso.spec, fabrikam.spec] }));

/** The policies a tenant's program declares. */
function declaredFor(
    tenant: TestTenant,
    overrides: { ios?: Record<string, unknown>; android?: Record<string, unknown> } = {},
): Declared[] {
    const assignments = { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] };
    return [
        {
            platform: "ios",
            name: "sales-ios",
            args: {
                displayName: "Sales iOS",
                apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
                assignments,
                pinRequired: true,
                minimumPinLength: 6,
                periodOnlineBeforeAccessCheck: "PT30M",
                dataBackupBlocked: true,
                ...overrides.ios,
            },
        },
        {
            platform: "android",
            name: "sales-android",
            args: {
                displayName: "Sales Android",
                apps: ["com.microsoft.office.outlook", "com.microsoft.teams"],
                assignments,
                pinRequired: true,
                encryptAppData: true,
                periodOfflineBeforeAccessCheck: "PT720M",
                ...overrides.android,
            },
        },
    ];
}

/** An engine run for a tenant's stack; the program declares `policies`. */
const stackRun = (stack: string, tenant: TestTenant, policies: Declared[]) => suite.declare(stack, tenant, policies);

const graphWrites = (tenant: TestTenant) =>
    suite.emulator.requests.filter(
        (r) => r.tenantId === tenant.tenantId && ["POST", "PATCH", "DELETE"].includes(r.method) && r.kind !== "token",
    );
const graphCalls = (tenant: TestTenant) => graphRequests(suite.emulator, tenant);

/** Asserts the tenant holds exactly the declared policies, setting by setting. */
const expectTenantHolds = (tenant: TestTenant, policies: Declared[]) => tenantHolds(suite.emulator, tenant, policies);

describe("one tenant, through the real engine", () => {
    const declared = declaredFor(contoso.tenant);
    const run = () => stackRun("contoso", contoso.tenant, declared);

    it("up creates the iOS and Android policies with apps and assignments", async () => {
        const result = await engine("up", run());
        expect(result.changes).toMatchObject({ create: 3 }); // the stack and two policies
        expectTenantHolds(contoso.tenant, declared);
        expect(suite.emulator.count({ tenantId: contoso.tenant.tenantId, kind: "create" })).toBe(2);
        expect(graphWrites(contoso.tenant)).toHaveLength(2); // one POST per policy, nothing else
    });

    it("a second preview shows no changes and calls Graph only for the one read that verifies the connection", async () => {
        suite.emulator.clearLog();
        const result = await engine("preview", run());
        expect(result.changes).toEqual({ same: 3 });
        expect(graphCalls(contoso.tenant).map((r) => `${r.method} ${r.kind}`)).toEqual(["GET list"]);
    });

    it("changing one setting previews as one in-place update naming it, and up sends one PATCH", async () => {
        const changed = declaredFor(contoso.tenant, { ios: { minimumPinLength: 8 } });
        const next = stackRun("contoso", contoso.tenant, changed);
        const preview = await engine("preview", next);
        expect(preview.changes).toEqual({ same: 2, update: 1 });
        expect(preview.output).toMatch(/~ minimumPinLength\s*: 6 => 8/);
        expect(preview.output).not.toMatch(/replace/);

        suite.emulator.clearLog();
        const up = await engine("up", next);
        expect(up.changes).toMatchObject({ update: 1, same: 2 });
        const writes = graphWrites(contoso.tenant);
        expect(writes.map((r) => `${r.method} ${r.kind}`)).toEqual(["PATCH update"]);
        expect(writes[0].body).toEqual({
            "@odata.type": "#microsoft.graph.iosManagedAppProtection",
            minimumPinLength: 8,
        });
        expectTenantHolds(contoso.tenant, changed);
        // back to the declared program for the next tests
        await engine("up", run());
    });

    it("refresh reports a change made behind Pulumi's back, and up puts it back", async () => {
        const ios = suite.emulator.policies(contoso.tenant.tenantId).find((p) => p.displayName === "Sales iOS")!;
        suite.emulator.modifyPolicy(contoso.tenant.tenantId, ios.id, { dataBackupBlocked: false });
        const refresh = await engine("refresh", run());
        expect(refresh.changes).toMatchObject({ update: 1 });
        expect(refresh.output).toMatch(/sales-ios updated .*\[diff: ~dataBackupBlocked\]/);

        const preview = await engine("preview", run());
        expect(preview.changes).toMatchObject({ update: 1 });
        suite.emulator.clearLog();
        await engine("up", run());
        expect(graphWrites(contoso.tenant).map((r) => r.body)).toEqual([
            { "@odata.type": "#microsoft.graph.iosManagedAppProtection", dataBackupBlocked: true },
        ]);
        expectTenantHolds(contoso.tenant, declared);
    });

    it("refresh drops a policy deleted behind Pulumi's back, and up creates it again", async () => {
        const android = suite.emulator
            .policies(contoso.tenant.tenantId)
            .find((p) => p.displayName === "Sales Android")!;
        suite.emulator.deletePolicy(contoso.tenant.tenantId, android.id);
        const refresh = await engine("refresh", run());
        expect(refresh.changes).toMatchObject({ delete: 1 });
        const up = await engine("up", run());
        expect(up.changes).toMatchObject({ create: 1 });
        expectTenantHolds(contoso.tenant, declared);
    });

    it("invalid input fails preview with the provider's message and writes nothing", async () => {
        suite.emulator.clearLog();
        const bad = stackRun(
            "contoso",
            contoso.tenant,
            declaredFor(contoso.tenant, { ios: { minimumPinLength: 40, periodOnlineBeforeAccessCheck: "30 minutes" } }),
        );
        const outcome = await runEngine("preview", bad);
        expect(outcome.code).not.toBe(0);
        expect(outcome.output).toMatch(
            /minimumPinLength \(Access requirements > Select minimum PIN length\): 40 must be a whole number from 4 to 16/,
        );
        expect(outcome.output).toMatch(
            /periodOnlineBeforeAccessCheck .*"30 minutes" must be a non-negative ISO-8601 duration/,
        );
        // The valid Android policy's check verifies the connection with one read; nothing is written.
        expect(graphWrites(contoso.tenant)).toEqual([]);
        expect(graphCalls(contoso.tenant).every((r) => r.method === "GET")).toBe(true);
    });
});

describe("two tenants, one program, one stack each", () => {
    it("each stack touches only its own tenant", async () => {
        const before = suite.emulator
            .policies(contoso.tenant.tenantId)
            .map((p) => `${p.id}:${p.version}`)
            .sort();
        suite.emulator.clearLog();
        const declared = declaredFor(fabrikam.tenant, {
            ios: { displayName: "Fabrikam iOS" },
            android: { displayName: "Fabrikam Android" },
        });
        await engine("up", stackRun("fabrikam", fabrikam.tenant, declared));
        expectTenantHolds(fabrikam.tenant, declared);
        expect(graphCalls(contoso.tenant)).toEqual([]);
        expect(
            suite.emulator
                .policies(contoso.tenant.tenantId)
                .map((p) => `${p.id}:${p.version}`)
                .sort(),
        ).toEqual(before);
    });
});

describe("secrets", () => {
    it("the client secret is in no state file, no serialized provider and no CLI output", async () => {
        const result = await engine("preview", stackRun("contoso", contoso.tenant, declaredFor(contoso.tenant)));
        expect(result.output).not.toContain(contoso.tenant.clientSecret);
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else files.push(file);
            }
        };
        walk(path.join(suite.work, "state"));
        const stateFiles = files.filter((f) => f.endsWith(".json") && f.includes(`${path.sep}stacks${path.sep}`));
        expect(stateFiles.length).toBeGreaterThan(0);
        for (const file of files)
            expect([file, fs.readFileSync(file, "utf8").includes(contoso.tenant.clientSecret)]).toEqual([file, false]);
        const state = JSON.parse(
            fs.readFileSync(
                stateFiles.find((f) => f.includes("contoso"))!,
                "utf8",
            ),
        );
        const policies = state.checkpoint.latest.resources.filter((r: any) =>
            r.type.startsWith("pulumi-nodejs:dynamic/intune:"),
        );
        expect(policies.map((r: any) => r.type).sort()).toEqual([
            "pulumi-nodejs:dynamic/intune:AndroidAppProtectionPolicy",
            "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy",
        ]);
        for (const resource of policies) expect(resource.outputs.__provider).not.toMatch(/secret/i);
    });
});

describe("destroy", () => {
    it("removes every policy of each stack", async () => {
        await engine("destroy", stackRun("contoso", contoso.tenant, declaredFor(contoso.tenant)));
        await engine("destroy", stackRun("fabrikam", fabrikam.tenant, declaredFor(fabrikam.tenant)));
        expect(suite.emulator.policies(contoso.tenant.tenantId)).toEqual([]);
        expect(suite.emulator.policies(fabrikam.tenant.tenantId)).toEqual([]);
    });
});

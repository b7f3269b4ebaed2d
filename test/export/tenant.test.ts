/**
 * `pulumi-intune-app-protection export` against an emulated tenant, run as users run it: the
 * built command in a child process, over HTTPS, through the real Graph client. The tenant holds
 * policies of all four types (iOS, Android and Windows app protection, app configuration for
 * managed apps) and one app configuration for Windows apps that no resource can manage. The
 * program it writes must type-check against the package, have one resource per manageable policy
 * (the other one named in a warning), and adopt every policy without sending a single change.
 */
import { spawn } from "child_process";
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, trustEmulatorCa, type Emulator } from "../../emulator";
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { policyChanges } from "../../provider/engine/diff";
import { managedKeys, managedValuesFromGraph } from "../../provider/engine/state";
import { policyTypes } from "../../provider/settings/platforms";
import type { PolicyTypeName } from "../../provider/settings/policy-type";
import { resetGraphSessions } from "../../provider/graph";
import { frameworkPolicies } from "../support/framework";
import { configSource, stackConfig, tenantSpec, type TestTenant } from "../support/tenants";
import { evaluateProgram, graphApps, graphAssignments, ROOT, typeErrors, type DeclaredResource } from "./support";

const BIN = path.join(ROOT, "bin", "pulumi-intune-app-protection");
const IOS = "#microsoft.graph.iosManagedAppProtection";
const ANDROID = "#microsoft.graph.androidManagedAppProtection";
const WINDOWS = "#microsoft.graph.windowsManagedAppProtection";
const APP_CONFIGURATION = "#microsoft.graph.targetedManagedAppConfiguration";

/** App registrations: one that reads policies and groups, one that may not read groups. */
const reader = { clientId: randomUUID(), secret: `reader-${randomUUID()}` };
const noGroups = { clientId: randomUUID(), secret: `nogroups-${randomUUID()}` };
const MISSING_GROUP = randomUUID();
const FILTER = randomUUID();

let emulator: Emulator;
let tenant: TestTenant;
let outDir: string;
let program: string;
let firstRun: CliResult;
let declared: DeclaredResource[];

interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the built command with only the environment given (plus PATH and the emulator's CA). */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
            cwd: outDir,
            env: { PATH: process.env.PATH ?? "", NODE_EXTRA_CA_CERTS: emulator.caCertPath, ...env },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

const connection = (client: { clientId: string }) => [
    "--tenant-id",
    tenant.tenantId,
    "--client-id",
    client.clientId,
    "--graph-endpoint",
    emulator.url,
    "--authority-host",
    emulator.url,
];

/** Fails early, with the fix, when the command would run stale code. */
function requireFreshBuild(): void {
    const built = path.join(ROOT, "dist", "provider", "export", "cli.js");
    const sources = fs
        .readdirSync(path.join(ROOT, "provider", "export"))
        .map((f) => path.join(ROOT, "provider", "export", f));
    const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest) {
        throw new Error(
            "dist/provider/export is missing or older than provider/export: run `npm run build` before these tests",
        );
    }
}

function seed(): void {
    for (const { json } of frameworkPolicies()) emulator.seedPolicy(tenant.tenantId, json);
    const { sales, contractors, finance } = tenant.groups;
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": IOS,
        displayName: "Sales iOS",
        minimumPinLength: 8,
        periodOfflineBeforeAccessCheck: "PT1440M",
        allowedIosDeviceModels: "iPhone15,2;iPad13,1",
        managedUniversalLinks: ["https://contoso.sharepoint.com/*"],
        roleScopeTagIds: ["0", "7"],
        appGroupType: "selectedPublicApps",
        apps: graphApps("ios", ["com.microsoft.office.outlook", "com.microsoft.skype.teams"]),
        assignments: graphAssignments(
            [sales, { groupId: contractors, filterId: FILTER, filterType: "include" }],
            [finance],
        ),
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": ANDROID,
        displayName: "Sales Android",
        keyboardsRestricted: true,
        approvedKeyboards: [{ name: "com.touchtype.swiftkey", value: "SwiftKey" }],
        allowedAndroidDeviceManufacturers: "Samsung;Google",
        dialerRestrictionLevel: "customApp",
        customDialerAppPackageId: "com.contoso.dialer",
        customDialerAppDisplayName: "Contoso Dialer",
        appGroupType: "selectedPublicApps",
        apps: graphApps("android", ["com.microsoft.office.outlook", "com.microsoft.teams"]),
        assignments: graphAssignments([sales], [MISSING_GROUP]),
    });
    // Two policies with the same display name.
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": IOS,
        displayName: "Shared name",
        appGroupType: "allMicrosoftApps",
        printBlocked: true,
        assignments: graphAssignments([finance]),
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": IOS,
        displayName: "Shared name",
        appGroupType: "selectedPublicApps",
        saveAsBlocked: true,
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": WINDOWS,
        displayName: "Edge on personal devices",
        allowedOutboundDataTransferDestinations: "none",
        printBlocked: true,
        minimumRequiredOsVersion: "10.0.22631.3155",
        apps: graphApps("windows", ["com.microsoft.edge"]),
        assignments: graphAssignments([sales]),
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": APP_CONFIGURATION,
        displayName: "Outlook",
        appGroupType: "selectedPublicApps",
        customSettings: [
            { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            { name: "com.contoso.signature", value: "{{userprincipalname}} " },
        ],
        apps: [
            ...graphApps("ios", ["com.microsoft.Office.Outlook"]),
            ...graphApps("android", ["com.microsoft.office.outlook"]),
        ],
        assignments: graphAssignments([sales]),
    });
    // Microsoft Edge for Windows: an app configuration no resource can manage (docs/graph.md 10.4).
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": APP_CONFIGURATION,
        displayName: "Edge for Windows",
        appGroupType: "selectedPublicApps",
        customSettings: [],
        apps: graphApps("windows", ["com.microsoft.edge"]),
    });
}

beforeAll(async () => {
    requireFreshBuild();
    const made = tenantSpec();
    tenant = made.tenant;
    const groupRead = ["DeviceManagementApps.Read.All", "Group.Read.All"];
    emulator = await startEmulator({
        pageSize: 3,
        tenants: [
            {
                ...made.spec,
                clients: [
                    {
                        clientId: tenant.clientId,
                        secret: tenant.clientSecret,
                        roles: ["DeviceManagementApps.ReadWrite.All"],
                    },
                    { ...reader, roles: groupRead },
                    { ...noGroups, roles: ["DeviceManagementApps.Read.All"] },
                ],
            },
        ],
    });
    trustEmulatorCa(emulator.caCertPem);
    runtime.configure(configSource(stackConfig(emulator, tenant)));
    seed();
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-export-cli-"));
    firstRun = await cli(["export", ...connection(reader), "--out", "program.ts"], {
        AZURE_CLIENT_SECRET: reader.secret,
    });
    program = fs.existsSync(path.join(outDir, "program.ts"))
        ? fs.readFileSync(path.join(outDir, "program.ts"), "utf8")
        : "";
    declared = program ? evaluateProgram(program) : [];
});

afterAll(async () => {
    resetGraphSessions();
    await emulator?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/** The manageable policies of the tenant (all but the app configuration for Windows apps). */
const live = () => emulator.policies(tenant.tenantId).filter((p) => p.displayName !== "Edge for Windows");
const platformOf = (policy: any): PolicyTypeName =>
    Object.values(policyTypes).find((type) => type.odataType === policy["@odata.type"])!.name;
const typeOfClass = (resourceType: string): PolicyTypeName =>
    Object.values(policyTypes).find((type) => type.resourceType === resourceType)!.name;

describe("export", () => {
    it("writes the program to --out, quietly when stderr is not a terminal, following paging", () => {
        expect(firstRun.code).toBe(0);
        expect(firstRun.stdout).toBe("");
        // The policy left out, and iOS Level 3's placeholder dialer scheme; no progress.
        const lines = firstRun.stderr.trimEnd().split("\n");
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(
            /^pulumi-intune-app-protection: warning: iOS\/iPadOS and Android app configuration policy "Edge for Windows" \(T_[0-9a-f-]+\) is not exported: it targets apps identified by windowsAppIdentifier, and ManagedAppConfiguration takes iosMobileAppIdentifier and androidMobileAppIdentifier apps only/,
        );
        expect(lines[1]).toMatch(
            /^pulumi-intune-app-protection: warning: iOS\/iPadOS app protection policy "iOS\/iPadOS Enterprise High Data Protection v1\.5" \(T_[0-9a-f-]+\): customDialerAppProtocol, dialerRestrictionLevel commented out/,
        );
        expect(program).toContain('// - iOS/iPadOS and Android app configuration policy "Edge for Windows"');
        const lists = emulator.requests.filter((r) => r.kind === "list");
        expect(lists.length).toBeGreaterThanOrEqual(6); // two pages per app protection platform at 3 per page, one per other type
        // App configurations are read with their Settings catalog items, to see which hold any.
        const configLists = lists.filter((r) => r.path.endsWith("/targetedManagedAppConfigurations"));
        expect(configLists.map((r) => r.query.$expand)).toEqual(["apps,assignments,settings"]);
        expect(emulator.requests.filter((r) => r.kind === "groups")).toHaveLength(4); // sales, contractors, finance, missing: once each
    });

    it("type-checks against the package", () => {
        expect(typeErrors(program)).toEqual([]);
    }, 30000);

    it("has one resource per manageable policy, of the right class, adopting it by id", () => {
        const policies = live();
        expect(policies).toHaveLength(12);
        expect(program).not.toContain('Edge for Windows",');
        expect(declared).toHaveLength(policies.length);
        for (const policy of policies) {
            const matching = declared.filter((r) => r.args.adoptPolicyId === policy.id);
            expect(matching).toHaveLength(1);
            expect(matching[0].type).toBe(policyTypes[platformOf(policy)].resourceType);
            expect(matching[0].args.displayName).toBe(policy.displayName);
        }
        const names = declared.map((r) => r.name);
        expect(new Set(names).size).toBe(names.length);
        expect(names.filter((n) => n.startsWith("shared-name-"))).toHaveLength(2);
        expect(names).toEqual(
            expect.arrayContaining([
                "sales-ios",
                "sales-android",
                "ios-ipados-enterprise-high-data-protection-v1-5",
                "edge-on-personal-devices",
                "outlook",
            ]),
        );
    });

    it("declares settings that check accepts and that adoption would not change", () => {
        for (const policy of live()) {
            const platform = policyTypes[platformOf(policy)];
            const { args } = declared.find((r) => r.args.adoptPolicyId === policy.id)!;
            const { inputs, failures } = checkInputs(platform, args);
            expect({ policy: policy.displayName, failures }).toEqual({ policy: policy.displayName, failures: [] });
            const current = managedValuesFromGraph(platform, policy, managedKeys(platform, inputs));
            expect({ policy: policy.displayName, changes: policyChanges(platform, current, inputs) }).toEqual({
                policy: policy.displayName,
                changes: { send: {}, released: [] },
            });
        }
    });

    it("adopting every policy through the provider sends no write to Graph", async () => {
        emulator.clearLog();
        for (const { type, args } of declared) {
            const platform = typeOfClass(type);
            const { inputs } = checkInputs(policyTypes[platform], args);
            const { id } = await runtime.create(platform, { ...inputs, __provider: "p" });
            expect(id).toBe(args.adoptPolicyId);
        }
        expect(
            emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata" && r.method !== "GET"),
        ).toEqual([]);
        // Each adoption read its policy once (so the comparison really ran against Graph's state).
        expect(emulator.count({ kind: "get" })).toBe(declared.length);
    });

    it("keeps apps, assignments and group names, and omits apps for app groups", () => {
        const { sales, contractors, finance } = tenant.groups;
        const salesIos = declared.find((r) => r.name === "sales-ios")!.args;
        expect(salesIos).toMatchObject({
            appGroupType: "selectedPublicApps",
            apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
            allowedIosDeviceModels: ["iPad13,1", "iPhone15,2"],
            periodOfflineBeforeAccessCheck: "P1D",
            minimumPinLength: 8,
        });
        expect(salesIos.assignments).toEqual({
            include: [sales, { groupId: contractors, filterId: FILTER, filterType: "include" }].sort((a, b) =>
                (typeof a === "string" ? a : a.groupId) < (typeof b === "string" ? b : b.groupId) ? -1 : 1,
            ),
            exclude: [finance],
        });
        expect(program).toContain(`"${sales}", // Sales`);
        expect(program).toContain(`filterType: "include" }, // Contractors`);
        expect(program).toContain(`"${finance}", // Finance`);
        expect(program).toContain(`"${MISSING_GROUP}", // group not found`);
        const appGroup = declared.find(
            (r) => r.name.startsWith("shared-name-") && r.args.appGroupType === "allMicrosoftApps",
        )!;
        expect(appGroup.args).not.toHaveProperty("apps");
        for (const framework of declared.filter((r) => r.args.appGroupType === "allCoreMicrosoftApps"))
            expect(framework.args).not.toHaveProperty("apps");
    });

    it("declares Windows apps and settings, and app configuration pairs with Outlook's documented key through its helper", () => {
        const { sales } = tenant.groups;
        expect(declared.find((r) => r.name === "edge-on-personal-devices")!.args).toMatchObject({
            apps: ["com.microsoft.edge"],
            allowedOutboundDataTransferDestinations: "none",
            printBlocked: true,
            minimumRequiredOsVersion: "10.0.22631.3155",
            assignments: { include: [sales] },
        });
        const outlook = declared.find((r) => r.name === "outlook")!.args;
        expect(outlook).toMatchObject({
            appGroupType: "selectedPublicApps",
            apps: { ios: ["com.microsoft.Office.Outlook"], android: ["com.microsoft.office.outlook"] },
        });
        expect(outlook.customSettings).toEqual(
            expect.arrayContaining([
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                { name: "com.contoso.signature", value: "{{userprincipalname}} " },
            ]),
        );
        expect(program).toContain("...intune.appConfig.outlookConfiguration({ focusedInbox: false }),");
    });

    it("--platform appConfiguration exports only the app configuration it can manage", async () => {
        const result = await cli(["export", ...connection(reader), "--platform", "appConfiguration"], {
            AZURE_CLIENT_SECRET: reader.secret,
        });
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/"Edge for Windows" \(T_[0-9a-f-]+\) is not exported/);
        expect(evaluateProgram(result.stdout).map((r) => [r.type, r.name])).toEqual([
            ["ManagedAppConfiguration", "outlook"],
        ]);
    });

    it("gives the same program on every run, on stdout without --out", async () => {
        const again = await cli(["export", ...connection(reader)], { AZURE_CLIENT_SECRET: reader.secret });
        expect(again.code).toBe(0);
        expect(again.stdout).toBe(program);
    });

    it("--platform ios exports only iOS policies", async () => {
        const result = await cli([
            "export",
            ...connection(reader),
            "--platform",
            "ios",
            "--client-secret",
            reader.secret,
        ]);
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/warning: a secret given with --client-secret lands in your shell history/);
        const resources = evaluateProgram(result.stdout);
        expect(resources.map((r) => r.type)).toEqual(Array(6).fill("IosAppProtectionPolicy"));
    });

    it("without permission to read groups, exports the ids without names and says why", async () => {
        const result = await cli(["export", ...connection(noGroups)], { AZURE_CLIENT_SECRET: noGroups.secret });
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(
            /warning: could not read group names \(Microsoft Graph answered 403[^)]*\).*GroupMember\.Read\.All/,
        );
        expect(result.stdout).toContain(`"${tenant.groups.sales}",\n`);
        expect(result.stdout).not.toContain("// Sales");
        expect(evaluateProgram(result.stdout)).toHaveLength(12);
    });

    it("reads a policy on its own when Graph lists it without apps or assignments", async () => {
        const salesAndroid = live().find((p) => p.displayName === "Sales Android")!;
        const { apps: _apps, assignments: _assignments, ...bare } = salesAndroid;
        void [_apps, _assignments];
        emulator.injectFault({
            kind: "list",
            path: /androidManagedAppProtections$/,
            status: 200,
            body: { value: [bare] },
            times: 1,
        });
        emulator.clearLog();
        try {
            const result = await cli(["export", ...connection(reader), "--platform", "android"], {
                AZURE_CLIENT_SECRET: reader.secret,
            });
            expect(result.code).toBe(0);
            expect(emulator.count({ kind: "get" })).toBe(1);
            const [resource] = evaluateProgram(result.stdout);
            expect(resource.args).toEqual(declared.find((r) => r.name === "sales-android")!.args);
            expect(resource.args.apps).toEqual(["com.microsoft.office.outlook", "com.microsoft.teams"]);
        } finally {
            emulator.clearFaults();
        }
    });

    it("gives every resource retainOnDelete unless --no-retain-on-delete", async () => {
        for (const resource of declared) expect(resource.opts).toEqual({ retainOnDelete: true });
        const result = await cli(["export", ...connection(reader), "--no-retain-on-delete"], {
            AZURE_CLIENT_SECRET: reader.secret,
        });
        expect(result.code).toBe(0);
        const resources = evaluateProgram(result.stdout);
        expect(resources).toHaveLength(declared.length);
        for (const resource of resources) expect(resource.opts).toBeUndefined();
    });

    it("--group-names names groups that are unique in the tenant, keeps the others as ids, and type-checks", async () => {
        const { sales, contractors, finance } = tenant.groups;
        // A second group named "Finance": the name no longer tells the groups apart.
        emulator.addGroup(tenant.tenantId, { id: randomUUID(), displayName: "Finance" });
        emulator.clearLog();
        const result = await cli(["export", ...connection(reader), "--group-names"], {
            AZURE_CLIENT_SECRET: reader.secret,
        });
        expect(result.code).toBe(0);
        // One look-up per distinct name, all reads.
        expect(emulator.requests.filter((r) => r.kind === "groups" && r.query.$filter !== undefined)).toHaveLength(3);
        expect(emulator.requests.filter((r) => r.method !== "GET" && r.kind !== "token")).toEqual([]);
        const resources = evaluateProgram(result.stdout);
        const salesIos = resources.find((r) => r.name === "sales-ios")!.args;
        expect(salesIos.assignments).toEqual({
            include: [{ groupName: "Contractors", filterId: FILTER, filterType: "include" }, { groupName: "Sales" }],
            exclude: [finance],
        });
        expect(resources.find((r) => r.name === "sales-android")!.args.assignments).toEqual({
            include: [{ groupName: "Sales" }],
            exclude: [MISSING_GROUP],
        });
        expect(result.stdout).toContain(`{ groupName: "Sales" }, // ${sales} in the exported tenant`);
        expect(result.stdout).toContain(`// ${contractors} in the exported tenant`);
        expect(result.stdout).toContain(
            `"${finance}", // Finance (by id: 2 groups in this tenant are named "Finance")`,
        );
        expect(result.stdout).toContain(`"${MISSING_GROUP}", // group not found`);
        // Apart from assignments, the program is the one without --group-names.
        const withoutAssignments = (r: DeclaredResource) => ({ ...r, args: { ...r.args, assignments: undefined } });
        expect(resources.map(withoutAssignments)).toEqual(declared.map(withoutAssignments));
        expect(typeErrors(result.stdout)).toEqual([]);
    }, 60000);

    it("a rejected secret is one line naming where it came from, exit code 1, nothing written", async () => {
        const result = await cli(["export", ...connection(reader), "--out", "rejected.ts"], {
            AZURE_CLIENT_SECRET: "wrong-secret",
        });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(result.stderr).toMatch(/^pulumi-intune-app-protection export: error: .*AZURE_CLIENT_SECRET/);
        expect(result.stderr).toMatch(/check AZURE_CLIENT_SECRET/);
        expect(result.stderr).not.toContain("wrong-secret");
        expect(fs.existsSync(path.join(outDir, "rejected.ts"))).toBe(false);
    });
});

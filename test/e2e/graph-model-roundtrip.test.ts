/**
 * The facts taken from Microsoft's beta SDK models, end to end: policies as Graph returns them
 * with `purviewContentEvaluationRequired: "requiredWhenOnline"` (iOS and Android) and Android
 * `appActionIfDeveloperOptionsEnabled: "warn"` are exported to a program; the real engine's
 * first `up` adopts them without a single write, and the following preview and refresh show
 * nothing. The emulator runs with every fidelity switch flipped from its default (PATCH answered
 * 200, flags enums as "unmanaged, mdm", peer defaults on create, `@odata.type` on every item), so
 * the round trip holds under the behaviours the default suites do not exercise.
 */
import { execFile } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { engine, REPO_ROOT } from "../support/engine";
import { engineConnection, tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const made = tenantSpec();
const { tenant } = made;
let emulator: Emulator;
let work: string;

const app = (type: "ios" | "android", id: string) => ({
    mobileAppIdentifier:
        type === "ios"
            ? { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: id }
            : { "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId: id },
});
const include = (groupId: string) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } });

beforeAll(async () => {
    work = fs.mkdtempSync(path.join(REPO_ROOT, "test", "e2e", ".tmp-model-"));
    emulator = await startEmulator({
        tenants: [made.spec],
        caDir: path.join(work, "ca"),
        fidelity: { patchStatus: 200, flagsSeparator: ", ", createDefaults: "peers", odataTypeOnTypedItems: true },
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Purview iOS",
        purviewContentEvaluationRequired: "requiredWhenOnline",
        targetedAppManagementLevels: "unmanaged,mdm",
        appGroupType: "selectedPublicApps",
        apps: [app("ios", "com.microsoft.office.outlook")],
        assignments: [include(tenant.groups.sales)],
    });
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.androidManagedAppProtection",
        displayName: "Purview Android",
        purviewContentEvaluationRequired: "requiredWhenOnline",
        appActionIfDeveloperOptionsEnabled: "warn",
        appGroupType: "selectedPublicApps",
        apps: [app("android", "com.microsoft.office.outlook")],
        assignments: [include(tenant.groups.sales)],
    });
});
afterAll(async () => {
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
});

it("exports the new settings, adopts them with zero writes, and preview and refresh show nothing", async () => {
    const programDir = path.join(work, "program");
    fs.mkdirSync(programDir);
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: graph-model-roundtrip\nruntime: nodejs\n");
    // Asynchronous: the emulator answers from this very process.
    await promisify(execFile)(
        path.join(REPO_ROOT, "node_modules", ".bin", "node"),
        [
            path.join(REPO_ROOT, "bin", "pulumi-intune-app-protection"),
            "export",
            "--tenant-id",
            tenant.tenantId,
            "--client-id",
            tenant.clientId,
            "--graph-endpoint",
            emulator.url,
            "--authority-host",
            emulator.url,
            "--out",
            path.join(programDir, "index.ts"),
        ],
        { env: { ...process.env, AZURE_CLIENT_SECRET: tenant.clientSecret, NODE_EXTRA_CA_CERTS: emulator.caCertPath } },
    );
    const program = fs.readFileSync(path.join(programDir, "index.ts"), "utf8");
    const declared = (key: string, value: string) => new RegExp(`^\\s+${key}: ${JSON.stringify(value)},`, "gm");
    expect(program.match(declared("purviewContentEvaluationRequired", "requiredWhenOnline"))).toHaveLength(2);
    expect(program.match(declared("appActionIfDeveloperOptionsEnabled", "warn"))).toHaveLength(1);
    expect(program).toMatch(/targetedAppManagementLevels: \["unmanaged", "mdm"\]/);
    // service defaults are not declared as if an admin had set them
    expect(program).not.toMatch(/^\s+appActionIfAccountIsClockedOut:/m);
    expect(program).not.toMatch(/^\s+pinRequiredInsteadOfBiometricTimeout:/m);

    const run = {
        program: programDir,
        stack: "model",
        stateDir: path.join(work, "state"),
        ...engineConnection(emulator, tenant),
        env: { NODE_EXTRA_CA_CERTS: emulator.caCertPath },
    };
    const versions = () => Object.fromEntries(emulator.policies(tenant.tenantId).map((p) => [p.id, p.version]));
    const before = versions();
    emulator.clearLog();

    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 3 }); // the stack + 2 adopted policies
    const writes = emulator.requests.filter(
        (r) => ["POST", "PATCH", "DELETE"].includes(r.method) && r.kind !== "token",
    );
    expect(writes).toEqual([]);
    expect(versions()).toEqual(before);

    expect((await engine("preview", run)).changes).toEqual({ same: 3 });
    const refresh = await engine("refresh", run);
    expect(refresh.changes).toEqual({ same: 3 });
    expect((await engine("preview", run)).changes).toEqual({ same: 3 });
    expect(versions()).toEqual(before);
});

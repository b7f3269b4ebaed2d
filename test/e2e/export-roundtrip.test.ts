/**
 * Brownfield round trip: a tenant made in the admin center (seeded in the emulator: the six
 * framework policies plus policies with apps and include/exclude assignments) is exported to a
 * program, and the real engine's first `up` adopts every policy without sending a single
 * setting change; the following preview shows no changes.
 */
import { execFile } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { engine, REPO_ROOT } from "../support/engine";
import { frameworkPolicies } from "../support/framework";
import { engineConnection, tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const made = tenantSpec();
made.spec.clients[0].roles = ["DeviceManagementApps.ReadWrite.All", "GroupMember.Read.All"];
const { tenant } = made;
let emulator: Emulator;
let work: string;

const target = (type: "groupAssignmentTarget" | "exclusionGroupAssignmentTarget", groupId: string) => ({
    target: { "@odata.type": `#microsoft.graph.${type}`, groupId },
});

beforeAll(async () => {
    work = fs.mkdtempSync(path.join(REPO_ROOT, "test", "e2e", ".tmp-export-"));
    emulator = await startEmulator({ tenants: [made.spec], caDir: path.join(work, "ca") });
    for (const { json } of frameworkPolicies()) emulator.seedPolicy(tenant.tenantId, json);
    emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Sales iOS",
        pinRequired: true,
        minimumPinLength: 6,
        periodOnlineBeforeAccessCheck: "PT45M",
        appGroupType: "selectedPublicApps",
        apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"].map((bundleId) => ({
            mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId },
        })),
        assignments: [
            target("groupAssignmentTarget", tenant.groups.sales),
            target("exclusionGroupAssignmentTarget", tenant.groups.contractors),
        ],
    });
    for (const name of ["Sales Android", "Sales Android"]) {
        emulator.seedPolicy(tenant.tenantId, {
            "@odata.type": "#microsoft.graph.androidManagedAppProtection",
            displayName: name,
            screenCaptureBlocked: true,
            appGroupType: "selectedPublicApps",
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.androidMobileAppIdentifier",
                        packageId: "com.microsoft.office.outlook",
                    },
                },
            ],
            assignments: [target("groupAssignmentTarget", tenant.groups.finance)],
        });
    }
});
afterAll(async () => {
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
});

it("exports the tenant, and the first up adopts everything with no setting change; preview then shows none", async () => {
    const programDir = path.join(work, "program");
    fs.mkdirSync(programDir);
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: exported-tenant\nruntime: nodejs\n");
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
    const seeded = emulator.policies(tenant.tenantId);
    expect(seeded).toHaveLength(9);
    for (const policy of seeded) expect(program).toContain(`adoptPolicyId: "${policy.id}"`);
    expect(program).toMatch(/\/\/ Sales/);

    const run = {
        program: programDir,
        stack: "brownfield",
        stateDir: path.join(work, "state"),
        ...engineConnection(emulator, tenant),
        env: { NODE_EXTRA_CA_CERTS: emulator.caCertPath },
    };
    const versions = () => Object.fromEntries(emulator.policies(tenant.tenantId).map((p) => [p.id, p.version]));
    const before = versions();
    emulator.clearLog();

    const up = await engine("up", run);
    expect(up.changes).toMatchObject({ create: 10 }); // the stack + 9 adopted policies
    const writes = emulator.requests.filter(
        (r) => ["POST", "PATCH", "DELETE"].includes(r.method) && r.kind !== "token",
    );
    expect(writes).toEqual([]);
    expect(emulator.count({ kind: "get" })).toBe(9);
    expect(versions()).toEqual(before);

    const preview = await engine("preview", run);
    expect(preview.changes).toEqual({ same: 10 });
});

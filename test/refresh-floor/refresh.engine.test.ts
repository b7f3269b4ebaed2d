/**
 * `pulumi refresh` at the read floor, under the real engine (Automation API, the CLI of
 * ensure-pulumi.sh, the provider host loading dist/) against the Graph emulator, which pages its
 * lists at 7 policies: a refresh of 30 policies sends at most ceil(N / page size) list requests
 * per platform, one token request and a handful more; drift still shows, a policy deleted in the
 * tenant is still dropped, and a listing that fails on a page drops nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator, type LoggedRequest } from "../../emulator";
import { engine, tempDir, type EngineRun } from "../support/engine";
import { engineConnection, tenantSpec } from "../support/tenants";

jest.setTimeout(300_000);

const PROGRAM = path.join(__dirname, "..", "e2e", "program");
const PAGE_SIZE = 7;
const N = 30;
/** Requests beyond the list pages and the token a refresh may send ("a handful"). */
const HANDFUL = 3;

let emulator: Emulator;
let work: string;
const { spec, tenant } = tenantSpec();

/** 30 policies, iOS and Android alternating. */
const declared = Array.from({ length: N }, (_, k) => {
    const ios = k % 2 === 0;
    return {
        platform: ios ? "ios" : "android",
        name: `p${k}`,
        args: {
            displayName: `Floor ${k}`,
            pinRequired: true,
            minimumPinLength: 6,
            apps: ["com.microsoft.office.outlook"],
            assignments: { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] },
        },
    };
});
const perPlatform = N / 2;
const listPages = 2 * Math.ceil(perPlatform / PAGE_SIZE);

function run(): EngineRun {
    const file = path.join(work, "policies.json");
    fs.writeFileSync(file, JSON.stringify(declared));
    return {
        program: PROGRAM,
        stack: "floor",
        stateDir: path.join(work, "state"),
        ...engineConnection(emulator, tenant),
        env: { E2E_POLICIES: file, NODE_EXTRA_CA_CERTS: emulator.caCertPath },
    };
}

const isGraph = (r: LoggedRequest) => r.kind !== "token" && r.kind !== "metadata";
const requests = () => emulator.requests.filter((r) => r.tenantId === tenant.tenantId);
const policyId = (displayName: string) =>
    emulator.policies(tenant.tenantId).find((p) => p.displayName === displayName)!.id as string;

beforeAll(async () => {
    work = tempDir("intune-refresh-floor-");
    emulator = await startEmulator({ tenants: [spec], caDir: path.join(work, "ca"), pageSize: PAGE_SIZE });
    await engine("up", run());
    expect(emulator.policies(tenant.tenantId)).toHaveLength(N);
});
afterAll(async () => {
    await emulator?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
    emulator.clearLog();
    emulator.clearFaults();
});

it("refreshes N unchanged policies with ceil(N / page size) list pages, one token and a handful more", async () => {
    const result = await engine("refresh", run());
    expect(result.changes).toEqual({ same: N + 1 });
    const graph = requests().filter(isGraph);
    const pages = graph.filter((r) => r.kind === "list" && r.query.$expand === "apps,assignments");
    expect(pages).toHaveLength(listPages);
    expect(graph.filter((r) => r.kind === "get")).toHaveLength(0);
    expect(graph.length).toBeLessThanOrEqual(listPages + HANDFUL);
    expect(requests().filter((r) => r.kind === "token")).toHaveLength(1);
});

it("still shows drift made in the tenant", async () => {
    emulator.modifyPolicy(tenant.tenantId, policyId("Floor 3"), { minimumPinLength: 4 });
    const result = await engine("refresh", run());
    expect(result.changes).toEqual({ same: N, update: 1 });
    expect(result.output).toMatch(/minimumPinLength/);
    expect(requests().filter((r) => r.kind === "get")).toHaveLength(0);
    await engine("up", run()); // puts the value back
    expect(emulator.policy(tenant.tenantId, policyId("Floor 3")).minimumPinLength).toBe(6);
});

it("a listing that fails on a page reads per policy and drops nothing", async () => {
    emulator.injectFault({ kind: "list", path: /iosManagedAppProtections$/, nth: 2, status: 500 });
    const result = await engine("refresh", run());
    expect(result.changes).toEqual({ same: N + 1 });
    const gets = requests().filter((r) => r.kind === "get");
    expect(gets).toHaveLength(perPlatform);
    expect(gets.every((r) => r.status === 200 && r.path.includes("iosManagedAppProtections"))).toBe(true);
});

it("still drops a policy deleted in the tenant, after Graph's own not-found for it", async () => {
    const gone = policyId("Floor 8");
    emulator.deletePolicy(tenant.tenantId, gone);
    const result = await engine("refresh", run());
    expect(result.changes).toMatchObject({ delete: 1 });
    expect(result.changes.update).toBeUndefined();
    const gets = requests().filter((r) => r.kind === "get");
    expect(gets.map((r) => [r.path.endsWith(gone), r.status])).toEqual([[true, 404]]);
    expect(requests().filter(isGraph).length).toBeLessThanOrEqual(listPages + 1 + HANDFUL);
});

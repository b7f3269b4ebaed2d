/**
 * `pulumi refresh` at the read floor, under the real engine (Automation API, the CLI of
 * ensure-pulumi.sh, the provider host loading dist/) against the Graph emulator, which pages its
 * lists at 7 policies: a refresh of 30 policies sends at most ceil(N / page size) list requests
 * per platform, one token request and a handful more; drift still shows, a policy deleted in the
 * tenant is still dropped, and a listing that fails on a page drops nothing.
 */
import type { LoggedRequest } from "../../emulator";
import type { Declared } from "../support/declared";
import { engine, useEngineSuite } from "../support/engine";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(300_000);

const PAGE_SIZE = 7;
const N = 30;
/** Requests beyond the list pages and the token a refresh may send ("a handful"). */
const HANDFUL = 3;

const { spec, tenant } = tenantSpec();
const suite = useEngineSuite("intune-refresh-floor-", () => ({ tenants: [spec], pageSize: PAGE_SIZE }));

/** 30 policies, iOS and Android alternating. */
const declared: Declared[] = Array.from({ length: N }, (_, k) => {
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

const run = () => suite.declare("floor", tenant, declared);

const isGraph = (r: LoggedRequest) => r.kind !== "token" && r.kind !== "metadata";
const requests = () => suite.emulator.requests.filter((r) => r.tenantId === tenant.tenantId);
const policyId = (displayName: string) =>
    suite.emulator.policies(tenant.tenantId).find((p) => p.displayName === displayName)!.id as string;

beforeAll(async () => {
    await engine("up", run());
    expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(N);
});
beforeEach(() => {
    suite.emulator.clearLog();
    suite.emulator.clearFaults();
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
    suite.emulator.modifyPolicy(tenant.tenantId, policyId("Floor 3"), { minimumPinLength: 4 });
    const result = await engine("refresh", run());
    expect(result.changes).toEqual({ same: N, update: 1 });
    expect(result.output).toMatch(/minimumPinLength/);
    expect(requests().filter((r) => r.kind === "get")).toHaveLength(0);
    await engine("up", run()); // puts the value back
    expect(suite.emulator.policy(tenant.tenantId, policyId("Floor 3")).minimumPinLength).toBe(6);
});

it("a listing that fails on a page reads per policy and drops nothing", async () => {
    suite.emulator.injectFault({ kind: "list", path: /iosManagedAppProtections$/, nth: 2, status: 500 });
    const result = await engine("refresh", run());
    expect(result.changes).toEqual({ same: N + 1 });
    const gets = requests().filter((r) => r.kind === "get");
    expect(gets).toHaveLength(perPlatform);
    expect(gets.every((r) => r.status === 200 && r.path.includes("iosManagedAppProtections"))).toBe(true);
});

it("still drops a policy deleted in the tenant, after Graph's own not-found for it", async () => {
    const gone = policyId("Floor 8");
    suite.emulator.deletePolicy(tenant.tenantId, gone);
    const result = await engine("refresh", run());
    expect(result.changes).toMatchObject({ delete: 1 });
    expect(result.changes.update).toBeUndefined();
    const gets = requests().filter((r) => r.kind === "get");
    expect(gets.map((r) => [r.path.endsWith(gone), r.status])).toEqual([[true, 404]]);
    expect(requests().filter(isGraph).length).toBeLessThanOrEqual(listPages + 1 + HANDFUL);
});

/**
 * Faults on the create of a Windows app protection policy and of an app configuration policy
 * (issue #19), through the provider's runtime in this process against the emulator: throttling and
 * 503 are retried with no duplicate, and a create whose answer is lost is found again instead of
 * being sent twice. After each, the next `up` has nothing left to do.
 */
import type { FaultRule } from "../../emulator";
import { outlookConfiguration } from "../../provider/app-config";
import { useEmulator } from "../support/provider";
import { stackConfig, tenantSpec, type TestTenant } from "../support/tenants";
import { configureRuntime, expectConverged, FAST_RETRIES, graphRequests, MiniStack, type Declared } from "./harness";

jest.setTimeout(30_000);

const suite = useEmulator(() => ({ tenants: [] }));
afterEach(() => suite.emulator.clearFaults());

/** A new tenant with its own pacer and session; the runtime is configured for it. */
function freshTenant(): TestTenant {
    const made = tenantSpec();
    suite.emulator.addTenant(made.spec);
    configureRuntime(stackConfig(suite.emulator, made.tenant, FAST_RETRIES));
    return made.tenant;
}

/** One policy of each new type, with apps and assignments. */
const PROGRAMS: Record<string, (tenant: TestTenant) => Declared> = {
    windows: (tenant) => ({
        platform: "windows",
        name: "edge",
        args: {
            displayName: "Faults Windows",
            printBlocked: true,
            allowedOutboundDataTransferDestinations: "none",
            apps: ["com.microsoft.edge"],
            assignments: { include: [tenant.groups.sales] },
        },
    }),
    appConfiguration: (tenant) => ({
        platform: "appConfiguration",
        name: "outlook",
        args: {
            displayName: "Faults app configuration",
            customSettings: outlookConfiguration({ focusedInbox: false }),
            apps: { ios: ["com.microsoft.office.outlook"], android: ["com.microsoft.office.outlook"] },
            assignments: { include: [tenant.groups.sales] },
        },
    }),
};

const THROTTLED = ["POST create 429", "POST create 429", "POST create 201"];
/**
 * Faults on two POSTs, and the requests of the create: a 429 created nothing and is sent again; a
 * 503 may have, so Graph's listing is read before each POST is sent again, and once more after
 * the create for a late copy.
 */
const FAULTS: Record<string, { rule: FaultRule; requests: string[] }> = {
    "429 with Retry-After": { rule: { status: 429, retryAfterSeconds: 0 }, requests: THROTTLED },
    "429 without Retry-After (Intune)": { rule: { status: 429, retryAfterSeconds: null }, requests: THROTTLED },
    "503": {
        rule: { status: 503, retryAfterSeconds: null },
        requests: [
            "POST create 503",
            "GET list 200",
            "POST create 503",
            "GET list 200",
            "POST create 201",
            "GET list 200",
        ],
    },
};

const requestLines = (tenant: TestTenant) =>
    graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind} ${r.status}`);

/** The tenant holds the one declared policy, tracked once; a further `up` sends nothing. */
async function expectConvergedWithNothingLeft(tenant: TestTenant, stack: MiniStack, program: Declared[]) {
    expectConverged(suite.emulator, tenant, program, stack);
    suite.emulator.clearLog();
    expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same"]);
    expect(graphRequests(suite.emulator, tenant)).toEqual([]);
}

describe.each(Object.keys(PROGRAMS))("creating a policy of type %s", (type) => {
    it.each(Object.keys(FAULTS))("a %s on the POST is retried: one policy, no duplicate", async (fault) => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [PROGRAMS[type](tenant)];
        suite.emulator.injectFault({ tenantId: tenant.tenantId, kind: "create", times: 2, ...FAULTS[fault].rule });
        await stack.upOk(program);
        expect(requestLines(tenant)).toEqual(FAULTS[fault].requests);
        expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(1);
        await expectConvergedWithNothingLeft(tenant, stack, program);
    });

    it("a create whose answer is lost is found again with two GETs and no second POST", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [PROGRAMS[type](tenant)];
        suite.emulator.injectFault({
            tenantId: tenant.tenantId,
            kind: "create",
            dropConnectionAfterProcessing: true,
            times: 1,
        });
        await stack.upOk(program);
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind}`)).toEqual([
            "POST create",
            "GET list",
            "GET get",
        ]);
        expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(1);
        await expectConvergedWithNothingLeft(tenant, stack, program);
    });

    it("a create that never reached Graph is sent again: one policy", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [PROGRAMS[type](tenant)];
        suite.emulator.injectFault({ tenantId: tenant.tenantId, kind: "create", dropConnection: true, times: 1 });
        await stack.upOk(program);
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "create" })).toBe(2);
        expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(1);
        await expectConvergedWithNothingLeft(tenant, stack, program);
    });
});

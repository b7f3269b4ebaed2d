/**
 * Fault injection against the emulator, through the provider's runtime in this process: throttling
 * storms (with and without Retry-After), 5xx, connections dropped before and after Graph processed
 * the request, token endpoint failures and latency spikes, at every step of create, adopt and
 * update. After each fault the operation has either succeeded or failed with a clear error, and
 * the next `up` (from whatever state the engine would have recorded) converges: the tenant holds
 * exactly the declared policies, none twice, none untracked, nothing declared lost.
 */
import type { FaultRule } from "../../emulator";
import { MAX_CREATE_SENDS } from "../../provider/engine/create-recovery";
import { resetGraphSessions } from "../../provider/graph";
import { decideRetry } from "../../provider/graph/retry";
import { graphShapes } from "../support/graph-shapes";
import { useEmulator } from "../support/provider";
import { stackConfig, tenantSpec, type TestTenant } from "../support/tenants";
import {
    expectClearError,
    expectConverged,
    FAST_RETRIES,
    configureRuntime,
    graphRequests,
    MiniStack,
    pairProgram,
    type Declared,
} from "./harness";

jest.setTimeout(30_000);

const suite = useEmulator(() => ({ tenants: [] }));
const { iosApp, target } = graphShapes;
afterEach(() => suite.emulator.clearFaults());

/** A new tenant with its own pacer and session; the runtime is configured for it. */
function freshTenant(extra: Record<string, string> = {}): TestTenant {
    const made = tenantSpec();
    suite.emulator.addTenant(made.spec);
    configureRuntime(stackConfig(suite.emulator, made.tenant, { ...FAST_RETRIES, ...extra }));
    return made.tenant;
}

const fault = (tenant: TestTenant, rule: FaultRule) =>
    suite.emulator.injectFault({ tenantId: tenant.tenantId, ...rule });
const writes = (tenant: TestTenant) => graphRequests(suite.emulator, tenant).filter((r) => r.method !== "GET");
const errorsOf = (ops: { error?: Error }[]) => ops.filter((o) => o.error).map((o) => o.error!);

/** Clears the faults and runs `up` again: it must succeed and converge. */
async function expectRerunConverges(tenant: TestTenant, stack: MiniStack, declared: Declared[]) {
    suite.emulator.clearFaults();
    await stack.upOk(declared);
    expectConverged(suite.emulator, tenant, declared, stack);
    // and a further `up` has nothing left to do
    suite.emulator.clearLog();
    expect((await stack.upOk(declared)).map((o) => o.op)).toEqual(declared.map(() => "same"));
    expect(graphRequests(suite.emulator, tenant)).toEqual([]);
}

/** An existing policy to adopt, deliberately different from what the program declares. */
function seedExisting(tenant: TestTenant) {
    return suite.emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName: "Adopted",
        pinRequired: true,
        minimumPinLength: 4,
        appGroupType: "selectedPublicApps",
        apps: [iosApp("com.microsoft.office.outlook")],
        assignments: [target("groupAssignmentTarget", tenant.groups.sales)],
    });
}

function adoptProgram(tenant: TestTenant, id: string): Declared[] {
    return [
        {
            platform: "ios",
            name: "adopted",
            args: {
                adoptPolicyId: id,
                displayName: "Adopted",
                pinRequired: true,
                minimumPinLength: 8,
                apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
                assignments: { include: [tenant.groups.finance] },
            },
        },
    ];
}

type Phase = "create" | "update" | "adopt";
interface Step {
    phase: Phase;
    name: string;
    rule: FaultRule;
}

/** Every request of create, adopt and update, each a place a fault can hit. */
const STEPS: Step[] = [
    { phase: "create", name: "create: the POST", rule: { kind: "create" } },
    { phase: "adopt", name: "adopt: the GET of the policy", rule: { kind: "get", nth: 1 } },
    { phase: "adopt", name: "adopt: the PATCH", rule: { kind: "update" } },
    { phase: "adopt", name: "adopt: targetApps", rule: { kind: "targetApps" } },
    { phase: "adopt", name: "adopt: assign", rule: { kind: "assign" } },
    { phase: "adopt", name: "adopt: the read-back GET", rule: { kind: "get", nth: 2 } },
    { phase: "update", name: "update: the PATCH", rule: { kind: "update" } },
    { phase: "update", name: "update: targetApps", rule: { kind: "targetApps" } },
    { phase: "update", name: "update: assign", rule: { kind: "assign" } },
    { phase: "update", name: "update: the read-back GET", rule: { kind: "get" } },
];

const FAULTS: Record<string, FaultRule> = {
    "429 with Retry-After": { status: 429, retryAfterSeconds: 0 },
    "429 without Retry-After (Intune)": { status: 429, retryAfterSeconds: null },
    "500": { status: 500 },
    "503": { status: 503, retryAfterSeconds: null },
    "504": { status: 504 },
    "connection dropped before processing": { dropConnection: true },
    "connection dropped after processing": { dropConnectionAfterProcessing: true },
};

/**
 * Runs the phase with `rule` injected at its step, returns the first up's operations, then checks
 * the re-run converges.
 */
async function runPhase(step: Step, rule: FaultRule) {
    const tenant = freshTenant();
    const stack = new MiniStack();
    let program: Declared[];
    if (step.phase === "create") {
        program = pairProgram(tenant, 1);
    } else if (step.phase === "update") {
        await stack.upOk(pairProgram(tenant, 1));
        program = pairProgram(tenant, 2);
    } else {
        program = adoptProgram(tenant, seedExisting(tenant).id);
    }
    fault(tenant, { ...step.rule, ...rule });
    const ops = await stack.up(program);
    return { tenant, stack, program, ops, converge: () => expectRerunConverges(tenant, stack, program) };
}

describe.each(STEPS)("$name", (step) => {
    it.each(Object.keys(FAULTS))(
        "a transient %s: absorbed by retries (or a clear error), and the re-run converges",
        async (name) => {
            const { ops, converge } = await runPhase(step, { ...FAULTS[name], times: 2 });
            const errors = errorsOf(ops);
            if (name === "500" && step.phase !== "create") {
                // Not retried (it may be a bug on either side): fails with Graph's words.
                expect(errors.length).toBeGreaterThanOrEqual(1);
                for (const error of errors) expectClearError(error, /HTTP 500/);
            } else {
                // Throttling, 503/504 and dropped connections are what retries are for. A create whose
                // outcome is unknown (its answer lost, or a 5xx) is looked for before it is sent again.
                expect(errors).toEqual([]);
            }
            await converge();
        },
    );

    it("a lasting 500: fails clearly, records what Graph holds, and the re-run converges", async () => {
        const { ops, converge, stack, tenant } = await runPhase(step, FAULTS["500"]);
        const errors = errorsOf(ops);
        expect(errors.length).toBeGreaterThanOrEqual(1);
        for (const error of errors) expectClearError(error, /HTTP 500/);
        if (step.phase === "create") {
            // a refused create records nothing and leaves nothing behind
            expect(stack.state.size).toBe(0);
            expect(suite.emulator.policies(tenant.tenantId)).toEqual([]);
        }
        if (step.phase === "adopt" && step.rule.nth !== 1) {
            // the adopted policy is tracked even though adopting failed
            expect(stack.state.get("adopted")?.initErrors).toBeDefined();
        }
        await converge();
    });
});

describe("what a failed step leaves for the next up", () => {
    it("a failed targetApps records the PATCH already applied: the re-run sends targetApps, assign and one GET, no PATCH", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { kind: "targetApps", status: 500 });
        const ops = await stack.up([pairProgram(tenant, 2)[0]].concat(pairProgram(tenant, 1)[1]));
        const [failed] = errorsOf(ops);
        expectClearError(failed, /updating iOS\/iPadOS policy T_[0-9a-f-]+ failed: .*HTTP 500 on POST .*\/targetApps/);
        expect(failed).toMatchObject({ name: "PartialApplyError" });
        expect(stack.state.get("ios")!.outs).toMatchObject({
            minimumPinLength: 8,
            periodOnlineBeforeAccessCheck: "PT1H",
        });
        expect(stack.state.get("ios")!.outs.apps).toEqual([
            "com.microsoft.office.outlook",
            "com.microsoft.skype.teams",
        ]);

        suite.emulator.clearFaults();
        suite.emulator.clearLog();
        const program = [pairProgram(tenant, 2)[0]].concat(pairProgram(tenant, 1)[1]);
        await stack.upOk(program);
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind}`)).toEqual([
            "POST targetApps",
            "POST assign",
            "GET get",
        ]);
        expectConverged(suite.emulator, tenant, program, stack);
    });

    it("a failed assign records settings and apps: the re-run sends assign and one GET", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        // Retry-After: 0 on every answer: retries back off instead of spinning through the
        // tenant's write budget (which used to stall every request of the tenant for 21 s).
        fault(tenant, { kind: "assign", status: 503, retryAfterSeconds: 0 });
        const program = [pairProgram(tenant, 1)[0], pairProgram(tenant, 2)[1]];
        const started = Date.now();
        const [failed] = errorsOf(await stack.up(program));
        expect(Date.now() - started).toBeLessThan(5000);
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "assign" })).toBeLessThan(60);
        expectClearError(failed, /updating Android policy T_[0-9a-f-]+ failed: .*HTTP 503/);
        suite.emulator.clearFaults();
        suite.emulator.clearLog();
        await stack.upOk(program);
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind}`)).toEqual([
            "POST assign",
            "GET get",
        ]);
        expectConverged(suite.emulator, tenant, program, stack);
    });

    it("a failed read-back after every write keeps the old outputs: the re-run repeats the (idempotent) writes and converges", async () => {
        const { ops, converge } = await runPhase(
            STEPS.find((s) => s.name === "update: the read-back GET")!,
            { status: 500 },
        );
        for (const error of errorsOf(ops)) expectClearError(error, /HTTP 500 on GET/);
        await converge();
    });
});

describe("retry budgets run out", () => {
    it("a lasting 503 on the PATCH fails after the retry budget with Graph's words, nothing recorded as applied", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { kind: "update", status: 503, retryAfterSeconds: null });
        const started = Date.now();
        const errors = errorsOf(await stack.up(pairProgram(tenant, 2)));
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(errors).toHaveLength(2);
        for (const error of errors) expectClearError(error, /HTTP 503/);
        expect(stack.state.get("ios")!.outs.minimumPinLength).toBe(6);
        await expectRerunConverges(tenant, stack, pairProgram(tenant, 2));
    });

    it("a lasting header-less 429 storm on assign fails as throttling after the budget; the re-run converges", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { kind: "assign", status: 429, retryAfterSeconds: null });
        const errors = errorsOf(await stack.up(pairProgram(tenant, 2)));
        expect(errors).toHaveLength(2);
        for (const error of errors) expectClearError(error, /429|throttl|too many/i);
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "assign", status: 429 })).toBeGreaterThan(2);
        await expectRerunConverges(tenant, stack, pairProgram(tenant, 2));
    });

    it(`a create whose connection keeps dropping is sent at most ${MAX_CREATE_SENDS} times, then fails clearly with nothing created`, async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", dropConnection: true });
        const [error] = errorsOf(await stack.up(program));
        expectClearError(
            error,
            new RegExp(
                `creating iOS/iPadOS policy "Res iOS" failed: ${MAX_CREATE_SENDS} POSTs ended without telling whether Graph created it .* nothing was created`,
            ),
        );
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "create" })).toBe(MAX_CREATE_SENDS);
        expect(suite.emulator.policies(tenant.tenantId)).toEqual([]);
        await expectRerunConverges(tenant, stack, program);
    });
});

describe("Retry-After: 0", () => {
    it("counts as no delay given: the retry backs off instead of spinning", () => {
        const policy = { maxDurationMs: 10_000, initialDelayMs: 1000, maxDelayMs: 30_000, random: () => 0.5 };
        const state = { idempotent: true, attempt: 3, backoffs: 2, elapsedMs: 100 };
        for (const status of [429, 503]) {
            const zero = decideRetry({ kind: "response", status, retryAfter: "0" }, state, policy);
            expect(zero).toMatchObject({ retry: true, delayMs: 2000 }); // 0.5 × 1000 × 2^2
            expect(decideRetry({ kind: "response", status, retryAfter: "3" }, state, policy)).toMatchObject({
                retry: true,
                delayMs: 3000,
            });
        }
    });
});

describe("throttling storms", () => {
    const storm = (tenant: TestTenant, rule: FaultRule) => fault(tenant, { path: /^\/beta\//, ...rule });
    const bigProgram = (tenant: TestTenant): Declared[] =>
        [1, 2, 3].flatMap((n) => pairProgram(tenant, 1, `Storm ${n}`).map((d) => ({ ...d, name: `${d.name}-${n}` })));

    it("30 consecutive 429s with Retry-After on every Graph request: up succeeds, honouring the header", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        storm(tenant, { status: 429, retryAfterSeconds: 0, times: 30 });
        await stack.upOk(bigProgram(tenant));
        expect(suite.emulator.count({ tenantId: tenant.tenantId, status: 429 })).toBe(30);
        await expectRerunConverges(tenant, stack, bigProgram(tenant));
    });

    it("30 consecutive header-less 429s (Intune's) during create and update: back-off absorbs them", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        storm(tenant, { status: 429, retryAfterSeconds: null, times: 30 });
        await stack.upOk(bigProgram(tenant));
        storm(tenant, { status: 429, retryAfterSeconds: null, times: 30 });
        const updated = bigProgram(tenant).map((d) => ({ ...d, args: { ...d.args, pinRequired: false } }));
        await stack.upOk(updated);
        expect(suite.emulator.count({ tenantId: tenant.tenantId, status: 429 })).toBe(60);
        await expectRerunConverges(tenant, stack, updated);
    });

    it("a 1 s Retry-After is honoured: the retry waits for it", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", status: 429, retryAfterSeconds: 1, times: 1 });
        await stack.upOk(program);
        const creates = suite.emulator.requests.filter((r) => r.tenantId === tenant.tenantId && r.kind === "create");
        expect(creates.map((r) => r.status)).toEqual([429, 201]);
        expect(creates[1].timeMs - creates[0].timeMs).toBeGreaterThanOrEqual(950);
        expectConverged(suite.emulator, tenant, program, stack);
    });

    it("Intune's RetryAfter inside the error message (no header) is honoured", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        const message = JSON.stringify({
            _version: 3,
            Message: "Too many requests.",
            CustomApiErrorPhrase: "",
            RetryAfter: 1,
            ErrorSourceService: "",
            HttpHeaders: "{}",
        });
        fault(tenant, {
            kind: "create",
            status: 429,
            retryAfterSeconds: null,
            times: 1,
            code: "TooManyRequests",
            message,
        });
        await stack.upOk(program);
        const creates = suite.emulator.requests.filter((r) => r.tenantId === tenant.tenantId && r.kind === "create");
        expect(creates[1].timeMs - creates[0].timeMs).toBeGreaterThanOrEqual(950);
        expectConverged(suite.emulator, tenant, program, stack);
    });
});

describe("the emulator's own throttling, tighter than the pacer", () => {
    // Intune's header-less 429s, and a write limit of 4 per second per app.
    const strict = useEmulator(() => ({
        tenants: [],
        retryAfterHeader: false,
        throttle: { writesPerApp: 4, writesPerTenant: 8, windowMs: 1000 },
    }));

    const program = (tenant: TestTenant): Declared[] =>
        [1, 2, 3, 4].flatMap((n) =>
            pairProgram(tenant, 1, `Paced ${n}`).map((d) => ({ ...d, name: `${d.name}-${n}` })),
        );

    it("header-less 429s from the limit: back-off retries until the window frees, then up converges", async () => {
        const made = tenantSpec();
        strict.emulator.addTenant(made.spec);
        configureRuntime(
            stackConfig(strict.emulator, made.tenant, { ...FAST_RETRIES, "intune:maxRetryDurationSeconds": "8" }),
            {
                retryMaxDelayMs: 400,
            },
        );
        const stack = new MiniStack();
        await stack.upOk(program(made.tenant));
        expect(strict.emulator.count({ tenantId: made.tenant.tenantId, status: 429 })).toBeGreaterThan(0);
        expectConverged(strict.emulator, made.tenant, program(made.tenant), stack);
    });

    it("with the pacer set to the tenant's limits (intune:writesPer20Seconds, a 1 s window), Graph never says 429", async () => {
        const made = tenantSpec();
        strict.emulator.addTenant(made.spec);
        configureRuntime(
            stackConfig(strict.emulator, made.tenant, { ...FAST_RETRIES, "intune:writesPer20Seconds": "4" }),
            {
                throttleWindowSeconds: 1,
            },
        );
        const stack = new MiniStack();
        const started = Date.now();
        await stack.upOk(program(made.tenant));
        expect(strict.emulator.count({ tenantId: made.tenant.tenantId, status: 429 })).toBe(0);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // 8 creates at 4 per second
        expectConverged(strict.emulator, made.tenant, program(made.tenant), stack);
    });
});

describe("the token endpoint", () => {
    beforeEach(() => resetGraphSessions()); // no cached token

    it.each<[string, FaultRule]>([
        ["a 500", { status: 500 }],
        ["a 429 with Retry-After", { status: 429, retryAfterSeconds: 0 }],
        ["a dropped connection", { dropConnection: true }],
    ])("%s from the token endpoint is retried and up succeeds", async (_name, rule) => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        fault(tenant, { kind: "token", times: 1, ...rule });
        await stack.upOk(pairProgram(tenant, 1));
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "token" })).toBeGreaterThanOrEqual(2);
        expectConverged(suite.emulator, tenant, pairProgram(tenant, 1), stack);
    });

    it("a token endpoint that keeps failing: a clear error naming the app and tenant, no Graph request, then the re-run converges", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        fault(tenant, { kind: "token", status: 500 });
        const errors = errorsOf(await stack.up([pairProgram(tenant, 1)[0]]));
        expect(errors).toHaveLength(1);
        for (const error of errors) {
            expectClearError(error, /access token/i);
            expect(error.message).toContain(tenant.clientId);
            expect(error.message).toContain(tenant.tenantId);
            expect(error.message).not.toContain(tenant.clientSecret);
        }
        expect(graphRequests(suite.emulator, tenant)).toEqual([]);
        resetGraphSessions();
        await expectRerunConverges(tenant, stack, pairProgram(tenant, 1));
    });
});

describe("latency", () => {
    it("slow answers (250 ms on every request) only slow things down", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        fault(tenant, { path: /^\/beta\//, latencyMs: 250, times: 8 });
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { path: /^\/beta\//, latencyMs: 250, times: 8 });
        await stack.upOk(pairProgram(tenant, 2));
        await expectRerunConverges(tenant, stack, pairProgram(tenant, 2));
    });

    it.each<[string, FaultRule]>([
        ["the PATCH", { kind: "update" }],
        ["the read-back GET", { kind: "get" }],
    ])("a spike on %s past the request timeout is retried and the update converges", async (_name, rule) => {
        const tenant = freshTenant({ "intune:requestTimeoutSeconds": "1" });
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { ...rule, latencyMs: 1600, times: 1 });
        await stack.upOk(pairProgram(tenant, 2));
        await new Promise((resolve) => setTimeout(resolve, 700)); // the slow request completes on the server
        await expectRerunConverges(tenant, stack, pairProgram(tenant, 2));
    });

    // A create that times out while Graph is still working on it is given intune:createSettleSeconds
    // to finish before it is looked for: it is found and taken, not sent again.
    it("a spike on the create POST past the request timeout leaves exactly one policy", async () => {
        const tenant = freshTenant({ "intune:requestTimeoutSeconds": "1", "intune:createSettleSeconds": "1" });
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", latencyMs: 1600, times: 1 });
        await stack.up(program);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // the slow create completes on the server
        expect(suite.emulator.count({ tenantId: tenant.tenantId, kind: "create" })).toBe(1);
        await expectRerunConverges(tenant, stack, program);
    });

    it("a create POST that completes only after it was sent again: the late copy is found once Graph settled, and deleted", async () => {
        // Times out at 1 s, not there when looked for at 2 s, sent again; the first completes at 2.5 s
        // and is found by the look 1 s after the second was answered.
        const tenant = freshTenant({ "intune:requestTimeoutSeconds": "1", "intune:createSettleSeconds": "1" });
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", latencyMs: 2500, times: 1 });
        await stack.upOk(program);
        // in the order the emulator completed them: the first POST completes after the second
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind}`)).toEqual([
            "GET list",
            "POST create",
            "POST create",
            "GET list",
            "GET get",
            "DELETE delete",
        ]);
        const [kept] = suite.emulator.policies(tenant.tenantId);
        expect(kept.id).toBe(stack.state.get("ios")!.id);
        await expectRerunConverges(tenant, stack, program);
    });
});

describe("a create whose answer is lost", () => {
    it("never takes a sibling's policy with the same name and settings for its own", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const twin = (name: string, app: string, group: string): Declared => ({
            platform: "ios",
            name,
            args: { displayName: "Twin", pinRequired: true, apps: [app], assignments: { include: [group] } },
        });
        const b = twin("b", "com.microsoft.skype.teams", tenant.groups.sales);
        const a = twin("a", "com.microsoft.office.outlook", tenant.groups.finance);
        await stack.upOk([b]);
        fault(tenant, { kind: "create", dropConnection: true, times: 1 });
        await stack.upOk([a, b]);
        expect(stack.state.get("a")!.id).not.toBe(stack.state.get("b")!.id);
        const live = suite.emulator.policies(tenant.tenantId);
        expect(live).toHaveLength(2);
        const byId = (id: string) => live.find((p) => p.id === id);
        expect(byId(stack.state.get("b")!.id).apps.map((x: any) => x.mobileAppIdentifier.bundleId)).toEqual([
            "com.microsoft.skype.teams",
        ]);
        expect(byId(stack.state.get("a")!.id).apps.map((x: any) => x.mobileAppIdentifier.bundleId)).toEqual([
            "com.microsoft.office.outlook",
        ]);
    });

    it("is found again when the name has quotes, with two GETs and no second POST", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program: Declared[] = [
            {
                ...pairProgram(tenant, 1)[0],
                args: { ...pairProgram(tenant, 1)[0].args, displayName: "O'Brien's \"iOS\" policy" },
            },
        ];
        fault(tenant, { kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        await stack.upOk(program);
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind}`)).toEqual([
            "POST create",
            "GET list",
            "GET get",
        ]);
        await expectRerunConverges(tenant, stack, program);
    });

    it("creates of policies with the same name run one at a time (a lost one never sees a sibling's unanswered policy), others in parallel", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const named = (name: string, displayName: string, minimumPinLength: number): Declared => ({
            platform: "ios",
            name,
            args: { displayName, pinRequired: true, minimumPinLength },
        });
        const program = [named("a", "Same", 4), named("b", "Same", 6), named("c", "Other", 4)];
        fault(tenant, { kind: "create", latencyMs: 600 });
        await stack.upOk(program);
        const posts = graphRequests(suite.emulator, tenant).filter((r) => r.kind === "create");
        const span = (displayName: string) =>
            posts
                .filter((r) => (r.body as { displayName: string }).displayName === displayName)
                .map((r) => ({ from: r.timeMs, to: r.timeMs + r.durationMs }));
        const [first, second] = span("Same").sort((x, y) => x.from - y.from);
        const [other] = span("Other");
        expect(second.from).toBeGreaterThanOrEqual(first.to);
        expect(other.from).toBeLessThan(first.to);
        expect(first.from).toBeLessThan(other.to);
        const live = suite.emulator
            .policies(tenant.tenantId)
            .map((p) => `${p.id} ${p.displayName} ${p.minimumPinLength}`);
        const tracked = program.map(
            (d) => `${stack.state.get(d.name)!.id} ${d.args.displayName} ${d.args.minimumPinLength}`,
        );
        expect(live.sort()).toEqual(tracked.sort());
    });

    it("an HTTP 500 on the create POST is looked for before the POST is sent again", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", status: 500, times: 1 });
        await stack.upOk(program);
        // the second look is for a late copy of the first POST, once Graph had time to settle
        expect(graphRequests(suite.emulator, tenant).map((r) => `${r.method} ${r.kind} ${r.status}`)).toEqual([
            "POST create 500",
            "GET list 200",
            "POST create 201",
            "GET list 200",
        ]);
        await expectRerunConverges(tenant, stack, program);
    });

    it("when looking for late copies after the re-sent create fails, the created policy is still tracked and the error says what to check", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        const program = [pairProgram(tenant, 1)[0]];
        fault(tenant, { kind: "create", dropConnection: true, times: 1 });
        fault(tenant, { kind: "list", status: 500, nth: 2 });
        const [error] = errorsOf(await stack.up(program));
        expectClearError(
            error,
            /created iOS\/iPadOS policy T_[0-9a-f-]+, but looking for copies made by the POSTs whose answer was lost failed: .*HTTP 500.*policies named "Res iOS" created just now/,
        );
        expect(error).toMatchObject({ name: "PartialApplyError" });
        expect(stack.state.get("ios")).toMatchObject({
            id: suite.emulator.policies(tenant.tenantId)[0].id,
            initErrors: [error.message],
        });
        await expectRerunConverges(tenant, stack, program);
    });

    it("when looking for it fails too, the error says a policy may exist and how to take it over", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        fault(tenant, { kind: "create", dropConnectionAfterProcessing: true, times: 1 });
        fault(tenant, { kind: "list", status: 500 });
        const [error] = errorsOf(await stack.up([pairProgram(tenant, 1)[0]]));
        expectClearError(
            error,
            /creating iOS\/iPadOS policy "Res iOS" ended without telling whether Graph created it .*looking for the policy it may have created failed: .*HTTP 500.*policy named "Res iOS" created just now: delete it, or adopt it with adoptPolicyId/,
        );
        // following the advice converges
        const [orphan] = suite.emulator.policies(tenant.tenantId);
        suite.emulator.clearFaults();
        const program: Declared[] = [
            { ...pairProgram(tenant, 1)[0], args: { ...pairProgram(tenant, 1)[0].args, adoptPolicyId: orphan.id } },
        ];
        await stack.upOk(program);
        expectConverged(suite.emulator, tenant, program, stack);
    });
});

describe("destroy under faults", () => {
    it("a DELETE whose answer is lost, and a 503, still leave the tenant empty", async () => {
        const tenant = freshTenant();
        const stack = new MiniStack();
        await stack.upOk(pairProgram(tenant, 1));
        fault(tenant, { kind: "delete", dropConnectionAfterProcessing: true, times: 1 });
        fault(tenant, { kind: "delete", status: 503, retryAfterSeconds: 0, times: 1 });
        await stack.upOk([]);
        expect(suite.emulator.policies(tenant.tenantId)).toEqual([]);
        expect(stack.state.size).toBe(0);
        expect(writes(tenant).filter((r) => r.kind === "delete").length).toBeGreaterThanOrEqual(3);
    });
});

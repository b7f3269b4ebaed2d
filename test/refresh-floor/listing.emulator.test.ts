/**
 * Reads at the read floor, against the Graph + token emulator over HTTPS through the real
 * @azure/identity credential and Graph client: the reads of one provider process are served from
 * the collection listed with `$expand=apps,assignments` in pages (the emulator forced to 4 policies
 * a page), with a per-policy GET only where the listing cannot tell, and never a drop on anything
 * but Graph's own not-found.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { listedOrFetched } from "../../provider/engine/listing";
import { openSession, resetGraphSessions } from "../../provider/graph";
import { readConnectionConfig } from "../../provider/config";
import { android, ios, type Platform } from "../../provider/settings/platforms";
import { configureFor, useEmulator } from "../support/provider";
import { configSource, stackConfig, tenantSpec } from "../support/tenants";

const PAGE_SIZE = 4;
const PER_PLATFORM = 6;

const { spec, tenant } = tenantSpec();
const suite = useEmulator(() => ({ tenants: [spec], pageSize: PAGE_SIZE }));
/** The policies made for the suite: platform, id and the outputs create stored. */
const made: { platform: Platform; id: string; props: Record<string, unknown> }[] = [];

/** A fresh provider process, as far as the engine can tell: new session, no listing yet. */
function newProcess(): void {
    resetGraphSessions();
    configureFor(suite.emulator, tenant);
}

beforeAll(async () => {
    newProcess();
    for (const platform of [ios, android]) {
        for (let k = 0; k < PER_PLATFORM; k++) {
            const inputs = checkInputs(platform, {
                displayName: `Floor ${platform.title} ${k}`,
                pinRequired: true,
                minimumPinLength: 6,
                periodOnlineBeforeAccessCheck: "PT30M",
                apps: ["com.microsoft.office.outlook"],
                assignments: { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] },
            }).inputs;
            const { id, outs } = await runtime.create(platform.name, { ...inputs, __provider: "p" });
            made.push({ platform, id, props: { ...outs, __provider: "p" } });
        }
    }
});
beforeEach(() => {
    newProcess();
    suite.emulator.clearFaults();
    suite.emulator.clearLog();
});

/** Every made policy read the way `pulumi refresh` reads them: all at once. */
const readAll = () => Promise.all(made.map((m) => runtime.read(m.platform.name, m.id, m.props)));

/** A read's outputs. */
const propsOf = (read: { props: object }) => read.props as Record<string, unknown>;

/** Graph requests (the token side aside) as `METHOD kind`. */
const graph = () => suite.emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata");
const count = (kind: string) => graph().filter((r) => r.kind === kind).length;
const pages = Math.ceil(PER_PLATFORM / PAGE_SIZE);

describe("reads served from the listing", () => {
    it("reads N policies with ceil(N / page size) list pages per platform and no per-policy GET", async () => {
        const results = await readAll();
        expect(results.map((r) => r.id)).toEqual(made.map((m) => m.id));
        for (const [k, result] of results.entries()) {
            expect(result.props).toMatchObject({
                pinRequired: true,
                minimumPinLength: 6,
                periodOnlineBeforeAccessCheck: "PT30M",
                apps: ["com.microsoft.office.outlook"],
                assignedGroupIds: made[k].props.assignedGroupIds,
            });
        }
        expect(count("list")).toBe(2 * pages);
        expect(graph()).toHaveLength(2 * pages);
        for (const request of graph()) expect(request.query.$expand).toBe("apps,assignments");
    });

    it("shows drift made in the tenant in a read served from the listing", async () => {
        const victim = made[1];
        suite.emulator.modifyPolicy(tenant.tenantId, victim.id, { minimumPinLength: 8 });
        try {
            const results = await readAll();
            expect(propsOf(results[1]).minimumPinLength).toBe(8);
            expect(propsOf(results[0]).minimumPinLength).toBe(6);
            expect(count("get")).toBe(0);
        } finally {
            suite.emulator.modifyPolicy(tenant.tenantId, victim.id, { minimumPinLength: 6 });
        }
    });

    it("reads a policy the listing lacks by its own GET, and drops it only on Graph's not-found", async () => {
        const victim = made[PER_PLATFORM + 2];
        const saved = suite.emulator.policy(tenant.tenantId, victim.id);
        suite.emulator.deletePolicy(tenant.tenantId, victim.id);
        try {
            const results = await readAll();
            expect(results[PER_PLATFORM + 2]).toEqual({ id: "", props: {} });
            expect(results.filter((r) => r.id === "")).toHaveLength(1);
            expect(
                graph()
                    .filter((r) => r.kind === "get")
                    .map((r) => [r.path.endsWith(victim.id), r.status]),
            ).toEqual([[true, 404]]);
        } finally {
            made[PER_PLATFORM + 2] = { ...victim, id: restore(saved) };
        }
    });

    it("reads a policy listed without its assignments by its own GET, and the others from the listing", async () => {
        const iosPolicies = suite.emulator.policies(tenant.tenantId).filter((p) => p["@odata.type"] === ios.odataType);
        const victim = iosPolicies[0].id;
        const value = iosPolicies.map((p) => {
            const { "@odata.type": type, assignments, ...rest } = p;
            void type;
            return p.id === victim ? rest : { ...rest, assignments };
        });
        suite.emulator.injectFault({ kind: "list", path: /iosManagedAppProtections$/, status: 200, body: { value } });
        const results = await readAll();
        expect(results.every((r) => r.id !== "")).toBe(true);
        expect(
            graph()
                .filter((r) => r.kind === "get")
                .map((r) => r.path.endsWith(victim)),
        ).toEqual([true]);
    });

    it("after a write, reads use their own GET: nothing listed before it is served after it", async () => {
        const [first, second] = made;
        await runtime.read(first.platform.name, first.id, first.props);
        expect(count("list")).toBe(pages);
        await runtime.update(first.platform.name, first.id, first.props, { ...first.props, minimumPinLength: 7 });
        suite.emulator.modifyPolicy(tenant.tenantId, second.id, { minimumPinLength: 9 });
        try {
            const read = await runtime.read(second.platform.name, second.id, second.props);
            expect(propsOf(read).minimumPinLength).toBe(9);
            expect(count("list")).toBe(pages);
            expect(graph().filter((r) => r.kind === "get" && r.path.endsWith(second.id))).toHaveLength(1);
        } finally {
            suite.emulator.modifyPolicy(tenant.tenantId, first.id, { minimumPinLength: 6 });
            suite.emulator.modifyPolicy(tenant.tenantId, second.id, { minimumPinLength: 6 });
        }
    });
});

describe("an incomplete listing never drops anything", () => {
    it("a failed page: every read of that platform uses its own GET, none is dropped", async () => {
        suite.emulator.injectFault({ kind: "list", path: /iosManagedAppProtections$/, nth: 2, status: 500 });
        const results = await readAll();
        expect(results.map((r) => r.id)).toEqual(made.map((m) => m.id));
        const gets = graph().filter((r) => r.kind === "get");
        expect(gets).toHaveLength(PER_PLATFORM);
        expect(gets.every((r) => r.path.includes("iosManagedAppProtections"))).toBe(true);
    });

    it("a page without a `value` list: read per policy, none is dropped", async () => {
        suite.emulator.injectFault({ kind: "list", path: /androidManagedAppProtections$/, status: 200, body: {} });
        const results = await readAll();
        expect(results.map((r) => r.id)).toEqual(made.map((m) => m.id));
        expect(count("get")).toBe(PER_PLATFORM);
    });

    it("more pages than the listing may read: read per policy, none is dropped", async () => {
        const { platform, id, props } = made[0];
        const fetched: string[] = [];
        const policy = await listedOrFetched(
            openedSession(),
            platform,
            id,
            Object.keys(props).filter((key) => key in platform.settings),
            async () => {
                fetched.push(id);
                return { id };
            },
            { maxPages: pages - 1 },
        );
        expect(policy).toEqual({ id });
        expect(fetched).toEqual([id]);
        expect(count("list")).toBe(pages - 1);
    });
});

describe("the listing's lifetime", () => {
    it("serves reads for a bounded time: a read after it lists again", async () => {
        const { platform, id, props } = made[0];
        const keys = Object.keys(props).filter((key) => key in platform.settings);
        const session = openedSession();
        const never = async () => {
            throw new Error("not read from the listing");
        };
        await listedOrFetched(session, platform, id, keys, never, { lifetimeMs: 60_000 });
        await listedOrFetched(session, platform, id, keys, never, { lifetimeMs: 60_000 });
        expect(count("list")).toBe(pages);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await listedOrFetched(session, platform, id, keys, never, { lifetimeMs: 10 });
        expect(count("list")).toBe(2 * pages);
    });
});

/** Puts a deleted policy back (same settings, a new id) and returns its id. */
function restore(saved: Record<string, any>): string {
    const { id, createdDateTime, lastModifiedDateTime, version, ...body } = saved;
    void [id, createdDateTime, lastModifiedDateTime, version];
    return suite.emulator.seedPolicy(tenant.tenantId, body).id;
}

/** The Graph session the configured provider uses (sessions are shared by connection config). */
const openedSession = () => openSession(readConnectionConfig(configSource(stackConfig(suite.emulator, tenant)), {}));

/**
 * The live acceptance suite inside `npm test`: the same code `npm run test:live` runs against a
 * real tenant, pointed at the emulator through the same `INTUNE_LIVE_*` variables (plus the
 * endpoints and the emulator's CA). The emulated tenant also holds policies the suite must not
 * touch: one of an admin, one whose name only contains the suite's pattern, a leftover of a run
 * still going on elsewhere (younger than the sweep age), and a leftover three days old that the
 * sweep removes. The emulator's own request log is the independent witness here.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, trustEmulatorCa, type Emulator } from "../../emulator";
import { tenantSpec } from "../support/tenants";
import { liveAcceptanceSuite } from "./suite";
import { LiveRun } from "./run";
import { liveSettings } from "./settings";

jest.setTimeout(300_000);

const made = tenantSpec();
const { tenant } = made;
let emulator: Emulator;
let work: string;
const savedEnv = { ...process.env };

/** Policies the suite must leave as they are, by display name. */
const OTHERS = {
    admin: "Contoso iOS baseline",
    lookalike: "Sales pulumi-live-0123abcd-android",
    running: "pulumi-live-0badc0de-ios",
};
const OLD_LEFTOVER = "pulumi-live-00c0ffee-android";
let before: Record<string, { id: string; version: string }> = {};
/** Writes the failed run counted from its trace. */
let failedRunWrites = 0;

const ios = (displayName: string) => ({
    "@odata.type": "#microsoft.graph.iosManagedAppProtection",
    displayName,
    pinRequired: true,
});
const android = (displayName: string) => ({
    "@odata.type": "#microsoft.graph.androidManagedAppProtection",
    displayName,
    screenCaptureBlocked: true,
});

/** A tenant with the other policies in place, the old leftover created three days ago. */
async function seededDataFile(): Promise<string> {
    const dataFile = path.join(work, "tenant.json");
    const seeding = await startEmulator({ tenants: [made.spec], dataFile, caDir: path.join(work, "ca") });
    seeding.seedPolicy(tenant.tenantId, ios(OTHERS.admin));
    seeding.seedPolicy(tenant.tenantId, android(OTHERS.lookalike));
    seeding.seedPolicy(tenant.tenantId, ios(OTHERS.running));
    seeding.seedPolicy(tenant.tenantId, android(OLD_LEFTOVER));
    await seeding.close();
    const state = JSON.parse(fs.readFileSync(dataFile, "utf8"));
    const threeDaysAgo = new Date(Date.now() - 72 * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    for (const policy of state.tenants[0].policies)
        if (policy.displayName === OLD_LEFTOVER) policy.createdDateTime = threeDaysAgo;
    fs.writeFileSync(dataFile, JSON.stringify(state));
    return dataFile;
}

const policyNamed = (name: string) => emulator.policies(tenant.tenantId).find((p) => p.displayName === name);

const suite = liveAcceptanceSuite({
    before: async () => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "intune-live-emulator-"));
        emulator = await startEmulator({ dataFile: await seededDataFile(), caDir: path.join(work, "ca") });
        before = Object.fromEntries(
            Object.entries(OTHERS).map(([key, name]) => {
                const p = policyNamed(name);
                return [key, { id: p.id, version: p.version }];
            }),
        );
        expect(policyNamed(OLD_LEFTOVER)).toBeDefined();
        trustEmulatorCa(emulator.caCertPem);
        Object.assign(process.env, {
            INTUNE_LIVE_TENANT_ID: tenant.tenantId,
            INTUNE_LIVE_CLIENT_ID: tenant.clientId,
            INTUNE_LIVE_CLIENT_SECRET: tenant.clientSecret,
            INTUNE_LIVE_GRAPH_ENDPOINT: emulator.url,
            INTUNE_LIVE_AUTHORITY_HOST: emulator.url,
            NODE_EXTRA_CA_CERTS: emulator.caCertPath,
        });
        delete process.env.INTUNE_LIVE_CERTIFICATE_PATH;
        delete process.env.INTUNE_LIVE_SWEEP_HOURS;
    },
});

afterAll(async () => {
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    await emulator?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the suite's own Graph writes", () => {
    it("are refused, before any request, for a policy without the run's prefix", async () => {
        const run = new LiveRun(liveSettings(process.env));
        try {
            const admin = (await run.tenant.list()).find((p) => p.displayName === OTHERS.admin)!;
            const sent = emulator.requests.length;
            await expect(run.tenant.create("ios", { displayName: "Contoso iOS" })).rejects.toThrow(
                `refusing to write "Contoso iOS": it lacks this run's prefix ${run.prefix}`,
            );
            await expect(run.tenant.change(admin, { pinRequired: false })).rejects.toThrow(/lacks this run's prefix/);
            const own = { ...admin, displayName: `${run.prefix}x` };
            await expect(run.tenant.change(own, { displayName: "renamed" })).rejects.toThrow(/lacks this run's prefix/);
            expect(emulator.requests.slice(sent)).toEqual([]);
        } finally {
            run.dispose();
        }
    });
});

describe("a failed run", () => {
    it("is cleaned up too: its stack's policies and those it made outside any stack are deleted", async () => {
        const run = new LiveRun(liveSettings(process.env));
        try {
            await run.traced(run.step("failure", "create outside Pulumi"), () =>
                run.tenant.create("ios", { displayName: `${run.prefix}outside` }),
            );
            emulator.injectFault({ method: "POST", path: /androidManagedAppProtections$/, status: 400, times: 1 });
            const stack = run.declare("failing", [
                { platform: "ios", name: "ios", args: { displayName: `${run.prefix}ios`, pinRequired: true } },
                {
                    platform: "android",
                    name: "android",
                    args: { displayName: `${run.prefix}android`, pinRequired: true },
                },
            ]);
            await expect(run.engine("up", stack, run.step("failure", "up"))).rejects.toThrow(
                /pulumi up of stack failing failed/,
            );
            expect((await run.tenant.own()).map((p) => p.displayName).sort()).toEqual([
                `${run.prefix}ios`,
                `${run.prefix}outside`,
            ]);
            expect(await run.cleanUp()).toEqual([]);
            expect(await run.tenant.own()).toEqual([]);
        } finally {
            emulator.clearFaults();
            run.dispose();
            failedRunWrites = run.writesCounted;
        }
    });
});

describe("the emulated tenant after the runs", () => {
    it("holds every policy without a run's prefix as it was, and no request wrote to one", () => {
        for (const [key, { id, version }] of Object.entries(before)) {
            expect([key, emulator.policy(tenant.tenantId, id)?.version]).toEqual([key, version]);
            const written = emulator.requests.filter(
                (r) => r.method !== "GET" && r.path.toLowerCase().includes(id.toLowerCase()),
            );
            expect([key, written]).toEqual([key, []]);
        }
    });

    it("the sweep deleted the three-day-old leftover of an earlier run, and no policy of a run is left", () => {
        expect(policyNamed(OLD_LEFTOVER)).toBeUndefined();
        const names = emulator
            .policies(tenant.tenantId)
            .map((p) => p.displayName)
            .sort();
        expect(names).toEqual(Object.values(OTHERS).sort());
    });

    it("the writes the suite counted from the provider's trace are the writes the emulator received", () => {
        const received = emulator.requests.filter((r) => r.method !== "GET" && r.kind !== "token");
        // The failed run: POST outside, POST iOS, the refused POST, two DELETEs.
        expect(failedRunWrites).toBe(5);
        expect(suite.run().writesCounted + failedRunWrites).toBe(received.length);
        // The suite: 2 POSTs (up), 1 PATCH (update), 2 PATCHes (drift: outside, then up), 1 POST
        // (the policy to adopt), 3 DELETEs (destroy), 1 DELETE (the sweep of the old leftover).
        expect(suite.run().writesCounted).toBe(10);
    });
});

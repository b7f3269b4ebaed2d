/**
 * The faults found by probing (issue #14 items 5 and 8-11), reproduced the way the issue did:
 * under the real Pulumi engine (CLI, dynamic provider host, file backend) against the emulator.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { engine, runEngine, trackedPolicies, useEngineSuite } from "../support/engine";
import { useHtml404Server } from "../support/html404";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, graphRequests, pairProgram, type Declared } from "./harness";

/** Short retry budgets and waits (no fault here needs long ones). */
const FAST = {
    "intune:maxRetryDurationSeconds": "1.5",
    "intune:requestTimeoutSeconds": "30",
    "intune:createSettleSeconds": "0.2",
};

jest.setTimeout(240_000);

const suite = useEngineSuite("intune-probes-", () => ({ tenants: [] }));
/** Answers an HTML 404 page; its certificate from the emulator's CA, which the engine's processes trust. */
const html404 = useHtml404Server(() => {
    const caDir = path.join(suite.work, "ca");
    return {
        certPem: fs.readFileSync(path.join(caDir, "ca.pem"), "utf8"),
        keyPem: fs.readFileSync(path.join(caDir, "ca-key.pem"), "utf8"),
    };
});
afterEach(() => suite.emulator.clearFaults());

function freshTenant(): TestTenant {
    const made = tenantSpec();
    suite.emulator.addTenant(made.spec);
    return made.tenant;
}

const stackRun = (stack: string, tenant: TestTenant, policies: Declared[], config: Record<string, string> = {}) =>
    suite.declare(stack, tenant, policies, { config: { ...FAST, ...config } });

/** The policies the stack's state tracks, with their outputs. */
const tracked = (stack: string) => trackedPolicies({ stateDir: path.join(suite.work, "state"), stackName: stack });

const writes = (tenant: TestTenant) => graphRequests(suite.emulator, tenant).filter((r) => r.method !== "GET");

function seedIos(tenant: TestTenant, displayName: string) {
    return suite.emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
        displayName,
        pinRequired: true,
    });
}

describe("refresh with intune:graphEndpoint pointing at a server that answers an HTML 404 (#14.5)", () => {
    it("fails naming the setting, drops nothing from state, and the next up creates nothing", async () => {
        const tenant = freshTenant();
        const program = pairProgram(tenant, 1, "Html");
        await engine("up", stackRun("html404", tenant, program));
        const before = tracked("html404").map((r) => r.id);
        expect(before).toHaveLength(2);

        const failed = await runEngine(
            "refresh",
            stackRun("html404", tenant, program, { "intune:graphEndpoint": html404.url }),
        );
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
            /answered GET .* with HTTP 404, but not in Microsoft Graph's error format \(text\/html\)/,
        );
        expect(tracked("html404").map((r) => r.id)).toEqual(before);

        suite.emulator.clearLog();
        const again = await engine("up", stackRun("html404", tenant, program));
        expect(again.changes).toEqual({ same: 3 });
        expect(writes(tenant)).toEqual([]);
        expect(suite.emulator.policies(tenant.tenantId)).toHaveLength(2);
        expectConverged(suite.emulator, tenant, program);
    });
});

describe("refresh whose GET answers lack properties (#14.8)", () => {
    it("keeps settings, apps and assignments in state, and the next preview shows no change", async () => {
        const tenant = freshTenant();
        const program = pairProgram(tenant, 1, "Partial");
        await engine("up", stackRun("partial", tenant, program));
        const before = tracked("partial");
        // Only each policy's identity, in the collection listing refresh reads first and in the
        // GET of each policy: no settings, no apps, no assignments.
        const partial = (id: string) => {
            const live = suite.emulator.policy(tenant.tenantId, id);
            return { "@odata.type": live["@odata.type"], id, displayName: live.displayName, version: live.version };
        };
        for (const { id } of before) {
            suite.emulator.injectFault({
                tenantId: tenant.tenantId,
                kind: "get",
                path: new RegExp(`${id}$`),
                status: 200,
                body: partial(id),
            });
            suite.emulator.injectFault({
                tenantId: tenant.tenantId,
                kind: "list",
                path: new RegExp(
                    `${suite.emulator.policy(tenant.tenantId, id)["@odata.type"].includes("ios") ? "ios" : "android"}ManagedAppProtections$`,
                ),
                status: 200,
                body: { value: [partial(id)] },
            });
        }
        suite.emulator.clearLog();
        await engine("refresh", stackRun("partial", tenant, program));
        expect(graphRequests(suite.emulator, tenant).filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(
            2,
        );
        for (const { id, outputs } of tracked("partial")) {
            const old = before.find((r) => r.id === id)!.outputs;
            expect([id, outputs.apps, outputs.assignments, outputs.pinRequired]).toEqual([
                id,
                old.apps,
                old.assignments,
                true,
            ]);
        }
        suite.emulator.clearFaults();
        suite.emulator.clearLog();
        const preview = await engine("preview", stackRun("partial", tenant, program));
        expect(preview.changes).toEqual({ same: 3 });
        expect(writes(tenant)).toEqual([]);
    });
});

describe("adoptPolicyId (#14.9, #12)", () => {
    it("one policy id adopted by two resources fails at preview, naming the other resource; nothing is sent", async () => {
        const tenant = freshTenant();
        const existing = seedIos(tenant, "Adopted twice");
        const adopt = (name: string): Declared => ({
            platform: "ios",
            name,
            args: { displayName: "Adopted twice", adoptPolicyId: existing.id },
        });
        suite.emulator.clearLog();
        const failed = await runEngine("preview", stackRun("adopt-twice", tenant, [adopt("first"), adopt("second")]));
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
            new RegExp(`policy ${existing.id} is already adopted by resource "(first|second)" of this stack`),
        );
        expect(writes(tenant)).toEqual([]);
        // One adopter is fine.
        const ok = await engine("preview", stackRun("adopt-twice", tenant, [adopt("first")]));
        expect(ok.changes).toEqual({ create: 2 });
    });

    it("changing the adoptPolicyId of an adopted resource fails at preview and says what to do", async () => {
        const tenant = freshTenant();
        const one = seedIos(tenant, "Adopted one");
        const two = seedIos(tenant, "Adopted two");
        const declare = (id: string): Declared[] => [
            { platform: "ios", name: "adopted", args: { displayName: "Adopted one", adoptPolicyId: id } },
        ];
        await engine("up", stackRun("adopt-switch", tenant, declare(one.id)));
        suite.emulator.clearLog();
        const failed = await runEngine("preview", stackRun("adopt-switch", tenant, declare(two.id)));
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
            new RegExp(`already manages iOS/iPadOS policy ${one.id} and cannot switch to ${two.id} in place`),
        );
        expect(failed.output).toMatch(/pulumi state delete/);
        expect(writes(tenant)).toEqual([]);
        expect(tracked("adopt-switch").map((r) => r.id)).toEqual([one.id]);
    });
});

describe("an `apps` list given as an Output unknown at preview (#14.10)", () => {
    const program = (apps: string[]): Declared[] => [
        { platform: "ios", name: "base", args: { displayName: "Outputs base", pinRequired: true } },
        {
            platform: "android",
            name: "dependent",
            args: { displayName: "Outputs dependent", pinRequired: true, apps: { $after: "base", value: apps } },
        },
    ];

    it("passes preview and is created with the apps once known", async () => {
        const tenant = freshTenant();
        const preview = await engine("preview", stackRun("outputs", tenant, program(["com.microsoft.teams"])));
        expect(preview.changes).toEqual({ create: 3 });
        await engine("up", stackRun("outputs", tenant, program(["com.microsoft.teams"])));
        const dependent = suite.emulator.policies(tenant.tenantId).find((p) => p.displayName === "Outputs dependent")!;
        expect(dependent.apps.map((a: any) => a.mobileAppIdentifier.packageId)).toEqual(["com.microsoft.teams"]);
        expect(dependent.appGroupType).toBe("selectedPublicApps");
    });

    it("an invalid list is checked once known: up fails naming apps and the value, and creates nothing with it", async () => {
        const tenant = freshTenant();
        const preview = await engine("preview", stackRun("outputs-bad", tenant, program(["not an app id!"])));
        expect(preview.changes).toEqual({ create: 3 });
        const failed = await runEngine("up", stackRun("outputs-bad", tenant, program(["not an app id!"])));
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(
            /apps \(Apps > Selected apps\): \["not an app id!"\] item 0 \("not an app id!"\) is not/,
        );
        expect(suite.emulator.policies(tenant.tenantId).map((p) => p.displayName)).toEqual(["Outputs base"]);
    });
});

describe("secrets and the process list (#14.11)", () => {
    it("no process shows the client secret on its command line during up", async () => {
        const tenant = freshTenant();
        const seen: string[] = [];
        let running = true;
        const poll = (async () => {
            while (running) {
                // Asynchronously: the emulator answers from this process.
                const ps = await new Promise<string>((resolve) =>
                    execFile("ps", ["-eww", "-o", "args"], { maxBuffer: 1 << 24 }, (_err, stdout) =>
                        resolve(stdout ?? ""),
                    ),
                );
                seen.push(...ps.split("\n").filter((line) => line.includes("pulumi") || line.includes("stack.ts")));
                if (ps.includes(tenant.clientSecret)) seen.push(`SECRET IN: ${ps}`);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        })();
        try {
            await engine("up", stackRun("secrets", tenant, pairProgram(tenant, 1, "Secrets")));
        } finally {
            running = false;
            await poll;
        }
        expect(seen.some((line) => line.includes("stack.ts up"))).toBe(true); // the poll saw the driver
        expect(seen.filter((line) => line.includes(tenant.clientSecret))).toEqual([]);
        expectConverged(suite.emulator, tenant, pairProgram(tenant, 1, "Secrets"));
    });
});

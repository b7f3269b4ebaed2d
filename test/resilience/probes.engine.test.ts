/**
 * The faults found by probing (issue #14 items 5 and 8-11), reproduced the way the issue did:
 * under the real Pulumi engine (CLI, dynamic provider host, file backend) against the emulator.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as path from "path";
import { issueServerCert } from "../../emulator/certs";
import { startEmulator, type Emulator } from "../../emulator";
import { engine, runEngine, tempDir, type EngineRun } from "../support/engine";
import { tenantSpec, type TestTenant } from "../support/tenants";
import { expectConverged, graphRequests, pairProgram, type Declared } from "./harness";

/** Short retry budgets and waits (no fault here needs long ones). */
const FAST = {
    "intune:maxRetryDurationSeconds": "1.5",
    "intune:requestTimeoutSeconds": "30",
    "intune:createSettleSeconds": "0.2",
};

jest.setTimeout(240_000);

const PROGRAM = path.join(__dirname, "program");

let emulator: Emulator;
let work: string;
/** An HTTPS server (certificate from the emulator's CA) answering everything with an HTML 404 page. */
let html404: https.Server;
let html404Url: string;

beforeAll(async () => {
    work = tempDir("intune-probes-");
    const caDir = path.join(work, "ca");
    emulator = await startEmulator({ tenants: [], caDir });
    const cert = issueServerCert({
        certPem: fs.readFileSync(path.join(caDir, "ca.pem"), "utf8"),
        keyPem: fs.readFileSync(path.join(caDir, "ca-key.pem"), "utf8"),
    });
    html404 = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => {
        res.writeHead(404, { "Content-Type": "text/html" });
        res.end("<html><body><h1>404 Not Found</h1></body></html>");
    });
    await new Promise<void>((resolve) => html404.listen(0, "127.0.0.1", resolve));
    html404Url = `https://127.0.0.1:${(html404.address() as AddressInfo).port}`;
});
afterAll(async () => {
    await new Promise((resolve) => html404.close(resolve));
    await emulator.close();
    fs.rmSync(work, { recursive: true, force: true });
});
afterEach(() => emulator.clearFaults());

function freshTenant(): TestTenant {
    const made = tenantSpec();
    emulator.addTenant(made.spec);
    return made.tenant;
}

function stackRun(
    stack: string,
    tenant: TestTenant,
    policies: unknown[],
    config: Record<string, string> = {},
): EngineRun {
    const file = path.join(work, `${stack}-policies.json`);
    fs.writeFileSync(file, JSON.stringify(policies));
    return {
        program: PROGRAM,
        stack,
        stateDir: path.join(work, "state"),
        config: {
            "intune:tenantId": tenant.tenantId,
            "intune:clientId": tenant.clientId,
            "intune:graphEndpoint": emulator.url,
            "intune:authorityHost": emulator.url,
            ...FAST,
            ...config,
        },
        secrets: { "intune:clientSecret": tenant.clientSecret },
        env: { E2E_POLICIES: file, NODE_EXTRA_CA_CERTS: emulator.caCertPath },
    };
}

/** The policies the stack's state tracks, with their outputs. */
function tracked(stack: string): { id: string; outputs: Record<string, unknown> }[] {
    const dir = path.join(work, "state", "backend", ".pulumi", "stacks");
    const file = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .find((f) => f.endsWith(`${path.sep}${stack}.json`) || f === `${stack}.json`);
    const state = JSON.parse(fs.readFileSync(path.join(dir, file!), "utf8"));
    return state.checkpoint.latest.resources.filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/intune:"));
}

const writes = (tenant: TestTenant) => graphRequests(emulator, tenant).filter((r) => r.method !== "GET");

function seedIos(tenant: TestTenant, displayName: string) {
    return emulator.seedPolicy(tenant.tenantId, {
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
            stackRun("html404", tenant, program, { "intune:graphEndpoint": html404Url }),
        );
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(
            /answered GET .* with HTTP 404, but not in Microsoft Graph's error format \(text\/html\)/,
        );
        expect(tracked("html404").map((r) => r.id)).toEqual(before);

        emulator.clearLog();
        const again = await engine("up", stackRun("html404", tenant, program));
        expect(again.changes).toEqual({ same: 3 });
        expect(writes(tenant)).toEqual([]);
        expect(emulator.policies(tenant.tenantId)).toHaveLength(2);
        expectConverged(emulator, tenant, program);
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
            const live = emulator.policy(tenant.tenantId, id);
            return { "@odata.type": live["@odata.type"], id, displayName: live.displayName, version: live.version };
        };
        for (const { id } of before) {
            emulator.injectFault({
                tenantId: tenant.tenantId,
                kind: "get",
                path: new RegExp(`${id}$`),
                status: 200,
                body: partial(id),
            });
            emulator.injectFault({
                tenantId: tenant.tenantId,
                kind: "list",
                path: new RegExp(
                    `${emulator.policy(tenant.tenantId, id)["@odata.type"].includes("ios") ? "ios" : "android"}ManagedAppProtections$`,
                ),
                status: 200,
                body: { value: [partial(id)] },
            });
        }
        emulator.clearLog();
        await engine("refresh", stackRun("partial", tenant, program));
        expect(graphRequests(emulator, tenant).filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(2);
        for (const { id, outputs } of tracked("partial")) {
            const old = before.find((r) => r.id === id)!.outputs;
            expect([id, outputs.apps, outputs.assignments, outputs.pinRequired]).toEqual([
                id,
                old.apps,
                old.assignments,
                true,
            ]);
        }
        emulator.clearFaults();
        emulator.clearLog();
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
        emulator.clearLog();
        const failed = await runEngine("preview", stackRun("adopt-twice", tenant, [adopt("first"), adopt("second")]));
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(
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
        emulator.clearLog();
        const failed = await runEngine("preview", stackRun("adopt-switch", tenant, declare(two.id)));
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(
            new RegExp(`already manages iOS/iPadOS policy ${one.id} and cannot switch to ${two.id} in place`),
        );
        expect(failed.stderr).toMatch(/pulumi state delete/);
        expect(writes(tenant)).toEqual([]);
        expect(tracked("adopt-switch").map((r) => r.id)).toEqual([one.id]);
    });
});

describe("an `apps` list given as an Output unknown at preview (#14.10)", () => {
    const program = (apps: string[]): unknown[] => [
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
        const dependent = emulator.policies(tenant.tenantId).find((p) => p.displayName === "Outputs dependent")!;
        expect(dependent.apps.map((a: any) => a.mobileAppIdentifier.packageId)).toEqual(["com.microsoft.teams"]);
        expect(dependent.appGroupType).toBe("selectedPublicApps");
    });

    it("an invalid list is checked once known: up fails naming apps and the value, and creates nothing with it", async () => {
        const tenant = freshTenant();
        const preview = await engine("preview", stackRun("outputs-bad", tenant, program(["not an app id!"])));
        expect(preview.changes).toEqual({ create: 3 });
        const failed = await runEngine("up", stackRun("outputs-bad", tenant, program(["not an app id!"])));
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(/apps \(Apps > Selected apps\): item 0 \("not an app id!"\) is not/);
        expect(emulator.policies(tenant.tenantId).map((p) => p.displayName)).toEqual(["Outputs base"]);
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
        expectConverged(emulator, tenant, pairProgram(tenant, 1, "Secrets"));
    });
});

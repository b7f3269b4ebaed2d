import { ChildProcess, execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator/index";
import {
    CLIENT,
    defaultTenant,
    GROUP_A,
    IOS,
    iosBody,
    SECRET,
    startTestEmulator,
    TENANT,
} from "../support/emulator-kit";

const ROOT = path.resolve(__dirname, "../..");
const TS_NODE = ["-r", "ts-node/register/transpile-only"];

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            args,
            { cwd: ROOT, env: { ...process.env, ...env }, timeout: 90000 },
            (err, stdout, stderr) =>
                resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

describe("persistence and processes", () => {
    let tmp: string;
    beforeAll(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "emu-proc-"));
    });
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test("data file round trip (policies, tenants, groups, tokens) with a reused CA", async () => {
        const dataFile = path.join(tmp, "state.json");
        const caDir = path.join(tmp, "ca");
        const a = await startTestEmulator({ dataFile, caDir });
        const created = await a.call(
            "POST",
            IOS,
            iosBody({
                displayName: "persisted",
                assignments: [
                    { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP_A.id } },
                ],
            }),
        );
        expect(created.status).toBe(201);
        const token = await a.token();
        const saved = JSON.parse(fs.readFileSync(dataFile, "utf8"));
        expect(saved.tenants[0].policies[0].displayName).toBe("persisted");
        const caPem = a.emu.caCertPem;
        await a.emu.close();

        const b = await startEmulator({ dataFile, caDir });
        try {
            expect(b.caCertPem).toBe(caPem);
            expect(b.policy(TENANT, created.json.id)).toMatchObject({ displayName: "persisted", isAssigned: true });
            const res = await fetch(`${b.url}${IOS}/${created.json.id}?$expand=assignments`, {
                headers: { Authorization: `Bearer ${token}` },
            });
            expect(res.status).toBe(200);
            const body = (await res.json()) as { assignments: unknown[] };
            expect(body.assignments).toHaveLength(1);
            b.modifyPolicy(TENANT, created.json.id, { description: "changed behind the back" });
            expect(JSON.parse(fs.readFileSync(dataFile, "utf8")).tenants[0].policies[0].description).toBe(
                "changed behind the back",
            );
        } finally {
            await b.close();
        }
    });

    test("CLI prints {url, caCertPath}; another process trusts the CA via NODE_EXTRA_CA_CERTS (identity + graph-client)", async () => {
        const tenantsFile = path.join(tmp, "tenants.json");
        fs.writeFileSync(tenantsFile, JSON.stringify([defaultTenant()]));
        const caOut = path.join(tmp, "out", "ca.pem");
        const cli: ChildProcess = spawn(
            process.execPath,
            [
                ...TS_NODE,
                "emulator/cli.ts",
                "--tenants",
                tenantsFile,
                "--ca-out",
                caOut,
                "--no-throttle",
                "--latency-ms",
                "1",
            ],
            {
                cwd: ROOT,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        try {
            const line = await new Promise<string>((resolve, reject) => {
                let buf = "";
                let err = "";
                cli.stdout!.on("data", (d) => {
                    buf += d;
                    if (buf.includes("\n")) resolve(buf.split("\n")[0]);
                });
                cli.stderr!.on("data", (d) => (err += d));
                cli.on("exit", (code) => reject(new Error(`cli exited ${code}: ${err}`)));
            });
            const ready = JSON.parse(line) as { url: string; caCertPath: string };
            expect(ready.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
            expect(ready.caCertPath).toBe(caOut);
            const script = `
        const { ClientSecretCredential } = require("@azure/identity");
        const { Client } = require("@microsoft/microsoft-graph-client");
        const { TokenCredentialAuthenticationProvider } = require("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials");
        (async () => {
          const url = process.env.EMU_URL;
          const cred = new ClientSecretCredential("${TENANT}", "${CLIENT}", "${SECRET}", { authorityHost: url, disableInstanceDiscovery: true });
          const client = Client.initWithMiddleware({ authProvider: new TokenCredentialAuthenticationProvider(cred, { scopes: ["https://graph.microsoft.com/.default"] }), baseUrl: url, defaultVersion: "beta", customHosts: new Set(["127.0.0.1"]) });
          const p = await client.api("/deviceAppManagement/androidManagedAppProtections").post({ "@odata.type": "#microsoft.graph.androidManagedAppProtection", displayName: "cross-process" });
          const list = await client.api("/deviceAppManagement/androidManagedAppProtections").get();
          console.log(JSON.stringify({ id: p.id, n: list.value.length }));
        })().catch((e) => { console.error(e && (e.code || e.message)); process.exit(3); });`;
            const withoutCa = await run(["-e", script], { EMU_URL: ready.url, NODE_EXTRA_CA_CERTS: "" });
            expect(withoutCa.code).not.toBe(0);
            const withCa = await run(["-e", script], { EMU_URL: ready.url, NODE_EXTRA_CA_CERTS: ready.caCertPath });
            expect(withCa.stderr).toBe("");
            expect(JSON.parse(withCa.stdout)).toMatchObject({ id: expect.stringMatching(/^T_/), n: 1 });
        } finally {
            const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
            cli.kill("SIGTERM");
            expect(await exited).toBe(0);
        }
    });

    test("CLI names a wrong flag or value with the usage and exits 2; --help lists every flag and exits 0", async () => {
        const cli = (...args: string[]) => run([...TS_NODE, "emulator/cli.ts", ...args]);
        const [badPort, missingTenants, unknown, help] = await Promise.all([
            cli("--port", "x"),
            cli("--tenants", path.join(tmp, "absent.json")),
            cli("--no-trottle"),
            cli("--help"),
        ]);
        expect(badPort.stderr).toMatch(/--port <N>' argument 'x' is invalid\. needs a non-negative integer/);
        expect(badPort.stderr).toContain("Usage: cli.js [options]");
        expect(badPort).toMatchObject({ code: 2, stdout: "" });
        expect(missingTenants.code).toBe(2);
        expect(missingTenants.stderr).toMatch(/--tenants <FILE>' argument '.*absent\.json' is invalid\. ENOENT/);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown option '--no-trottle'\n(Did you mean --no-throttle?)");
        expect(help.code).toBe(0);
        for (const flag of [
            "--port <N>",
            "--data-file <FILE>",
            "--tenants <FILE>",
            "--ca-out <FILE>",
            "--ca-dir <DIR>",
            "--no-throttle",
            "--latency-ms <N>",
            "--no-retry-after",
            "--page-size <N>",
            "--fidelity <JSON>",
        ])
            expect(help.stdout).toContain(flag);
    }, 180000);

    test("in-process trust fallback (tls.createSecureContext patch) works for https and fetch", async () => {
        const script = `
      const https = require("https");
      const { generateCa, issueServerCert } = require("./emulator/certs");
      const { trustEmulatorCa } = require("./emulator/trust");
      (async () => {
        const ca = generateCa();
        const cert = issueServerCert(ca);
        const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (q, s) => s.end("ok"));
        await new Promise((r) => server.listen(0, "127.0.0.1", r));
        const url = "https://127.0.0.1:" + server.address().port + "/";
        const before = await fetch(url).then(() => "trusted", () => "untrusted");
        trustEmulatorCa(ca.certPem, "createSecureContext-patch");
        const viaFetch = (await fetch(url)).status;
        const agent = new https.Agent({ keepAlive: true });
        const viaHttps = await new Promise((res, rej) => https.get(url, { agent }, (r) => { r.resume(); res(r.statusCode); }).on("error", rej));
        console.log(JSON.stringify({ before, viaFetch, viaHttps }));
        agent.destroy();
        server.closeAllConnections();
        server.close();
      })().catch((e) => { console.error(e); process.exit(3); });`;
        const r = await run([...TS_NODE, "-e", script]);
        expect(r.stderr).toBe("");
        expect(JSON.parse(r.stdout)).toEqual({ before: "untrusted", viaFetch: 200, viaHttps: 200 });
    });
});

/**
 * The command line in process: help, usage mistakes and connection options, which map onto the
 * provider's own connection settings. Nothing here reaches the network.
 */
import { main } from "../../provider/cli";
import { cliMessage, connectionSettings } from "../../provider/export/cli";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text), isTTY: false },
        env,
    });
    return { code, stdout, stderr };
}

describe("help", () => {
    it("export --help lists every option and exits 0", async () => {
        const { code, stdout, stderr } = await run(["export", "--help"]);
        expect(code).toBe(0);
        expect(stderr).toBe("");
        for (const option of [
            "--tenant-id",
            "--client-id",
            "--client-secret",
            "--certificate-path",
            "--credential",
            "--cloud",
            "--graph-endpoint",
            "--authority-host",
            "--out",
            "--platform",
            "--group-names",
            "--no-retain-on-delete",
        ]) {
            expect(stdout).toContain(option);
        }
        expect(stdout).toMatch(/AZURE_CLIENT_SECRET/);
        expect(stdout).toMatch(/shell history/);
        expect(stdout).toMatch(/retainOnDelete: true, so `pulumi destroy`/);
    });

    it("without a command shows usage on stderr and exits 1", async () => {
        const { code, stderr } = await run([]);
        expect(code).toBe(1);
        expect(stderr).toMatch(/Usage: pulumi-intune-app-protection <command>/);
    });

    it("--help and --version", async () => {
        expect((await run(["--help"])).stdout).toMatch(/export {4}Write a tenant's Intune app protection policies/);
        expect((await run(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    });
});

describe("mistakes are one line and exit code 1", () => {
    it.each([
        [
            ["import"],
            /^pulumi-intune-app-protection: error: unknown command "import" \(the commands are: export, recover, review, assess\) \(see pulumi-intune-app-protection --help\)\n$/,
        ],
        [
            ["export", "--platform", "macos"],
            /^pulumi-intune-app-protection export: error: --platform is "macos"; use ios, android, windows, appConfiguration or all \(see pulumi-intune-app-protection export --help\)\n$/,
        ],
        [
            ["export", "--tenant"],
            /^pulumi-intune-app-protection export: error: Unknown option '--tenant'.*\(see pulumi-intune-app-protection export --help\)\n$/,
        ],
        [["export", "extra"], /^pulumi-intune-app-protection export: error: unexpected argument "extra"/],
        [
            ["export", "--out", "/no/such/dir/index.ts", "--tenant-id", "contoso"],
            /^pulumi-intune-app-protection export: error: --out \/no\/such\/dir\/index.ts: the directory \/no\/such\/dir does not exist/,
        ],
    ])("%j", async (argv, message) => {
        const { code, stdout, stderr } = await run(argv);
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toMatch(message);
        expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    });

    it("connection problems name the flag or environment variable to fix, not stack config", async () => {
        const noTenant = await run(["export"]);
        expect(noTenant.code).toBe(1);
        expect(noTenant.stderr).toMatch(
            /No tenant is configured: set --tenant-id or the AZURE_TENANT_ID environment variable/,
        );
        expect(noTenant.stderr).not.toMatch(/intune:|pulumi config/);

        const noSecret = await run([
            "export",
            "--tenant-id",
            "contoso",
            "--client-id",
            "app",
            "--credential",
            "clientSecret",
        ]);
        expect(noSecret.stderr).toMatch(
            /needs the client secret value of the app registration: set --client-secret or the AZURE_CLIENT_SECRET environment variable/,
        );

        const http = await run([
            "export",
            "--tenant-id",
            "contoso",
            "--graph-endpoint",
            "http://127.0.0.1:1",
            "--credential",
            "azureCli",
        ]);
        expect(http.stderr).toMatch(/--graph-endpoint is "http:\/\/127.0.0.1:1", but it must use https/);

        const kind = await run(["export", "--tenant-id", "contoso", "--credential", "password"]);
        expect(kind.stderr).toMatch(/--credential is "password"; it must be one of "clientSecret"/);
    });

    it("warns that a secret on the command line lands in shell history", async () => {
        const { stderr } = await run(["export", "--client-secret", "s3cret-value"]);
        expect(stderr).toMatch(/warning: a secret given with --client-secret lands in your shell history/);
        expect(stderr).not.toContain("s3cret-value");
    });
});

describe("connection settings", () => {
    it("flags win over AZURE_* variables, which fill the rest", () => {
        const settings = connectionSettings(
            {
                "tenant-id": "contoso.onmicrosoft.com",
                "graph-endpoint": "https://127.0.0.1:8443/",
                cloud: "usGovernment",
            },
            { AZURE_TENANT_ID: "other", AZURE_CLIENT_ID: "app-from-env", AZURE_CLIENT_SECRET: "from-env" },
        );
        expect(settings).toMatchObject({
            tenantId: "contoso.onmicrosoft.com",
            clientId: "app-from-env",
            clientSecret: "from-env",
            cloud: "usGovernment",
            graphEndpoint: "https://127.0.0.1:8443",
        });
        expect(settings.sources).toMatchObject({
            tenantId: "--tenant-id",
            clientSecret: "AZURE_CLIENT_SECRET",
            graphEndpoint: "--graph-endpoint",
        });
    });

    it("messages written for stack config are rewritten to flags", () => {
        expect(cliMessage("Check that intune:cloud/intune:graphEndpoint match; set intune:federatedTokenFile")).toBe(
            "Check that --cloud/--graph-endpoint match; set AZURE_FEDERATED_TOKEN_FILE",
        );
    });
});

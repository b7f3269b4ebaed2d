/**
 * The demo: deploys the root Pulumi.yaml program (an iOS + Android pair) with a real
 * `pulumi up` against the embedded Graph + token emulator, then shows what the tenant holds.
 *
 *   npm run demo                 # up (builds the Pulumi CLI from Go modules on first use)
 *   npm run demo -- preview      # preview against the same emulator state (no changes expected)
 *   npm run demo -- refresh      # read the tenant back
 *   npm run demo -- destroy      # remove the policies
 *
 * Emulator data, CA and stack state live in .demo/ (delete it to start over).
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../emulator";
import { runStack, type StackCommand } from "./stack";

const ROOT = path.join(__dirname, "..");
const DEMO_DIR = path.join(ROOT, ".demo");

/** A made-up tenant: these ids and the secret exist only in the emulator. */
const TENANT = {
    tenantId: "8c6f1e2a-0d4b-4f5e-9a3c-2b7d1e6f4a10",
    clientId: "3f2b9c1d-7e4a-4b8c-a5d6-1e9f0c2b7a34",
    clientSecret: "demo-only-client-secret",
    groups: [
        { id: "5a1c7e3b-2d4f-4e6a-8b9c-0d1e2f3a4b5c", displayName: "Sales" },
        { id: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", displayName: "Contractors" },
    ],
};

function summarize(policies: any[]): string {
    const rows = policies.map((p) => [
        String(p["@odata.type"]).includes("android") ? "Android" : "iOS",
        p.displayName,
        p.id,
        `${p.deployedAppCount} apps`,
        p.isAssigned ? "assigned" : "not assigned",
        `PIN ${p.pinRequired ? `required, min ${p.minimumPinLength}` : "off"}`,
    ]);
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length))) ?? [];
    return rows.map((r) => "  " + r.map((c, i) => String(c).padEnd(widths[i])).join("  ")).join("\n");
}

async function main(): Promise<void> {
    const command = (process.argv[2] ?? "up") as StackCommand;
    if (!["up", "preview", "refresh", "destroy"].includes(command))
        throw new Error("usage: npm run demo -- [up|preview|refresh|destroy]");
    fs.mkdirSync(DEMO_DIR, { recursive: true });

    const emulator = await startEmulator({
        dataFile: path.join(DEMO_DIR, "tenant-data.json"),
        caDir: path.join(DEMO_DIR, "ca"),
        tenants: [
            {
                tenantId: TENANT.tenantId,
                clients: [{ clientId: TENANT.clientId, secret: TENANT.clientSecret }],
                groups: TENANT.groups,
            },
        ],
    });
    try {
        console.log(`Graph + token emulator listening on ${emulator.url} (tenant ${TENANT.tenantId})\n`);
        await runStack(command, {
            programDir: ROOT,
            stackName: "demo",
            stateDir: path.join(DEMO_DIR, "state"),
            passphrase: "demo",
            config: {
                "intune:tenantId": TENANT.tenantId,
                "intune:clientId": TENANT.clientId,
                "intune:graphEndpoint": emulator.url,
                "intune:authorityHost": emulator.url,
                salesGroupId: TENANT.groups[0].id,
                contractorsGroupId: TENANT.groups[1].id,
            },
            secrets: { "intune:clientSecret": TENANT.clientSecret },
            env: { NODE_EXTRA_CA_CERTS: emulator.caCertPath },
            onOutput: (text) => process.stdout.write(text),
        });
        const policies = emulator.policies(TENANT.tenantId);
        console.log(
            `\nThe emulated tenant now holds ${policies.length} app protection ${policies.length === 1 ? "policy" : "policies"}:`,
        );
        if (policies.length) console.log(summarize(policies));
        const writes = emulator.requests.filter(
            (r) => ["POST", "PATCH", "DELETE"].includes(r.method) && r.kind !== "token",
        ).length;
        console.log(
            `Graph requests this run: ${emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata").length} (${writes} writes)`,
        );
        console.log("\nNext: npm run demo -- preview | refresh | destroy   (state in .demo/, delete it to start over)");
    } finally {
        await emulator.close();
    }
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});

/**
 * A tenant exported the way a user exports one: the package's own command line
 * (`pulumi-intune-app-protection export`) in a process of its own, into a new program folder.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "./engine";
import type { TestTenant } from "./tenants";

/**
 * Exports the emulator tenant into `programDir` (made here, with a Pulumi.yaml naming the project
 * after the folder) with `flags` added to the command; returns the program's text.
 */
export async function exportTenant(
    emulator: Emulator,
    tenant: TestTenant,
    programDir: string,
    flags: string[] = [],
): Promise<string> {
    fs.mkdirSync(programDir);
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${path.basename(programDir)}\nruntime: nodejs\n`);
    const program = path.join(programDir, "index.ts");
    // Asynchronous: the emulator answers from this very process.
    await promisify(execFile)(
        path.join(REPO_ROOT, "node_modules", ".bin", "node"),
        [
            path.join(REPO_ROOT, "bin", "pulumi-intune-app-protection"),
            "export",
            ...["--tenant-id", tenant.tenantId, "--client-id", tenant.clientId],
            ...["--graph-endpoint", emulator.url, "--authority-host", emulator.url],
            ...["--out", program],
            ...flags,
        ],
        { env: { ...process.env, AZURE_CLIENT_SECRET: tenant.clientSecret, NODE_EXTRA_CA_CERTS: emulator.caCertPath } },
    );
    return fs.readFileSync(program, "utf8");
}

/** Every request of the emulator's log that changes something in Graph. */
export const graphWrites = (emulator: Emulator) =>
    emulator.requests.filter((r) => ["POST", "PATCH", "PUT", "DELETE"].includes(r.method) && r.kind !== "token");

/** Each policy's version (changed by every write), by id. */
export const policyVersions = (emulator: Emulator, tenant: TestTenant) =>
    Object.fromEntries(emulator.policies(tenant.tenantId).map((p) => [p.id, p.version]));

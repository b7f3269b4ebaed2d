/**
 * The export round trip's first half: the run's own policies exported to a program with the
 * exporter the `export` command uses. Only policies carrying the run's prefix are exported, so
 * the program (whose `up` adopts every policy it lists) never names anything else in the tenant.
 */
import * as fs from "fs";
import * as path from "path";
import { assignedGroupIds, readGroupNames, readPolicies, renderProgram } from "../../provider/export";
import type { GraphSession } from "../../provider/graph/session";

/** Writes the program (index.ts and Pulumi.yaml) into `dir`; returns its text and the ids it adopts. */
export async function exportOwnPolicies(
    session: GraphSession,
    prefix: string,
    dir: string,
): Promise<{ program: string; ids: string[] }> {
    const policies = [...(await readPolicies(session, "ios")), ...(await readPolicies(session, "android"))].filter(
        (p) => String(p.graph.displayName ?? "").startsWith(prefix),
    );
    const groupNames = await readGroupNames(session, assignedGroupIds(policies));
    const program = renderProgram(policies, groupNames, { tenantId: session.tenantId });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: intune-live-exported\nruntime: nodejs\n");
    return { program, ids: policies.map((p) => String(p.graph.id)) };
}

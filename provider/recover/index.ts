/**
 * `pulumi-intune-app-protection recover --stack NAME`: repairs a stack after an interrupted
 * `pulumi up` (killed engine, lost CI runner). Reads the stack's pending creates, finds the policy
 * each one made by its ownership marker, and records it as that resource's policy in the stack's
 * state; copies the same create made are deleted; a pending create that made nothing is cleared.
 * Shows what it will do and changes nothing unless `--yes` is given.
 */
import { parseArgs } from "util";
import { readProviderConfig } from "../config";
import { redactSecrets } from "../graph/redaction";
import { openSession, type GraphSession } from "../graph/session";
import { deletePolicy } from "../engine/lifecycle";
import { collectionPath, getPolicy } from "../engine/requests";
import { PROVIDER_KEY } from "../protocol/pulumi";
import { ASSIGNMENTS } from "../settings/policy-type";
import { managedValuesFromGraph, serverFields } from "../engine/state";
import { policyTypes } from "../settings/platforms";
import type { PolicyType } from "../settings/policy-type";
import { OWNER_KEY, parseOwner } from "../engine/ownership";
import { describeAction, planRecovery, type Action } from "./plan";
import { exportStack, importStack, stackConfig, type ExportedStack, type PulumiCli } from "./stack";

/** Where the command writes (process streams, or buffers in tests). */
export interface RecoverIo {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
    env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: pulumi-intune-app-protection recover --stack NAME [--cwd DIR] [--yes]

After an interrupted \`pulumi up\` (run \`pulumi cancel\` first if the stack is still locked):
finds the policy each interrupted create made, by the marker the create put in its
description, and records it in the stack's state; deletes copies; clears creates that made
nothing. Without --yes it only shows what it would do.

  --stack NAME   the stack (as for \`pulumi --stack\`)
  --cwd DIR      the project folder (Pulumi.yaml); default: the current folder
  --yes          do it
Connection: the stack's intune:* config (read with \`pulumi config --show-secrets\`), else AZURE_*.
`;

type Values = Record<string, unknown>;

/** Runs the command; returns the exit code (0 done or nothing to do, 1 failed, 2 usage). Never throws. */
export async function main(argv: string[], io: RecoverIo): Promise<number> {
    let values: { stack?: string; cwd?: string; yes?: boolean; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                cwd: { type: "string" },
                yes: { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
            },
        }));
    } catch (err) {
        io.stderr.write(`recover: ${(err as Error).message}\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        io.stdout.write(USAGE);
        return 0;
    }
    if (!values.stack) {
        io.stderr.write(`recover: --stack is required\n${USAGE}`);
        return 2;
    }
    const cli: PulumiCli = { stack: values.stack, cwd: values.cwd, env: io.env };
    try {
        return await recover(cli, values.yes === true, io);
    } catch (err) {
        io.stderr.write(`recover: error: ${redactSecrets((err as Error).message)}\n`);
        return 1;
    }
}

async function recover(cli: PulumiCli, act: boolean, io: RecoverIo): Promise<number> {
    const exported = await exportStack(cli);
    const config = await stackConfig(cli);
    const session = openSession(
        readProviderConfig({ get: (key) => config[key], keys: () => Object.keys(config) }, io.env).connection(),
    );
    const tenant: Record<string, Record<string, any>[]> = {};
    for (const platform of Object.values(policyTypes)) {
        tenant[platform.name] = await session.listAll(collectionPath(platform));
    }
    const stackName = ownerStack(exported);
    const actions = planRecovery(stackName ?? "", exported, tenant);
    const label = stackName ?? cli.stack;
    if (!actions.length) {
        io.stdout.write(`Stack ${label}: no interrupted create and no stray policy of this stack. Nothing to do.\n`);
        return 0;
    }
    io.stdout.write(`Stack ${label}:\n${actions.map((a) => `  ${describeAction(a)}\n`).join("")}`);
    const work = actions.filter((a) => a.kind !== "report");
    if (!act) {
        io.stdout.write(
            work.length
                ? `Dry run: nothing was changed. Run again with --yes to do the ${work.length} step(s) above.\n`
                : `Nothing can be done without you (see the lines marked !).\n`,
        );
        return 0;
    }
    for (const action of work) {
        if (action.kind === "delete") await deletePolicy(session, action.platform, String(action.policy.id));
    }
    const repaired = await repairedState(session, exported, work);
    if (repaired) await importStack(cli, repaired);
    io.stdout.write(
        `Done: ${work.length} step(s). Run \`pulumi up\` next (it creates the resources whose create made nothing).\n`,
    );
    return 0;
}

/**
 * The stack's fully qualified name as its policies' owner values name it (every resource of a
 * program declares the same stack); undefined when no resource names one.
 */
function ownerStack(exported: ExportedStack): string | undefined {
    const resources = [
        ...(exported.deployment.resources ?? []),
        ...(exported.deployment.pending_operations ?? []).map((op) => op.resource),
    ];
    const stacks = new Set(
        resources.map((r) => parseOwner(r.inputs?.[OWNER_KEY])?.stack).filter((s): s is string => s !== undefined),
    );
    return stacks.size === 1 ? [...stacks][0] : undefined;
}

/** The deployment with the imports recorded and the handled pending creates cleared; undefined if unchanged. */
async function repairedState(
    session: GraphSession,
    exported: ExportedStack,
    actions: Action[],
): Promise<ExportedStack | undefined> {
    const done = new Set<unknown>();
    const resources = [...(exported.deployment.resources ?? [])];
    for (const action of actions) {
        if (action.kind === "drop") done.add(action.pending);
        if (action.kind !== "import") continue;
        const id = String(action.policy.id);
        const policy = await getPolicy(session, action.platform, id);
        if (!policy)
            throw new Error(`${action.platform.title} ${action.platform.noun.one} ${id} was deleted while recover ran`);
        resources.push({
            ...action.pending.resource,
            id,
            outputs: createdOutputs(action.platform, action.pending.resource.inputs ?? {}, policy),
        });
        done.add(action.pending);
    }
    if (!done.size) return undefined;
    const pending = (exported.deployment.pending_operations ?? []).filter((op) => !done.has(op));
    return { ...exported, deployment: { ...exported.deployment, resources, pending_operations: pending } };
}

/** The outputs a create of `inputs` records for the policy it made (as `createPolicy` returns them). */
function createdOutputs(platform: PolicyType, inputs: Values, policy: Record<string, any>): Values {
    const { [PROVIDER_KEY]: provider, [OWNER_KEY]: owner, ...wanted } = inputs;
    void owner;
    const assigned =
        wanted[ASSIGNMENTS] === undefined
            ? {}
            : { assignedGroupIds: managedValuesFromGraph(platform, policy, [ASSIGNMENTS])[ASSIGNMENTS] ?? {} };
    return { ...wanted, ...assigned, ...serverFields(policy), [PROVIDER_KEY]: provider };
}

/**
 * The engine as the Pulumi provider process runs it. The serialized provider holds nothing but
 * the policy type's name and `require`s this module (from the program's node_modules) for
 * {@link providerFor}, so no
 * credential, token or client is ever captured in state; the connection config arrives through
 * `configure()` (stack config, secrets decrypted) or the standard `AZURE_*` environment and
 * live only in this process.
 */
import { policyTypes } from "../settings/platforms";
import { ADOPT_POLICY_ID, ASSIGNMENTS, type PolicyTypeName } from "../settings/policy-type";
import { checkInputs } from "./check";
import { adoptionSwitchProblem } from "./adoptions";
import { isUnchanged, policyChanges } from "./diff";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "./lifecycle";
import type { GraphSession } from "../graph/session";
import { ProviderConnection, configSourceOf } from "./connection";
import type { Assignments } from "../settings/assignments";
import { OWNER_KEY } from "./ownership";
import { stopWhenEngineGone } from "./engine-watch";
import type * as pulumi from "@pulumi/pulumi";

type Values = Record<string, unknown>;

/** What `configure()` receives: the stack config, namespaced keys such as `intune:tenantId`. */
export interface ConfigSource {
    get(key: string): string | undefined;
}

/** The process's connection: from `configure()`, or from the environment alone when never configured. */
let connection: ProviderConnection | undefined;
let configured = false;
let configuredWith: unknown;

/**
 * Remembers the stack config; it is read and the Graph session opened on first use, once. The
 * provider host configures each policy type's provider with the same config object: the second call
 * keeps the connection (and what it verified).
 */
export function configure(config: ConfigSource): void {
    const raw = (config as { rawConfig?: unknown }).rawConfig;
    if (configured && raw !== undefined && raw === configuredWith) return;
    connection = new ProviderConnection(configSourceOf(config), { ...process.env });
    configured = true;
    configuredWith = raw;
}

const connected = (): ProviderConnection =>
    (connection ??= new ProviderConnection({ get: () => undefined }, process.env));
const session = (): GraphSession => connected().graph();

/**
 * Validates the inputs (no request); then, for a configured provider, verifies the connection and
 * the group names before anything is written (see {@link ProviderConnection.verify}).
 */
export async function check(typeName: PolicyTypeName, olds: Values, news: Values) {
    const context = { olds, owner: news[OWNER_KEY] };
    const outcome = withOwner(checkInputs(policyTypes[typeName], withoutOwner(news), context), news);
    if (outcome.failures.length || !configured) return outcome;
    const groupProblem = await connected().verify(
        policyTypes[typeName],
        outcome.inputs[ASSIGNMENTS] as Assignments | undefined,
    );
    return groupProblem ? { ...outcome, failures: [{ property: ASSIGNMENTS, reason: groupProblem }] } : outcome;
}

/** The inputs without the owner the resource classes add (it is not a setting; see `engine/ownership.ts`). */
function withoutOwner(news: Values): Values {
    const { [OWNER_KEY]: owner, ...rest } = news;
    void owner;
    return rest;
}

/** The checked inputs with the owner passed through unchanged, for create's marker. */
function withOwner<T extends { inputs: Values }>(outcome: T, news: Values): T {
    return news[OWNER_KEY] === undefined
        ? outcome
        : { ...outcome, inputs: { ...outcome.inputs, [OWNER_KEY]: news[OWNER_KEY] } };
}

export async function diff(typeName: PolicyTypeName, id: string, olds: Values, news: Values) {
    const switched = adoptionSwitchProblem(policyTypes[typeName], id, news[ADOPT_POLICY_ID]);
    if (switched) throw new Error(switched);
    // `news` are the inputs check() returned, already canonical.
    const changes = policyChanges(policyTypes[typeName], olds, news);
    return { changes: !isUnchanged(changes), replaces: [] as string[], deleteBeforeReplace: false };
}

export async function create(typeName: PolicyTypeName, inputs: Values) {
    return createPolicy(session(), policyTypes[typeName], inputs, connected().options().createSettleMs);
}

export async function read(typeName: PolicyTypeName, id: string, props: Values) {
    const result = await readPolicy(session(), policyTypes[typeName], id, props);
    // An empty id tells Pulumi the policy is gone, so refresh drops it from state.
    return result ? { id, ...result } : { id: "", props: {} };
}

export async function update(typeName: PolicyTypeName, id: string, olds: Values, news: Values) {
    return { outs: await updatePolicy(session(), policyTypes[typeName], id, olds, news) };
}

async function remove(typeName: PolicyTypeName, id: string): Promise<void> {
    await deletePolicy(session(), policyTypes[typeName], id);
}
export { remove as delete };

/**
 * The `pulumi.dynamic.ResourceProvider` of one policy type, as the dynamic provider host calls it.
 * (The named exports above stay: state written before this function existed calls them directly.)
 */
export function providerFor(typeName: PolicyTypeName): pulumi.dynamic.ResourceProvider {
    stopWhenEngineGone();
    return {
        configure: async (req) => configure(req.config),
        check: (olds, news) => check(typeName, olds, news),
        diff: (id, olds, news) => diff(typeName, id, olds, news),
        create: (inputs) => create(typeName, inputs),
        read: (id, props) => read(typeName, id, props),
        update: (id, olds, news) => update(typeName, id, olds, news),
        delete: (id) => remove(typeName, id),
    };
}

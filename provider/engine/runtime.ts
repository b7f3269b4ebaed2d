/**
 * The engine as the Pulumi provider process runs it. The serialized provider holds nothing but
 * the platform name and `require`s this module (from the program's node_modules) for
 * {@link providerFor}, so no
 * credential, token or client is ever captured in state; the connection config arrives through
 * `configure()` (stack config, secrets decrypted) or the standard `AZURE_*` environment and
 * live only in this process.
 */
import { platforms, type PlatformName } from "../settings/platforms";
import { checkInputs } from "./check";
import { adoptionSwitchProblem } from "./adoptions";
import { isUnchanged, policyChanges } from "./diff";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "./lifecycle";
import type { GraphSession } from "../graph/session";
import { ProviderConnection, configSourceOf } from "./connection";
import type { Assignments } from "./targets";
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
 * provider host configures each platform's provider with the same config object: the second call
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
export async function check(platform: PlatformName, olds: Values, news: Values) {
    const context = { olds, owner: news[OWNER_KEY] };
    const outcome = withOwner(checkInputs(platforms[platform], withoutOwner(news), context), news);
    if (outcome.failures.length || !configured) return outcome;
    const groupProblem = await connected().verify(
        platforms[platform],
        outcome.inputs.assignments as Assignments | undefined,
    );
    return groupProblem ? { ...outcome, failures: [{ property: "assignments", reason: groupProblem }] } : outcome;
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

export async function diff(platform: PlatformName, id: string, olds: Values, news: Values) {
    const switched = adoptionSwitchProblem(platforms[platform], id, news.adoptPolicyId);
    if (switched) throw new Error(switched);
    // `news` are the inputs check() returned, already canonical.
    const changes = policyChanges(platforms[platform], olds, news);
    return { changes: !isUnchanged(changes), replaces: [] as string[], deleteBeforeReplace: false };
}

export async function create(platform: PlatformName, inputs: Values) {
    return createPolicy(session(), platforms[platform], inputs, connected().options().createSettleMs);
}

export async function read(platform: PlatformName, id: string, props: Values) {
    const result = await readPolicy(session(), platforms[platform], id, props);
    // An empty id tells Pulumi the policy is gone, so refresh drops it from state.
    return result ? { id, ...result } : { id: "", props: {} };
}

export async function update(platform: PlatformName, id: string, olds: Values, news: Values) {
    return { outs: await updatePolicy(session(), platforms[platform], id, olds, news) };
}

async function remove(platform: PlatformName, id: string): Promise<void> {
    await deletePolicy(session(), platforms[platform], id);
}
export { remove as delete };

/**
 * The `pulumi.dynamic.ResourceProvider` of one platform, as the dynamic provider host calls it.
 * (The named exports above stay: state written before this function existed calls them directly.)
 */
export function providerFor(platform: PlatformName): pulumi.dynamic.ResourceProvider {
    stopWhenEngineGone();
    return {
        configure: async (req) => configure(req.config),
        check: (olds, news) => check(platform, olds, news),
        diff: (id, olds, news) => diff(platform, id, olds, news),
        create: (inputs) => create(platform, inputs),
        read: (id, props) => read(platform, id, props),
        update: (id, olds, news) => update(platform, id, olds, news),
        delete: (id) => remove(platform, id),
    };
}

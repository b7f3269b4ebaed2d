/**
 * The engine as the Pulumi provider process runs it. The serialized provider holds nothing but
 * the platform name and `require`s this module (from the program's node_modules) for
 * {@link providerFor}, so no
 * credential, token or client is ever captured in state; connection settings arrive through
 * `configure()` (stack config, secrets decrypted) or the standard `AZURE_*` environment and
 * live only in this process.
 */
import { platforms, type PlatformName } from "../settings/platforms";
import { checkInputs } from "./check";
import { isUnchanged, policyChanges } from "./diff";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "./lifecycle";
import type { GraphSession } from "../graph/session";
import { type ConnectionSettings, DEFAULT_CREATE_SETTLE_SECONDS } from "../graph/connection";
import type * as pulumi from "@pulumi/pulumi";

type Values = Record<string, unknown>;

/** What `configure()` receives: the stack config, namespaced keys such as `intune:tenantId`. */
export interface ConfigSource {
    get(key: string): string | undefined;
}

let configSource: ConfigSource | undefined;

/** Remembers the stack config; the Graph session is opened on first use. */
export function configure(config: ConfigSource): void {
    configSource = config;
}

/** The connection settings from the stack config (and `AZURE_*` environment), and the Graph session for them. */
function connect(): { session: GraphSession; settings: ConnectionSettings } {
    const graph: typeof import("../graph") = require("../graph");
    const settings = graph.readConnectionSettings(configSource ?? { get: () => undefined }, process.env);
    return { session: graph.openSession(settings), settings };
}

const session = (): GraphSession => connect().session;

export async function check(platform: PlatformName, _olds: Values, news: Values) {
    return checkInputs(platforms[platform], news);
}

export async function diff(platform: PlatformName, _id: string, olds: Values, news: Values) {
    // `news` are the inputs check() returned, already canonical.
    const changes = policyChanges(platforms[platform], olds, news);
    return { changes: !isUnchanged(changes), replaces: [] as string[], deleteBeforeReplace: false };
}

export async function create(platform: PlatformName, inputs: Values) {
    const { session, settings } = connect();
    return createPolicy(
        session,
        platforms[platform],
        inputs,
        (settings.createSettleSeconds ?? DEFAULT_CREATE_SETTLE_SECONDS) * 1000,
    );
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

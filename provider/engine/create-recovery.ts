/**
 * Recovery of a create whose outcome is unknown: Graph's answer to the POST was lost (timeout,
 * dropped connection, 5xx, or a 2xx without the new policy's id), so Graph may have created the
 * policy, or may still be creating it. Finds the policy it made by evidence (the ownership marker,
 * or the same name, settings, apps and assignments), sends again only when none turned up, and
 * deletes copies that lost POSTs made. See `createPolicy` in lifecycle.ts for the whole contract.
 */
import type { GraphSession } from "../graph/session";
import { serverFilledKeys, type PolicyType } from "../settings/policy-type";
import { sameValue } from "./diff";
import { carriesMarker, markerLine, ownerOf, type Owner } from "./ownership";
import { collectionPath, getPolicy, postPolicy, sendDelete } from "./requests";
import { managedKeys, managedValuesFromGraph } from "./state";

type Values = Record<string, unknown>;

/** How many times one create POST is sent while Graph's answer keeps getting lost and no policy turns up. */
export const MAX_CREATE_SENDS = 3;

/**
 * Ids of the policies this provider process created or took over. A create whose answer was
 * lost never takes one of them for its own (a sibling resource with the same name and settings).
 */
const claimed = new Set<string>();
/** Records that a resource of this process took the policy `id`. */
export const claim = (id: string): void => void claimed.add(id.toLowerCase());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failed request as the Graph session reports it. */
type Failure = Error & { maybeApplied?: boolean; retryAfterSeconds?: number };

/** One create in progress. */
export interface Create {
    session: GraphSession;
    platform: PolicyType;
    /** The declared values as sent (assignments as group ids). */
    sent: Values;
    /** The POST body (with the ownership marker in its description, when it fits). */
    body: Values;
    /** The resource and stack whose marker the POST carries; undefined when it carries none. */
    owner?: Owner;
    /** When the first POST was sent, by this process's monotonic clock (ms). */
    firstSentAt: number;
    /** How long Graph is given to finish a POST whose answer was lost before the policy is looked for. */
    settleMs: number;
    /** How many POSTs were sent. */
    sends: number;
    /** POSTs whose answer was lost and whose policy has not turned up (yet). */
    unaccounted: number;
    /** Policies those POSTs made beyond the one taken: deleted once the create has its policy. */
    extras: Record<string, any>[];
}

/** Per session and platform: the tenant's policies as they were before this process created any. */
const before = new WeakMap<GraphSession, Map<string, Promise<Record<string, any>[]>>>();

/**
 * Stops a create whose resource already has a policy in the tenant: one carrying its marker, made
 * by an earlier `up` that was interrupted before the engine recorded the id. The error names the
 * policy and the `recover` command; nothing is sent, so no copy is made.
 */
export async function refuseInterruptedCreate(
    session: GraphSession,
    platform: PolicyType,
    owner: Owner,
    displayName: string,
): Promise<void> {
    let bySession = before.get(session);
    if (!bySession) before.set(session, (bySession = new Map()));
    let listed = bySession.get(platform.name);
    if (!listed) {
        listed = session.listAll<Record<string, any>>(collectionPath(platform));
        bySession.set(platform.name, listed);
    }
    let policies: Record<string, any>[];
    try {
        policies = await listed;
    } catch (err) {
        bySession.delete(platform.name);
        throw new Error(
            `creating ${platform.title} policy "${displayName}": reading the tenant's policies (to find one an interrupted \`pulumi up\` may have created for this resource) failed: ${(err as Error).message}`,
            { cause: err },
        );
    }
    const left = policies.filter(
        (p) => carriesMarker(p.description, owner) && !claimed.has(String(p.id).toLowerCase()),
    );
    if (!left.length) return;
    throw new Error(
        `resource "${owner.resource}" was being created when an earlier \`pulumi up\` of stack ${owner.stack} was interrupted, and Graph holds what that create made: ${left
            .map((p) => `${p.id} ("${p.displayName}", created ${p.createdDateTime})`)
            .join(", ")}, carrying this resource's marker. Nothing was sent now, so no copy was made. ` +
            `Run \`pulumi-intune-app-protection recover --stack ${owner.stack}\` to put it under management (it shows what it will do first), then \`pulumi up\`. ` +
            `(A policy this resource left behind on purpose, with retainOnDelete, is taken back with adoptPolicyId instead.)`,
    );
}

/** The creates in progress, by platform and display name. */
const creating = new Map<string, Promise<void>>();

/** Runs `create` once the creates of the same `key` that started before it are done. */
export async function oneAtATime<T>(key: string, create: () => Promise<T>): Promise<T> {
    const result = (creating.get(key) ?? Promise.resolve()).then(create);
    const done = result.then(
        () => undefined,
        () => undefined,
    );
    creating.set(key, done);
    try {
        return await result;
    } finally {
        if (creating.get(key) === done) creating.delete(key);
    }
}

/**
 * Sends the create POST until Graph made the policy, and returns it (claimed). After a POST whose
 * outcome is unknown, waits for Graph to settle and looks for the policy before sending again.
 */
export async function sendUntilCreated(create: Create): Promise<Record<string, any>> {
    const { session, platform, sent } = create;
    for (;;) {
        let failure: Failure;
        let answeredWithoutId = false;
        try {
            if (create.sends === 0) create.firstSentAt = performance.now();
            create.sends++;
            const response = await postPolicy(session, platform, create.body);
            const created = response.body ?? {};
            if (typeof created.id === "string" && created.id !== "") {
                claim(created.id);
                return created;
            }
            // Graph says it created the policy but not which one: found by the same evidence as a lost answer.
            answeredWithoutId = true;
            failure = Object.assign(
                new Error(
                    `Microsoft Graph answered the create with HTTP ${response.status} but without the new policy's id (request-id ${response.requestId ?? "none"})`,
                ),
                { maybeApplied: true },
            );
        } catch (err) {
            failure = err as Failure;
        }
        if (!failure.maybeApplied && create.unaccounted === 0) throw failure;
        if (failure.maybeApplied) create.unaccounted++;
        await sleep(Math.max(create.settleMs, Math.min(failure.retryAfterSeconds ?? 0, 60) * 1000));
        const found = await takeLostPolicy(create, failure);
        if (found) return found;
        if (answeredWithoutId) {
            throw new Error(
                `creating ${platform.title} policy "${sent.displayName}" failed: ${failure.message}, and no policy it may have made turned up (${evidence(create)}); nothing else was sent. ` +
                    `Look in the tenant for a policy named "${sent.displayName}" created just now: delete it, or adopt it with adoptPolicyId.`,
            );
        }
        // Graph did not create it (nor is still creating it): sending the POST again cannot duplicate anything.
        if (!failure.maybeApplied) throw failure;
        if (create.sends >= MAX_CREATE_SENDS) {
            throw new Error(
                `creating ${platform.title} policy "${sent.displayName}" failed: ${create.sends} POSTs ended without telling whether Graph created it (last: ${failure.message}), and no such policy exists, so nothing was created; run \`pulumi up\` again later`,
            );
        }
    }
}

/** What a lost create's policy is recognized by, for messages. */
const evidence = ({ owner }: Create) =>
    owner
        ? `looked for: carrying the marker "${markerLine(owner)}", created after the first POST by Graph's clock`
        : "looked for: same name, settings, apps and assignments, no ownership marker, created after the first POST by Graph's clock";

/**
 * The policy this create's lost POSTs made, claimed; undefined when none turned up. When several
 * did (each lost POST made one), the first is taken and the others are kept for deletion.
 */
async function takeLostPolicy(create: Create, failure: Error): Promise<Record<string, any> | undefined> {
    const { platform, sent } = create;
    let matches: Record<string, any>[];
    try {
        matches = await lostPolicies(create);
    } catch (err) {
        throw new Error(
            `creating ${platform.title} policy "${sent.displayName}" ended without telling whether Graph created it (${failure.message}), and looking for the policy it may have created failed: ${(err as Error).message}. ` +
                `Before the next \`pulumi up\`, look in the tenant for a policy named "${sent.displayName}" created just now: delete it, or adopt it with adoptPolicyId.`,
            { cause: err },
        );
    }
    if (matches.length > create.unaccounted) throw ambiguous(create, matches);
    const [found, ...extras] = matches;
    create.unaccounted -= matches.length;
    create.extras.push(...extras);
    if (found) claim(String(found.id));
    return found;
}

/**
 * Deletes the copies this create's lost POSTs made beyond the policy it took: those found with it,
 * and, while a lost POST's policy has not turned up, those that turn up once Graph has settled.
 */
export async function deleteCopies(create: Create): Promise<void> {
    if (create.unaccounted > 0) {
        await sleep(create.settleMs);
        let late: Record<string, any>[];
        try {
            late = await lostPolicies(create);
        } catch (err) {
            throw new Error(
                `looking for copies made by the POSTs whose answer was lost failed: ${(err as Error).message}. ${copiesAdvice(create)}`,
                { cause: err },
            );
        }
        if (late.length > create.unaccounted) {
            throw new Error(
                `${late.length} other policies created since then match it (${late.map((p) => p.id).join(", ")}), more than the POSTs whose answer was lost can have made, so none was deleted. ${copiesAdvice(create)}`,
            );
        }
        create.extras.push(...late);
    }
    for (const extra of create.extras) {
        try {
            await sendDelete(create.session, create.platform, String(extra.id));
        } catch (err) {
            throw new Error(
                `deleting ${extra.id}, a copy made by a POST whose answer was lost, failed: ${(err as Error).message}. ${copiesAdvice(create)}`,
                { cause: err },
            );
        }
    }
}

const copiesAdvice = ({ sent }: Create) =>
    `Look in the tenant for other policies named "${sent.displayName}" created just now, and delete those that are copies of this one.`;

/** The error for more matching policies than a create's lost POSTs can have made, before it has a policy. */
function ambiguous(create: Create, matches: Record<string, any>[]): Error {
    const { platform, sent } = create;
    return new Error(
        `creating ${platform.title} policy "${sent.displayName}" ended without telling whether Graph created it, and ${matches.length} policies match it (${matches
            .map((p) => p.id)
            .join(", ")}; ${evidence(create)}), more than its lost POSTs can have made, so none was taken. ` +
            `Decide which one is this resource's: adopt it with adoptPolicyId and delete the copies that are not another stack's.`,
    );
}

/** Graph's clock may be read to the second only (`Date` header): the margin a lower bound allows for. */
const DATE_RESOLUTION_MS = 1000;

/**
 * The policies a lost create may have made, oldest first, read with their apps and assignments:
 * same display name, created after the first POST by Graph's clock, not claimed by a resource of
 * this process, and carrying this create's marker (or, for a create without marker, no marker and
 * every setting, app and assignment of the create body equal).
 */
async function lostPolicies(create: Create): Promise<Record<string, any>[]> {
    const { session, platform, sent, owner } = create;
    const name = String(sent.displayName).replace(/'/g, "''");
    const path = collectionPath(platform, `$filter=${encodeURIComponent(`displayName eq '${name}'`)}`);
    const first = await session.send<{ value?: Record<string, any>[]; "@odata.nextLink"?: string }>({
        method: "GET",
        path,
    });
    // Graph's time when it answered, less what elapsed since the first POST: no later than when
    // Graph received that POST, whatever this machine's clock says.
    const graphNow = Date.parse(first.date ?? "");
    if (Number.isNaN(graphNow)) {
        throw new Error(
            `Microsoft Graph's answer to GET ${path} has no usable Date header, so policies made after the POST cannot be told apart from older ones`,
        );
    }
    const after = graphNow - (performance.now() - create.firstSentAt) - DATE_RESOLUTION_MS;
    const next = first.body?.["@odata.nextLink"];
    const candidates = [
        ...(first.body?.value ?? []),
        ...(next ? await session.listAll<Record<string, any>>(next) : []),
    ].filter(
        (policy) =>
            !claimed.has(String(policy.id).toLowerCase()) &&
            Date.parse(policy.createdDateTime ?? "") >= after &&
            (owner ? carriesMarker(policy.description, owner) : ownerOf(policy.description) === undefined),
    );
    const matches = owner ? candidates : await sameAsSent(create, candidates);
    return matches.sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
}

/** The candidates whose settings, apps and assignments equal the create body's (read with their targets). */
async function sameAsSent(
    { session, platform, sent }: Create,
    candidates: Record<string, any>[],
): Promise<Record<string, any>[]> {
    // Relationships (apps, assignments) are read per candidate; the app list of an app group is Intune's.
    const filled = serverFilledKeys(platform, sent);
    const keys = managedKeys(platform, sent).filter((key) => !filled.includes(key));
    const settingKeys = keys.filter((key) => !platform.entries[key].expanded);
    const targetKeys = keys.filter((key) => platform.entries[key].expanded);
    const matches: Record<string, any>[] = [];
    for (const policy of candidates) {
        const live = managedValuesFromGraph(platform, policy, settingKeys);
        if (!settingKeys.every((key) => sameValue(live[key], sent[key]))) continue;
        const full = targetKeys.length ? await getPolicy(session, platform, String(policy.id)) : policy;
        if (!full) continue;
        const targets = managedValuesFromGraph(platform, full, targetKeys);
        if (targetKeys.every((key) => sameValue(targets[key], sent[key]))) matches.push(full);
    }
    return matches;
}

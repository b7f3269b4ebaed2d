/**
 * Create, read, update and delete of one policy through Graph, generic over the platform.
 * Requests are kept to the minimum: create is one POST carrying apps and assignments,
 * read one GET, update only the channels that changed (PATCH, `targetApps`, `assign`)
 * plus one read-back, delete one DELETE.
 */
import { platforms, type Platform } from "../settings/platforms";
import { policyChanges, sameValue } from "./diff";
import {
    appsAreServerManaged,
    assignBody,
    createBody,
    managedKeys,
    managedValuesFromGraph,
    serverFields,
    settingsBody,
    targetAppsBody,
} from "./state";
import type { GraphSession } from "../graph/session";
import { withGroupIds } from "./groups";
import type { Assignments } from "./targets";
import { isNotFound } from "../graph/errors";
import { DEFAULT_CREATE_SETTLE_SECONDS } from "../graph/connection";

type Values = Record<string, unknown>;

/** Thrown when Graph accepted part of a change: Pulumi records `properties` for resource `id`. */
export class PartialApplyError extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Values,
        readonly reasons: string[] = [message],
    ) {
        super(message);
        this.name = "PartialApplyError";
    }
}

const policyPath = (platform: Platform, id: string) =>
    `/deviceAppManagement/${platform.collection}/${encodeURIComponent(id)}`;

/** Inputs without Pulumi's own bookkeeping. */
function declared(inputs: Values): Values {
    const { __provider, ...rest } = inputs;
    void __provider;
    return rest;
}

/** Reads one policy with its apps and assignments; undefined when it does not exist. */
export async function getPolicy(
    session: GraphSession,
    platform: Platform,
    id: string,
): Promise<Record<string, any> | undefined> {
    try {
        const response = await session.send<Record<string, any>>({
            method: "GET",
            path: `${policyPath(platform, id)}?$expand=apps,assignments`,
        });
        return response.body;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}

/** How many times one create POST is sent while Graph's answer keeps getting lost and no policy turns up. */
export const MAX_CREATE_SENDS = 3;

/**
 * Ids of the policies this provider process created or took over. A create whose answer was
 * lost never takes one of them for its own (a sibling resource with the same name and settings).
 */
const claimed = new Set<string>();
const claim = (id: string) => claimed.add(id.toLowerCase());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failed request as the Graph session reports it. */
type Failure = Error & { maybeApplied?: boolean; retryAfterSeconds?: number };

/** One create in progress. */
interface Create {
    session: GraphSession;
    platform: Platform;
    /** The declared values as sent (assignments as group ids). */
    sent: Values;
    /** When the first POST was sent (ms since epoch). */
    since: number;
    /** How long Graph is given to finish a POST whose answer was lost before the policy is looked for. */
    settleMs: number;
    /** How many POSTs were sent. */
    sends: number;
    /** POSTs whose answer was lost and whose policy has not turned up (yet). */
    unaccounted: number;
    /** Policies those POSTs made beyond the one taken: deleted once the create has its policy. */
    extras: Record<string, any>[];
}

/**
 * Creates the policy in one request (apps and assignments inserted with it) and returns its id
 * and complete outputs. With `adoptPolicyId`, takes over that existing policy instead.
 *
 * When the outcome of the POST is unknown (its answer was lost to a timeout or a dropped
 * connection, or was a 5xx), Graph may have created the policy or may still be creating it: after
 * `settleMs` the policy is looked for (same display name, created since the first POST, same
 * declared settings, apps and assignments, not tracked by another resource) and taken if found,
 * else the POST is sent again, at most {@link MAX_CREATE_SENDS} times in all. A policy that a lost
 * POST makes after a later one was answered is looked for once more and deleted, so the tenant
 * ends with exactly one policy for the resource. Creates of policies with the same name run one
 * at a time in this process, so none of them mistakes another's policy for its own.
 *
 * @param settleMs - see `intune:createSettleSeconds`.
 */
export async function createPolicy(
    session: GraphSession,
    platform: Platform,
    inputs: Values,
    settleMs = DEFAULT_CREATE_SETTLE_SECONDS * 1000,
): Promise<{ id: string; outs: Values }> {
    const wanted = declared(inputs);
    if (typeof wanted.adoptPolicyId === "string") return adoptPolicy(session, platform, wanted.adoptPolicyId, inputs);
    const groupIds =
        wanted.assignments === undefined
            ? {}
            : { assignedGroupIds: await withGroupIds(session, wanted.assignments as Assignments) };
    const sent: Values = {
        ...wanted,
        ...(groupIds.assignedGroupIds ? { assignments: groupIds.assignedGroupIds } : {}),
    };
    return oneAtATime(`${platform.name}:${String(sent.displayName).toLowerCase()}`, async () => {
        const create: Create = {
            session,
            platform,
            sent,
            since: Date.now(),
            settleMs,
            sends: 0,
            unaccounted: 0,
            extras: [],
        };
        const policy = await sendUntilCreated(create);
        const id = String(policy.id);
        const outs = { ...wanted, ...groupIds, ...serverFields(policy) };
        try {
            await deleteCopies(create);
        } catch (err) {
            throw new PartialApplyError(`created ${platform.title} policy ${id}, but ${(err as Error).message}`, id, {
                ...outs,
                __provider: inputs.__provider,
            });
        }
        return { id, outs };
    });
}

/** The creates in progress, by platform and display name. */
const creating = new Map<string, Promise<void>>();

/** Runs `create` once the creates of the same `key` that started before it are done. */
async function oneAtATime<T>(key: string, create: () => Promise<T>): Promise<T> {
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
async function sendUntilCreated(create: Create): Promise<Record<string, any>> {
    const { session, platform, sent } = create;
    for (;;) {
        let failure: Failure;
        try {
            create.sends++;
            const response = await session.send<Record<string, any>>({
                method: "POST",
                path: `/deviceAppManagement/${platform.collection}`,
                body: createBody(platform, sent),
                idempotent: false,
            });
            const created = response.body ?? {};
            claim(String(created.id));
            return created;
        } catch (err) {
            failure = err as Failure;
        }
        if (!failure.maybeApplied && create.unaccounted === 0) throw failure;
        if (failure.maybeApplied) create.unaccounted++;
        await sleep(Math.max(create.settleMs, Math.min(failure.retryAfterSeconds ?? 0, 60) * 1000));
        const found = await takeLostPolicy(create, failure);
        if (found) return found;
        // Graph did not create it (nor is still creating it): sending the POST again cannot duplicate anything.
        if (!failure.maybeApplied) throw failure;
        if (create.sends >= MAX_CREATE_SENDS) {
            throw new Error(
                `creating ${platform.title} policy "${sent.displayName}" failed: ${create.sends} POSTs ended without telling whether Graph created it (last: ${failure.message}), and no such policy exists, so nothing was created; run \`pulumi up\` again later`,
            );
        }
    }
}

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
async function deleteCopies(create: Create): Promise<void> {
    if (create.unaccounted > 0) {
        await sleep(create.settleMs);
        let late: Record<string, any>[];
        try {
            late = await lostPolicies(create);
        } catch (err) {
            throw new Error(
                `looking for copies made by the POSTs whose answer was lost failed: ${(err as Error).message}. ${copiesAdvice(create)}`,
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
            await deletePolicy(create.session, create.platform, String(extra.id));
        } catch (err) {
            throw new Error(
                `deleting ${extra.id}, a copy made by a POST whose answer was lost, failed: ${(err as Error).message}. ${copiesAdvice(create)}`,
            );
        }
    }
}

const copiesAdvice = ({ sent }: Create) =>
    `Look in the tenant for other policies named "${sent.displayName}" created just now, and delete those that are copies of this one.`;

/** The error for more matching policies than a create's lost POSTs can have made, before it has a policy. */
function ambiguous({ platform, sent }: Create, matches: Record<string, any>[]): Error {
    return new Error(
        `creating ${platform.title} policy "${sent.displayName}" ended without telling whether Graph created it, and ${matches.length} policies created since then match it (${matches
            .map((p) => p.id)
            .join(", ")}); delete the extra ones, then adopt one with adoptPolicyId`,
    );
}

/**
 * The policies a lost create may have made, oldest first: same display name, created since the
 * first POST was sent (allowing for clock skew), every setting, app and assignment of the create
 * body equal, and not claimed by a resource of this process. Read with their apps and assignments.
 */
async function lostPolicies({ session, platform, sent, since }: Create): Promise<Record<string, any>[]> {
    const name = String(sent.displayName).replace(/'/g, "''");
    const settingKeys = managedKeys(platform, sent).filter((key) => key in platform.settings);
    const targetKeys = managedKeys(platform, sent).filter(
        (key) => !(key in platform.settings) && !(key === "apps" && appsAreServerManaged(sent)),
    );
    const candidates = await session.listAll<Record<string, any>>(
        `/deviceAppManagement/${platform.collection}?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`,
    );
    const matches: Record<string, any>[] = [];
    for (const policy of candidates) {
        if (claimed.has(String(policy.id).toLowerCase())) continue;
        if (!(Date.parse(policy.createdDateTime ?? "") >= since - 5 * 60_000)) continue;
        const live = managedValuesFromGraph(platform, policy, settingKeys);
        if (!settingKeys.every((key) => sameValue(live[key], sent[key]))) continue;
        const full = targetKeys.length ? await getPolicy(session, platform, String(policy.id)) : policy;
        if (!full) continue;
        const targets = managedValuesFromGraph(platform, full, targetKeys);
        if (targetKeys.every((key) => sameValue(targets[key], sent[key]))) matches.push(full);
    }
    return matches.sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
}

/**
 * Takes over an existing policy: reads it, then applies only what differs from the declared
 * settings, apps and assignments. A failure after the policy was found still hands it to
 * Pulumi, so it is tracked (never orphaned) and the next `up` completes it.
 */
async function adoptPolicy(
    session: GraphSession,
    platform: Platform,
    id: string,
    inputs: Values,
): Promise<{ id: string; outs: Values }> {
    const wanted = declared(inputs);
    const policy = await getPolicy(session, platform, id);
    if (!policy) {
        const other = Object.values(platforms).find((p) => p !== platform)!;
        const elsewhere = await getPolicy(session, other, id);
        throw new Error(
            elsewhere
                ? `policy ${id} is an ${other.title} app protection policy, not ${platform.title}: adopt it with ${other.resourceType}`
                : `there is no ${platform.title} app protection policy with id ${id} in tenant ${session.tenantId} to adopt (adoptPolicyId)`,
        );
    }
    claim(id);
    const live = managedValuesFromGraph(platform, policy, managedKeys(platform, wanted));
    const current = {
        ...live,
        ...(live.assignments ? { assignedGroupIds: live.assignments } : {}),
        ...serverFields(policy),
    };
    try {
        return { id, outs: await updatePolicy(session, platform, id, current, inputs) };
    } catch (err) {
        if (err instanceof PartialApplyError) throw err;
        throw new PartialApplyError(`adopting ${platform.title} policy ${id} failed: ${(err as Error).message}`, id, {
            ...current,
            __provider: inputs.__provider,
        });
    }
}

/**
 * Live values of the managed settings. `props` are the stored outputs: their keys say
 * what is managed. Returns undefined when the policy no longer exists.
 */
export async function readPolicy(
    session: GraphSession,
    platform: Platform,
    id: string,
    props: Values,
): Promise<{ props: Values; inputs: Values } | undefined> {
    const policy = await getPolicy(session, platform, id);
    if (!policy) return undefined;
    const stored = declared(props);
    const live = managedValuesFromGraph(platform, policy, managedKeys(platform, stored));
    if (live.assignments !== undefined) {
        // Assignments declared by group name stay as declared while Graph holds the groups they
        // resolved to; anything else Graph holds shows as the ids it holds (drift).
        const unchanged = stored.assignedGroupIds !== undefined && sameValue(stored.assignedGroupIds, live.assignments);
        live.assignedGroupIds = live.assignments;
        if (unchanged) live.assignments = stored.assignments;
    }
    const options = stored.adoptPolicyId === undefined ? {} : { adoptPolicyId: stored.adoptPolicyId };
    const { assignedGroupIds, ...inputs } = live;
    void assignedGroupIds;
    return { props: { ...options, ...live, ...serverFields(policy) }, inputs: { ...options, ...inputs } };
}

/**
 * Applies what changed between the stored outputs and the new inputs: settings by PATCH,
 * then apps, then assignments (assigned last, once the settings are in place). When a
 * step fails after earlier ones succeeded, the error carries the state Graph now holds.
 */
export async function updatePolicy(
    session: GraphSession,
    platform: Platform,
    id: string,
    olds: Values,
    news: Values,
): Promise<Values> {
    const wanted = declared(news);
    const changes = policyChanges(platform, olds, wanted);
    const applied: Values = { ...declared(olds) };
    for (const key of changes.released) delete applied[key];
    if (changes.released.includes("assignments")) delete applied.assignedGroupIds;
    let groupIds = olds.assignedGroupIds;
    if (changes.assign) {
        groupIds = await withGroupIds(session, wanted.assignments as Assignments);
        // Names that resolve to the groups already assigned need no request.
        if (olds.assignedGroupIds !== undefined && sameValue(groupIds, olds.assignedGroupIds)) {
            changes.assign = false;
            applied.assignments = wanted.assignments;
        }
    }

    const steps: { keys: string[]; run: () => Promise<unknown> }[] = [];
    if (changes.patch.length) {
        steps.push({
            keys: changes.patch,
            run: () =>
                session.send({
                    method: "PATCH",
                    path: policyPath(platform, id),
                    body: settingsBody(platform, wanted, changes.patch),
                }),
        });
    }
    if (changes.targetApps) {
        steps.push({
            keys: ["apps", "appGroupType"].filter((k) => k in wanted),
            run: () =>
                session.send({
                    method: "POST",
                    path: `${policyPath(platform, id)}/targetApps`,
                    body: targetAppsBody(platform, wanted),
                    idempotent: true,
                }),
        });
    }
    if (changes.assign) {
        steps.push({
            keys: ["assignments"],
            run: () =>
                session.send({
                    method: "POST",
                    path: `${policyPath(platform, id)}/assign`,
                    body: assignBody({ assignments: groupIds }),
                    idempotent: true,
                }),
        });
    }

    for (const step of steps) {
        try {
            await step.run();
        } catch (err) {
            if (isNotFound(err)) {
                throw new Error(
                    `${platform.title} app protection policy ${id} does not exist any more (deleted outside Pulumi?). Run \`pulumi refresh\` to drop it from the stack; the next \`pulumi up\` creates it again. ${(err as Error).message}`,
                );
            }
            throw new PartialApplyError(
                `updating ${platform.title} policy ${id} failed: ${(err as Error).message}`,
                id,
                {
                    ...applied,
                    __provider: news.__provider,
                },
            );
        }
        for (const key of step.keys) applied[key] = wanted[key];
        if (step.keys.includes("assignments")) applied.assignedGroupIds = groupIds;
    }

    let server = serverFields(olds);
    if (steps.length) {
        const policy = await getPolicy(session, platform, id);
        if (!policy)
            throw new Error(`${platform.title} app protection policy ${id} was deleted while it was being updated`);
        server = serverFields(policy);
    }
    return { ...wanted, ...(wanted.assignments === undefined ? {} : { assignedGroupIds: groupIds }), ...server };
}

/** Deletes the policy; one that is already gone counts as deleted. */
export async function deletePolicy(session: GraphSession, platform: Platform, id: string): Promise<void> {
    try {
        await session.send({ method: "DELETE", path: policyPath(platform, id) });
    } catch (err) {
        if (!isNotFound(err)) throw err;
    }
}

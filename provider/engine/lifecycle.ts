/**
 * Create, read, update and delete of one policy through Graph, generic over the platform.
 * Requests are kept to the minimum: create is one POST carrying apps and assignments,
 * read one GET, update only the channels that changed (PATCH, `targetApps`, `assign`)
 * plus one read-back, delete one DELETE.
 */
import { platforms, type Platform } from "../settings/platforms";
import { policyChanges, sameValue } from "./diff";
import { appsAreServerManaged, assignBody, createBody, managedKeys, managedValuesFromGraph, serverFields, settingsBody, targetAppsBody } from "./state";
import type { GraphSession } from "../graph/session";
import { withGroupIds } from "./groups";
import type { Assignments } from "./targets";
import { isNotFound } from "../graph/errors";

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

const policyPath = (platform: Platform, id: string) => `/deviceAppManagement/${platform.collection}/${encodeURIComponent(id)}`;

/** Inputs without Pulumi's own bookkeeping. */
function declared(inputs: Values): Values {
    const { __provider, ...rest } = inputs;
    void __provider;
    return rest;
}

/** Reads one policy with its apps and assignments; undefined when it does not exist. */
export async function getPolicy(session: GraphSession, platform: Platform, id: string): Promise<Record<string, any> | undefined> {
    try {
        const response = await session.send<Record<string, any>>({ method: "GET", path: `${policyPath(platform, id)}?$expand=apps,assignments` });
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

/**
 * Creates the policy in one request (apps and assignments inserted with it) and returns its id
 * and complete outputs. With `adoptPolicyId`, takes over that existing policy instead.
 * When the response to the POST is lost, the policy it may have created is found again
 * (same display name, created since the request, same declared settings, apps and assignments,
 * not tracked by another resource) rather than created twice. The POST is sent at most
 * {@link MAX_CREATE_SENDS} times.
 */
export async function createPolicy(session: GraphSession, platform: Platform, inputs: Values): Promise<{ id: string; outs: Values }> {
    const wanted = declared(inputs);
    if (typeof wanted.adoptPolicyId === "string") return adoptPolicy(session, platform, wanted.adoptPolicyId, inputs);
    const groupIds = wanted.assignments === undefined ? {} : { assignedGroupIds: await withGroupIds(session, wanted.assignments as Assignments) };
    const sent = { ...wanted, ...(groupIds.assignedGroupIds ? { assignments: groupIds.assignedGroupIds } : {}) };
    for (let send = 1; ; send++) {
        const startedAt = Date.now();
        try {
            const response = await session.send<Record<string, any>>({
                method: "POST",
                path: `/deviceAppManagement/${platform.collection}`,
                body: createBody(platform, sent),
                idempotent: false,
            });
            const created = response.body ?? {};
            claim(String(created.id));
            return { id: String(created.id), outs: { ...wanted, ...groupIds, ...serverFields(created) } };
        } catch (err) {
            const lost = err as Error & { maybeApplied?: boolean; retryAfterSeconds?: number };
            if (!lost.maybeApplied) throw err;
            const found = await findCreatedPolicy(session, platform, sent, startedAt, lost);
            if (found) {
                claim(String(found.id));
                return { id: String(found.id), outs: { ...wanted, ...groupIds, ...serverFields(found) } };
            }
            // Graph did not create it: sending the POST again cannot duplicate anything.
            if (send >= MAX_CREATE_SENDS) {
                throw new Error(
                    `creating ${platform.title} policy "${wanted.displayName}" failed: Graph's answer was lost ${send} times (last: ${lost.message}) and no such policy exists, so nothing was created; run \`pulumi up\` again later`,
                );
            }
            await sleep(lost.retryAfterSeconds ? Math.min(lost.retryAfterSeconds, 60) * 1000 : 1000 * send);
        }
    }
}

/**
 * The policy a lost create made, if any: same display name, created since the request was
 * sent (allowing for clock skew), every setting, app and assignment of the create body equal,
 * and not claimed by another resource of this process. Read with its apps and assignments.
 */
async function findCreatedPolicy(
    session: GraphSession,
    platform: Platform,
    sent: Values,
    startedAt: number,
    lost: Error,
): Promise<Record<string, any> | undefined> {
    const name = String(sent.displayName).replace(/'/g, "''");
    const lookingFailed = (err: unknown) =>
        new Error(
            `creating ${platform.title} policy "${sent.displayName}" lost Graph's answer (${lost.message}), and looking for the policy it may have created failed: ${(err as Error).message}. ` +
                `Before the next \`pulumi up\`, look in the tenant for a policy named "${sent.displayName}" created just now: delete it, or adopt it with adoptPolicyId.`,
        );
    const settingKeys = managedKeys(platform, sent).filter((key) => key in platform.settings);
    const targetKeys = managedKeys(platform, sent).filter((key) => !(key in platform.settings) && !(key === "apps" && appsAreServerManaged(sent)));
    let candidates: Record<string, any>[];
    try {
        candidates = await session.listAll<Record<string, any>>(
            `/deviceAppManagement/${platform.collection}?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`,
        );
    } catch (err) {
        throw lookingFailed(err);
    }
    const matches: Record<string, any>[] = [];
    for (const policy of candidates) {
        if (claimed.has(String(policy.id).toLowerCase())) continue;
        const created = Date.parse(policy.createdDateTime ?? "");
        if (!(created >= startedAt - 5 * 60_000)) continue;
        const live = managedValuesFromGraph(platform, policy, settingKeys);
        if (!settingKeys.every((key) => sameValue(live[key], sent[key]))) continue;
        let full: Record<string, any> | undefined;
        try {
            full = targetKeys.length ? await getPolicy(session, platform, String(policy.id)) : policy;
        } catch (err) {
            throw lookingFailed(err);
        }
        if (!full) continue;
        const targets = managedValuesFromGraph(platform, full, targetKeys);
        if (targetKeys.every((key) => sameValue(targets[key], sent[key]))) matches.push(full);
    }
    if (matches.length > 1) {
        throw new Error(
            `creating ${platform.title} policy "${sent.displayName}" lost Graph's answer, and ${matches.length} policies created since then match it (${matches
                .map((p) => p.id)
                .join(", ")}); delete the extra ones, then adopt one with adoptPolicyId`,
        );
    }
    return matches[0];
}

/**
 * Takes over an existing policy: reads it, then applies only what differs from the declared
 * settings, apps and assignments. A failure after the policy was found still hands it to
 * Pulumi, so it is tracked (never orphaned) and the next `up` completes it.
 */
async function adoptPolicy(session: GraphSession, platform: Platform, id: string, inputs: Values): Promise<{ id: string; outs: Values }> {
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
    const current = { ...live, ...(live.assignments ? { assignedGroupIds: live.assignments } : {}), ...serverFields(policy) };
    try {
        return { id, outs: await updatePolicy(session, platform, id, current, inputs) };
    } catch (err) {
        if (err instanceof PartialApplyError) throw err;
        throw new PartialApplyError(`adopting ${platform.title} policy ${id} failed: ${(err as Error).message}`, id, { ...current, __provider: inputs.__provider });
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
export async function updatePolicy(session: GraphSession, platform: Platform, id: string, olds: Values, news: Values): Promise<Values> {
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
            run: () => session.send({ method: "PATCH", path: policyPath(platform, id), body: settingsBody(platform, wanted, changes.patch) }),
        });
    }
    if (changes.targetApps) {
        steps.push({
            keys: ["apps", "appGroupType"].filter((k) => k in wanted),
            run: () => session.send({ method: "POST", path: `${policyPath(platform, id)}/targetApps`, body: targetAppsBody(platform, wanted), idempotent: true }),
        });
    }
    if (changes.assign) {
        steps.push({
            keys: ["assignments"],
            run: () => session.send({ method: "POST", path: `${policyPath(platform, id)}/assign`, body: assignBody({ assignments: groupIds }), idempotent: true }),
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
            throw new PartialApplyError(`updating ${platform.title} policy ${id} failed: ${(err as Error).message}`, id, {
                ...applied,
                __provider: news.__provider,
            });
        }
        for (const key of step.keys) applied[key] = wanted[key];
        if (step.keys.includes("assignments")) applied.assignedGroupIds = groupIds;
    }

    let server = serverFields(olds);
    if (steps.length) {
        const policy = await getPolicy(session, platform, id);
        if (!policy) throw new Error(`${platform.title} app protection policy ${id} was deleted while it was being updated`);
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

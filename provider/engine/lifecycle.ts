/**
 * Create, read, update and delete of one policy through Graph, generic over the policy type.
 * Requests are kept to the minimum: create is one POST carrying apps and assignments,
 * read served from the process's listing of the collection (`listing.ts`; one GET where it
 * cannot tell), update only the write channels that changed (PATCH, `targetApps`, `assign`)
 * plus one read-back, delete one DELETE. The requests are `requests.ts`'s; a create whose
 * answer was lost is recovered by `create-recovery.ts`.
 */
import { policyTypes } from "../settings/platforms";
import { channelNames, channels, type ChannelName, type WriteChannel } from "../settings/channels";
import { ADOPT_POLICY_ID, ASSIGNMENTS, type PolicyType } from "../settings/policy-type";
import type { Assignments } from "../settings/assignments";
import { PROVIDER_KEY } from "../protocol/pulumi";
import { policyChanges, sameValue } from "./diff";
import { channelKeys, createBody, managedKeys, managedValuesFromGraph, serverFields, unreportedKeys } from "./state";
import type { GraphSession } from "../graph/session";
import { withGroupIds } from "./groups";
import { forgetListings, listedOrFetched } from "./listing";
import { isNotFound } from "../graph/errors";
import { configDefault } from "../config/table";
import { markedDescription, OWNER_KEY, parseOwner } from "./ownership";
import { getPolicy, sendChannel, sendDelete } from "./requests";
import {
    claim,
    deleteCopies,
    oneAtATime,
    refuseInterruptedCreate,
    sendUntilCreated,
    type Create,
} from "./create-recovery";

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

/** Inputs without Pulumi's own bookkeeping (the provider text, the owner the marker names). */
function declared(inputs: Values): Values {
    const { [PROVIDER_KEY]: provider, [OWNER_KEY]: owner, ...rest } = inputs;
    void [provider, owner];
    return rest;
}

/**
 * Creates the policy in one request (apps and assignments inserted with it) and returns its id
 * and complete outputs. With `adoptPolicyId`, takes over that existing policy instead.
 *
 * Evidence of ownership: the resource classes pass the stack and resource name (`__owner`), and
 * the POST's description ends with that owner's marker line (see `engine/ownership.ts`); no second
 * request is needed. Before the first create of a platform, the process reads the tenant's
 * policies once: a policy carrying this resource's marker is one an interrupted `up` created, so
 * the create stops and names it and the `recover` command instead of making a copy.
 *
 * When the outcome of the POST is unknown (its answer was lost to a timeout or a dropped
 * connection, was a 5xx, or was a 2xx without the new policy's id), Graph may have created the
 * policy or may still be creating it: after `settleMs` the policy is looked for and taken if
 * found, else the POST is sent again (at most `MAX_CREATE_SENDS` times in all, see create-recovery.ts; never after
 * a 2xx without id). A candidate must carry this create's marker, have been created after the
 * first POST by Graph's clock (the `Date` of Graph's answer less the time elapsed since the POST on
 * this process's monotonic clock, so a wrong local clock does not matter) and not be tracked by
 * another resource of this process. A create without marker (the declared description leaves no
 * room for it) also requires the same name, settings, apps and assignments and no marker at all.
 * More candidates than lost POSTs is an error listing their ids, never a guess. A policy that a
 * lost POST makes after a later one was answered is looked for once more and deleted, so the
 * tenant ends with exactly one policy for the resource. Creates of policies with the same name
 * run one at a time in this process.
 *
 * @param settleMs - see `intune:createSettleSeconds`.
 */
export async function createPolicy(
    session: GraphSession,
    platform: PolicyType,
    inputs: Values,
    settleMs = configDefault("createSettleSeconds") * 1000,
): Promise<{ id: string; outs: Values }> {
    forgetListings(session);
    const wanted = declared(inputs);
    const adoptId = wanted[ADOPT_POLICY_ID];
    if (typeof adoptId === "string") return adoptPolicy(session, platform, adoptId, inputs);
    const owner = parseOwner(inputs[OWNER_KEY]);
    if (owner) await refuseInterruptedCreate(session, platform, owner, String(wanted.displayName));
    const groupIds =
        wanted[ASSIGNMENTS] === undefined
            ? {}
            : { assignedGroupIds: await withGroupIds(session, wanted[ASSIGNMENTS] as Assignments) };
    const sent: Values = {
        ...wanted,
        ...(groupIds.assignedGroupIds ? { [ASSIGNMENTS]: groupIds.assignedGroupIds } : {}),
    };
    const body = createBody(platform, sent);
    const description = owner && markedDescription(owner, sent.description);
    if (description !== undefined) body.description = description;
    return oneAtATime(`${platform.name}:${String(sent.displayName).toLowerCase()}`, async () => {
        const create: Create = {
            session,
            platform,
            sent,
            body,
            owner: description === undefined ? undefined : owner,
            firstSentAt: performance.now(),
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
                [PROVIDER_KEY]: inputs[PROVIDER_KEY],
            });
        }
        return { id, outs };
    });
}

/**
 * Takes over an existing policy: reads it, then applies only what differs from the declared
 * settings, apps and assignments. A failure after the policy was found still hands it to
 * Pulumi, so it is tracked (never orphaned) and the next `up` completes it.
 */
async function adoptPolicy(
    session: GraphSession,
    platform: PolicyType,
    id: string,
    inputs: Values,
): Promise<{ id: string; outs: Values }> {
    const wanted = declared(inputs);
    const policy = await getPolicy(session, platform, id);
    if (!policy) {
        const other = await typeHolding(session, platform, id);
        throw new Error(
            other
                ? `policy ${id} is an ${other.title} ${other.noun.one}, not ${platform.title}: adopt it with ${other.resourceType}`
                : `there is no ${platform.title} ${platform.noun.one} with id ${id} in tenant ${session.tenantId} to adopt (adoptPolicyId)`,
        );
    }
    claim(id);
    const live = managedValuesFromGraph(platform, policy, managedKeys(platform, wanted));
    const current = {
        ...live,
        ...(live[ASSIGNMENTS] ? { assignedGroupIds: live[ASSIGNMENTS] } : {}),
        ...serverFields(policy),
    };
    try {
        return { id, outs: await updatePolicy(session, platform, id, current, inputs) };
    } catch (err) {
        if (err instanceof PartialApplyError) throw err;
        throw new PartialApplyError(`adopting ${platform.title} policy ${id} failed: ${(err as Error).message}`, id, {
            ...current,
            [PROVIDER_KEY]: inputs[PROVIDER_KEY],
        });
    }
}

/** The other policy type, of those in the same family, that holds policy `id`; undefined when none does. */
async function typeHolding(session: GraphSession, platform: PolicyType, id: string): Promise<PolicyType | undefined> {
    for (const other of Object.values(policyTypes)) {
        if (other !== platform && other.noun === platform.noun && (await getPolicy(session, other, id))) return other;
    }
    return undefined;
}

/**
 * Live values of the managed settings. `props` are the stored outputs: their keys say
 * what is managed. Returns undefined when the policy no longer exists. A managed property the
 * answer does not carry at all (a partial body) keeps its stored value: only what Graph
 * reports is compared.
 */
export async function readPolicy(
    session: GraphSession,
    platform: PolicyType,
    id: string,
    props: Values,
): Promise<{ props: Values; inputs: Values } | undefined> {
    // Served from the process's listing of the collection where it tells all (see listing.ts).
    const policy = await listedOrFetched(session, platform, id, managedKeys(platform, declared(props)), () =>
        getPolicy(session, platform, id),
    );
    if (!policy) return undefined;
    const stored = declared(props);
    const keys = managedKeys(platform, stored);
    const unseen = new Set(unreportedKeys(platform, policy, keys));
    const live = managedValuesFromGraph(
        platform,
        policy,
        keys.filter((key) => !unseen.has(key)),
    );
    for (const key of unseen) live[key] = stored[key];
    if (unseen.has(ASSIGNMENTS)) {
        if (stored.assignedGroupIds !== undefined) live.assignedGroupIds = stored.assignedGroupIds;
    } else if (live[ASSIGNMENTS] !== undefined) {
        // Assignments declared by group name stay as declared while Graph holds the groups they
        // resolved to; anything else Graph holds shows as the ids it holds (drift).
        const unchanged =
            stored.assignedGroupIds !== undefined && sameValue(stored.assignedGroupIds, live[ASSIGNMENTS]);
        live.assignedGroupIds = live[ASSIGNMENTS];
        if (unchanged) live[ASSIGNMENTS] = stored[ASSIGNMENTS];
    }
    const options = stored[ADOPT_POLICY_ID] === undefined ? {} : { [ADOPT_POLICY_ID]: stored[ADOPT_POLICY_ID] };
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
    platform: PolicyType,
    id: string,
    olds: Values,
    news: Values,
): Promise<Values> {
    forgetListings(session);
    const wanted = declared(news);
    const changes = policyChanges(platform, olds, wanted);
    const applied: Values = { ...declared(olds) };
    for (const key of changes.released) delete applied[key];
    if (changes.released.includes(ASSIGNMENTS)) delete applied.assignedGroupIds;
    let groupIds = olds.assignedGroupIds;
    if (changes.send.assign) {
        groupIds = await withGroupIds(session, wanted[ASSIGNMENTS] as Assignments);
        // Names that resolve to the groups already assigned need no request.
        if (olds.assignedGroupIds !== undefined && sameValue(groupIds, olds.assignedGroupIds)) {
            delete changes.send.assign;
            applied[ASSIGNMENTS] = wanted[ASSIGNMENTS];
        }
    }

    // Assignments are sent as the group ids their names resolved to.
    const sent: Values = { ...wanted, ...(changes.send.assign ? { [ASSIGNMENTS]: groupIds } : {}) };
    const steps = channelNames
        .filter((channel) => changes.send[channel]?.length)
        .map((channel) => {
            const changed = changes.send[channel]!;
            // An action replaces all its entries: what is declared of them is then what Graph holds.
            const keys = channelKeysOf(platform, channel, changed, wanted);
            return { keys, run: () => sendChannel(session, platform, id, channel, sent, keys) };
        });

    for (const step of steps) {
        try {
            await step.run();
        } catch (err) {
            if (isNotFound(err)) {
                throw new Error(
                    `${platform.title} ${platform.noun.one} ${id} does not exist any more (deleted outside Pulumi?). Run \`pulumi refresh\` to drop it from the stack; the next \`pulumi up\` creates it again. ${(err as Error).message}`,
                    { cause: err },
                );
            }
            throw new PartialApplyError(
                `updating ${platform.title} policy ${id} failed: ${(err as Error).message}`,
                id,
                {
                    ...applied,
                    [PROVIDER_KEY]: news[PROVIDER_KEY],
                },
            );
        }
        for (const key of step.keys) applied[key] = wanted[key];
        if (step.keys.includes(ASSIGNMENTS)) applied.assignedGroupIds = groupIds;
    }

    let server = serverFields(olds);
    if (steps.length) {
        const policy = await getPolicy(session, platform, id);
        if (!policy)
            throw new Error(`${platform.title} ${platform.noun.one} ${id} was deleted while it was being updated`);
        server = serverFields(policy);
    }
    return { ...wanted, ...(wanted[ASSIGNMENTS] === undefined ? {} : { assignedGroupIds: groupIds }), ...server };
}

/** The keys a channel's request writes: the changed ones (PATCH), or every declared entry of an action's. */
function channelKeysOf(platform: PolicyType, channel: ChannelName, changed: string[], wanted: Values): string[] {
    if ((channels[channel] as WriteChannel).sends === "changed") return changed;
    return channelKeys(platform, channel).filter((key) => key in wanted);
}

/** Deletes the policy; one that is already gone counts as deleted. */
export async function deletePolicy(session: GraphSession, platform: PolicyType, id: string): Promise<void> {
    forgetListings(session);
    await sendDelete(session, platform, id);
}

/**
 * Create, read, update and delete of one policy through Graph, generic over the platform.
 * Requests are kept to the minimum: create is one POST carrying apps and assignments,
 * read served from the process's listing of the collection (`listing.ts`; one GET where it
 * cannot tell), update only the channels that changed (PATCH, `targetApps`, `assign`)
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
    unreportedKeys,
    settingsBody,
    targetAppsBody,
} from "./state";
import type { GraphSession } from "../graph/session";
import { withGroupIds } from "./groups";
import { forgetListings, listedOrFetched } from "./listing";
import type { Assignments } from "./targets";
import { isNotFound } from "../graph/errors";
import { configDefault } from "../config/table";
import { carriesMarker, markedDescription, markerLine, OWNER_KEY, ownerOf, parseOwner, type Owner } from "./ownership";

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

/** Inputs without Pulumi's own bookkeeping (the provider text, the owner the marker names). */
function declared(inputs: Values): Values {
    const { __provider, [OWNER_KEY]: owner, ...rest } = inputs;
    void [__provider, owner];
    return rest;
}

/**
 * Reads one policy with its apps and assignments; undefined when Graph says it does not exist.
 * @throws Error when Graph's answer is not that policy (no object with its id: nothing to tell whether it exists).
 */
export async function getPolicy(
    session: GraphSession,
    platform: Platform,
    id: string,
): Promise<Record<string, any> | undefined> {
    let body: unknown;
    try {
        body = (
            await session.send<Record<string, any>>({
                method: "GET",
                path: `${policyPath(platform, id)}?$expand=apps,assignments`,
            })
        ).body;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
    const policyId = (body as { id?: unknown } | undefined)?.id;
    if (typeof policyId !== "string" || policyId.toLowerCase() !== id.toLowerCase()) {
        throw new Error(
            `Microsoft Graph answered the read of ${platform.title} policy ${id} without that policy in its body, so nothing is known about it; try again`,
        );
    }
    return body as Record<string, any>;
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
 * found, else the POST is sent again (at most {@link MAX_CREATE_SENDS} times in all; never after
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
    platform: Platform,
    inputs: Values,
    settleMs = configDefault("createSettleSeconds") * 1000,
): Promise<{ id: string; outs: Values }> {
    forgetListings(session);
    const wanted = declared(inputs);
    if (typeof wanted.adoptPolicyId === "string") return adoptPolicy(session, platform, wanted.adoptPolicyId, inputs);
    const owner = parseOwner(inputs[OWNER_KEY]);
    if (owner) await refuseInterruptedCreate(session, platform, owner, String(wanted.displayName));
    const groupIds =
        wanted.assignments === undefined
            ? {}
            : { assignedGroupIds: await withGroupIds(session, wanted.assignments as Assignments) };
    const sent: Values = {
        ...wanted,
        ...(groupIds.assignedGroupIds ? { assignments: groupIds.assignedGroupIds } : {}),
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
                __provider: inputs.__provider,
            });
        }
        return { id, outs };
    });
}

/** Per session and platform: the tenant's policies as they were before this process created any. */
const before = new WeakMap<GraphSession, Map<string, Promise<Record<string, any>[]>>>();

/**
 * Stops a create whose resource already has a policy in the tenant: one carrying its marker, made
 * by an earlier `up` that was interrupted before the engine recorded the id. The error names the
 * policy and the `recover` command; nothing is sent, so no copy is made.
 */
async function refuseInterruptedCreate(
    session: GraphSession,
    platform: Platform,
    owner: Owner,
    displayName: string,
): Promise<void> {
    let bySession = before.get(session);
    if (!bySession) before.set(session, (bySession = new Map()));
    let listed = bySession.get(platform.name);
    if (!listed) {
        listed = session.listAll<Record<string, any>>(`/deviceAppManagement/${platform.collection}`);
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
        let answeredWithoutId = false;
        try {
            if (create.sends === 0) create.firstSentAt = performance.now();
            create.sends++;
            const response = await session.send<Record<string, any>>({
                method: "POST",
                path: `/deviceAppManagement/${platform.collection}`,
                body: create.body,
                idempotent: false,
            });
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
async function deleteCopies(create: Create): Promise<void> {
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
            await deletePolicy(create.session, create.platform, String(extra.id));
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
    const path = `/deviceAppManagement/${platform.collection}?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`;
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
    const settingKeys = managedKeys(platform, sent).filter((key) => key in platform.settings);
    const targetKeys = managedKeys(platform, sent).filter(
        (key) => !(key in platform.settings) && !(key === "apps" && appsAreServerManaged(sent)),
    );
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
 * what is managed. Returns undefined when the policy no longer exists. A managed property the
 * answer does not carry at all (a partial body) keeps its stored value: only what Graph
 * reports is compared.
 */
export async function readPolicy(
    session: GraphSession,
    platform: Platform,
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
    if (unseen.has("assignments")) {
        if (stored.assignedGroupIds !== undefined) live.assignedGroupIds = stored.assignedGroupIds;
    } else if (live.assignments !== undefined) {
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
    forgetListings(session);
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
                    { cause: err },
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
    forgetListings(session);
    try {
        await session.send({ method: "DELETE", path: policyPath(platform, id) });
    } catch (err) {
        if (!isNotFound(err)) throw err;
    }
}

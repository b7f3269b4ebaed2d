/**
 * Create, read, update and delete of one policy through Graph, generic over the platform.
 * Requests are kept to the minimum: create is one POST carrying apps and assignments,
 * read one GET, update only the channels that changed (PATCH, `targetApps`, `assign`)
 * plus one read-back, delete one DELETE.
 */
import type { Platform } from "../settings/platforms";
import { policyChanges } from "./diff";
import { assignBody, createBody, managedKeys, managedValuesFromGraph, serverFields, settingsBody, targetAppsBody } from "./state";
import type { GraphSession } from "../graph/session";
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

/** Creates the policy in one request and returns its id and complete outputs. */
export async function createPolicy(session: GraphSession, platform: Platform, inputs: Values): Promise<{ id: string; outs: Values }> {
    const wanted = declared(inputs);
    const response = await session.send<Record<string, any>>({
        method: "POST",
        path: `/deviceAppManagement/${platform.collection}`,
        body: createBody(platform, wanted),
        idempotent: false,
    });
    const created = response.body ?? {};
    return { id: String(created.id), outs: { ...wanted, ...serverFields(created) } };
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
    const options = stored.adoptPolicyId === undefined ? {} : { adoptPolicyId: stored.adoptPolicyId };
    return { props: { ...options, ...live, ...serverFields(policy) }, inputs: { ...options, ...live } };
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
            run: () => session.send({ method: "POST", path: `${policyPath(platform, id)}/targetApps`, body: targetAppsBody(platform, wanted) }),
        });
    }
    if (changes.assign) {
        steps.push({ keys: ["assignments"], run: () => session.send({ method: "POST", path: `${policyPath(platform, id)}/assign`, body: assignBody(wanted) }) });
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
    }

    let server = serverFields(olds);
    if (steps.length) {
        const policy = await getPolicy(session, platform, id);
        if (!policy) throw new Error(`${platform.title} app protection policy ${id} was deleted while it was being updated`);
        server = serverFields(policy);
    }
    return { ...wanted, ...server };
}

/** Deletes the policy; one that is already gone counts as deleted. */
export async function deletePolicy(session: GraphSession, platform: Platform, id: string): Promise<void> {
    try {
        await session.send({ method: "DELETE", path: policyPath(platform, id) });
    } catch (err) {
        if (!isNotFound(err)) throw err;
    }
}

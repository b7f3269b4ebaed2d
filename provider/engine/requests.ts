/**
 * The Graph requests on policies: the one place that builds `/deviceAppManagement/{collection}`
 * paths. The lifecycle, the create recovery, the listing, the connection check, the recover
 * command and the export all call these.
 */
import type { GraphResponse, GraphSession } from "../graph/session";
import { isNotFound } from "../graph/errors";
import type { ChannelName, WriteChannel } from "../settings/channels";
import { channels } from "../settings/channels";
import type { PolicyType } from "../settings/policy-type";
import { channelBody, expandQuery } from "./state";

/** A policy as Graph returns it. */
export type GraphPolicy = Record<string, any>;

/** The type's collection, optionally with a query (`$filter=...`, without `?`). */
export const collectionPath = (type: PolicyType, query?: string): string =>
    `/deviceAppManagement/${type.collection}${query ? `?${query}` : ""}`;

/** One policy of the type. */
const policyPath = (type: PolicyType, id: string): string => `${collectionPath(type)}/${encodeURIComponent(id)}`;

/** The collection with every policy's relationships expanded (apps, assignments). */
export const expandedCollectionPath = (type: PolicyType): string => collectionPath(type, expandQuery(type));

/** One policy, as Graph answers it; undefined when Graph says it does not exist. */
async function getOne(session: GraphSession, type: PolicyType, id: string): Promise<GraphPolicy | undefined> {
    try {
        return (
            await session.send<GraphPolicy>({ method: "GET", path: `${policyPath(type, id)}?${expandQuery(type)}` })
        ).body;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}

/**
 * Reads one policy with its apps and assignments; undefined when Graph says it does not exist.
 * @throws Error when Graph's answer is not that policy (no object with its id: nothing to tell whether it exists).
 */
export async function getPolicy(session: GraphSession, type: PolicyType, id: string): Promise<GraphPolicy | undefined> {
    const body = await getOne(session, type, id);
    if (body === undefined) return undefined;
    const policyId = (body as { id?: unknown } | undefined)?.id;
    if (typeof policyId !== "string" || policyId.toLowerCase() !== id.toLowerCase()) {
        throw new Error(
            `Microsoft Graph answered the read of ${type.title} ${type.noun.one} ${id} without that policy in its body, so nothing is known about it; try again`,
        );
    }
    return body;
}

/** Reads one policy as Graph answers it (the export takes what Graph gives); undefined when it does not exist. */
export const readPolicyAsAnswered = getOne;

/** POSTs a new policy (one attempt: the caller decides about a lost answer). */
export function postPolicy(
    session: GraphSession,
    type: PolicyType,
    body: Record<string, unknown>,
): Promise<GraphResponse<GraphPolicy>> {
    return session.send<GraphPolicy>({ method: "POST", path: collectionPath(type), body, idempotent: false });
}

/** Sends one write channel's request for the `keys` of `values` (see `settings/channels.ts`). */
export async function sendChannel(
    session: GraphSession,
    type: PolicyType,
    id: string,
    channel: ChannelName,
    values: Record<string, unknown>,
    keys: string[],
): Promise<void> {
    const { request } = channels[channel] as WriteChannel;
    if (!request) return;
    const body = channelBody(type, channel, values, keys);
    if (request.method === "PATCH") await session.send({ method: "PATCH", path: policyPath(type, id), body });
    else
        await session.send({
            method: "POST",
            path: `${policyPath(type, id)}/${request.action}`,
            body,
            idempotent: true,
        });
}

/** Deletes the policy; one that is already gone counts as deleted. */
export async function sendDelete(session: GraphSession, type: PolicyType, id: string): Promise<void> {
    try {
        await session.send({ method: "DELETE", path: policyPath(type, id) });
    } catch (err) {
        if (!isNotFound(err)) throw err;
    }
}

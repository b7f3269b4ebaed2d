/**
 * Write channels: the ways a declared value reaches Graph. Every catalog entry names its channel;
 * create, update, diff and the export iterate over this table, so a new channel is one row.
 * Sources: Microsoft Graph beta `targetedManagedAppProtection` actions `targetApps` and `assign`
 * (Microsoft Learn, "targetedManagedAppProtection: targetApps" and "...: assign"), which replace
 * the policy's whole app list and whole assignment list; every other property is PATCHed.
 */

/** How the values of one channel are written. */
export interface WriteChannel {
    /**
     * The request that writes the channel's values: a PATCH of the policy, or a POST of an action
     * under it. None for lifecycle options, which are never sent.
     */
    readonly request?: { readonly method: "PATCH" } | { readonly method: "POST"; readonly action: string };
    /**
     * What the body holds: the changed entries only (PATCH), or every entry of the channel, since
     * the action replaces them all (an entry not declared is sent as its `default`).
     */
    readonly sends?: "changed" | "all";
}

/** The channels, in the order an update sends them (settings first, assignments last). */
export const channels = {
    patch: { request: { method: "PATCH" }, sends: "changed" },
    targetApps: { request: { method: "POST", action: "targetApps" }, sends: "all" },
    assign: { request: { method: "POST", action: "assign" }, sends: "all" },
    /** Lifecycle options such as `adoptPolicyId`: never sent, never compared. */
    option: {},
} as const satisfies Record<string, WriteChannel>;

export type ChannelName = keyof typeof channels;

/** The channels' names, in sending order. */
export const channelNames = Object.keys(channels) as ChannelName[];

/** Whether values of the channel are written to Graph (and so managed and compared). */
export const isWritten = (name: ChannelName): boolean => (channels[name] as WriteChannel).request !== undefined;

/**
 * Refresh at the read floor: the reads of one provider process served from the policy collection,
 * listed once with `$expand=apps,assignments` in pages, instead of one GET per policy.
 *
 * What a listing may answer, and for how long:
 * - A policy the listing carries with its apps, its assignments and every setting the read needs
 *   is served from it. Anything else (not listed, listed without an expansion or with an expansion
 *   that is itself paged, or without a property the read needs) is read by its own GET, so a
 *   policy is dropped only when Graph answers that it does not exist, as without a listing.
 * - A listing that fails (an error on any page, more than {@link LISTING_MAX_PAGES} pages, an
 *   item without id) serves nothing: every read of that platform
 *   then uses its own GET for the rest of the process.
 * - A listing serves reads for {@link LISTING_LIFETIME_MS} from when its first page was asked for;
 *   the next read after that lists again.
 * - Any write through the session ({@link forgetListings}) ends listings for that session: reads
 *   after a write use their own GET, so nothing read before a write is served after it.
 *
 * The provider process lives for one engine command, so nothing crosses commands; listings are
 * kept per Graph session (tenant and identity) and platform.
 *
 * @packageDocumentation
 */
import type { GraphSession } from "../graph/session";
import type { PolicyType } from "../settings/policy-type";
import { unreportedKeys } from "./state";
import { expandedCollectionPath } from "./requests";

type Policy = Record<string, any>;

/** How long a listing serves reads, from when its first page was asked for. */
export const LISTING_LIFETIME_MS = 60_000;

/** Most pages one listing reads (100 policies each: 10,000 policies); a longer collection is read per policy. */
export const LISTING_MAX_PAGES = 100;

/** One listing of a platform's collection: its policies by lower-case id, or undefined when it failed. */
interface Listing {
    startedAt: number;
    policies: Promise<Map<string, Policy> | undefined>;
}

/** Per session: the listing of each platform, the platforms whose listing failed, and whether the session has written. */
interface SessionListings {
    byPlatform: Map<string, Listing>;
    failed: Set<string>;
    written: boolean;
}

const listings = new WeakMap<GraphSession, SessionListings>();

function listingsOf(session: GraphSession): SessionListings {
    let state = listings.get(session);
    if (!state) listings.set(session, (state = { byPlatform: new Map(), failed: new Set(), written: false }));
    return state;
}

/** Options of a listing (tests). */
export interface ListingOptions {
    /** See {@link LISTING_MAX_PAGES}. */
    maxPages?: number;
    /** See {@link LISTING_LIFETIME_MS}. */
    lifetimeMs?: number;
}

/**
 * The policy `id` of `platform` as the current listing holds it, when the listing can tell
 * everything a read of `keys` (managed settings, `apps`, `assignments`) needs; otherwise (not
 * listed, listing failed or ended by a write) the answer of `fetch`, the policy's own GET.
 */
export async function listedOrFetched(
    session: GraphSession,
    platform: PolicyType,
    id: string,
    keys: string[],
    fetch: () => Promise<Policy | undefined>,
    options: ListingOptions = {},
): Promise<Policy | undefined> {
    const policies = await currentListing(session, platform, options);
    const policy = policies?.get(id.toLowerCase());
    return policy && tellsAll(platform, policy, keys) ? policy : fetch();
}

/** Ends the listings of `session`: called before every write it sends, so no read after a write is served stale. */
export function forgetListings(session: GraphSession): void {
    const state = listingsOf(session);
    state.written = true;
    state.byPlatform.clear();
}

/** The policies of the platform's listing in force, started when there is none; undefined when none may serve. */
async function currentListing(
    session: GraphSession,
    platform: PolicyType,
    options: ListingOptions,
): Promise<Map<string, Policy> | undefined> {
    const state = listingsOf(session);
    if (state.written || state.failed.has(platform.name)) return undefined;
    const lifetimeMs = options.lifetimeMs ?? LISTING_LIFETIME_MS;
    let listing = state.byPlatform.get(platform.name);
    if (!listing || performance.now() - listing.startedAt > lifetimeMs) {
        const policies = list(session, platform, options.maxPages).then((listed) => {
            if (!listed) state.failed.add(platform.name);
            return listed;
        });
        listing = { startedAt: performance.now(), policies };
        state.byPlatform.set(platform.name, listing);
    }
    return listing.policies;
}

/** Lists the collection with apps and assignments; undefined when any part of it failed. */
async function list(
    session: GraphSession,
    platform: PolicyType,
    maxPages = LISTING_MAX_PAGES,
): Promise<Map<string, Policy> | undefined> {
    let items: unknown[];
    try {
        items = await session.listAll<unknown>(expandedCollectionPath(platform), {
            maxPages,
        });
    } catch {
        // Whatever went wrong, each read's own GET meets it again and reports it.
        return undefined;
    }
    const byId = new Map<string, Policy>();
    for (const item of items) {
        const id = (item as Policy | null)?.id;
        if (typeof id !== "string" || id === "") return undefined;
        byId.set(id.toLowerCase(), item as Policy);
    }
    return byId;
}

/** Whether a listed policy carries all a read of `keys` needs: both expansions, complete, and every setting. */
function tellsAll(platform: PolicyType, policy: Policy, keys: string[]): boolean {
    for (const nav of Object.keys(platform.entries).filter((key) => platform.entries[key].expanded)) {
        if (!Array.isArray(policy[nav]) || policy[`${nav}@odata.nextLink`] !== undefined) return false;
    }
    return unreportedKeys(platform, policy, keys).length === 0;
}

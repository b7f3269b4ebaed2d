/**
 * The suite's own Graph access to the tenant, outside Pulumi: listing, making a policy for the
 * adopt scenario, changing one behind Pulumi's back, and cleaning up. Every write is refused
 * unless the policy's display name carries the run's prefix (deletes of earlier runs' leftovers:
 * the suite's name pattern), so the suite cannot touch anything else in a tenant.
 */
import type { GraphSession } from "../../provider/graph/session";
import { isNotFound } from "../../provider/graph/errors";
import { platforms, type PlatformName } from "../../provider/settings/platforms";
import { isStaleLeftover, SUITE_NAME_PATTERN, type ListedPolicy } from "./names";

const PLATFORMS: PlatformName[] = ["ios", "android"];

const policyPath = (platform: PlatformName, id: string) =>
    `/deviceAppManagement/${platforms[platform].collection}/${encodeURIComponent(id)}`;

export class SuiteTenant {
    constructor(
        readonly session: GraphSession,
        /** The run's display-name prefix. */
        readonly prefix: string,
    ) {}

    /** Every iOS and Android app protection policy of the tenant (id, name, creation time only). */
    async list(): Promise<ListedPolicy[]> {
        const all: ListedPolicy[] = [];
        for (const platform of PLATFORMS) {
            const items = await this.session.listAll<Record<string, unknown>>(
                `/deviceAppManagement/${platforms[platform].collection}?$select=id,displayName,createdDateTime`,
            );
            for (const item of items)
                all.push({
                    platform,
                    id: String(item.id),
                    displayName: String(item.displayName ?? ""),
                    createdDateTime: typeof item.createdDateTime === "string" ? item.createdDateTime : undefined,
                });
        }
        return all;
    }

    /** The run's policies. */
    async own(): Promise<ListedPolicy[]> {
        return (await this.list()).filter((p) => p.displayName.startsWith(this.prefix));
    }

    /** One policy with apps and assignments, as Graph returns it. */
    async get(platform: PlatformName, id: string): Promise<Record<string, any>> {
        const response = await this.session.send<Record<string, any>>({
            method: "GET",
            path: `${policyPath(platform, id)}?$expand=apps,assignments`,
        });
        return response.body!;
    }

    /** Creates a policy outside Pulumi; its display name must carry the run's prefix. */
    async create(platform: PlatformName, body: Record<string, unknown>): Promise<Record<string, any>> {
        this.assertOwn(String(body.displayName ?? ""));
        const response = await this.session.send<Record<string, any>>({
            method: "POST",
            path: `/deviceAppManagement/${platforms[platform].collection}`,
            body: { "@odata.type": platforms[platform].odataType, ...body },
            idempotent: false,
        });
        return response.body!;
    }

    /** Changes settings of one of the run's policies, as an admin would in the admin center. */
    async change(policy: ListedPolicy, settings: Record<string, unknown>): Promise<void> {
        this.assertOwn(policy.displayName);
        if ("displayName" in settings) this.assertOwn(String(settings.displayName));
        await this.session.send({
            method: "PATCH",
            path: policyPath(policy.platform, policy.id),
            body: { "@odata.type": platforms[policy.platform].odataType, ...settings },
        });
    }

    /** Deletes every policy of this run still in the tenant; returns what it deleted. */
    async removeOwn(): Promise<ListedPolicy[]> {
        const own = await this.own();
        for (const policy of own) await this.remove(policy, (name) => name.startsWith(this.prefix));
        return own;
    }

    /** Deletes leftovers of earlier runs (suite names only) created more than `hours` ago. */
    async sweep(hours: number, now = new Date()): Promise<ListedPolicy[]> {
        const stale = (await this.list()).filter((p) => isStaleLeftover(p, now, hours));
        for (const policy of stale) await this.remove(policy, (name) => SUITE_NAME_PATTERN.test(name));
        return stale;
    }

    private async remove(policy: ListedPolicy, allowed: (name: string) => boolean): Promise<void> {
        if (!allowed(policy.displayName))
            throw new Error(`refusing to delete ${policy.id} ("${policy.displayName}"): not a suite policy`);
        try {
            await this.session.send({ method: "DELETE", path: policyPath(policy.platform, policy.id) });
        } catch (err) {
            if (!isNotFound(err)) throw err;
        }
    }

    private assertOwn(displayName: string): void {
        if (!displayName.startsWith(this.prefix))
            throw new Error(`refusing to write "${displayName}": it lacks this run's prefix ${this.prefix}`);
    }
}

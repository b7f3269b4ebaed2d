/**
 * The provider process's connection to its tenant, resolved once from the config `configure()`
 * received: the config read and checked against the table, the Graph session (credential, pacer,
 * retries), and the verification preview runs before anything is written.
 *
 * @packageDocumentation
 */

import { type ConfigSource, type EngineOptions, type ProviderConfig, readProviderConfig } from "../config";
import { type GraphSession, openSession, sessionGeneration } from "../graph/session";
import type { PolicyType } from "../settings/policy-type";
import { checkGroupNames } from "./groups";
import { collectionPath } from "./requests";
import type { Assignments } from "../settings/assignments";
import { warnUser } from "./warn";

/** The stack config `configure()` received, with its key list when the host has one. */
export function configSourceOf(config: { get(key: string): string | undefined }): ConfigSource {
    // Pulumi's dynamic-provider host passes its `Config`, which keeps every key in `rawConfig`.
    const raw = (config as { rawConfig?: Record<string, unknown> }).rawConfig;
    return raw && typeof raw === "object"
        ? { get: (key) => config.get(key), keys: () => Object.keys(raw) }
        : { get: (key) => config.get(key) };
}

/** One provider process's connection; every resource of the process shares it. */
export class ProviderConnection {
    private config: ProviderConfig | undefined;
    private session: { session: GraphSession; generation: number } | undefined;
    private verified: Promise<void> | undefined;
    private warned = false;

    constructor(
        private readonly source: ConfigSource,
        private readonly env: NodeJS.ProcessEnv,
    ) {}

    /** The config, read once (unknown keys and badly typed values throw `ConfigError`). */
    private read(): ProviderConfig {
        return (this.config ??= readProviderConfig(this.source, this.env));
    }

    /** What the engine does with the connection. */
    options(): EngineOptions {
        return this.read().engine;
    }

    /** The Graph session, opened once (a config that cannot connect throws `ConfigError`). */
    graph(): GraphSession {
        if (this.session?.generation !== sessionGeneration())
            this.session = { session: openSession(this.read().connection()), generation: sessionGeneration() };
        return this.session.session;
    }

    /**
     * What `check` verifies before anything is written, when `intune:verifyAtPreview` is on:
     * a token is fetched and one read of the platform's policy collection proves the permission
     * and the licence (once per process); group names are resolved read-only, so a typo or a
     * duplicate name fails here naming the tenant. When it is off, says once that nothing was
     * verified.
     *
     * @returns the reason of a group-name failure, for `check` to report against `assignments`.
     * @throws the connection's own error (config, token, permission, licence), explained.
     */
    async verify(platform: PolicyType, assignments: Assignments | undefined): Promise<string | undefined> {
        if (!this.options().verifyAtPreview) {
            if (!this.warned) {
                this.warned = true;
                await warnUser(
                    "intune:verifyAtPreview is false: the connection to the tenant (credential, permission, licence) and the group names were not verified before changes were planned, so a preview may pass where `pulumi up` fails.",
                );
            }
            return undefined;
        }
        const session = this.graph();
        this.verified ??= this.readOnce(session, platform).catch((err) => {
            this.verified = undefined;
            throw err;
        });
        await this.verified;
        if (!assignments) return undefined;
        try {
            await checkGroupNames(session, assignments);
            return undefined;
        } catch (err) {
            if (isGraphError(err)) throw err;
            return (err as Error).message;
        }
    }

    private async readOnce(session: GraphSession, platform: PolicyType): Promise<void> {
        try {
            await session.send({
                method: "GET",
                path: collectionPath(platform, "$top=1&$select=id"),
            });
        } catch (err) {
            if (err instanceof Error)
                err.message = `Preview could not verify the connection to tenant ${session.tenantId} (set intune:verifyAtPreview to false to preview without credentials): ${err.message}`;
            throw err;
        }
    }
}

function isGraphError(err: unknown): boolean {
    return err instanceof Error && err.name === "GraphRequestError";
}

/**
 * The provider's configuration: one table of `intune:*` keys (`table.ts`), read and checked
 * (`read.ts`), split into the connection to Graph (`connection.ts`) and the engine's options.
 *
 * @packageDocumentation
 */

import type { ConfigSources, ConfigValues } from "./table";
import { configDefault } from "./table";
import { type ConfigSource, readConfig } from "./read";
import { type ValidConnectionConfig, connectionFrom } from "./connection";

export * from "./table";
export { ConfigError, type ConfigSource, describeKind, readConfig, rejectUnknownKeys } from "./read";
export {
    type ConnectionConfig,
    DEFAULT_TUNING,
    TEST_TUNING_ENV,
    type TransportTuning,
    type ValidConnectionConfig,
    configLabel,
    describeConnection,
    effectiveCredentialKind,
    readConnectionConfig,
    validateConnectionConfig,
} from "./connection";

/** What the engine does with the connection (not part of the connection itself). */
export interface EngineOptions {
    /** See `intune:createSettleSeconds`, in milliseconds. */
    createSettleMs: number;
    /** See `intune:verifyAtPreview`. */
    verifyAtPreview: boolean;
}

/** The provider's whole configuration, read once per provider process. */
export interface ProviderConfig {
    readonly engine: EngineOptions;
    /**
     * The checked connection config. Throws (`ConfigError`) when the config cannot make a
     * connection — only when a connection is needed, so a preview that does not verify the
     * connection runs without credentials.
     */
    connection(): ValidConnectionConfig;
}

/**
 * Reads every `intune:*` key once: unknown keys and badly typed values fail here; what a
 * connection needs is checked by {@link ProviderConfig.connection}.
 *
 * @throws ConfigError naming the key to fix.
 */
export function readProviderConfig(source: ConfigSource, env: NodeJS.ProcessEnv): ProviderConfig {
    const { values, sources } = readConfig(source, env);
    let connection: ValidConnectionConfig | undefined;
    return {
        engine: engineOptions(values),
        connection: () => (connection ??= connectionFrom(values, sources as ConfigSources, env)),
    };
}

function engineOptions(values: ConfigValues): EngineOptions {
    return {
        createSettleMs: (values.createSettleSeconds ?? configDefault("createSettleSeconds")) * 1000,
        verifyAtPreview: values.verifyAtPreview ?? configDefault("verifyAtPreview"),
    };
}

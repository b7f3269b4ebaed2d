/**
 * Types of the data protection framework presets: the generated settings args with plain
 * (already resolved) values, minus the fields that stay the user's.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AndroidPolicySettings, IosPolicySettings } from "../resources/settings.generated";

/** The same keys with plain values instead of `pulumi.Input`s (optional keys stay optional). */
export type PlainSettings<T> = {
    readonly [K in keyof T]: Exclude<T[K], Promise<unknown> | pulumi.OutputInstance<unknown>>;
};

/** Fields a preset never sets: the policy's name and description are the user's. */
export type UserOwnedSettings = "displayName" | "description";

/** An iOS/iPadOS preset: spread it into `IosAppProtectionPolicyArgs` and add `displayName`. */
export type IosBaseline = PlainSettings<Omit<IosPolicySettings, UserOwnedSettings>>;

/** An Android preset: spread it into `AndroidAppProtectionPolicyArgs` and add `displayName`. */
export type AndroidBaseline = PlainSettings<Omit<AndroidPolicySettings, UserOwnedSettings>>;

/** The name and description Microsoft published with a framework policy. */
export interface PublishedPolicy {
    /** `displayName` of the published policy (carries Microsoft's version, e.g. "v1.5"). */
    readonly displayName: string;
    /** `description` of the published policy. */
    readonly description: string;
}

/**
 * Freezes a preset and every list in it, so that one program's policy cannot change the preset
 * another policy spreads (`preset.allowedDataStorageLocations.push(...)` throws instead).
 * The static type stays the mutable argument type so the preset spreads into resource args.
 */
export function frozen<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        for (const item of Object.values(value)) frozen(item);
        Object.freeze(value);
    }
    return value;
}

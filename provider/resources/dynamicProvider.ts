/**
 * The dynamic provider as Pulumi stores it in state (under `PROVIDER_KEY`, protocol/pulumi.ts) and the provider host loads it.
 *
 * `pulumi.dynamic.Resource` would serialize a provider object with Pulumi's closure serializer:
 * about 2.7 KB of generated wrappers, stored twice (inputs and outputs) in every policy's state,
 * which the file backend rewrites after every step of an `up`. The provider text here is written
 * by hand instead: one line that `require`s the engine from the installed package (resolved from
 * the program's directory, where the provider host runs) and asks it for the platform's provider.
 * State never carries credentials, clients or a stale copy of the engine, and the text is the
 * same for every policy of a platform.
 */
import type { PolicyTypeName } from "../settings/policy-type";

/**
 * The package path of the engine module, resolved in the provider process. It is persisted in every
 * policy's state: package.json `exports` declares it, and it must keep resolving.
 */
export const ENGINE_MODULE = "pulumi-intune-app-protection/dist/provider/engine/runtime";

/**
 * The module text of the platform's provider: the host evaluates it and calls `handler()` for a
 * `pulumi.dynamic.ResourceProvider` (see `providerFor` in the engine's runtime).
 */
export function serializedProvider(type: PolicyTypeName): string {
    return `exports.handler = () => require(${JSON.stringify(ENGINE_MODULE)}).providerFor(${JSON.stringify(type)});\n`;
}

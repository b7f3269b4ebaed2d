/**
 * The dynamic provider Pulumi serializes into state. It holds only the platform name: each
 * method `require`s the engine from the installed package (resolved from the program's
 * directory, where the provider process runs), so state never carries credentials, clients
 * or a stale copy of the engine.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformName } from "../settings/platforms";

/** The package path of the engine module, resolved in the provider process. */
export const ENGINE_MODULE = "pulumi-intune-app-protection/dist/provider/engine/runtime";

/** A provider for one platform; one shared instance per platform keeps serialization cached. */
export function makeProvider(platform: PlatformName): pulumi.dynamic.ResourceProvider {
    const engine = () => require(ENGINE_MODULE);
    return {
        configure: async (req) => engine().configure(req.config),
        check: async (olds, news) => engine().check(platform, olds, news),
        diff: async (id, olds, news) => engine().diff(platform, id, olds, news),
        create: async (inputs) => engine().create(platform, inputs),
        read: async (id, props) => engine().read(platform, id, props),
        update: async (id, olds, news) => engine().update(platform, id, olds, news),
        delete: async (id) => engine().delete(platform, id),
    };
}

/**
 * The provider's settings catalog, the single source of the settings' admin-center labels,
 * allowed values and defaults that the rules quote.
 *
 * Inside this repository the pack reads the catalog's TypeScript source, so it never depends on a
 * stale build. The installable copy `npm run build` makes in dist/policy-pack (shipped with the
 * package) reads the compiled catalog beside it (dist/provider/settings) through the same paths.
 */
export { platforms, type Platform, type PlatformName } from "../provider/settings/platforms";
export { formatDuration, parseDuration } from "../provider/settings/duration";

/**
 * Module of the resources' type tokens (`pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy`);
 * equal to `TYPE_MODULE` of provider/resources/policies.ts (a test holds them together; importing
 * that module here would load the whole provider into the analyzer).
 */
export const TYPE_MODULE = "intune";

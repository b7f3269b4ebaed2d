/**
 * The provider's settings catalog, the single source of the settings' admin-center labels,
 * allowed values and defaults that the rules quote.
 *
 * Inside this repository the pack reads the catalog's TypeScript source, so it never depends on a
 * stale build. The installable copy `npm run build` makes in dist/policy-pack (shipped with the
 * package) reads the compiled catalog beside it (dist/provider/settings) through the same paths.
 */
export { policyTypes } from "../provider/settings/platforms";
export type { PolicyType, PolicyTypeName } from "../provider/settings/policy-type";
export { formatDuration, parseDuration } from "../provider/settings/duration";

export { typeToken } from "../provider/protocol/pulumi";

/**
 * Facts of Pulumi's protocol that the resources, the engine, the recovery and the policy pack
 * share: where the dynamic provider host finds a resource's provider, and the resources' type tokens.
 */

/** The input key under which the Node.js dynamic provider host looks for the provider module text. */
export const PROVIDER_KEY = "__provider";

/** Type token package of resources the Node.js dynamic provider host serves. */
export const DYNAMIC_PACKAGE = "pulumi-nodejs:dynamic";

/** Module of this package's type tokens: `pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy`. */
export const TYPE_MODULE = "intune";

/** The type token of a resource type of this package (`pulumi-nodejs:dynamic/intune:<resourceType>`). */
export const typeToken = (resourceType: string): string => `${DYNAMIC_PACKAGE}/${TYPE_MODULE}:${resourceType}`;

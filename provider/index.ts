/**
 * pulumi-intune-app-protection: typed Pulumi resources for Microsoft Intune app protection
 * policies on iOS/iPadOS and Android.
 */
export { IosAppProtectionPolicy, AndroidAppProtectionPolicy, TYPE_MODULE } from "./resources/policies";
export type {
    IosAppProtectionPolicyArgs,
    AndroidAppProtectionPolicyArgs,
    AssignmentsArgs,
    GroupTargetArgs,
    PolicyServerOutputs,
} from "./resources/policies";
export type * from "./resources/settings.generated";
export * as baselines from "./baselines";

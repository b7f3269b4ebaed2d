/**
 * pulumi-intune-app-protection: typed Pulumi resources for Microsoft Intune app protection
 * policies on iOS/iPadOS, Android and Windows, and app configuration policies for managed apps.
 */
export {
    IosAppProtectionPolicy,
    AndroidAppProtectionPolicy,
    WindowsAppProtectionPolicy,
    ManagedAppConfiguration,
} from "./resources/policies";
export { TYPE_MODULE } from "./protocol/pulumi";
export type {
    IosAppProtectionPolicyArgs,
    AndroidAppProtectionPolicyArgs,
    WindowsAppProtectionPolicyArgs,
    ManagedAppConfigurationArgs,
    ManagedAppConfigurationAppsArgs,
    AssignmentsArgs,
    GroupTargetArgs,
    PolicyServerOutputs,
} from "./resources/policies";
export type * from "./resources/settings.generated";
export * as baselines from "./baselines";
export * as appConfig from "./app-config";

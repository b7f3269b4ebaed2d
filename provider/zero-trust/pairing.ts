/**
 * The Zero Trust pairing as one component: an iOS/iPadOS and an Android app protection policy at a
 * data protection framework level, and the Entra ID Conditional Access policy that makes them count
 * ("Require app protection policy", grant `compliantApplication`, for iOS and Android). App
 * protection without that grant protects nothing on a device that simply uses another app
 * (Zero Trust Assessment 24827); the policies cover 24548 and 24549.
 *
 * The Conditional Access policy starts in report-only mode (`enabledForReportingButNotEnforced`),
 * as admins roll Conditional Access out: check its impact in the sign-in logs, then set
 * `conditionalAccessState: "enabled"`. Until then the policy pack's
 * `conditional-access-requires-app-protection` rule reports that it only reports.
 *
 * ```ts
 * import * as azuread from "@pulumi/azuread";
 * import { AppProtectionPairing } from "pulumi-intune-app-protection/dist/provider/zero-trust";
 *
 * const users = new azuread.Group("mobile-users", { displayName: "Mobile users", securityEnabled: true });
 * new AppProtectionPairing("mobile", {
 *     includeGroups: [users.objectId],
 *     excludeGroups: [breakGlass.objectId],
 *     ios: { customDialerAppProtocol: "ciscotel" },
 * });
 * ```
 *
 * Needs `@pulumi/azuread` in the program (and its provider configured with `Policy.ReadWrite.ConditionalAccess`
 * and `Policy.Read.All`).
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as baselines from "../baselines";
import {
    AndroidAppProtectionPolicy,
    IosAppProtectionPolicy,
    type AndroidAppProtectionPolicyArgs,
    type IosAppProtectionPolicyArgs,
} from "../resources/policies";

/** A level of Microsoft's data protection framework. */
export type FrameworkLevel = "level1EnterpriseBasic" | "level2EnterpriseEnhanced" | "level3EnterpriseHigh";

/** `state` of the Conditional Access policy. */
export type ConditionalAccessState = "enabledForReportingButNotEnforced" | "enabled" | "disabled";

export interface AppProtectionPairingArgs {
    /**
     * Object ids of the Entra ID groups whose users the policies and the Conditional Access policy
     * target. At least one.
     */
    includeGroups: pulumi.Input<pulumi.Input<string>[]>;
    /** Groups left out of both (break-glass accounts, say). */
    excludeGroups?: pulumi.Input<pulumi.Input<string>[]>;
    /** Framework level of both policies. @default "level2EnterpriseEnhanced" */
    level?: FrameworkLevel;
    /** Settings of the iOS/iPadOS policy on top of the level (`displayName` defaults to "<name> iOS"). */
    ios?: Partial<IosAppProtectionPolicyArgs>;
    /** Settings of the Android policy on top of the level (`displayName` defaults to "<name> Android"). */
    android?: Partial<AndroidAppProtectionPolicyArgs>;
    /** @default "enabledForReportingButNotEnforced" (report-only) */
    conditionalAccessState?: pulumi.Input<ConditionalAccessState>;
    /** Cloud apps the Conditional Access policy covers. @default ["Office365"] */
    applications?: pulumi.Input<pulumi.Input<string>[]>;
    /** Display name of the Conditional Access policy. @default "<name>: require app protection on iOS and Android" */
    conditionalAccessName?: pulumi.Input<string>;
}

/** Type token of the component. */
export const PAIRING_TYPE = "intune:zeroTrust:AppProtectionPairing";

const LEVELS: readonly FrameworkLevel[] = ["level1EnterpriseBasic", "level2EnterpriseEnhanced", "level3EnterpriseHigh"];

/** iOS + Android app protection and the Conditional Access policy that requires it. */
export class AppProtectionPairing extends pulumi.ComponentResource {
    readonly ios: IosAppProtectionPolicy;
    readonly android: AndroidAppProtectionPolicy;
    readonly conditionalAccess: azuread.ConditionalAccessPolicy;

    constructor(name: string, args: AppProtectionPairingArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PAIRING_TYPE, name, {}, opts);
        const level = args.level ?? "level2EnterpriseEnhanced";
        if (!LEVELS.includes(level))
            throw new Error(
                `AppProtectionPairing ${name}: level is ${JSON.stringify(level)}; use one of ${LEVELS.join(", ")}`,
            );
        const parent = { parent: this };
        const assignments = { include: args.includeGroups, exclude: args.excludeGroups };
        this.ios = new IosAppProtectionPolicy(
            `${name}-ios`,
            {
                ...baselines.ios[level],
                displayName: `${name} iOS`,
                ...args.ios,
                assignments,
            } as IosAppProtectionPolicyArgs,
            parent,
        );
        this.android = new AndroidAppProtectionPolicy(
            `${name}-android`,
            {
                ...baselines.android[level],
                displayName: `${name} Android`,
                ...args.android,
                assignments,
            } as AndroidAppProtectionPolicyArgs,
            parent,
        );
        this.conditionalAccess = new azuread.ConditionalAccessPolicy(
            `${name}-require-app-protection`,
            {
                displayName: args.conditionalAccessName ?? `${name}: require app protection on iOS and Android`,
                state: args.conditionalAccessState ?? "enabledForReportingButNotEnforced",
                conditions: {
                    clientAppTypes: ["all"],
                    applications: { includedApplications: args.applications ?? ["Office365"] },
                    platforms: { includedPlatforms: ["iOS", "android"] },
                    users: { includedGroups: args.includeGroups, excludedGroups: args.excludeGroups },
                },
                grantControls: { operator: "OR", builtInControls: ["compliantApplication"] },
            },
            parent,
        );
        this.registerOutputs({});
    }
}

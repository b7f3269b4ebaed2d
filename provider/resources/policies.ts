/**
 * The resource classes users write: `IosAppProtectionPolicy` and `AndroidAppProtectionPolicy`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GroupTarget } from "../engine/targets";
import { android, ios, type Platform } from "../settings/platforms";
import { SERVER_FIELDS } from "../engine/state";
import { registration } from "./registration";
import { DYNAMIC_PACKAGE, PROVIDER_KEY, serializedProvider } from "./dynamicProvider";
import { canonicalArgs } from "./canonical";
import { reportAdoption } from "./adoption";
import type {
    AndroidPolicySettings,
    AndroidPolicySettingsOutputs,
    IosPolicySettings,
    IosPolicySettingsOutputs,
} from "./settings.generated";

/** Module of the type tokens: `pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy`. */
export const TYPE_MODULE = "intune";

/**
 * Include and exclude groups. App protection policies can only be assigned to groups
 * (Graph rejects all-users and all-devices targets). A target is a group object id
 * (for example `group.objectId` from `@pulumi/azuread`) or an object that adds a
 * "managed apps" assignment filter.
 *
 * Leave `assignments` unset to leave assignments unmanaged; `{}` removes every assignment.
 */
export interface AssignmentsArgs {
    /** Groups the policy applies to. */
    include?: pulumi.Input<pulumi.Input<GroupTargetArgs>[]>;
    /** Groups excluded even when they are members of an included group. */
    exclude?: pulumi.Input<pulumi.Input<GroupTargetArgs>[]>;
}

/**
 * A group object id, or `{ groupId }` / `{ groupName }` with an optional assignment filter.
 * A `groupName` is resolved to the group's object id in the stack's tenant when the policy is
 * created or updated (exactly one group must have that display name; needs the Graph permission
 * `GroupMember.Read.All`), so one program can serve many tenants.
 */
export type GroupTargetArgs =
    | string
    | {
          /** Object id of the Entra ID group. */
          groupId: pulumi.Input<string>;
          /** Id of a "managed apps" assignment filter. */
          filterId?: pulumi.Input<string>;
          /** Whether the filter includes or excludes the matching apps. */
          filterType?: pulumi.Input<"include" | "exclude">;
      }
    | {
          /** Display name of the Entra ID group, resolved per tenant. */
          groupName: pulumi.Input<string>;
          /** Id of a "managed apps" assignment filter. */
          filterId?: pulumi.Input<string>;
          /** Whether the filter includes or excludes the matching apps. */
          filterType?: pulumi.Input<"include" | "exclude">;
      };

/** Arguments every app protection policy takes besides its settings. */
interface PolicyTargetArgs {
    /**
     * Assignments: include and exclude groups. Unset = not managed.
     */
    assignments?: pulumi.Input<AssignmentsArgs>;
    /**
     * Take over the existing policy with this id (`T_<guid>`) instead of creating one: the
     * declared settings, apps and assignments are applied to it. Policies are never matched
     * by display name. After adoption the argument can stay or go without a change.
     */
    adoptPolicyId?: pulumi.Input<string>;
}

/** Arguments of an iOS/iPadOS app protection policy. */
export interface IosAppProtectionPolicyArgs extends IosPolicySettings, PolicyTargetArgs {
    /**
     * **Apps > Public apps / Custom apps**: bundle ids of the targeted apps, for
     * `appGroupType` "selectedPublicApps" (implied when apps are listed). Order does not matter.
     */
    apps?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Arguments of an Android app protection policy. */
export interface AndroidAppProtectionPolicyArgs extends AndroidPolicySettings, PolicyTargetArgs {
    /**
     * **Apps > Public apps / Custom apps**: package ids of the targeted apps, for
     * `appGroupType` "selectedPublicApps" (implied when apps are listed). Order does not matter.
     */
    apps?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Outputs Graph computes for every policy. */
export interface PolicyServerOutputs {
    /** Graph's version tag of the policy, changed by every write. */
    readonly version: pulumi.Output<string>;
    readonly createdDateTime: pulumi.Output<string>;
    readonly lastModifiedDateTime: pulumi.Output<string>;
    /** True when at least one include group is assigned. */
    readonly isAssigned: pulumi.Output<boolean>;
    /** Number of apps the policy targets (for app groups, as Intune filled them). */
    readonly deployedAppCount: pulumi.Output<number>;
    /** The managed app list (undefined when not managed). */
    readonly apps: pulumi.Output<string[] | undefined>;
    /** The managed assignments as declared, canonical (undefined when not managed). */
    readonly assignments: pulumi.Output<{ include?: GroupTarget[]; exclude?: GroupTarget[] } | undefined>;
    /** The assignments with group names resolved to object ids in this tenant. */
    readonly assignedGroupIds: pulumi.Output<{ include?: GroupTarget[]; exclude?: GroupTarget[] } | undefined>;
    /** The adopted policy id, when one was given. */
    readonly adoptPolicyId: pulumi.Output<string | undefined>;
}

/** Output properties every policy registers: Graph's computed fields and the targets. */
const COMPUTED_OUTPUTS: Record<string, undefined> = Object.fromEntries(
    [...SERVER_FIELDS.filter((k) => k !== "id"), "apps", "assignments", "assignedGroupIds", "adoptPolicyId"].map(
        (k) => [k, undefined],
    ),
);

/**
 * Gives a policy class an output for every catalog setting without registering each one.
 *
 * A resource registers only its declared settings (plus {@link COMPUTED_OUTPUTS}): the SDK builds
 * four promises with captured stack traces per registered property, which for ~100 settings made
 * a 500-policy program spend most of its start-up there. The state holds managed settings only
 * (unset means unmanaged), so the output of a setting that is not declared is always undefined:
 * the prototype answers it lazily, as an output of the resource (dependencies are kept) that
 * resolves to undefined. A declared setting's registered output shadows the accessor.
 */
function defineUnmanagedSettingOutputs(cls: { prototype: object }, platform: Platform): void {
    const own = (target: object, key: string, value: unknown) =>
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    for (const key of Object.keys(platform.settings)) {
        Object.defineProperty(cls.prototype, key, {
            configurable: true,
            get(this: pulumi.CustomResource) {
                const unmanaged = this.urn.apply(() => undefined);
                own(this, key, unmanaged);
                return unmanaged;
            },
            set(this: object, value: unknown) {
                own(this, key, value);
            },
        });
    }
}

/**
 * A policy served by the Node.js dynamic provider host (`pulumi.dynamic`): the registration
 * `pulumi.dynamic.Resource` makes, with the provider text of `dynamicProvider.ts`.
 */
abstract class AppProtectionPolicy extends pulumi.CustomResource {
    protected constructor(
        platform: Platform,
        name: string,
        args: object,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        // The owner for the create's marker, and `import` taken as adoptPolicyId (resources/registration.ts).
        ({ args, opts } = registration(platform.resourceType, name, args as Record<string, unknown>, opts));
        const props = {
            ...COMPUTED_OUTPUTS,
            ...canonicalArgs(platform, args as Record<string, unknown>),
            [PROVIDER_KEY]: serializedProvider(platform.name),
        };
        // The SDK records a stack trace for each of the four promises behind every output property
        // (only shown in its report of leaked promises); for 500 policies that took most of the
        // program's time before the first registration. They are left empty here. The policy's
        // own source position is still recorded: the SDK lifts the limit for it.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(`${DYNAMIC_PACKAGE}/${TYPE_MODULE}:${platform.resourceType}`, name, props, opts);
        } finally {
            Error.stackTraceLimit = stackTraceLimit;
        }
        const { adoptPolicyId } = args as PolicyTargetArgs;
        if (adoptPolicyId !== undefined) reportAdoption(this, platform, adoptPolicyId);
    }
}

/**
 * An Intune app protection policy for iOS/iPadOS apps (Graph beta `iosManagedAppProtection`).
 * Only declared settings are managed: a setting left out is never written, and removing one
 * from the program stops managing it (the policy keeps its current value).
 */
export class IosAppProtectionPolicy extends AppProtectionPolicy {
    constructor(name: string, args: IosAppProtectionPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(ios, name, args, opts);
    }
}
export interface IosAppProtectionPolicy extends IosPolicySettingsOutputs, PolicyServerOutputs {}
defineUnmanagedSettingOutputs(IosAppProtectionPolicy, ios);

/**
 * An Intune app protection policy for Android apps (Graph beta `androidManagedAppProtection`).
 * Only declared settings are managed: a setting left out is never written, and removing one
 * from the program stops managing it (the policy keeps its current value).
 */
export class AndroidAppProtectionPolicy extends AppProtectionPolicy {
    constructor(name: string, args: AndroidAppProtectionPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(android, name, args, opts);
    }
}
export interface AndroidAppProtectionPolicy extends AndroidPolicySettingsOutputs, PolicyServerOutputs {}
defineUnmanagedSettingOutputs(AndroidAppProtectionPolicy, android);

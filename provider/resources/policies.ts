/**
 * The resource classes users write: `IosAppProtectionPolicy`, `AndroidAppProtectionPolicy`,
 * `WindowsAppProtectionPolicy` and `ManagedAppConfiguration`. Each is its policy type's
 * description (`settings/platforms.ts`) plus the typed arguments generated from its catalog.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GroupTarget } from "../settings/assignments";
import { android, appConfiguration, ios, windows } from "../settings/platforms";
import type { PolicyType } from "../settings/policy-type";
import { SERVER_FIELDS } from "../engine/state";
import { registration } from "./registration";
import { serializedProvider } from "./dynamicProvider";
import { PROVIDER_KEY, typeToken } from "../protocol/pulumi";
import { canonicalArgs } from "./canonical";
import { reportAdoption } from "./adoption";
import type {
    AndroidPolicySettings,
    AndroidPolicySettingsOutputs,
    IosPolicySettings,
    IosPolicySettingsOutputs,
    ManagedAppConfigurationSettings,
    ManagedAppConfigurationSettingsOutputs,
    WindowsPolicySettings,
    WindowsPolicySettingsOutputs,
} from "./settings.generated";

/**
 * Include and exclude groups. App protection and app configuration policies can only be assigned to groups
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

/** Arguments every policy takes besides its settings and apps. */
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

/** Arguments of a Windows app protection policy. */
export interface WindowsAppProtectionPolicyArgs extends WindowsPolicySettings, PolicyTargetArgs {
    /**
     * **Apps > Selected apps**: Windows app ids (`windowsAppIdentifier.windowsAppId`, as the app
     * store gives them; Microsoft Edge is the app Windows app protection applies to). Windows
     * policies have no app groups. Order does not matter.
     */
    apps?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The apps of an app configuration policy: iOS bundle ids and Android package ids, in one policy. */
export interface ManagedAppConfigurationAppsArgs {
    /** Bundle ids of iOS/iPadOS apps, e.g. "com.microsoft.office.outlook". */
    ios?: pulumi.Input<pulumi.Input<string>[]>;
    /** Package ids of Android apps, e.g. "com.microsoft.office.outlook". */
    android?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Arguments of an app configuration policy for managed apps. */
export interface ManagedAppConfigurationArgs extends ManagedAppConfigurationSettings, PolicyTargetArgs {
    /**
     * **Basics > Select public apps / Select custom apps**: the targeted iOS and Android apps, for
     * `appGroupType` "selectedPublicApps" (implied when apps are listed). Order does not matter.
     */
    apps?: pulumi.Input<ManagedAppConfigurationAppsArgs>;
}

/** Outputs Graph computes for every policy; `Apps` is how the policy's type lists apps. */
export interface PolicyServerOutputs<Apps = string[]> {
    /** Graph's version tag of the policy, changed by every write. */
    readonly version: pulumi.Output<string>;
    readonly createdDateTime: pulumi.Output<string>;
    readonly lastModifiedDateTime: pulumi.Output<string>;
    /** True when at least one include group is assigned. */
    readonly isAssigned: pulumi.Output<boolean>;
    /** Number of apps the policy targets (for app groups, as Intune filled them). */
    readonly deployedAppCount: pulumi.Output<number>;
    /** The managed app list (undefined when not managed). */
    readonly apps: pulumi.Output<Apps | undefined>;
    /** The managed assignments as declared, canonical (undefined when not managed). */
    readonly assignments: pulumi.Output<{ include?: GroupTarget[]; exclude?: GroupTarget[] } | undefined>;
    /** The assignments with group names resolved to object ids in this tenant. */
    readonly assignedGroupIds: pulumi.Output<{ include?: GroupTarget[]; exclude?: GroupTarget[] } | undefined>;
    /** The adopted policy id, when one was given. */
    readonly adoptPolicyId: pulumi.Output<string | undefined>;
}

/** Output properties a policy registers: Graph's computed fields, its entries besides the settings, the assigned ids. */
const computedOutputs = (type: PolicyType): Record<string, undefined> =>
    Object.fromEntries(
        [
            ...SERVER_FIELDS.filter((k) => k !== "id"),
            ...Object.keys(type.entries).filter((k) => !(k in type.settings)),
            "assignedGroupIds",
        ].map((k) => [k, undefined]),
    );

/**
 * Gives a policy class an output for every catalog setting without registering each one.
 *
 * A resource registers only its declared settings (plus {@link computedOutputs}): the SDK builds
 * four promises with captured stack traces per registered property, which for ~100 settings made
 * a 500-policy program spend most of its start-up there. The state holds managed settings only
 * (unset means unmanaged), so the output of a setting that is not declared is always undefined:
 * the prototype answers it lazily, as an output of the resource (dependencies are kept) that
 * resolves to undefined. A declared setting's registered output shadows the accessor.
 */
function defineUnmanagedSettingOutputs(cls: { prototype: object }, type: PolicyType): void {
    const own = (target: object, key: string, value: unknown) =>
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    for (const key of Object.keys(type.settings)) {
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
abstract class IntunePolicy extends pulumi.CustomResource {
    protected constructor(
        type: PolicyType,
        name: string,
        args: object,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        // The owner for the create's marker, and `import` taken as adoptPolicyId (resources/registration.ts).
        ({ args, opts } = registration(type.resourceType, name, args as Record<string, unknown>, opts));
        const props = {
            ...computedOutputs(type),
            ...canonicalArgs(type, args as Record<string, unknown>),
            [PROVIDER_KEY]: serializedProvider(type.name),
        };
        // The SDK records a stack trace for each of the four promises behind every output property
        // (only shown in its report of leaked promises); for 500 policies that took most of the
        // program's time before the first registration. They are left empty here. The policy's
        // own source position is still recorded: the SDK lifts the limit for it.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(typeToken(type.resourceType), name, props, opts);
        } finally {
            Error.stackTraceLimit = stackTraceLimit;
        }
        const { adoptPolicyId } = args as PolicyTargetArgs;
        if (adoptPolicyId !== undefined) reportAdoption(this, type, adoptPolicyId);
    }
}

/**
 * An Intune app protection policy for iOS/iPadOS apps (Graph beta `iosManagedAppProtection`).
 * Only declared settings are managed: a setting left out is never written, and removing one
 * from the program stops managing it (the policy keeps its current value).
 */
export class IosAppProtectionPolicy extends IntunePolicy {
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
export class AndroidAppProtectionPolicy extends IntunePolicy {
    constructor(name: string, args: AndroidAppProtectionPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(android, name, args, opts);
    }
}
export interface AndroidAppProtectionPolicy extends AndroidPolicySettingsOutputs, PolicyServerOutputs {}
defineUnmanagedSettingOutputs(AndroidAppProtectionPolicy, android);

/**
 * An Intune app protection policy for Windows (Graph beta `windowsManagedAppProtection`): Microsoft
 * Edge on personal devices. Only declared settings are managed: a setting left out is never written,
 * and removing one from the program stops managing it (the policy keeps its current value).
 */
export class WindowsAppProtectionPolicy extends IntunePolicy {
    constructor(name: string, args: WindowsAppProtectionPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(windows, name, args, opts);
    }
}
export interface WindowsAppProtectionPolicy extends WindowsPolicySettingsOutputs, PolicyServerOutputs {}
defineUnmanagedSettingOutputs(WindowsAppProtectionPolicy, windows);

/**
 * An Intune app configuration policy for managed apps (Graph beta `targetedManagedAppConfiguration`):
 * key/value settings delivered to iOS and Android apps through the Intune App SDK, whatever the
 * device's enrollment. `customSettings` takes any documented key; `appConfig.outlookConfiguration`
 * and `appConfig.edgeConfiguration` type the keys Microsoft documents for Outlook and Edge. Only
 * declared settings are managed.
 */
export class ManagedAppConfiguration extends IntunePolicy {
    constructor(name: string, args: ManagedAppConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
        super(appConfiguration, name, args, opts);
    }
}
export interface ManagedAppConfiguration
    extends ManagedAppConfigurationSettingsOutputs, PolicyServerOutputs<{ ios?: string[]; android?: string[] }> {}
defineUnmanagedSettingOutputs(ManagedAppConfiguration, appConfiguration);

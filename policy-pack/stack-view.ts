/**
 * What the stack-level Zero Trust rules judge: the app protection policies, the Conditional Access
 * policies and the Mobile Threat Defense connectors of one stack or one tenant, as plain values.
 * A Pulumi program (its resources' inputs, {@link stackFromResources}) and a tenant read from Graph
 * (provider/assess) both come down to this shape, so one set of rule functions judges both.
 */
import { policyTypes, type PolicyTypeName } from "./catalog";
import { platformOfType, type PolicyInputs } from "./rules";

/** One app protection policy: its settings and `assignments` as the resource takes them. */
export interface StackPolicy {
    readonly platform: PolicyTypeName;
    /** Resource name, or the policy's display name and id in a tenant. */
    readonly name: string;
    readonly inputs: PolicyInputs;
}

/** One Conditional Access policy, reduced to what 24827 reads. */
export interface ConditionalAccessView {
    readonly name: string;
    /** `enabled`, `disabled` or `enabledForReportingButNotEnforced` (report-only). */
    readonly state: string | undefined;
    /** `conditions.platforms.includePlatforms`; undefined when the policy has no platform condition (all platforms). */
    readonly includePlatforms: readonly string[] | undefined;
    /** `grantControls.builtInControls` (`compliantApplication` = "Require app protection policy"). */
    readonly builtInControls: readonly string[];
}

/** One Mobile Threat Defense connector (`deviceManagement/mobileThreatDefenseConnectors`). */
export interface MtdConnectorView {
    readonly id: string;
    readonly partnerState: string | undefined;
    readonly androidEnabled: boolean | undefined;
}

/** Everything the stack-level rules judge. */
export interface StackView {
    readonly policies: readonly StackPolicy[];
    readonly conditionalAccess: readonly ConditionalAccessView[];
    /** The tenant's MTD connectors; undefined when not known (a program cannot declare them). */
    readonly mtdConnectors?: readonly MtdConnectorView[];
}

/** Type token of `@pulumi/azuread`'s `ConditionalAccessPolicy`. */
export const CONDITIONAL_ACCESS_TYPE = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";

/** A resource as a stack policy sees it. */
export interface ProgramResource {
    readonly type: string;
    readonly name: string;
    readonly props: Readonly<Record<string, any>>;
}

const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The stack view of a program: its app protection policies and azuread Conditional Access policies. */
export function stackFromResources(resources: readonly ProgramResource[]): StackView {
    const policies: StackPolicy[] = [];
    const conditionalAccess: ConditionalAccessView[] = [];
    for (const resource of resources) {
        const platform = platformOfType(resource.type);
        if (platform) policies.push({ platform: platform.name, name: resource.name, inputs: resource.props });
        else if (resource.type === CONDITIONAL_ACCESS_TYPE) {
            const included = resource.props.conditions?.platforms?.includedPlatforms;
            conditionalAccess.push({
                name: resource.name,
                state: resource.props.state,
                includePlatforms: included === undefined ? undefined : strings(included),
                builtInControls: strings(resource.props.grantControls?.builtInControls),
            });
        }
    }
    return { policies, conditionalAccess };
}

/** `iOS/iPadOS`, `Android`, ... */
export const platformTitle = (name: PolicyTypeName) => policyTypes[name].title;

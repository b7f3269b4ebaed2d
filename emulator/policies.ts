/**
 * Policy semantics: create with defaults and deep insert, PATCH, `targetApps`, `assign`, and the
 * server-computed fields (id, version, timestamps, isAssigned, deployedAppCount, filled `apps`).
 */
import { randomUUID } from "crypto";
import { appVersionHash, groupMembers } from "./app-catalog";
import { DEFAULT_FIDELITY, Fidelity } from "./fidelity";
import { GraphModel, PropertyModel, StructuredTypeModel } from "./schema";
import { CREATE_DEFAULTS, PEER_CREATE_DEFAULTS, PolicySetFacts } from "./spec-facts";
import { StoredPolicy, TenantState } from "./store";
import {
    AppRef,
    isObject,
    policySetOf,
    validateActionParameters,
    validateApps,
    validateAssignments,
    validatePolicyBody,
    validateProperty,
    ValidatedTarget,
    ZERO_GUID,
} from "./validation";

/** `2020-04-06T06:20:36Z` (seconds precision, as observed). */
export function graphTimestamp(now = new Date()): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A new entity version: a quoted GUID string (spec 2.1). */
export function newVersion(): string {
    return `"${randomUUID()}"`;
}

/** Value a create gives a property it was not sent: observed default, else a generic one. */
function defaultFor(p: PropertyModel, defaults: "spec" | "peers" = "spec"): unknown {
    const key = `${p.declaredOn}.${p.name}`;
    const peer = defaults === "peers" ? PEER_CREATE_DEFAULTS[key] : undefined;
    if (peer !== undefined) return peer;
    const documented = CREATE_DEFAULTS[key];
    if (documented !== undefined) return Array.isArray(documented) ? [...documented] : documented;
    if (p.nullable) return null;
    if (p.collection) return [];
    switch (p.type.kind) {
        case "enum":
            return p.type.members[0];
        case "primitive":
            switch (p.type.edm) {
                case "Edm.Boolean":
                    return false;
                case "Edm.Int32":
                    return 0;
                case "Edm.Duration":
                    return "PT0S";
                default:
                    return "";
            }
        default:
            return null;
    }
}

/** The policy set of a stored policy. */
export function setOfPolicy(p: StoredPolicy): PolicySetFacts {
    return policySetOf(p["@odata.type"].replace(/^#microsoft\.graph\./, ""));
}

/** Builds the stored app entries for a list of apps. */
function appsFor(refs: AppRef[]): Array<Record<string, unknown>> {
    return refs.map(({ kind, key }) => {
        const id = `${key}${kind.idSuffix}`;
        return {
            id,
            version: appVersionHash(id),
            mobileAppIdentifier: { "@odata.type": `#microsoft.graph.${kind.type}`, [kind.key]: key },
        };
    });
}

/** The apps a stored policy targets now. */
function currentApps(p: StoredPolicy, set: PolicySetFacts): AppRef[] {
    return p.apps.map((app) => {
        const ident = app.mobileAppIdentifier as Record<string, string>;
        const kind = set.apps.find((k) => ident["@odata.type"] === `#microsoft.graph.${k.type}`)!;
        return { kind, key: ident[kind.key] };
    });
}

/** Builds stored assignments, keeping one per target id (spec 1.4: duplicates collapse). */
function assignmentsFor(targets: ValidatedTarget[]): Array<Record<string, unknown>> {
    const byId = new Map<string, Record<string, unknown>>();
    for (const t of targets) {
        const id = `${t.groupId}_${t.type === "exclusionGroupAssignmentTarget" ? "excl" : "incl"}`;
        if (byId.has(id)) continue;
        byId.set(id, {
            id,
            source: "direct",
            sourceId: ZERO_GUID,
            target: {
                "@odata.type": `#microsoft.graph.${t.type}`,
                deviceAndAppManagementAssignmentFilterId: t.filterId,
                deviceAndAppManagementAssignmentFilterType: t.filterType,
                groupId: t.groupId,
            },
        });
    }
    return [...byId.values()];
}

/** Recomputes server-managed fields after a change. */
function touch(p: StoredPolicy, now = new Date()): void {
    p.lastModifiedDateTime = graphTimestamp(now);
    p.version = newVersion();
    p.deployedAppCount = p.apps.length;
    p.isAssigned = p.assignments.some(
        (a) => isObject(a.target) && a.target["@odata.type"] === "#microsoft.graph.groupAssignmentTarget",
    );
}

/**
 * Sets the apps of a policy: an explicit list, or for an app group the members the service fills in
 * itself, ignoring posted apps (spec 1.3), for each app kind of the set (iOS and Android members for
 * app configuration). `groupType` undefined: the type has no app groups (Windows app protection).
 */
function setApps(p: StoredPolicy, set: PolicySetFacts, groupType: string | undefined, explicit: AppRef[]): void {
    if (groupType !== undefined) p.appGroupType = groupType;
    const fromGroup = groupType !== undefined && groupType !== "selectedPublicApps";
    p.apps = appsFor(
        fromGroup
            ? set.apps.flatMap((kind) => groupMembers(groupType, kind.platform).map((key) => ({ kind, key })))
            : explicit,
    );
}

/** Policy operations bound to the model. */
export class PolicyService {
    constructor(
        private readonly model: GraphModel,
        private readonly fidelity: Readonly<Fidelity> = DEFAULT_FIDELITY,
    ) {}

    typeModel(typeName: string): StructuredTypeModel {
        const t = this.model.type(typeName);
        if (!t) throw new Error(`typings have no ${typeName}`);
        return t;
    }

    /** POST …/{set}: validates, applies defaults, deep-inserts apps/assignments; returns the stored policy. */
    create(tenant: TenantState, typeName: string, body: unknown): StoredPolicy {
        const set = policySetOf(typeName);
        const type = this.typeModel(typeName);
        const v = validatePolicyBody(this.model, type, body, "create");
        const groupProp = type.properties.get("appGroupType");
        const groupType = groupProp
            ? ((v.values.appGroupType as string | undefined) ?? (defaultFor(groupProp) as string))
            : undefined;
        const apps = validateApps(this.model, v.apps, set);
        const targets = validateAssignments(this.model, v.assignments, this.fidelity.exclusionFilters);
        const now = new Date();
        const stored: Record<string, unknown> = { "@odata.type": `#microsoft.graph.${typeName}` };
        for (const p of type.properties.values()) {
            if (p.navigation) continue;
            stored[p.name] = p.name in v.values ? v.values[p.name] : defaultFor(p, this.fidelity.createDefaults);
        }
        stored.id = `T_${randomUUID()}`;
        stored.createdDateTime = graphTimestamp(now);
        const policy = stored as StoredPolicy;
        policy.assignments = assignmentsFor(targets);
        setApps(policy, set, groupType, apps);
        touch(policy, now);
        tenant.policies.set(policy.id.toLowerCase(), policy);
        return policy;
    }

    /** PATCH: structural properties only (navigation properties are rejected). */
    update(policy: StoredPolicy, body: unknown): void {
        const set = setOfPolicy(policy);
        const type = this.typeModel(set.typeName);
        const v = validatePolicyBody(this.model, type, body, "update");
        const before = policy.appGroupType;
        const current = currentApps(policy, set);
        Object.assign(policy, v.values);
        // PATCHing appGroupType directly is undocumented: treated like targetApps with the current list.
        if ("appGroupType" in v.values && v.values.appGroupType !== before) {
            setApps(policy, set, policy.appGroupType as string, current);
        }
        touch(policy);
    }

    /**
     * POST …/{id}/targetApps: `{apps, appGroupType}` (`{apps}` for types without app groups), full
     * replace.
     */
    targetApps(policy: StoredPolicy, body: unknown): void {
        const set = setOfPolicy(policy);
        const groupProp = this.typeModel(set.typeName).properties.get("appGroupType");
        const params = validateActionParameters("targetApps", body, groupProp ? ["apps", "appGroupType"] : ["apps"], [
            "apps",
        ]);
        const groupType = !groupProp
            ? undefined
            : params.appGroupType === undefined
              ? "selectedPublicApps"
              : (validateProperty(this.model, groupProp, params.appGroupType) as string);
        setApps(policy, set, groupType, validateApps(this.model, params.apps, set));
        touch(policy);
    }

    /** POST …/{id}/assign: `{assignments}`, full replace. */
    assign(policy: StoredPolicy, body: unknown): void {
        const params = validateActionParameters("assign", body, ["assignments"], ["assignments"]);
        policy.assignments = assignmentsFor(
            validateAssignments(this.model, params.assignments, this.fidelity.exclusionFilters),
        );
        touch(policy);
    }

    /**
     * Test hook: change a policy behind the client's back. Structural properties as in PATCH; `apps`
     * (with optional `appGroupType`) as in targetApps; `assignments` as in assign.
     */
    modify(policy: StoredPolicy, patch: Record<string, unknown>): void {
        const { apps, assignments, ...rest } = patch;
        if (apps !== undefined) {
            const appGroupType = rest.appGroupType ?? policy.appGroupType;
            this.targetApps(policy, appGroupType === undefined ? { apps } : { apps, appGroupType });
            delete rest.appGroupType;
        }
        if (assignments !== undefined) this.assign(policy, { assignments });
        if (Object.keys(rest).length) this.update(policy, rest);
        if (apps === undefined && assignments === undefined && !Object.keys(rest).length) touch(policy);
    }

    /**
     * Graph JSON of a policy as returned by GET. Flags enums use the configured separator.
     * @param withType - include `@odata.type` (always on the polymorphic `managedAppPolicies` set).
     */
    serialize(policy: StoredPolicy, opts: { withType: boolean; select?: string[] }): Record<string, unknown> {
        const type = this.typeModel(setOfPolicy(policy).typeName);
        const out: Record<string, unknown> = {};
        if (opts.withType) out["@odata.type"] = policy["@odata.type"];
        for (const [k, v] of Object.entries(policy)) {
            if (k === "@odata.type" || k === "apps" || k === "assignments") continue;
            if (opts.select && !opts.select.includes(k)) continue;
            const p = type.properties.get(k);
            const flags = p?.type.kind === "enum" && p.type.flags && typeof v === "string";
            out[k] = flags ? (v as string).split(",").join(this.fidelity.flagsSeparator) : structuredClone(v);
        }
        return out;
    }

    /** Items of a policy's `apps` or `assignments` as a read returns them. */
    navigationItems(policy: StoredPolicy, nav: "apps" | "assignments"): Array<Record<string, unknown>> {
        const itemType = nav === "apps" ? "managedMobileApp" : "targetedManagedAppPolicyAssignment";
        return policy[nav].map((item) =>
            this.fidelity.odataTypeOnTypedItems
                ? { "@odata.type": `#microsoft.graph.${itemType}`, ...structuredClone(item) }
                : structuredClone(item),
        );
    }
}

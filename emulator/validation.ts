/**
 * Request-body validation the way Intune's OData stack answers it (spec 5.2): unknown properties,
 * bad enum members, wrong JSON types, bad `@odata.type`, bad `mobileAppIdentifier`, unsupported
 * assignment targets. Returns normalised values (canonical durations and flags enums).
 */
import { canonicalDuration } from "./durations";
import { errors, GraphError } from "./errors";
import { GraphModel, PropertyModel, StructuredTypeModel, TypeRef } from "./schema";
import {
    ALLOWED_ASSIGNMENT_TARGETS,
    AppIdentifierFacts,
    GRAPH_NAMESPACE,
    INTERNAL_NAMESPACE,
    POLICY_SETS,
    PolicySetFacts,
} from "./spec-facts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

type Json = unknown;
type JsonObject = Record<string, Json>;

export const isObject = (v: Json): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
export const isGuid = (v: unknown): v is string => typeof v === "string" && GUID.test(v);

/** How .NET prints a JSON literal in "Cannot convert the literal …" messages. */
function literal(v: Json): string {
    if (v === true) return "True";
    if (v === false) return "False";
    return String(v);
}

function qualified(typeName: string): string {
    return `${INTERNAL_NAMESPACE}.${typeName}`;
}

function edmName(t: TypeRef): string {
    return t.kind === "primitive" ? t.edm : qualified(t.name);
}

function unknownProperty(name: string, typeName: string): GraphError {
    return errors.modelValidation(
        `The property '${name}' does not exist on type '${qualified(typeName)}'. Make sure to only use property names that are defined by the type.`,
    );
}

function cannotConvert(v: Json, t: TypeRef): GraphError {
    return errors.modelValidation(`Cannot convert the literal '${literal(v)}' to the expected type '${edmName(t)}'.`);
}

function unexpectedNode(found: "StartObject" | "StartArray" | "PrimitiveValue", expected: string): GraphError {
    return errors.modelValidation(
        `An unexpected '${found}' node was found when reading from the JSON reader. A '${expected}' node was expected.`,
    );
}

function nodeKind(v: Json): "StartObject" | "StartArray" | "PrimitiveValue" {
    return Array.isArray(v) ? "StartArray" : isObject(v) ? "StartObject" : "PrimitiveValue";
}

/** Strips `#` and the `microsoft.graph.` namespace; undefined when the namespace is not Graph's. */
export function graphTypeName(raw: string): string | undefined {
    const t = raw.startsWith("#") ? raw.slice(1) : raw;
    return t.startsWith(`${GRAPH_NAMESPACE}.`) ? t.slice(GRAPH_NAMESPACE.length + 1) : undefined;
}

/**
 * Resolves an `@odata.type` annotation against the expected type (spec 5.2 messages).
 * @returns the concrete OData type name.
 */
export function resolveOdataType(model: GraphModel, raw: Json, expected: string): string {
    if (raw === undefined || raw === null) {
        if (model.type(expected)?.abstract) throw errors.modelValidation("Cannot create an abstract class.");
        return expected;
    }
    if (typeof raw !== "string") {
        throw errors.modelValidation(`Cannot convert the literal '${literal(raw)}' to the expected type 'Edm.String'.`);
    }
    const name = graphTypeName(raw);
    if (!name || !model.hasType(name)) {
        const shown = raw.startsWith("#") ? raw.slice(1) : raw;
        throw errors.modelValidation(
            `A type named '${shown}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`,
        );
    }
    if (!model.isAssignable(name, expected)) {
        throw errors.modelValidation(
            `An entry with type '${qualified(name)}' was found, but it is not assignable to the expected type '${qualified(expected)}'. The type specified in the entry must be equal to either the expected type or a derived type.`,
        );
    }
    if (model.type(name)?.abstract) throw errors.modelValidation("Cannot create an abstract class.");
    return name;
}

/** The policy set holding a concrete policy type, or a 400 for types the emulator does not model. */
export function policySetOf(typeName: string): PolicySetFacts {
    const set = POLICY_SETS.find((x) => x.typeName === typeName);
    if (!set) {
        throw errors.badRequest(
            `The emulator does not model '${GRAPH_NAMESPACE}.${typeName}'; the types it models are ${POLICY_SETS.map((x) => x.typeName).join(", ")}.`,
        );
    }
    return set;
}

/** Validates one scalar (non-collection) value; returns it normalised. */
function validateScalar(model: GraphModel, t: TypeRef, v: Json): Json {
    switch (t.kind) {
        case "primitive":
            if (typeof v === "object") throw unexpectedNode(nodeKind(v), "PrimitiveValue");
            switch (t.edm) {
                case "Edm.String":
                    if (typeof v !== "string") throw cannotConvert(v, t);
                    return v;
                case "Edm.Boolean":
                    if (typeof v !== "boolean") throw cannotConvert(v, t);
                    return v;
                case "Edm.Int32":
                    if (typeof v !== "number" || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX)
                        throw cannotConvert(v, t);
                    return v;
                case "Edm.Duration": {
                    const c = typeof v === "string" ? canonicalDuration(v) : undefined;
                    if (c === undefined) throw cannotConvert(v, t);
                    return c;
                }
                case "Edm.DateTimeOffset":
                    if (typeof v !== "string" || !DATE_TIME_OFFSET.test(v) || Number.isNaN(Date.parse(v)))
                        throw cannotConvert(v, t);
                    return v;
            }
            break;
        case "enum": {
            if (typeof v === "object") throw unexpectedNode(nodeKind(v), "PrimitiveValue");
            if (typeof v !== "string") throw cannotConvert(v, t);
            const parts = t.flags ? v.split(",").map((s) => s.trim()) : [v];
            for (const p of parts) {
                // `unknownFutureValue` is a sentinel, never a value a client may write.
                if (!t.members.includes(p) || p === "unknownFutureValue")
                    throw errors.modelValidation(`Requested value '${p}' was not found.`);
            }
            if (!t.flags) return v;
            // canonical flags form: declaration (= numeric) order, zero member only when alone
            const set = new Set(parts);
            const ordered = t.members.filter((m) => set.has(m));
            const nonZero = ordered.filter((m) => m !== t.members[0]);
            return (nonZero.length ? nonZero : [t.members[0]]).join(",");
        }
        case "complex":
            return validateComplex(model, t.name, v);
        case "entity":
            throw errors.badRequest(
                `Navigation property of type '${GRAPH_NAMESPACE}.${t.name}' cannot be written here.`,
            );
    }
    throw new Error("unreachable");
}

/** Validates a complex value (e.g. keyValuePair) against its declared type. */
function validateComplex(model: GraphModel, typeName: string, v: Json): Json {
    if (!isObject(v)) throw unexpectedNode(nodeKind(v), "StartObject");
    const actual = resolveOdataType(model, v["@odata.type"], typeName);
    const t = model.type(actual)!;
    const out: JsonObject = {};
    for (const [k, val] of Object.entries(v)) {
        if (k.includes("@")) continue;
        const p = t.properties.get(k);
        if (!p) throw unknownProperty(k, actual);
        out[k] = validateProperty(model, p, val);
    }
    // the service returns every declared property of a complex value
    const filled: JsonObject = {};
    for (const p of t.properties.values()) filled[p.name] = p.name in out ? out[p.name] : emptyValue(p);
    return filled;
}

/** Value of a complex-type property that was not sent. */
function emptyValue(p: PropertyModel): Json {
    if (p.nullable) return null;
    if (p.collection) return [];
    if (p.type.kind === "enum") return p.type.members[0];
    if (p.type.kind === "primitive") {
        return p.type.edm === "Edm.Boolean"
            ? false
            : p.type.edm === "Edm.Int32"
              ? 0
              : p.type.edm === "Edm.Duration"
                ? "PT0S"
                : "";
    }
    return null;
}

function nullNotAllowed(p: PropertyModel): GraphError {
    const t = p.collection ? `Collection(${edmName(p.type)})` : edmName(p.type);
    return errors.modelValidation(
        `A null value was found for the property named '${p.name}', which has the expected type '${t}[Nullable=False]'. The expected type '${t}[Nullable=False]' does not allow null values.`,
    );
}

/** Validates the JSON value of one structural property; returns it normalised. */
export function validateProperty(model: GraphModel, p: PropertyModel, v: Json): Json {
    if (v === null) {
        if (!p.nullable) throw nullNotAllowed(p);
        return null;
    }
    if (!p.collection) return validateScalar(model, p.type, v);
    if (!Array.isArray(v)) throw unexpectedNode(nodeKind(v), "StartArray");
    return v.map((item) => {
        if (item === null) {
            const t = edmName(p.type);
            throw errors.modelValidation(
                `A null value was found with the expected type '${t}[Nullable=False]'. The expected type '${t}[Nullable=False]' does not allow null values.`,
            );
        }
        return validateScalar(model, p.type, item);
    });
}

/** Result of validating a policy body. */
export interface ValidatedBody {
    /** Writable structural properties, normalised (server-managed ones dropped). */
    values: JsonObject;
    /** Navigation properties present in a create body (deep insert). */
    apps?: Json;
    assignments?: Json;
}

/**
 * Validates a create (`mode: "create"`) or PATCH body against a policy type. `@odata.type` must
 * already have been resolved by the caller.
 */
export function validatePolicyBody(
    model: GraphModel,
    type: StructuredTypeModel,
    body: Json,
    mode: "create" | "update",
): ValidatedBody {
    if (!isObject(body)) throw unexpectedNode(nodeKind(body), "StartObject");
    const out: ValidatedBody = { values: {} };
    for (const [k, v] of Object.entries(body)) {
        if (k.includes("@")) continue; // @odata.type (resolved by caller) and instance/property annotations
        const p = type.properties.get(k);
        if (!p) throw unknownProperty(k, type.name);
        if (p.navigation) {
            if (mode === "create" && (k === "apps" || k === "assignments")) {
                out[k] = v;
                continue;
            }
            const action =
                k === "apps" ? "the targetApps action" : k === "assignments" ? "the assign action" : "its own endpoint";
            throw errors.badRequest(
                mode === "update"
                    ? `Navigation property '${k}' cannot be updated with PATCH on '${GRAPH_NAMESPACE}.${type.name}'; use ${action}.`
                    : `Deep insert of navigation property '${k}' is not supported on '${GRAPH_NAMESPACE}.${type.name}'.`,
            );
        }
        const value = validateProperty(model, p, v);
        if (!p.serverManaged) out.values[k] = value;
    }
    if (mode === "create") {
        const dn = out.values.displayName;
        if (typeof dn !== "string" || dn.trim() === "") {
            throw errors.modelValidation("The DisplayName field is required.");
        }
    }
    return out;
}

/** One app of a policy: its identifier kind and key (bundle id, package id, Windows app id). */
export interface AppRef {
    kind: AppIdentifierFacts;
    key: string;
}

const APP_MISMATCH = "Property mobileAppIdentifier in payload has a value that does not match schema.";

/**
 * Validates a list of managedMobileApp items (deep insert / targetApps) for a policy set: each
 * identifier must be one of the set's app kinds (spec 3.2).
 * @returns the apps, de-duplicated, in request order.
 */
export function validateApps(model: GraphModel, list: Json, set: PolicySetFacts): AppRef[] {
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list)) throw unexpectedNode(nodeKind(list), "StartArray");
    const appType = model.type("managedMobileApp")!;
    const out: AppRef[] = [];
    for (const item of list) {
        if (!isObject(item)) throw unexpectedNode(nodeKind(item), "StartObject");
        resolveOdataType(model, item["@odata.type"], "managedMobileApp");
        for (const [k, v] of Object.entries(item)) {
            if (k.includes("@")) continue;
            const p = appType.properties.get(k);
            if (!p) throw unknownProperty(k, "managedMobileApp");
            if (k !== "mobileAppIdentifier") validateProperty(model, p, v); // id / version: type-checked, ignored
        }
        const ident = item.mobileAppIdentifier;
        if (!isObject(ident) || typeof ident["@odata.type"] !== "string") throw errors.badRequest(APP_MISMATCH);
        const identType = graphTypeName(ident["@odata.type"]);
        const kind = set.apps.find((k) => k.type === identType);
        if (!kind) throw errors.badRequest(APP_MISMATCH);
        for (const k of Object.keys(ident)) {
            if (!k.includes("@") && k !== kind.key) throw errors.badRequest(APP_MISMATCH);
        }
        const key = ident[kind.key];
        if (typeof key !== "string" || key.trim() === "") throw errors.badRequest(APP_MISMATCH);
        if (!out.some((r) => r.kind === kind && r.key === key)) out.push({ kind, key });
    }
    return out;
}

/** A validated assignment target. */
export interface ValidatedTarget {
    type: "groupAssignmentTarget" | "exclusionGroupAssignmentTarget";
    groupId: string;
    filterId: string | null;
    filterType: string;
}

/**
 * Validates a list of targetedManagedAppPolicyAssignment items (deep insert / assign).
 * @param exclusionFilters - whether an assignment filter on an exclusion group is rejected (see `Fidelity`).
 */
export function validateAssignments(
    model: GraphModel,
    list: Json,
    exclusionFilters: "reject" | "accept" = "reject",
): ValidatedTarget[] {
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list)) throw unexpectedNode(nodeKind(list), "StartArray");
    const assignmentType = model.type("targetedManagedAppPolicyAssignment")!;
    const out: ValidatedTarget[] = [];
    for (const item of list) {
        if (!isObject(item)) throw unexpectedNode(nodeKind(item), "StartObject");
        resolveOdataType(model, item["@odata.type"], "targetedManagedAppPolicyAssignment");
        for (const [k, v] of Object.entries(item)) {
            if (k.includes("@")) continue;
            const p = assignmentType.properties.get(k);
            if (!p) throw unknownProperty(k, "targetedManagedAppPolicyAssignment");
            if (k !== "target") validateProperty(model, p, v); // id / source / sourceId: type-checked, ignored
        }
        const target = item.target;
        if (!isObject(target)) throw errors.badRequest("Each assignment must have a target.");
        const typeName = resolveOdataType(model, target["@odata.type"], "deviceAndAppManagementAssignmentTarget");
        if (!ALLOWED_ASSIGNMENT_TARGETS.has(typeName)) {
            throw errors.badRequest(
                `Assignment target type '${GRAPH_NAMESPACE}.${typeName}' is not supported for app protection policies. Only '${GRAPH_NAMESPACE}.groupAssignmentTarget' and '${GRAPH_NAMESPACE}.exclusionGroupAssignmentTarget' can be assigned.`,
            );
        }
        const targetType = model.type(typeName)!;
        const values: JsonObject = {};
        for (const [k, v] of Object.entries(target)) {
            if (k.includes("@")) continue;
            const p = targetType.properties.get(k);
            if (!p) throw unknownProperty(k, typeName);
            values[k] = validateProperty(model, p, v);
        }
        if (!isGuid(values.groupId)) {
            throw errors.badRequest(
                `Invalid groupId '${String(values.groupId ?? "")}' in assignment target: a group id must be a GUID.`,
            );
        }
        const filterId = (values.deviceAndAppManagementAssignmentFilterId as string | null | undefined) ?? null;
        if (filterId !== null && !isGuid(filterId)) {
            throw errors.badRequest(
                `Invalid deviceAndAppManagementAssignmentFilterId '${filterId}': a filter id must be a GUID.`,
            );
        }
        const filterType = (values.deviceAndAppManagementAssignmentFilterType as string | undefined) ?? "none";
        if (
            typeName === "exclusionGroupAssignmentTarget" &&
            exclusionFilters === "reject" &&
            (filterId !== null || filterType !== "none")
        ) {
            throw errors.badRequest(
                "Assignment filters are not supported on exclusion group assignments: remove deviceAndAppManagementAssignmentFilterId and deviceAndAppManagementAssignmentFilterType from the exclusionGroupAssignmentTarget.",
            );
        }
        out.push({
            type: typeName as ValidatedTarget["type"],
            groupId: (values.groupId as string).toLowerCase(),
            filterId,
            filterType,
        });
    }
    return out;
}

/** Rejects unknown parameters / missing parameters of an action body. */
export function validateActionParameters(action: string, body: Json, params: string[], required: string[]): JsonObject {
    if (!isObject(body)) throw unexpectedNode(nodeKind(body), "StartObject");
    for (const k of Object.keys(body)) {
        if (k.includes("@")) continue;
        if (!params.includes(k)) {
            throw errors.modelValidation(
                `The parameter '${k}' in the request payload is not a valid parameter for the operation '${action}'.`,
            );
        }
    }
    const missing = required.filter((r) => !(r in body));
    if (missing.length) {
        throw errors.modelValidation(
            `One or more parameters of the operation '${action}' are missing from the request payload. The missing parameters are: ${missing.join(", ")}.`,
        );
    }
    return body;
}

/**
 * The tenant-wide configuration the Zero Trust assessment reads besides app protection policies:
 * Conditional Access policies (`GET /{version}/identity/conditionalAccess/policies`, application
 * permission `Policy.Read.All`) and Mobile Threat Defense connectors
 * (`GET /{version}/deviceManagement/mobileThreatDefenseConnectors`,
 * `DeviceManagementServiceConfig.Read.All`). Read-only: tests seed a tenant with
 * {@link seedZeroTrustConfig} (in-process emulators only).
 *
 * Every seeded object is checked against Microsoft's model (`conditionalAccessPolicy`,
 * `mobileThreatDefenseConnector` and their complex types in `@microsoft/msgraph-beta-sdk`, read
 * through the emulator's d.ts index): unknown properties and enum values that are not
 * members fail the seed, so a test cannot build a tenant Graph could not hold.
 */
import * as fs from "fs";
import * as ts from "typescript";
import { DtsIndex, memberName } from "./dts-index";
import { GraphError } from "./errors";
import type { InboundRequest, Outbound } from "./exchange";
import type { IssuedToken } from "./store";
import { modelSource } from "./schema";

/** Application permissions that may read Conditional Access policies. */
const CA_READ_ROLES = ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"];
/** Application permissions that may read MTD connectors. */
const MTD_READ_ROLES = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"];

/** What a tenant holds. */
export interface ZeroTrustConfig {
    conditionalAccessPolicies?: Record<string, unknown>[];
    mtdConnectors?: Record<string, unknown>[];
}

const tenants = new Map<string, Required<ZeroTrustConfig>>();

/** What a property holds, as the SDK's typings declare it. */
type PropertyShape = { collection: boolean } & (
    { kind: "enum"; members: readonly string[] } | { kind: "complex"; name: string } | { kind: "other" }
);

let sdk: DtsIndex | undefined;
const shapes = new Map<string, Map<string, PropertyShape>>();

/** The SDK's models (read once; 12 MB). */
const sdkModels = () => (sdk ??= new DtsIndex(fs.readFileSync(modelSource().types, "utf8"), "models/index.d.ts"));

/** Members of an SDK enum (`XObject` constant): its string literal values. */
function enumMembers(name: string): readonly string[] | undefined {
    const constant = sdkModels().constant(`${name}Object`);
    const type = constant?.declarationList.declarations[0]?.type;
    if (!type || !ts.isTypeLiteralNode(type)) return undefined;
    return type.members.flatMap((m) =>
        ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)
            ? [m.type.literal.text]
            : [],
    );
}

function shapeOf(node: ts.TypeNode | undefined, collection = false): PropertyShape {
    if (!node) return { kind: "other", collection };
    if (ts.isUnionTypeNode(node)) {
        const real = node.types.filter(
            (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
        );
        return real.length === 1 ? shapeOf(real[0], collection) : { kind: "other", collection };
    }
    if (ts.isArrayTypeNode(node)) return shapeOf(node.elementType, true);
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
        const name = node.typeName.text;
        const members = enumMembers(name);
        if (members) return { kind: "enum", members, collection };
        if (sdkModels().has("interface", name)) return { kind: "complex", name, collection };
    }
    return { kind: "other", collection };
}

/** Properties of an SDK model interface and the interfaces it extends, by JSON name. */
function propertiesOf(tsName: string): Map<string, PropertyShape> {
    const cached = shapes.get(tsName);
    if (cached) return cached;
    const properties = new Map<string, PropertyShape>();
    shapes.set(tsName, properties);
    for (const base of sdkModels().heritage.get(tsName) ?? [])
        if (sdkModels().has("interface", base)) for (const [k, v] of propertiesOf(base)) properties.set(k, v);
    for (const member of sdkModels().interface(tsName)?.members ?? []) {
        const name = memberName(member);
        if (name && ts.isPropertySignature(member) && !["odataType", "additionalData", "backingStore"].includes(name))
            properties.set(name, shapeOf(member.type));
    }
    return properties;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Problems of `value` as an instance of the SDK model `tsName` (`ConditionalAccessPolicy`), by JSON path. */
export function modelProblems(tsName: string, value: unknown, path = tsName): string[] {
    if (!sdkModels().has("interface", tsName)) return [`${path}: the model has no type ${tsName}`];
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: not an object`];
    const properties = propertiesOf(tsName);
    const problems: string[] = [];
    for (const [key, item] of Object.entries(value)) {
        if (key.startsWith("@odata.")) continue;
        const shape = properties.get(key);
        if (!shape) {
            problems.push(`${path}.${key}: ${tsName} has no property ${key}`);
            continue;
        }
        if (item === null) continue;
        if (shape.collection !== Array.isArray(item)) {
            problems.push(`${path}.${key}: ${shape.collection ? "not a collection" : "a collection"}`);
            continue;
        }
        for (const element of shape.collection ? (item as unknown[]) : [item]) {
            if (shape.kind === "enum" && !shape.members.includes(String(element)))
                problems.push(`${path}.${key}: ${JSON.stringify(element)} is not one of ${shape.members.join(", ")}`);
            else if (shape.kind === "complex") problems.push(...modelProblems(shape.name, element, `${path}.${key}`));
        }
    }
    return problems;
}

function checked(typeName: string, items: Record<string, unknown>[] = []): Record<string, unknown>[] {
    const tsName = upperFirst(typeName);
    const problems = items.flatMap((item, index) => modelProblems(tsName, item, `${typeName}[${index}]`));
    if (problems.length) throw new Error(`seedZeroTrustConfig: ${problems.join("; ")}`);
    return items.map((item) => structuredClone(item));
}

/** Replaces what a tenant holds; each object must fit Microsoft's model. */
export function seedZeroTrustConfig(tenantId: string, config: ZeroTrustConfig): void {
    tenants.set(tenantId, {
        conditionalAccessPolicies: checked("conditionalAccessPolicy", config.conditionalAccessPolicies),
        mtdConnectors: checked("mobileThreatDefenseConnector", config.mtdConnectors),
    });
}

const COLLECTIONS = [
    {
        path: /^\/(beta|v1\.0)\/identity\/conditionalAccess\/policies\/?$/,
        context: "identity/conditionalAccess/policies",
        roles: CA_READ_ROLES,
        items: (config: Required<ZeroTrustConfig>) => config.conditionalAccessPolicies,
    },
    {
        path: /^\/(beta|v1\.0)\/deviceManagement\/mobileThreatDefenseConnectors\/?$/,
        context: "deviceManagement/mobileThreatDefenseConnectors",
        roles: MTD_READ_ROLES,
        items: (config: Required<ZeroTrustConfig>) => config.mtdConnectors,
    },
];

/**
 * Answers a request for one of these collections (undefined for any other path). Only GET of the
 * whole collection is served; `baseUrl` is the emulator's, for `@odata.context`.
 */
export function handleZeroTrustConfig(
    req: InboundRequest,
    token: IssuedToken,
    baseUrl: string,
    headers: Record<string, string>,
): Outbound | undefined {
    const collection = COLLECTIONS.find((c) => c.path.test(req.path));
    if (!collection) return undefined;
    if (req.method !== "GET")
        throw new GraphError(405, "Request_BadRequest", `The emulator serves only GET on ${collection.context}.`);
    if (!token.roles.some((role) => collection.roles.includes(role)))
        throw new GraphError(
            403,
            "AccessDenied",
            `You cannot perform the requested operation, required scopes are missing in the token. One of ${collection.roles.join(", ")} is needed.`,
        );
    const version = req.path.split("/")[1];
    const config = tenants.get(token.tenantId) ?? { conditionalAccessPolicies: [], mtdConnectors: [] };
    return {
        status: 200,
        headers: { ...headers, "Content-Type": "application/json;odata.metadata=minimal;charset=utf-8" },
        body: {
            "@odata.context": `${baseUrl}/${version}/$metadata#${collection.context}`,
            value: collection.items(config),
        },
    };
}

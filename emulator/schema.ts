/**
 * The emulator's model of Graph beta types, derived from Microsoft's generated beta SDK models
 * (`@microsoft/msgraph-beta-sdk`, `models/index.d.ts` and the serializers in `models/index.js`)
 * with the TypeScript compiler API. Only the types the emulator asks for are parsed; the model
 * is built once per process and cached.
 *
 * Mapping of Kiota's TypeScript to OData:
 * - interface `X` ⇒ structured type `x`; its base is the `extends` entry that is itself a model
 *   interface (Kiota also lists `Parsable`, `AdditionalDataHolder`, `BackedModel`).
 * - `string` ⇒ Edm.String, `number` ⇒ Edm.Int32, `boolean` ⇒ Edm.Boolean, `Date` ⇒
 *   Edm.DateTimeOffset, `Duration` ⇒ Edm.Duration.
 * - `type X = (typeof XObject)[keyof typeof XObject]` ⇒ enum `x` with the members of `XObject`
 *   in declaration order.
 * - `T[]` ⇒ collection of T, except an enum array that the type's serializer writes with
 *   `writeEnumValue` (one comma-joined string): that is a flags enum.
 * - an interface whose chain reaches `Entity` ⇒ navigation property; any other ⇒ complex type.
 * - Kiota's own members (`backingStoreEnabled`, `odataType`, `additionalData`) are not properties.
 *
 * Kiota types every property `T | null`, so the SDK does not state the CSDL `Nullable` facet:
 * `nullability.ts` supplies it.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { DtsIndex, memberName } from "./dts-index";
import { NullableFacets } from "./nullability";
import { ABSTRACT_TYPES, ENUM_MEMBERS_NEWER_THAN_SDK, PrimitiveEdm, SERVER_MANAGED } from "./spec-facts";

/** The type of a property. */
export type TypeRef =
    | { kind: "primitive"; edm: PrimitiveEdm }
    | { kind: "enum"; name: string; members: readonly string[]; flags: boolean }
    | { kind: "complex"; name: string }
    | { kind: "entity"; name: string };

/** One property of a structured type (own or inherited). */
export interface PropertyModel {
    name: string;
    /** OData name of the type that declares it, e.g. `managedAppProtection`. */
    declaredOn: string;
    type: TypeRef;
    collection: boolean;
    nullable: boolean;
    /** Where the `Nullable` facet came from. */
    nullableSource: "typings" | "spec";
    /** True for entity-typed (contained) properties: `apps`, `assignments`, `deploymentSummary`. */
    navigation: boolean;
    /** Server-managed (ignored on write). */
    serverManaged: boolean;
}

/** An entity or complex type with all properties (base type first). */
export interface StructuredTypeModel {
    /** OData name, e.g. `iosManagedAppProtection`. */
    name: string;
    /** Interface name in the SDK models, e.g. `IosManagedAppProtection`. */
    tsName: string;
    baseName?: string;
    /** Chain from the root to this type, e.g. `[entity, managedAppPolicy, …, iosManagedAppProtection]`. */
    chain: readonly string[];
    abstract: boolean;
    isEntity: boolean;
    properties: ReadonlyMap<string, PropertyModel>;
}

/** The texts the model is read from. */
export interface ModelSources {
    /** `models/index.d.ts` of the beta SDK. */
    sdkTypes: string;
    /**
     * The text of `export function <name>(…)` in `models/index.js` of the beta SDK (the
     * serializers), or undefined; asked only when a flags question comes up.
     */
    sdkFunction: (name: string) => string | undefined;
    /** `microsoft-graph.d.ts` of the typings package (Nullable facet). */
    typings: string;
}

/** Members Kiota adds to every model interface; not Graph properties. */
const KIOTA_MEMBERS = new Set(["backingStoreEnabled", "odataType", "additionalData"]);

const KIOTA_PRIMITIVES: Readonly<Record<string, PrimitiveEdm>> = {
    Date: "Edm.DateTimeOffset",
    Duration: "Edm.Duration",
};

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where the model comes from: package, version and files (for docs and error messages). */
export function modelSource(): { package: string; version: string; types: string; serializers: string } {
    const pkgJson = require.resolve("@microsoft/msgraph-beta-sdk/package.json");
    const dir = path.dirname(pkgJson);
    const { name, version } = JSON.parse(fs.readFileSync(pkgJson, "utf8")) as { name: string; version: string };
    return {
        package: name,
        version,
        types: path.join(dir, "models", "index.d.ts"),
        serializers: path.join(dir, "models", "index.js"),
    };
}

/** Path of the typings package's declaration file. */
export function typingsPath(): string {
    const pkg = require.resolve("@microsoft/microsoft-graph-types-beta/package.json");
    return path.join(path.dirname(pkg), "microsoft-graph.d.ts");
}

/** The model built from the SDK. Use `graphModel()` to get the cached instance. */
export class GraphModel {
    private readonly sdk: DtsIndex;
    private readonly derived = new Map<string, string[]>();
    private readonly cache = new Map<string, StructuredTypeModel>();
    private readonly facets: NullableFacets;

    constructor(private readonly sources: ModelSources) {
        this.sdk = new DtsIndex(sources.sdkTypes, "msgraph-beta-sdk/models/index.d.ts");
        this.facets = new NullableFacets(new DtsIndex(sources.typings, "microsoft-graph.d.ts"));
        for (const name of this.sdk.heritage.keys()) {
            const base = this.baseOf(name);
            if (!base) continue;
            const list = this.derived.get(base) ?? [];
            list.push(name);
            this.derived.set(base, list);
        }
    }

    /** The base interface: the first `extends` entry that is a model interface. */
    private baseOf(tsName: string): string | undefined {
        return this.sdk.heritage.get(tsName)?.find((n) => this.sdk.has("interface", n));
    }

    /** True when the SDK declares a structured type with this OData name (`microsoft.graph.X`). */
    hasType(odataName: string): boolean {
        return this.sdk.has("interface", upperFirst(odataName));
    }

    /** The model of a structured type, or undefined when the SDK has no such interface. */
    type(odataName: string): StructuredTypeModel | undefined {
        const cached = this.cache.get(odataName);
        if (cached) return cached;
        const tsName = upperFirst(odataName);
        const decl = this.sdk.interface(tsName);
        if (!decl) return undefined;
        const baseTs = this.baseOf(tsName);
        const base = baseTs ? this.type(lowerFirst(baseTs)) : undefined;
        const props = new Map<string, PropertyModel>(base ? base.properties : []);
        for (const member of decl.members) {
            const name = memberName(member);
            if (!ts.isPropertySignature(member) || !member.type || !name || KIOTA_MEMBERS.has(name)) continue;
            props.set(name, this.property(odataName, name, member.type));
        }
        const chain = [...(base ? base.chain : []), odataName];
        const model: StructuredTypeModel = {
            name: odataName,
            tsName,
            baseName: base?.name,
            chain,
            abstract: ABSTRACT_TYPES.has(odataName),
            isEntity: chain[0] === "entity",
            properties: props,
        };
        this.cache.set(odataName, model);
        return model;
    }

    /** OData names of every type deriving (directly or not) from `odataName`. */
    derivedTypes(odataName: string): string[] {
        const out: string[] = [];
        const walk = (tsName: string): void => {
            for (const d of this.derived.get(tsName) ?? []) {
                out.push(lowerFirst(d));
                walk(d);
            }
        };
        walk(upperFirst(odataName));
        return out;
    }

    /** True when `sub` is `sup` or derives from it. */
    isAssignable(sub: string, sup: string): boolean {
        const model = this.type(sub);
        return !!model && model.chain.includes(sup);
    }

    private property(declaredOn: string, name: string, node: ts.TypeNode): PropertyModel {
        let t = node;
        if (ts.isUnionTypeNode(t)) {
            const parts = t.types.filter(
                (p) => !(ts.isLiteralTypeNode(p) && p.literal.kind === ts.SyntaxKind.NullKeyword),
            );
            if (parts.length !== 1) throw unsupported(declaredOn, name, node);
            t = parts[0];
        }
        let collection = false;
        if (ts.isArrayTypeNode(t)) {
            collection = true;
            t = t.elementType;
        }
        let type = this.typeRef(declaredOn, name, t);
        if (collection && type.kind === "enum" && this.writtenAsFlags(declaredOn, name)) {
            type = { ...type, flags: true };
            collection = false;
        }
        const { nullable, source } = this.facets.of(declaredOn, name);
        return {
            name,
            declaredOn,
            type,
            collection,
            nullable,
            nullableSource: source,
            navigation: type.kind === "entity",
            serverManaged: SERVER_MANAGED.has(name),
        };
    }

    private typeRef(declaredOn: string, name: string, t: ts.TypeNode): TypeRef {
        switch (t.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { kind: "primitive", edm: "Edm.String" };
            case ts.SyntaxKind.NumberKeyword:
                return { kind: "primitive", edm: "Edm.Int32" };
            case ts.SyntaxKind.BooleanKeyword:
                return { kind: "primitive", edm: "Edm.Boolean" };
        }
        if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
            const ref = t.typeName.text;
            if (KIOTA_PRIMITIVES[ref]) return { kind: "primitive", edm: KIOTA_PRIMITIVES[ref] };
            const members = this.enumMembers(ref);
            if (members) return { kind: "enum", name: lowerFirst(ref), members, flags: false };
            if (this.sdk.has("interface", ref)) {
                return { kind: this.chainOf(ref).includes("Entity") ? "entity" : "complex", name: lowerFirst(ref) };
            }
        }
        throw unsupported(declaredOn, name, t);
    }

    /** Members of a Kiota enum (`type X = (typeof XObject)[keyof typeof XObject]`), in order. */
    private enumMembers(tsName: string): string[] | undefined {
        const alias = this.sdk.typeAlias(tsName);
        if (!alias || !ts.isIndexedAccessTypeNode(alias.type)) return undefined;
        const constant = this.sdk.constant(`${tsName}Object`);
        const decl = constant?.declarationList.declarations[0];
        if (!decl?.type || !ts.isTypeLiteralNode(decl.type)) return undefined;
        const out: string[] = [];
        for (const m of decl.type.members) {
            if (
                ts.isPropertySignature(m) &&
                m.type &&
                ts.isLiteralTypeNode(m.type) &&
                ts.isStringLiteral(m.type.literal)
            )
                out.push(m.type.literal.text);
        }
        const newer = ENUM_MEMBERS_NEWER_THAN_SDK[lowerFirst(tsName)] ?? [];
        const caughtUp = newer.filter((m) => out.includes(m));
        if (caughtUp.length)
            throw new Error(
                `${tsName}: the SDK models now have ${caughtUp.join(", ")}: drop them from ENUM_MEMBERS_NEWER_THAN_SDK`,
            );
        return [...out, ...newer];
    }

    /** True when the serializer of `declaredOn` writes `name` as one enum value (flags). */
    private writtenAsFlags(declaredOn: string, name: string): boolean {
        const serializer = `serialize${upperFirst(declaredOn)}`;
        const body = this.sources.sdkFunction(serializer);
        if (body === undefined) throw new Error(`schema: no function ${serializer} in the SDK models`);
        if (body.includes(`writer.writeEnumValue("${name}"`)) return true;
        if (body.includes(`writer.writeCollectionOfEnumValues("${name}"`)) return false;
        throw new Error(`schema: serialize${upperFirst(declaredOn)} writes no enum '${name}'`);
    }

    /** Interface names from `tsName` up to its root. */
    private chainOf(tsName: string): string[] {
        const out: string[] = [];
        for (let n: string | undefined = tsName; n && !out.includes(n); n = this.baseOf(n)) out.push(n);
        return out;
    }
}

function unsupported(declaredOn: string, name: string, t: ts.TypeNode): Error {
    return new Error(`schema: unsupported type (${ts.SyntaxKind[t.kind]}) for ${declaredOn}.${name}`);
}

/**
 * Finds `export function <name>(` in a large JavaScript file: the file is read once as bytes and
 * searched without decoding it whole; only the function found is decoded.
 */
export function functionReader(file: string): (name: string) => string | undefined {
    let bytes: Buffer | undefined;
    return (name) => {
        bytes ??= fs.readFileSync(file);
        const start = bytes.indexOf(`export function ${name}(`);
        if (start < 0) return undefined;
        const end = bytes.indexOf("\nexport function ", start + 1);
        return bytes.toString("utf8", start, end < 0 ? bytes.length : end);
    };
}

let cached: GraphModel | undefined;

/** The process-wide model (reads the SDK models on first use). */
export function graphModel(): GraphModel {
    if (!cached) {
        const source = modelSource();
        cached = new GraphModel({
            sdkTypes: fs.readFileSync(source.types, "utf8"),
            sdkFunction: functionReader(source.serializers),
            typings: fs.readFileSync(typingsPath(), "utf8"),
        });
    }
    return cached;
}

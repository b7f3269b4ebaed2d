/**
 * The emulator's model of Graph beta types, read from `@microsoft/microsoft-graph-types-beta`
 * (`microsoft-graph.d.ts`) with the TypeScript compiler API and completed with the facts in
 * `spec-facts.ts`. Parsed once per process (lazily) and cached.
 *
 * Mapping rules:
 * - `NullableOption<T>` ⇒ nullable; otherwise non-nullable.
 * - `T[]` ⇒ collection.
 * - `string` ⇒ Edm.String (unless `EDM_OVERRIDES` says Duration/DateTimeOffset), `number` ⇒ Edm.Int32,
 *   `boolean` ⇒ Edm.Boolean.
 * - a type alias that is a union of string literals ⇒ enum (flags per `FLAGS_ENUMS`).
 * - an interface whose inheritance chain reaches `Entity` ⇒ navigation property; any other interface ⇒
 *   complex type (e.g. `KeyValuePair`, `MobileAppIdentifier`).
 */
import * as fs from "fs";
import * as ts from "typescript";
import {
    ABSTRACT_TYPES,
    EDM_OVERRIDES,
    EXTRA_PROPERTIES,
    FLAGS_ENUMS,
    PrimitiveEdm,
    SERVER_MANAGED,
} from "./spec-facts";

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
    /** True for entity-typed (contained) properties: `apps`, `assignments`, `deploymentSummary`. */
    navigation: boolean;
    /** Server-managed (ignored on write). */
    serverManaged: boolean;
    /** Where the fact came from. */
    source: "typings" | "spec";
}

/** An entity or complex type with all properties (base type first). */
export interface StructuredTypeModel {
    /** OData name, e.g. `iosManagedAppProtection`. */
    name: string;
    /** Interface name in the typings, e.g. `IosManagedAppProtection`. */
    tsName: string;
    baseName?: string;
    /** Chain from the root to this type, e.g. `[entity, managedAppPolicy, …, iosManagedAppProtection]`. */
    chain: readonly string[];
    abstract: boolean;
    isEntity: boolean;
    properties: ReadonlyMap<string, PropertyModel>;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Resolves the typings file whether we run from sources (ts-jest) or from dist/. */
export function typingsPath(): string {
    const pkg = require.resolve("@microsoft/microsoft-graph-types-beta/package.json");
    return pkg.replace(/package\.json$/, "microsoft-graph.d.ts");
}

/** The model built from the typings. Use `graphModel()` to get the cached instance. */
export class GraphModel {
    private readonly interfaces = new Map<string, ts.InterfaceDeclaration>();
    private readonly aliases = new Map<string, ts.TypeAliasDeclaration>();
    private readonly derived = new Map<string, string[]>();
    private readonly cache = new Map<string, StructuredTypeModel>();

    constructor(source: string, fileName = "microsoft-graph.d.ts") {
        const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
        for (const st of sf.statements) {
            if (ts.isInterfaceDeclaration(st)) {
                this.interfaces.set(st.name.text, st);
                const base = this.baseOf(st);
                if (base) {
                    const list = this.derived.get(base) ?? [];
                    list.push(st.name.text);
                    this.derived.set(base, list);
                }
            } else if (ts.isTypeAliasDeclaration(st)) {
                this.aliases.set(st.name.text, st);
            }
        }
    }

    private baseOf(decl: ts.InterfaceDeclaration): string | undefined {
        for (const clause of decl.heritageClauses ?? []) {
            for (const t of clause.types) {
                if (ts.isIdentifier(t.expression)) return t.expression.text;
            }
        }
        return undefined;
    }

    /** True when the typings declare a structured type with this OData name (`microsoft.graph.X`). */
    hasType(odataName: string): boolean {
        return this.interfaces.has(upperFirst(odataName));
    }

    /** The model of a structured type, or undefined when the typings have no such interface. */
    type(odataName: string): StructuredTypeModel | undefined {
        const cached = this.cache.get(odataName);
        if (cached) return cached;
        const decl = this.interfaces.get(upperFirst(odataName));
        if (!decl) return undefined;
        const baseTs = this.baseOf(decl);
        const base = baseTs ? this.type(lowerFirst(baseTs)) : undefined;
        const props = new Map<string, PropertyModel>(base ? base.properties : []);
        for (const member of decl.members) {
            if (!ts.isPropertySignature(member) || !member.type) continue;
            const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
            if (!name) continue;
            props.set(name, this.property(odataName, name, member.type));
        }
        for (const extra of EXTRA_PROPERTIES) {
            if (extra.declaredOn !== odataName || props.has(extra.name)) continue;
            props.set(extra.name, {
                name: extra.name,
                declaredOn: odataName,
                type: { kind: "primitive", edm: extra.edm },
                collection: false,
                nullable: extra.nullable,
                navigation: false,
                serverManaged: SERVER_MANAGED.has(extra.name),
                source: "spec",
            });
        }
        const chain = [...(base ? base.chain : []), odataName];
        const model: StructuredTypeModel = {
            name: odataName,
            tsName: decl.name.text,
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
        let nullable = false;
        let collection = false;
        let t = node;
        if (
            ts.isTypeReferenceNode(t) &&
            ts.isIdentifier(t.typeName) &&
            t.typeName.text === "NullableOption" &&
            t.typeArguments?.length === 1
        ) {
            nullable = true;
            t = t.typeArguments[0];
        }
        if (ts.isArrayTypeNode(t)) {
            collection = true;
            t = t.elementType;
        }
        const type = this.typeRef(declaredOn, name, t);
        return {
            name,
            declaredOn,
            type,
            collection,
            nullable,
            navigation: type.kind === "entity",
            serverManaged: SERVER_MANAGED.has(name),
            source: "typings",
        };
    }

    private typeRef(declaredOn: string, name: string, t: ts.TypeNode): TypeRef {
        switch (t.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { kind: "primitive", edm: EDM_OVERRIDES[`${declaredOn}.${name}`] ?? "Edm.String" };
            case ts.SyntaxKind.NumberKeyword:
                return { kind: "primitive", edm: "Edm.Int32" };
            case ts.SyntaxKind.BooleanKeyword:
                return { kind: "primitive", edm: "Edm.Boolean" };
        }
        if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
            const ref = t.typeName.text;
            const alias = this.aliases.get(ref);
            if (alias) {
                const members = this.literalUnion(alias.type);
                if (members)
                    return { kind: "enum", name: lowerFirst(ref), members, flags: FLAGS_ENUMS.has(lowerFirst(ref)) };
            }
            if (this.interfaces.has(ref)) {
                return { kind: this.chainOf(ref).includes("Entity") ? "entity" : "complex", name: lowerFirst(ref) };
            }
        }
        throw new Error(`schema: unsupported type (${ts.SyntaxKind[t.kind]}) for ${declaredOn}.${name}`);
    }

    /** Interface names from `tsName` up to its root, without building models (no recursion). */
    private chainOf(tsName: string): string[] {
        const out: string[] = [];
        for (let n: string | undefined = tsName; n && !out.includes(n);) {
            out.push(n);
            const decl = this.interfaces.get(n);
            n = decl ? this.baseOf(decl) : undefined;
        }
        return out;
    }

    private literalUnion(t: ts.TypeNode): string[] | undefined {
        const parts = ts.isUnionTypeNode(t) ? t.types : [t];
        const out: string[] = [];
        for (const p of parts) {
            if (ts.isLiteralTypeNode(p) && ts.isStringLiteral(p.literal)) out.push(p.literal.text);
            else return undefined;
        }
        return out;
    }
}

let cached: GraphModel | undefined;

/** The process-wide model (parses the typings on first use, ~0.5 s). */
export function graphModel(): GraphModel {
    if (!cached) cached = new GraphModel(fs.readFileSync(typingsPath(), "utf8"));
    return cached;
}

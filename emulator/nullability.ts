/**
 * The CSDL `Nullable` facet of Graph properties, which Microsoft's beta SDK models cannot state
 * (Kiota types every property `T | null`). It comes from `@microsoft/microsoft-graph-types-beta`,
 * generated from the same beta metadata (`NullableOption<T>` ⇔ `Nullable="true"`), and, for
 * properties newer than those typings, from `NULLABLE_NEWER_THAN_TYPINGS` in `spec-facts.ts`. A
 * property known to neither is an error, so a newer SDK cannot slip one in unnoticed.
 */
import * as ts from "typescript";
import { DtsIndex, memberName } from "./dts-index";
import { NULLABLE_NEWER_THAN_TYPINGS } from "./spec-facts";

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Nullable facets, read from the typings on demand. */
export class NullableFacets {
    private readonly own = new Map<string, Map<string, boolean>>();
    private subtypes?: Map<string, string[]>;

    constructor(private readonly typings: DtsIndex) {}

    /** The facet of `declaredOn.name` (OData names) and where it came from. */
    of(declaredOn: string, name: string): { nullable: boolean; source: "typings" | "spec" } {
        const fact = NULLABLE_NEWER_THAN_TYPINGS[`${declaredOn}.${name}`];
        if (fact !== undefined) return { nullable: fact, source: "spec" };
        const known = this.fromTypings(upperFirst(declaredOn), name);
        if (known === undefined) {
            throw new Error(
                `schema: ${declaredOn}.${name} is in the beta SDK but not in @microsoft/microsoft-graph-types-beta; ` +
                    `state its Nullable facet (with a source) in NULLABLE_NEWER_THAN_TYPINGS (spec-facts.ts)`,
            );
        }
        return { nullable: known, source: "typings" };
    }

    /**
     * The typings' facet of `name` on `tsName` or its bases, else on its derived types (the SDK may
     * declare a property on a base that the older typings declare per platform).
     */
    private fromTypings(tsName: string, name: string): boolean | undefined {
        for (let n: string | undefined = tsName; n; n = this.typings.heritage.get(n)?.[0]) {
            const v = this.ownFacets(n).get(name);
            if (v !== undefined) return v;
        }
        const found = new Set<boolean>();
        const below = (n: string): void => {
            for (const sub of this.derived().get(n) ?? []) {
                const v = this.ownFacets(sub).get(name);
                if (v !== undefined) found.add(v);
                else below(sub);
            }
        };
        below(tsName);
        if (found.size > 1) throw new Error(`schema: the typings disagree on the Nullable facet of ${tsName}.${name}`);
        return found.size ? [...found][0] : undefined;
    }

    /** Typings interface → interfaces that extend it directly (built once). */
    private derived(): Map<string, string[]> {
        if (this.subtypes) return this.subtypes;
        const map = new Map<string, string[]>();
        for (const [sub, bases] of this.typings.heritage) {
            const list = map.get(bases[0]) ?? [];
            list.push(sub);
            map.set(bases[0], list);
        }
        return (this.subtypes = map);
    }

    /** Own properties of a typings interface → declared `NullableOption<…>`. */
    private ownFacets(tsName: string): Map<string, boolean> {
        let map = this.own.get(tsName);
        if (map) return map;
        map = new Map();
        for (const member of this.typings.interface(tsName)?.members ?? []) {
            const name = memberName(member);
            if (!name || !ts.isPropertySignature(member) || !member.type) continue;
            const t = member.type;
            map.set(
                name,
                ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === "NullableOption",
            );
        }
        this.own.set(tsName, map);
        return map;
    }
}

/**
 * Generators of valid and invalid values for every setting kind of the catalog, for property-based
 * tests. A setting's kind is recognised from its structured description (`kind.shape`), not from
 * its words or code; a shape this file does not know fails the suite, so new kinds get generators.
 */
import fc from "fast-check";
import type { TextFormat } from "../../provider/settings/kinds";
import type { SettingSpec } from "../../provider/settings/spec";

export type KindClass =
    | { type: "bool" }
    | { type: "int"; min: number; max: number }
    | { type: "oneOf"; members: string[] }
    | { type: "setOf"; members: string[] }
    | { type: "flags"; members: string[]; none: string }
    | { type: "duration" }
    | { type: "text"; max: number; required: boolean }
    | { type: "version" }
    | { type: "patchLevel" }
    | { type: "urlScheme" }
    | { type: "packageId" }
    | { type: "stringSet"; items: TextFormat }
    | { type: "joinedSet" }
    | { type: "pairs"; fields: [string, string]; fieldFormats: [TextFormat, TextFormat]; uniqueNames: boolean };

/** Recognises the kind of a catalog entry from its shape. */
export function classify(spec: SettingSpec): KindClass {
    const shape = spec.kind.shape;
    switch (shape.type) {
        case "boolean":
            return { type: "bool" };
        case "integer":
            return { type: "int", min: shape.min, max: shape.max };
        case "enum":
            return { type: "oneOf", members: [...shape.members] };
        case "set":
            return { type: "setOf", members: [...shape.members] };
        case "flags":
            return { type: "flags", members: [...shape.members], none: shape.none };
        case "duration":
            return { type: "duration" };
        case "text":
            return { type: "text", max: shape.maxLength, required: shape.required };
        case "formatted":
            if (
                shape.format.name === "version" ||
                shape.format.name === "patchLevel" ||
                shape.format.name === "urlScheme" ||
                shape.format.name === "packageId"
            )
                return { type: shape.format.name };
            break;
        case "strings":
            return shape.joinedBy === undefined ? { type: "stringSet", items: shape.item } : { type: "joinedSet" };
        case "pairs":
            return {
                type: "pairs",
                fields: [shape.fields[0], shape.fields[1]],
                fieldFormats: [shape.formats[0], shape.formats[1]],
                uniqueNames: shape.uniqueNames === true,
            };
    }
    throw new Error(`no generator for values of shape ${JSON.stringify(shape)}: add one to test/resilience/kinds.ts`);
}

// ---------------------------------------------------------------------------------------------
// Valid values

const caseVariant = (s: string) => fc.constantFrom(s, s.toUpperCase(), s.toLowerCase());
const memberIn = (members: string[]) => fc.constantFrom(...members).chain(caseVariant);

/** Items a text format accepts: short strings its pattern matches. */
const validItem = (format: TextFormat): fc.Arbitrary<string> =>
    fc.stringMatching(format.pattern, { size: "xsmall" }).filter((s) => s.length > 0 && s.length <= 64);

/** A valid Android package id. */
const packageIdValue = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}(\.[A-Za-z][A-Za-z0-9_]{0,8}){1,3}$/);

const duration = fc
    .record({
        d: fc.option(fc.integer({ min: 0, max: 3650 })),
        h: fc.option(fc.integer({ min: 0, max: 100 })),
        m: fc.option(fc.integer({ min: 0, max: 10_000 })),
        s: fc.option(fc.integer({ min: 0, max: 100_000 })),
        frac: fc.option(fc.integer({ min: 1, max: 999 })),
    })
    .filter(({ d, h, m, s }) => d !== null || h !== null || m !== null || s !== null)
    .map(({ d, h, m, s, frac }) => {
        const time = `${h !== null ? `${h}H` : ""}${m !== null ? `${m}M` : ""}${s !== null ? `${s}${frac !== null ? `.${frac}` : ""}S` : ""}`;
        return `P${d !== null ? `${d}D` : ""}${time ? `T${time}` : ""}`;
    });

const patchDate = fc
    .record({
        y: fc.integer({ min: 2000, max: 2099 }),
        mo: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, mo, d }) => `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

/** Values the setting must accept. `options.nonEmpty` leaves out "" and [] (see the round-trip bug). */
export function validValue(cls: KindClass, options: { nonEmpty?: boolean } = {}): fc.Arbitrary<unknown> {
    const nonEmpty = options.nonEmpty ?? false;
    switch (cls.type) {
        case "bool":
            return fc.boolean();
        case "int":
            return fc.integer({ min: cls.min, max: cls.max });
        case "oneOf":
            return memberIn(cls.members);
        case "setOf":
            return fc.array(memberIn(cls.members), { maxLength: cls.members.length + 2 });
        case "flags": {
            const others = cls.members.filter((m) => m !== cls.none);
            return fc.oneof(
                fc.constant([cls.none]),
                fc.array(memberIn(others), { minLength: 1, maxLength: others.length + 1 }),
            );
        }
        case "duration":
            return duration;
        case "text": {
            const text = fc.oneof(
                fc.string({ maxLength: Math.min(cls.max, 40) }),
                fc.string({ unit: "grapheme", maxLength: 20 }),
                fc.constant("x".repeat(cls.max)),
            );
            return cls.required || nonEmpty
                ? text.filter((s) => /\S/.test(s) && s.length <= cls.max)
                : text.filter((s) => s.length <= cls.max);
        }
        case "version":
            return fc.array(fc.nat({ max: 99_999 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));
        case "patchLevel":
            return patchDate;
        case "urlScheme":
            return fc.stringMatching(/^[A-Za-z][A-Za-z0-9+.-]{0,30}$/);
        case "packageId":
            return packageIdValue;
        case "stringSet":
            return fc.array(validItem(cls.items), { maxLength: 5 });
        case "joinedSet":
            return fc.array(
                fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes(";") && s.trim() !== ""),
                { minLength: nonEmpty ? 1 : 0, maxLength: 5 },
            );
        case "pairs": {
            const [a, b] = cls.fields;
            const item = fc.record({ [a]: validItem(cls.fieldFormats[0]), [b]: validItem(cls.fieldFormats[1]) });
            return cls.uniqueNames
                ? fc.uniqueArray(item, { maxLength: 4, selector: (pair) => pair[a] })
                : fc.array(item, { maxLength: 4 });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invalid values

/** The JSON type a kind expects. */
function expectedType(cls: KindClass): "boolean" | "number" | "string" | "array" {
    switch (cls.type) {
        case "bool":
            return "boolean";
        case "int":
            return "number";
        case "setOf":
        case "flags":
        case "stringSet":
        case "joinedSet":
        case "pairs":
            return "array";
        default:
            return "string";
    }
}

const jsonType = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

/** Any JSON value of another type than the kind expects (null included). */
function wrongType(cls: KindClass): fc.Arbitrary<unknown> {
    const any = fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ maxLength: 10 }),
        fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
    );
    return any.filter((v) => jsonType(v) !== expectedType(cls));
}

/** Known-bad items for the formats of the catalog; each format gets those its pattern rejects. */
const BAD_ITEMS: unknown[] = [
    ...["abc", "-1", "1.5", " 1", "", "   ", "\t"],
    ...["ftp://example.com", "example.com", "http://", "https://a b", "mailto:x@y"],
    ...["com", "com.", ".com.x", "1com.x", "com.x-y", "com..x", "com.1x", "not a package"],
    ...["skype://", "1skype", "a b", ";", "sky;;pe"],
    ...[0, 3, 42, null, {}],
];

/** Items a text format rejects: the known-bad ones its pattern rejects. */
const invalidItem = (format: TextFormat): fc.Arbitrary<unknown> => {
    const bad = BAD_ITEMS.filter((v) => typeof v !== "string" || !format.pattern.test(v));
    return fc.constantFrom(...bad);
};

/** One list with a bad item somewhere among good ones. */
function listWithBadItem(good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
    return fc.tuple(fc.array(good, { maxLength: 3 }), bad, fc.nat()).map(([items, item, at]) => {
        const list = [...items];
        list.splice(at % (list.length + 1), 0, item);
        return list;
    });
}

const notMember = (members: string[]) =>
    fc.string({ maxLength: 24 }).filter((s) => !members.some((m) => m.toLowerCase() === s.toLowerCase()));

/** Values the setting must reject: curated known-bad values plus generated ones. */
export function invalidValue(cls: KindClass): fc.Arbitrary<unknown> {
    const wrong = wrongType(cls);
    const curated = (values: unknown[]) => fc.constantFrom(...values);
    switch (cls.type) {
        case "bool":
            return fc.oneof(wrong, curated(["true", "false", 0, 1, "yes"]));
        case "int":
            return fc.oneof(
                wrong,
                fc.integer({ max: cls.min - 1 }),
                fc.integer({ min: cls.max + 1 }),
                fc.double({ min: cls.min, max: cls.max, noNaN: true }).filter((v) => !Number.isInteger(v)),
                curated([String(cls.min), cls.max + 0.5, 1e21]),
            );
        case "oneOf":
            return fc.oneof(wrong, notMember(cls.members), curated([`${cls.members[0]} `, `${cls.members[0]}s`, ""]));
        case "setOf":
            return fc.oneof(
                wrong,
                curated([cls.members[0], `${cls.members.join(",")}`]), // a member not in a list
                listWithBadItem(
                    memberIn(cls.members),
                    fc.oneof(notMember(cls.members), fc.integer(), fc.constant(null)),
                ),
            );
        case "flags":
            return fc.oneof(
                wrong,
                curated([
                    [],
                    [cls.none, cls.members.find((m) => m !== cls.none)!],
                    cls.members[1],
                    cls.members.join(","),
                ]),
                listWithBadItem(
                    memberIn(cls.members.filter((m) => m !== cls.none)),
                    fc.oneof(notMember(cls.members), fc.integer()),
                ),
            );
        case "duration":
            return fc.oneof(
                wrong,
                curated([
                    "30 minutes",
                    "P1Y",
                    "P1M",
                    "P2W",
                    "PT",
                    "P",
                    "",
                    "-PT1H",
                    "1h",
                    "PT1H30",
                    "pt30m",
                    "P1DT",
                    "PT-5M",
                    "T1H",
                    "P1.D",
                ]),
                fc.string({ maxLength: 12 }).filter((s) => !s.includes("P")), // a duration starts with P
            );
        case "text":
            return fc.oneof(
                wrong,
                fc.string({ minLength: cls.max + 1, maxLength: cls.max + 20 }),
                ...(cls.required ? [curated(["", "   ", "\n\t"])] : []),
            );
        case "version":
            return fc.oneof(
                wrong,
                curated(["v1", "1.", ".1", "1..2", "1.2.3.4.5", "", "1.0-beta", "１.０", "1 .0", "1".repeat(65)]),
            );
        case "patchLevel":
            return fc.oneof(
                wrong,
                curated([
                    "2026-13-01",
                    "2026-00-10",
                    "2026-1-1",
                    "26-01-01",
                    "2026/01/01",
                    "2026-01-32",
                    "",
                    "0000-00-00",
                    "2026-01-01T00:00:00Z",
                ]),
            );
        case "urlScheme":
            return fc.oneof(wrong, curated(["skype://", "1skype", "", "sky pe", "-abc", "a_b", "https://x"]));
        case "packageId":
            return fc.oneof(
                wrong,
                curated(["com", "com.", ".com.x", "1com.x", "com.x-y", "com..x", "com.1x", "not a package", ""]),
            );
        case "stringSet":
            return fc.oneof(wrong, curated(["x"]), listWithBadItem(validItem(cls.items), invalidItem(cls.items)));
        case "joinedSet":
            return fc.oneof(
                wrong,
                curated(["Samsung"]),
                listWithBadItem(
                    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /\S/.test(s) && !s.includes(";")),
                    curated(["a;b", "", 3, null]),
                ),
            );
        case "pairs": {
            const [a, b] = cls.fields;
            const good = fc.record({ [a]: validItem(cls.fieldFormats[0]), [b]: validItem(cls.fieldFormats[1]) });
            const badItem = fc.oneof(
                curated(["x", 1, null, [], [a, b]]),
                good.map((item) => ({ ...item, extra: "x" })),
                good.map((item) => ({ [a]: item[a] })),
                good.map((item) => ({ [b]: item[b] })),
                fc.tuple(good, invalidItem(cls.fieldFormats[0])).map(([item, bad]) => ({ ...item, [a]: bad })),
                fc.tuple(good, invalidItem(cls.fieldFormats[1])).map(([item, bad]) => ({ ...item, [b]: bad })),
            );
            return fc.oneof(wrong, listWithBadItem(good, badItem));
        }
    }
}

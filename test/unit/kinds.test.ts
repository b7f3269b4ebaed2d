import * as fc from "fast-check";
import * as k from "../../provider/settings/kinds";

describe("value kinds", () => {
    it("describe their values as data (shape), for messages and generators", () => {
        expect(k.bool().shape).toEqual({ type: "boolean" });
        expect(k.int(1, 9).shape).toEqual({ type: "integer", min: 1, max: 9 });
        expect(k.oneOf(["a", "b"]).shape).toEqual({ type: "enum", members: ["a", "b"] });
        expect(k.setOf(["a"]).shape).toEqual({ type: "set", members: ["a"] });
        expect(k.flagsOf(["none", "x"], "none").shape).toEqual({ type: "flags", members: ["none", "x"], none: "none" });
        expect(k.text(256, true).shape).toEqual({ type: "text", maxLength: 256, required: true });
        expect(k.version().shape).toMatchObject({ type: "formatted", format: { name: "version" }, maxLength: 64 });
        expect(k.joinedSet("models").shape).toMatchObject({ type: "strings", joinedBy: ";" });
        expect(k.stringSet(/^\d+$/, "ids").shape).toEqual({
            type: "strings",
            item: { pattern: /^\d+$/, allowed: "ids" },
        });
    });

    it("bool accepts only booleans", () => {
        const kind = k.bool();
        expect(kind.problem(true)).toBeUndefined();
        expect(kind.problem("true")).toBe("must be true or false");
        expect(kind.fromGraph(null)).toBeUndefined();
    });

    it("int enforces whole numbers in range", () => {
        const kind = k.int(1, 65535);
        expect(kind.problem(5)).toBeUndefined();
        expect(kind.problem(0)).toBe("must be a whole number from 1 to 65535");
        expect(kind.problem(65536)).toMatch(/from 1 to 65535/);
        expect(kind.problem(2.5)).toMatch(/whole number/);
        expect(kind.problem("5")).toMatch(/whole number/);
    });

    it("oneOf matches members ignoring case and normalizes to Graph casing", () => {
        const kind = k.oneOf(["allApps", "managedApps", "none"] as const);
        expect(kind.problem("ManagedApps")).toBeUndefined();
        expect(kind.normalize("MANAGEDAPPS" as never)).toBe("managedApps");
        expect(kind.problem("some")).toBe('must be one of "allApps", "managedApps", "none"');
        expect(kind.fromGraph("managedApps")).toBe("managedApps");
    });

    it("setOf sorts, de-duplicates and treats null from Graph as empty", () => {
        const kind = k.setOf(["oneDriveForBusiness", "sharePoint", "box"] as const);
        expect(kind.normalize(["sharePoint", "box", "sharePoint"] as never)).toEqual(["box", "sharePoint"]);
        expect(kind.fromGraph(null)).toEqual([]);
        const allowed = 'a list of "oneDriveForBusiness", "sharePoint", "box"';
        expect(kind.allowed).toBe(allowed);
        expect(kind.problem(["box", "dropbox"])).toBe(`must be ${allowed}; item 1 ("dropbox") is not one of them`);
        expect(kind.problem("box")).toBe(`must be ${allowed}`);
    });

    it("flagsOf joins with commas and treats the none member alone", () => {
        const kind = k.flagsOf(["unspecified", "unmanaged", "mdm"] as const, "unspecified");
        expect(kind.toGraph(kind.normalize(["mdm", "unmanaged"] as never))).toBe("unmanaged,mdm");
        expect(kind.fromGraph("mdm,unmanaged")).toEqual(["unmanaged", "mdm"]);
        const allowed = 'a list of "unspecified", "unmanaged", "mdm" ("unspecified" alone means none)';
        expect(kind.allowed).toBe(allowed);
        expect(kind.problem(["unspecified", "mdm"])).toBe(
            `must be ${allowed}; "unspecified" cannot be combined with other members`,
        );
        expect(kind.problem([])).toBe(
            `must be ${allowed}; an empty list names no member (use ["unspecified"] for none)`,
        );
        expect(kind.problem(["mdm", 5])).toBe(`must be ${allowed}; item 1 (5) is not one of them`);
        expect(kind.problem("mdm")).toBe(`must be ${allowed}`);
    });

    it("duration validates and canonicalizes", () => {
        const kind = k.duration();
        expect(kind.problem("PT720M")).toBeUndefined();
        expect(kind.normalize("PT720M")).toBe("PT12H");
        expect(kind.problem("12 hours")).toMatch(/ISO-8601 duration/);
        expect(kind.problem("-PT5M")).toMatch(/non-negative/);
        expect(kind.fromGraph("PT1440M")).toBe("P1D");
    });

    it("version and patch levels", () => {
        expect(k.version().problem("16.0")).toBeUndefined();
        expect(k.version().problem("16.0.1.2")).toBeUndefined();
        expect(k.version().problem("v16")).toMatch(/version number/);
        expect(k.version().fromGraph("")).toBeUndefined();
        expect(k.patchLevel().problem("2026-02-30")).toBeUndefined();
        expect(k.patchLevel().problem("2026-13-01")).toMatch(/YYYY-MM-DD/);
        expect(k.patchLevel().fromGraph("0000-00-00")).toBeUndefined();
    });

    it("stringSet says which item is not what the list holds", () => {
        const kind = k.stringSet(/^https?:\/\/\S+$/, "http(s) URLs");
        expect(kind.problem(["https://a.example", "ftp://b.example"])).toBe(
            'must be a list of http(s) URLs; item 1 ("ftp://b.example") is not one',
        );
        expect(kind.problem("https://a.example")).toBe("must be a list of http(s) URLs");
    });

    it("joinedSet is a list for users and a ;-joined string for Graph", () => {
        const kind = k.joinedSet("models");
        expect(kind.toGraph(kind.normalize(["iPhone15,3", "iPhone15,2"]))).toBe("iPhone15,2;iPhone15,3");
        expect(kind.fromGraph("iPhone15,3;iPhone15,2;")).toEqual(["iPhone15,2", "iPhone15,3"]);
        expect(kind.fromGraph(null)).toEqual([]); // Graph's "no item"
        expect(kind.fromGraph("")).toEqual([]);
        expect(kind.problem(["a;b"])).toBe(
            'must be a list of models; item 0 ("a;b") contains ";", which Graph uses to separate items',
        );
        expect(kind.problem(["x", ""])).toBe(
            "must be a list of models; item 1 (\"\") is empty (Graph's ';'-joined string cannot hold an empty item)",
        );
        expect(kind.problem([3])).toBe("must be a list of models; item 0 (3) is not text");
        expect(kind.problem("x")).toBe("must be a list of models");
    });

    it("pairs map typed fields onto Graph keyValuePairs", () => {
        const kind = k.pairs({
            nameField: "packageId",
            valueField: "name",
            fields: {
                packageId: { doc: "", pattern: k.ANDROID_PACKAGE_ID, allowed: "an Android package id" },
                name: { doc: "", pattern: /\S/, allowed: "non-empty text" },
            },
        });
        const value = [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }];
        expect(kind.toGraph(value)).toEqual([{ name: "com.touchtype.swiftkey", value: "SwiftKey" }]);
        expect(kind.fromGraph([{ name: "com.touchtype.swiftkey", value: "SwiftKey" }])).toEqual(value);
        const allowed =
            "a list of { packageId, name } where packageId is an Android package id and name is non-empty text";
        expect(kind.allowed).toBe(allowed);
        expect(kind.problem([{ packageId: "not a package", name: "x" }])).toBe(
            `must be ${allowed}; item 0 ({"packageId":"not a package","name":"x"}) has packageId "not a package", which must be an Android package id`,
        );
        expect(kind.problem([{ packageId: "com.a.b", name: "x", extra: 1 }])).toBe(
            `must be ${allowed}; item 0 ({"packageId":"com.a.b","name":"x","extra":1}) has unknown field "extra" (allowed: packageId, name)`,
        );
        expect(kind.problem([{ packageId: "com.a.b" }])).toBe(
            `must be ${allowed}; item 0 ({"packageId":"com.a.b"}) has no name, which must be non-empty text`,
        );
        expect(kind.problem(["com.a.b"])).toBe(
            `must be ${allowed}; item 0 ("com.a.b") is not an object with packageId and name`,
        );
        expect(kind.problem({ packageId: "com.a.b", name: "x" })).toBe(`must be ${allowed}`);
    });

    describe("values are held exactly as Graph holds them", () => {
        it("text keeps leading and trailing spaces and line breaks, declared and read back", () => {
            for (const kind of [k.text(256, true), k.text(1024), k.text(256)]) {
                for (const value of ["Sales iOS ", " Sales iOS", "Chrome ", "line one\nline two\n", "\ttabbed\r\n"]) {
                    expect(kind.problem(value)).toBeUndefined();
                    expect(kind.normalize(value)).toBe(value);
                    expect(kind.fromGraph(kind.toGraph(kind.normalize(value)))).toBe(value);
                }
            }
        });

        it("any text within the length is accepted and kept unchanged", () => {
            const kind = k.text(1024);
            fc.assert(
                fc.property(fc.string({ maxLength: 1024, unit: "binary" }), (value) => {
                    expect(kind.problem(value)).toBeUndefined();
                    expect(kind.normalize(value)).toBe(value);
                    expect(kind.fromGraph(kind.toGraph(value))).toBe(value);
                }),
                { numRuns: 300 },
            );
        });

        it("a required text says why a blank value is refused", () => {
            expect(k.text(256, true).problem("   ")).toBe(
                "must be non-empty text of at most 256 characters; it is only white space, which would list as a policy without a name",
            );
            expect(k.text(256, true).problem("")).toBe("must be non-empty text of at most 256 characters");
            expect(k.text(256, true).problem(" x ")).toBeUndefined();
        });

        it("patterned kinds never alter what passes", () => {
            expect(k.version().normalize("16.0")).toBe("16.0");
            expect(k.version().problem("16.0 ")).toMatch(/version number/);
            expect(k.urlScheme().problem("skype ")).toMatch(/URL scheme/);
            expect(k.packageId().problem(" com.a.b")).toMatch(/package id/);
        });

        it("string sets keep each item as written; order and duplicates do not count", () => {
            const kind = k.stringSet(/\S/, "model names");
            expect(kind.normalize([" Pixel 7", "Pixel 7 ", "Pixel 7 "])).toEqual([" Pixel 7", "Pixel 7 "]);
            expect(kind.fromGraph(["b ", "a", "b ", "a"])).toEqual(["a", "b "]);
            expect(kind.normalize(kind.fromGraph(["b ", "a"])!)).toEqual(kind.normalize(["a", "b ", "a"]));
        });

        it("joined sets keep items as written and read stray separators and duplicates as Graph means them", () => {
            const kind = k.joinedSet("manufacturers");
            expect(kind.fromGraph(";Samsung;;Google ;Samsung;")).toEqual(["Google ", "Samsung"]);
            expect(kind.problem(["Google ", " "])).toBeUndefined();
            const declared = kind.normalize(["Samsung", "Google ", "Samsung"]);
            expect(declared).toEqual(["Google ", "Samsung"]);
            expect(kind.fromGraph(kind.toGraph(declared))).toEqual(declared);
        });

        it("pairs keep both fields as written", () => {
            const kind = k.pairs({
                nameField: "name",
                valueField: "schemes",
                fields: {
                    name: { doc: "", pattern: /\S/, allowed: "non-empty text" },
                    schemes: { doc: "", pattern: /\S/, allowed: "schemes" },
                },
            });
            const graph = [
                { name: "Default ", value: "skype;app-settings;" },
                { name: "Default ", value: "skype;app-settings;" },
            ];
            expect(kind.fromGraph(graph)).toEqual([{ name: "Default ", schemes: "skype;app-settings;" }]);
            expect(kind.toGraph(kind.fromGraph(graph)!)).toEqual([graph[0]]);
        });
    });
});

import { appConfigurationSettings } from "../../provider/settings/app-configuration";
import { keyedPairs } from "../../provider/settings/kinds-extra";

describe("keyedPairs (managed-app configuration customSettings)", () => {
    const kind = appConfigurationSettings.customSettings.kind;

    it("accepts config keys with text values, an empty value and a token included", () => {
        expect(
            kind.problem([
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                { name: "com.microsoft.intune.mam.AllowedAccountUPNs", value: "{{userprincipalname}}" },
                { name: "emptyAllowed", value: "" },
            ]),
        ).toBeUndefined();
    });

    it("rejects one key with two values, naming the key and both items", () => {
        const problem = kind.problem([
            { name: "a", value: "1" },
            { name: "b", value: "2" },
            { name: "a", value: "3" },
        ]);
        expect(problem).toMatch(/^must be a list of \{ name, value \} .*each name at most once; /);
        expect(problem).toMatch(/name "a" has two values \(items 0 and 2\)$/);
    });

    it("takes the same pair twice as one pair", () => {
        const twice = [
            { name: "a", value: "1" },
            { name: "a", value: "1" },
        ];
        expect(kind.problem(twice)).toBeUndefined();
        expect(kind.normalize(twice)).toEqual([{ name: "a", value: "1" }]);
    });

    it("keeps the shape checks of pairs: a blank key, a missing value, an unknown field", () => {
        expect(kind.problem([{ name: " ", value: "x" }])).toMatch(
            /item 0 .* has name " ", which must be non-empty text/,
        );
        expect(kind.problem([{ name: "a" }])).toMatch(/item 0 .* has no value/);
        expect(kind.problem([{ name: "a", value: "x", extra: 1 }])).toMatch(/unknown field "extra"/);
        expect(kind.problem("a=x")).toMatch(/^must be a list of/);
    });

    it("reads Graph's null value as the empty string and writes name/value pairs", () => {
        expect(kind.fromGraph([{ name: "a", value: null }])).toEqual([{ name: "a", value: "" }]);
        expect(kind.toGraph([{ name: "a", value: "1" }])).toEqual([{ name: "a", value: "1" }]);
    });

    it("works for any field names, comparing on the name field", () => {
        const byId = keyedPairs({
            nameField: "id",
            valueField: "label",
            fields: {
                id: { doc: "", pattern: /\S/, allowed: "non-empty text" },
                label: { doc: "", pattern: /\S/, allowed: "non-empty text" },
            },
        });
        expect(
            byId.problem([
                { id: "x", label: "one" },
                { id: "x", label: "two" },
            ]),
        ).toMatch(/id "x" has two values/);
        expect(
            byId.problem([
                { id: "x", label: "one" },
                { id: "y", label: "one" },
            ]),
        ).toBeUndefined();
    });
});

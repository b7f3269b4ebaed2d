/**
 * Every key the helpers write is documented: it carries a learn.microsoft.com link to its section,
 * its option's TSDoc names it, and no key is written by two options (of one app or of both).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EDGE_KEYS, OUTLOOK_KEYS, type ConfigKey } from "../../provider/app-config";

const APPS: [string, string, Record<string, ConfigKey<unknown>>][] = [
    ["Outlook", "outlook.ts", OUTLOOK_KEYS as Record<string, ConfigKey<unknown>>],
    ["Edge", "edge.ts", EDGE_KEYS as Record<string, ConfigKey<unknown>>],
];

/** TSDoc of each option of the helper's options interface, by option name. */
function tsdocByOption(file: string): Map<string, string> {
    const source = readFileSync(join(__dirname, "../../provider/app-config", file), "utf8");
    const docs = new Map<string, string>();
    for (const match of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\?:/g))
        docs.set(match[2], match[1].replace(/\s*\n\s*\*\s?/g, " "));
    return docs;
}

describe.each(APPS)("%s keys", (_, file, table) => {
    const entries = Object.entries(table);

    it("each link to a section of a Microsoft Learn page", () => {
        for (const [option, { doc }] of entries)
            expect([option, doc]).toEqual([
                option,
                expect.stringMatching(/^https:\/\/learn\.microsoft\.com\/[^#\s]+#[a-z0-9-]+$/),
            ]);
    });

    it("each is named in its option's TSDoc", () => {
        const docs = tsdocByOption(file);
        expect([...docs.keys()].sort()).toEqual(Object.keys(table).sort());
        for (const [option, { key }] of entries)
            expect([option, docs.get(option)]).toEqual([option, expect.stringContaining(`Key \`${key}\``)]);
    });

    it("each is a dotted key without spaces (as the page spells them)", () => {
        for (const [option, { key }] of entries)
            expect([option, key]).toEqual([option, expect.stringMatching(/^com\.microsoft\.[A-Za-z.]+$/)]);
    });
});

it("no key is written by two options, within or across apps", () => {
    const keys = APPS.flatMap(([, , table]) => Object.values(table).map((spec) => spec.key));
    expect(keys.length).toBe(45 + 54); // Outlook's and Edge's documented Managed Apps keys, as the sources list them
    expect(new Set(keys).size).toBe(keys.length);
});

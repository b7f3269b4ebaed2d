/**
 * The README's configuration table, rendered from {@link CONFIG_TABLE}; `scripts/config-docs.ts`
 * writes it between the README's markers and a test fails when the README's copy is stale.
 *
 * @packageDocumentation
 */

import { describeKind } from "./read";
import { CONFIG_FIELDS, configEntry, configKey } from "./table";

/** Markers around a generated block in the README. */
export function markers(name: string): { start: string; end: string } {
    return { start: `<!-- ${name}:start (generated, do not edit) -->`, end: `<!-- ${name}:end -->` };
}

/** The configuration table as Markdown. */
export function configMarkdown(): string {
    const rows = CONFIG_FIELDS.map((field) => {
        const e = configEntry(field);
        const key = `\`${configKey(field)}\`${e.secret ? " (secret)" : ""}`;
        const env = e.env ? `\`${e.env}\`` : "";
        const allowed = e.kind.type === "string" ? "text" : describeKind(e.kind).replace(/"/g, "`");
        const def = e.default !== undefined ? `\`${String(e.default)}\`` : (e.defaultDoc ?? "");
        return `| ${key} | ${env} | ${allowed} | ${def} | ${e.doc} |`;
    });
    return [
        "| Config key | Environment | Value | Default | Meaning |",
        "| --- | --- | --- | --- | --- |",
        ...rows,
    ].join("\n");
}

/** `text` with the block between `name`'s markers replaced by `content`; throws when the markers are missing. */
export function replaceBlock(text: string, name: string, content: string): string {
    const { start, end } = markers(name);
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`the markers of "${name}" are missing`);
    return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

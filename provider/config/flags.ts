/**
 * Command-line flags for the config keys that have one (the `export` command's connection
 * options), and their help text, derived from {@link CONFIG_TABLE}.
 *
 * @packageDocumentation
 */

import { describeKind } from "./read";
import { CONFIG_FIELDS, CONFIG_TABLE, type ConfigField, configEntry } from "./table";

/** The flags the table names (`tenant-id`, …). */
export type ConnectionFlag = {
    [F in ConfigField]: (typeof CONFIG_TABLE)[F] extends { flag: infer X extends string } ? X : never;
}[ConfigField];

/** Flag name (without `--`) → config field, in table order. */
export function connectionFlags(): Record<ConnectionFlag, ConfigField> {
    const flags: Partial<Record<ConnectionFlag, ConfigField>> = {};
    for (const field of CONFIG_FIELDS) {
        const flag = configEntry(field).flag as ConnectionFlag | undefined;
        if (flag) flags[flag] = field;
    }
    return flags as Record<ConnectionFlag, ConfigField>;
}

/** Connection fields without a flag that can still come from the environment: field → variable. */
export function envOnlyFields(): Partial<Record<ConfigField, string>> {
    const out: Partial<Record<ConfigField, string>> = {};
    for (const field of CONFIG_FIELDS) {
        const e = configEntry(field);
        if (!e.flag && e.env && e.scope === "connection") out[field] = e.env;
    }
    return out;
}

/** Markdown to plain text: no backticks or bold. */
function plain(text: string): string {
    return text.replace(/\*\*|`/g, "");
}

function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    return lines;
}

/** The help lines of the connection flags: flag, what it is, allowed values, default, variable. */
export function connectionFlagsHelp(indent = 2, column = 29, width = 100): string {
    const out: string[] = [];
    for (const [flag, field] of Object.entries(connectionFlags())) {
        const e = configEntry(field);
        const head = `${" ".repeat(indent)}--${flag} <${e.kind.type === "enum" ? "name" : "value"}>`;
        const parts = [plain(e.doc.replace(/:\s*`pulumi config set[^`]*`\.?$/, "."))];
        if (e.kind.type === "enum") parts.push(`Allowed: ${e.kind.members.join(" | ")}.`);
        else if (e.kind.type !== "string") parts.push(`Must be ${describeKind(e.kind)}.`);
        if (e.default !== undefined || e.defaultDoc)
            parts.push(`Default: ${plain(String(e.default ?? e.defaultDoc))}.`);
        if (e.env) parts.push(`[${e.env}]`);
        if (e.secret && e.env)
            parts.push(`Prefer the ${e.env} variable: a secret on the command line lands in your shell history.`);
        const body = wrap(parts.join(" "), width - column);
        const pad = " ".repeat(column);
        out.push(
            head.length < column ? head.padEnd(column) + body[0] : `${head}\n${pad}${body[0]}`,
            ...body.slice(1).map((l) => pad + l),
        );
    }
    return out.join("\n");
}

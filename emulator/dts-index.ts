/**
 * A lazy index of the top-level declarations of a large generated `.d.ts` file (Microsoft's Graph
 * models are 4 to 12 MB). One regular-expression pass finds where each `export interface`,
 * `export type` and `export declare const` starts; a declaration is parsed with the TypeScript
 * compiler API only when asked for, so reading the few types the emulator needs stays fast.
 */
import * as ts from "typescript";

const DECLARATION = /^export (interface|type|declare const) (\w+)/gm;
const EXTENDS = /^export interface \w+ extends ([\w\s,<>]+?) \{/;

/** Kinds of top-level declarations the index keeps apart. */
type DeclarationKind = "interface" | "type" | "declare const";

/** Top-level declarations of one `.d.ts` text, parsed on demand. */
export class DtsIndex {
    private readonly spans = new Map<string, { start: number; end: number }>();
    private readonly parsed = new Map<string, ts.Statement | undefined>();
    /** Interface name → names it extends, as written. */
    readonly heritage = new Map<string, string[]>();

    constructor(
        private readonly text: string,
        private readonly fileName: string,
    ) {
        let previous: { key: string; start: number } | undefined;
        for (const m of text.matchAll(DECLARATION)) {
            if (previous) this.spans.set(previous.key, { start: previous.start, end: m.index });
            previous = { key: `${m[1]} ${m[2]}`, start: m.index };
            if (m[1] !== "interface") continue;
            const head = EXTENDS.exec(text.slice(m.index, text.indexOf("{", m.index) + 1));
            if (head)
                this.heritage.set(
                    m[2],
                    head[1].split(",").map((s) => s.trim().replace(/<.*$/, "")),
                );
        }
        if (previous) this.spans.set(previous.key, { start: previous.start, end: text.length });
    }

    /** True when the file declares `kind name` at top level. */
    has(kind: DeclarationKind, name: string): boolean {
        return this.spans.has(`${kind} ${name}`);
    }

    /** The interface declaration `name`, parsed. */
    interface(name: string): ts.InterfaceDeclaration | undefined {
        const st = this.statement("interface", name);
        return st && ts.isInterfaceDeclaration(st) ? st : undefined;
    }

    /** The type alias `name`, parsed. */
    typeAlias(name: string): ts.TypeAliasDeclaration | undefined {
        const st = this.statement("type", name);
        return st && ts.isTypeAliasDeclaration(st) ? st : undefined;
    }

    /** The `export declare const name: …` statement, parsed. */
    constant(name: string): ts.VariableStatement | undefined {
        const st = this.statement("declare const", name);
        return st && ts.isVariableStatement(st) ? st : undefined;
    }

    private statement(kind: DeclarationKind, name: string): ts.Statement | undefined {
        const key = `${kind} ${name}`;
        if (this.parsed.has(key)) return this.parsed.get(key);
        const span = this.spans.get(key);
        let found: ts.Statement | undefined;
        if (span) {
            const sf = ts.createSourceFile(
                `${this.fileName}#${name}`,
                this.text.slice(span.start, span.end),
                ts.ScriptTarget.Latest,
                false,
            );
            found = sf.statements[0];
        }
        this.parsed.set(key, found);
        return found;
    }
}

/** The name of a property signature (identifier or string literal), or undefined. */
export function memberName(member: ts.TypeElement): string | undefined {
    if (!member.name) return undefined;
    return ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
}

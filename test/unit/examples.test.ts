/**
 * Every example type-checks against the package as users import it
 * (`pulumi-intune-app-protection`, resolved to this repository's build).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples");

function diagnosticsOf(files: string[]): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, "tsconfig.json"),
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    )!;
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (!d.file || d.start === undefined) return message;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${path.relative(ROOT, d.file.fileName)}:${line + 1}: ${message} | ${d.file.text.split("\n")[line].trim()}`;
    });
}

const examples = fs.readdirSync(EXAMPLES).filter((dir) => fs.existsSync(path.join(EXAMPLES, dir, "index.ts")));

describe("examples", () => {
    it("include the basic iOS and Android programs", () => {
        expect(examples).toEqual(expect.arrayContaining(["ios-basic", "android-basic"]));
    });

    it.each(examples)("%s type-checks against the package", (dir) => {
        expect(diagnosticsOf([path.join(EXAMPLES, dir, "index.ts")])).toEqual([]);
    });

    it("a wrong value in a program is a type error naming the setting", () => {
        const file = path.join(ROOT, "test", "fixtures", "bad-program.ts");
        const messages = diagnosticsOf([file]).join("\n");
        expect(messages).toMatch(/"everything"/);
        expect(messages).toMatch(/allowedOutboundDataTransferDestinations/);
    });
});

/**
 * Helpers for the export tests: run a generated program against stand-in resource classes to
 * see exactly which arguments it declares, and type-check it against the built package.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import * as vm from "vm";
import type { LivePolicy } from "../../provider/export";

export const ROOT = path.join(__dirname, "..", "..");

/** One `new intune.X(name, args, opts)` the program ran. */
export interface DeclaredResource {
    type: string;
    name: string;
    args: Record<string, unknown>;
    /** The resource options, when the program passed any. */
    opts?: Record<string, unknown>;
}

/**
 * Runs the program (transpiled to CommonJS) with `pulumi-intune-app-protection` replaced by
 * classes that record their arguments and options. Both come back as plain JSON values.
 */
export function evaluateProgram(text: string): DeclaredResource[] {
    const js = ts.transpileModule(text, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const declared: DeclaredResource[] = [];
    const recorder = (type: string) =>
        class {
            constructor(name: string, args: Record<string, unknown>, opts?: Record<string, unknown>) {
                declared.push({
                    type,
                    name,
                    args: JSON.parse(JSON.stringify(args)),
                    ...(opts === undefined ? {} : { opts: JSON.parse(JSON.stringify(opts)) }),
                });
            }
        };
    const stub = {
        IosAppProtectionPolicy: recorder("IosAppProtectionPolicy"),
        AndroidAppProtectionPolicy: recorder("AndroidAppProtectionPolicy"),
    };
    const module = { exports: {} };
    vm.runInNewContext(js, {
        module,
        exports: module.exports,
        require: (id: string) => {
            if (id === "pulumi-intune-app-protection") return stub;
            throw new Error(`the generated program requires ${id}`);
        },
    });
    return declared;
}

/**
 * Type errors of a program written to a temporary file, with `pulumi-intune-app-protection`
 * resolved to this repository's build (dist/provider/index.d.ts), under the repository's
 * strict compiler options.
 */
export function typeErrors(text: string): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-export-"));
    try {
        const file = path.join(dir, "index.ts");
        fs.writeFileSync(file, text);
        const config = ts.getParsedCommandLineOfConfigFile(
            path.join(ROOT, "tsconfig.json"),
            {},
            { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
        )!;
        const {
            rootDir: _rootDir,
            outDir: _outDir,
            declaration: _declaration,
            sourceMap: _sourceMap,
            ...options
        } = config.options;
        void [_rootDir, _outDir, _declaration, _sourceMap];
        const program = ts.createProgram([file], {
            ...options,
            noEmit: true,
            types: [],
            baseUrl: ROOT,
            paths: { "pulumi-intune-app-protection": ["dist/provider/index.d.ts"] },
        });
        return ts.getPreEmitDiagnostics(program).map((d) => {
            const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
            if (!d.file || d.start === undefined) return message;
            const { line } = d.file.getLineAndCharacterOfPosition(d.start);
            return `${path.basename(d.file.fileName)}:${line + 1}: ${message} | ${d.file.text.split("\n")[line].trim()}`;
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const IOS_TYPE = "#microsoft.graph.iosManagedAppProtection";
const ANDROID_TYPE = "#microsoft.graph.androidManagedAppProtection";

/** Graph `apps` for bundle or package ids. */
export function graphApps(platform: "ios" | "android", ids: string[]) {
    return ids.map((id) => ({
        id: `${id}.${platform}`,
        mobileAppIdentifier:
            platform === "ios"
                ? { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: id }
                : { "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId: id },
    }));
}

/** Graph `assignments`: include and exclude group ids, optionally with a filter. */
export function graphAssignments(
    include: (string | { groupId: string; filterId: string; filterType: "include" | "exclude" })[],
    exclude: string[] = [],
) {
    const target = (type: string, t: string | { groupId: string; filterId: string; filterType: string }) =>
        typeof t === "string"
            ? { target: { "@odata.type": type, groupId: t } }
            : {
                  target: {
                      "@odata.type": type,
                      groupId: t.groupId,
                      deviceAndAppManagementAssignmentFilterId: t.filterId,
                      deviceAndAppManagementAssignmentFilterType: t.filterType,
                  },
              };
    return [
        ...include.map((t) => target("#microsoft.graph.groupAssignmentTarget", t)),
        ...exclude.map((t) => target("#microsoft.graph.exclusionGroupAssignmentTarget", t)),
    ];
}

/** A live iOS policy as Graph lists it (only the given settings; apps and assignments expanded). */
export function iosPolicy(id: string, displayName: string, settings: Record<string, unknown> = {}): LivePolicy {
    return {
        platform: "ios",
        graph: {
            "@odata.type": IOS_TYPE,
            id,
            displayName,
            appGroupType: "selectedPublicApps",
            apps: [],
            assignments: [],
            ...settings,
        },
    };
}

/** A live Android policy as Graph lists it. */
export function androidPolicy(id: string, displayName: string, settings: Record<string, unknown> = {}): LivePolicy {
    return {
        platform: "android",
        graph: {
            "@odata.type": ANDROID_TYPE,
            id,
            displayName,
            appGroupType: "selectedPublicApps",
            apps: [],
            assignments: [],
            ...settings,
        },
    };
}

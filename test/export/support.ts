/**
 * Helpers for the export tests: run a generated program against stand-in resource classes to
 * see exactly which arguments it declares, and type-check it against the built package.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import * as vm from "vm";
import * as appConfig from "../../provider/app-config";
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
 * classes that record their arguments and options (any class the program names), and the real
 * `appConfig` helpers. Arguments and options come back as plain JSON values.
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
    const stub = new Proxy({ appConfig } as Record<string, unknown>, {
        get: (helpers, name: string) => helpers[name] ?? recorder(name),
    });
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

const GRAPH_TYPES = {
    ios: "#microsoft.graph.iosManagedAppProtection",
    android: "#microsoft.graph.androidManagedAppProtection",
    windows: "#microsoft.graph.windowsManagedAppProtection",
    appConfiguration: "#microsoft.graph.targetedManagedAppConfiguration",
};

/** Graph `mobileAppIdentifier` type and id field of each kind of app. */
const APP_IDENTIFIERS = {
    ios: ["#microsoft.graph.iosMobileAppIdentifier", "bundleId"],
    android: ["#microsoft.graph.androidMobileAppIdentifier", "packageId"],
    windows: ["#microsoft.graph.windowsAppIdentifier", "windowsAppId"],
} as const;

/** Graph `apps` for bundle, package or Windows app ids. */
export function graphApps(platform: keyof typeof APP_IDENTIFIERS, ids: string[]) {
    const [odataType, idField] = APP_IDENTIFIERS[platform];
    return ids.map((id) => ({
        id: `${id}.${platform}`,
        mobileAppIdentifier: { "@odata.type": odataType, [idField]: id },
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

/** A live policy as Graph lists it (only the given settings; apps and assignments expanded). */
function livePolicy(
    platform: keyof typeof GRAPH_TYPES,
    id: string,
    displayName: string,
    settings: Record<string, unknown>,
): LivePolicy {
    // Windows app protection has no app groups (docs/graph.md 9.1).
    const appGroup = platform === "windows" ? {} : { appGroupType: "selectedPublicApps" };
    const graph = { "@odata.type": GRAPH_TYPES[platform], id, displayName, ...appGroup };
    return { platform, graph: { ...graph, apps: [], assignments: [], ...settings } };
}

/** A live iOS policy as Graph lists it. */
export const iosPolicy = (id: string, displayName: string, settings: Record<string, unknown> = {}) =>
    livePolicy("ios", id, displayName, settings);

/** A live Android policy as Graph lists it. */
export const androidPolicy = (id: string, displayName: string, settings: Record<string, unknown> = {}) =>
    livePolicy("android", id, displayName, settings);

/** A live Windows app protection policy as Graph lists it. */
export const windowsPolicy = (id: string, displayName: string, settings: Record<string, unknown> = {}) =>
    livePolicy("windows", id, displayName, settings);

/** A live app configuration policy for managed apps as Graph lists it. */
export const appConfigurationPolicy = (id: string, displayName: string, settings: Record<string, unknown> = {}) =>
    livePolicy("appConfiguration", id, displayName, settings);

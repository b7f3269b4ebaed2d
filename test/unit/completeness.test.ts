/**
 * The typed args must cover every writable Graph property. The independent source is
 * `@microsoft/microsoft-graph-types-beta`, read with the TypeScript compiler API.
 */
import * as path from "path";
import * as ts from "typescript";
import { android, ios } from "../../provider/settings/platforms";

/** Not settings: Graph computes or owns them. */
const SERVER_MANAGED: Record<string, string> = {
    id: "assigned by Graph on create",
    createdDateTime: "set by Graph",
    lastModifiedDateTime: "set by Graph",
    version: "Graph's concurrency tag, changed on every write",
    isAssigned: "computed from the assignments",
    deployedAppCount: "computed from the app list",
    deploymentSummary: "read-only report of deployment status",
};
/** Navigation properties written through their own args. */
const TARGETS: Record<string, string> = {
    apps: "the `apps` arg (via targetApps / deep insert)",
    assignments: "the `assignments` arg (via assign / deep insert)",
};
/** In the catalog though newer than the typings (spec section 0). */
const NEWER_THAN_TYPINGS = ["purviewContentEvaluationRequired"];

function typingsProperties(interfaceName: string): string[] {
    const file = path.join(
        path.dirname(require.resolve("@microsoft/microsoft-graph-types-beta/package.json")),
        "microsoft-graph.d.ts",
    );
    const program = ts.createProgram([file], { noResolve: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    let found: ts.InterfaceDeclaration | undefined;
    source.forEachChild(function visit(node) {
        if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) found = node;
        else node.forEachChild(visit);
    });
    if (!found) throw new Error(`${interfaceName} not found in the typings`);
    return checker
        .getTypeAtLocation(found)
        .getProperties()
        .map((p) => p.getName());
}

describe.each([
    [ios, "IosManagedAppProtection"],
    [android, "AndroidManagedAppProtection"],
])("%s settings against the Graph beta typings", (platform, typeName) => {
    const graphProperties = typingsProperties(typeName);

    it("reads a plausible number of properties from the typings (inherited ones included)", () => {
        expect(graphProperties.length).toBeGreaterThan(75);
        expect(graphProperties).toContain("periodOnlineBeforeAccessCheck"); // inherited from ManagedAppProtection
        expect(graphProperties).toContain("displayName"); // inherited from ManagedAppPolicy
    });

    it("has an argument for every writable property", () => {
        const writable = graphProperties.filter((p) => !(p in SERVER_MANAGED) && !(p in TARGETS));
        const missing = writable.filter((p) => !(p in platform.settings));
        expect(missing).toEqual([]);
    });

    it("has no setting Graph does not know (except documented newer ones)", () => {
        const unknown = Object.keys(platform.settings).filter(
            (key) => !graphProperties.includes(key) && !NEWER_THAN_TYPINGS.includes(key),
        );
        expect(unknown).toEqual([]);
    });

    it("lists its exclusions only for properties that exist", () => {
        for (const key of [...Object.keys(SERVER_MANAGED), ...Object.keys(TARGETS)])
            expect(graphProperties).toContain(key);
    });
});

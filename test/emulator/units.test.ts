import { appVersionHash, groupMembers } from "../../emulator/app-catalog";
import { parseArgs } from "../../emulator/cli";
import { canonicalDuration } from "../../emulator/durations";
import { DtsIndex, memberName } from "../../emulator/dts-index";
import { CREATE_DEFAULTS, NULLABLE_NEWER_THAN_TYPINGS, PEER_CREATE_DEFAULTS } from "../../emulator/spec-facts";
import { parseFidelity } from "../../emulator/fidelity";
import * as fs from "fs";
import * as ts from "typescript";
import { functionReader, GraphModel, graphModel, modelSource, typingsPath } from "../../emulator/schema";
import { Throttle } from "../../emulator/throttle";

describe("durations (Edm.Duration → .NET TimeSpan canonical form)", () => {
    test.each([
        ["PT720M", "PT12H"],
        ["PT1440M", "P1D"],
        ["PT0S", "PT0S"],
        ["P0D", "PT0S"],
        ["PT0M", "PT0S"],
        ["P90D", "P90D"],
        ["PT30M", "PT30M"],
        ["PT36H", "P1DT12H"],
        ["P1DT2H3M4.5S", "P1DT2H3M4.5S"],
        ["PT17.13579091S", "PT17.1357909S"],
        ["-PT17.1357909S", "-PT17.1357909S"],
        ["PT0.500S", "PT0.5S"],
        ["PT3600S", "PT1H"],
    ])("%s → %s", (input, expected) => expect(canonicalDuration(input)).toBe(expected));

    test.each(["", "P", "PT", "P1DT", "P1Y", "P1M", "PT1D", "1H", "PT-1H", "+PT1H", "P1W", "PT1.S", "P99999999D"])(
        "%s is invalid",
        (input) => expect(canonicalDuration(input)).toBeUndefined(),
    );
});

describe("model from @microsoft/msgraph-beta-sdk", () => {
    const model = graphModel();
    test("inheritance chain and property counts: the typings' 80 / 100 plus what the SDK added", () => {
        const ios = model.type("iosManagedAppProtection")!;
        const android = model.type("androidManagedAppProtection")!;
        expect(ios.chain).toEqual([
            "entity",
            "managedAppPolicy",
            "managedAppProtection",
            "targetedManagedAppProtection",
            "iosManagedAppProtection",
        ]);
        const structural = (t: typeof ios) => [...t.properties.values()].filter((p) => !p.navigation);
        expect(structural(ios)).toHaveLength(80 + 1);
        expect(structural(android)).toHaveLength(100 + 2);
        expect(
            [...ios.properties.values()]
                .filter((p) => p.navigation)
                .map((p) => p.name)
                .sort(),
        ).toEqual(["apps", "assignments", "deploymentSummary"]);
        expect(ios.properties.get("purviewContentEvaluationRequired")).toMatchObject({
            declaredOn: "managedAppProtection",
            nullable: true,
            nullableSource: "spec",
            type: { kind: "enum", members: ["notRequired", "requiredWhenOnline", "required", "unknownFutureValue"] },
        });
        expect(android.properties.get("appActionIfDeveloperOptionsEnabled")).toMatchObject({
            declaredOn: "androidManagedAppProtection",
            nullable: true,
            type: { kind: "enum", name: "managedAppRemediationAction", flags: false },
        });
        expect(ios.properties.has("appActionIfDeveloperOptionsEnabled")).toBe(false);
        expect(ios.properties.has("odataType")).toBe(false); // Kiota's own members are not properties
        expect(ios.properties.has("backingStoreEnabled")).toBe(false);
    });

    test("Kiota types are resolved into Edm types, enums, flags, collections and nullability", () => {
        const p = model.type("androidManagedAppProtection")!.properties;
        expect(p.get("periodOfflineBeforeAccessCheck")!.type).toEqual({ kind: "primitive", edm: "Edm.Duration" });
        expect(p.get("pinRequiredInsteadOfBiometricTimeout")).toMatchObject({
            nullable: true,
            nullableSource: "typings",
            type: { edm: "Edm.Duration" },
        });
        expect(p.get("maximumPinRetries")!.type).toEqual({ kind: "primitive", edm: "Edm.Int32" });
        // Kiota types flags enums as arrays; the serializer writes them as one value
        expect(p.get("managedBrowser")).toMatchObject({
            collection: false,
            type: { kind: "enum", flags: true, members: ["notConfigured", "microsoftEdge"] },
        });
        expect(p.get("targetedAppManagementLevels")).toMatchObject({
            collection: false,
            type: { kind: "enum", flags: true },
        });
        expect(p.get("allowedDataStorageLocations")).toMatchObject({
            collection: true,
            nullable: false,
            type: { kind: "enum", flags: false },
        });
        expect(p.get("approvedKeyboards")).toMatchObject({
            collection: true,
            nullable: true,
            type: { kind: "complex", name: "keyValuePair" },
        });
        expect(p.get("fingerprintAndBiometricEnabled")).toMatchObject({ nullable: true, type: { edm: "Edm.Boolean" } });
        expect(p.get("createdDateTime")).toMatchObject({ serverManaged: true, type: { edm: "Edm.DateTimeOffset" } });
        expect(p.get("apps")).toMatchObject({ navigation: true, collection: true, type: { kind: "entity" } });
        expect(model.derivedTypes("deviceAndAppManagementAssignmentTarget")).toEqual(
            expect.arrayContaining([
                "groupAssignmentTarget",
                "exclusionGroupAssignmentTarget",
                "allLicensedUsersAssignmentTarget",
            ]),
        );
        expect(model.isAssignable("exclusionGroupAssignmentTarget", "groupAssignmentTarget")).toBe(true);
        expect(model.type("keyValuePair")!.isEntity).toBe(false);
    });

    test("a property the SDK has and the typings lack needs a stated Nullable facet", () => {
        const source = modelSource();
        const sdk = [
            "export interface Entity extends AdditionalDataHolder, BackedModel, Parsable {",
            "    id?: string | null;",
            "    odataType?: string | null;",
            "}",
            "export interface Widget extends Entity, Parsable {",
            "    brandNewSetting?: boolean | null;",
            "}",
            "",
        ].join("\n");
        const typings = "export interface Entity {\n    id?: string;\n}\nexport interface Widget extends Entity {\n}\n";
        const m = new GraphModel({ sdkTypes: sdk, sdkFunction: () => undefined, typings });
        expect(() => m.type("widget")).toThrow(/widget\.brandNewSetting is in the beta SDK but not in/);
        expect(source.package).toBe("@microsoft/msgraph-beta-sdk");
        expect(source.types).toMatch(/models[\\/]index\.d\.ts$/);
    });

    test("cross-check: every property and enum member of the older typings is in the SDK model", () => {
        const typings = new DtsIndex(fs.readFileSync(typingsPath(), "utf8"), "microsoft-graph.d.ts");
        const literals = (alias: string): string[] | undefined => {
            const decl = typings.typeAlias(alias);
            if (!decl || !ts.isUnionTypeNode(decl.type)) return undefined;
            return decl.type.types.flatMap((t) =>
                ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
            );
        };
        for (const odataName of ["iosManagedAppProtection", "androidManagedAppProtection"]) {
            const sdk = model.type(odataName)!.properties;
            const missing: string[] = [];
            const lostMembers: string[] = [];
            let seen = 0;
            let enumsCompared = 0;
            for (
                let n: string | undefined = odataName[0].toUpperCase() + odataName.slice(1);
                n;
                n = typings.heritage.get(n)?.[0]
            ) {
                for (const member of typings.interface(n)?.members ?? []) {
                    const name = memberName(member);
                    if (!name || !ts.isPropertySignature(member) || !member.type) continue;
                    seen++;
                    const p = sdk.get(name);
                    if (!p) {
                        missing.push(name);
                        continue;
                    }
                    let t: ts.TypeNode = member.type;
                    if (ts.isTypeReferenceNode(t) && t.typeArguments?.length === 1) t = t.typeArguments[0]; // NullableOption<T>
                    if (ts.isArrayTypeNode(t)) t = t.elementType;
                    const ref = ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? t.typeName.text : "";
                    const members = literals(ref);
                    if (members && p.type.kind === "enum") {
                        const known = p.type.members;
                        enumsCompared++;
                        lostMembers.push(...members.filter((m) => !known.includes(m)).map((m) => `${name}.${m}`));
                    }
                }
            }
            expect(seen).toBeGreaterThan(80);
            expect(enumsCompared).toBeGreaterThan(20);
            expect({ odataName, missing, lostMembers }).toEqual({ odataName, missing: [], lostMembers: [] });
        }
    });

    test("every hand-written fact names a property the SDK declares on that type", () => {
        const keys = [
            ...Object.keys(CREATE_DEFAULTS),
            ...Object.keys(PEER_CREATE_DEFAULTS),
            ...Object.keys(NULLABLE_NEWER_THAN_TYPINGS),
        ];
        const stale = keys.filter((key) => {
            const [type, property] = key.split(".");
            return model.type(type)?.properties.get(property)?.declaredOn !== type;
        });
        expect(keys.length).toBeGreaterThan(70);
        expect(stale).toEqual([]);
    });

    test("reads the 12 MB models quickly (index once, parse only what is asked for)", () => {
        const source = modelSource();
        const started = Date.now();
        const fresh = new GraphModel({
            sdkTypes: fs.readFileSync(source.types, "utf8"),
            sdkFunction: functionReader(source.serializers),
            typings: fs.readFileSync(typingsPath(), "utf8"),
        });
        fresh.type("iosManagedAppProtection");
        fresh.type("androidManagedAppProtection");
        expect(Date.now() - started).toBeLessThan(5000);
    });
});

describe("throttle windows", () => {
    test("per-app write limit, per-tenant limit across apps, retry-after from the oldest request", () => {
        const th = new Throttle({ writesPerApp: 2, writesPerTenant: 3, windowMs: 10_000 });
        expect(th.admit("t", "a", "POST", 0).ok).toBe(true);
        expect(th.admit("t", "a", "PATCH", 1000).ok).toBe(true);
        expect(th.admit("t", "a", "DELETE", 2000)).toEqual({ ok: false, retryAfterSeconds: 8, limit: "writesPerApp" });
        expect(th.admit("t", "a", "GET", 2000).ok).toBe(true);
        expect(th.admit("t", "b", "POST", 2000).ok).toBe(true);
        expect(th.admit("t", "c", "POST", 2000)).toMatchObject({ ok: false, limit: "writesPerTenant" });
        expect(th.admit("other", "a", "POST", 2000).ok).toBe(true);
        expect(th.admit("t", "a", "POST", 10_001).ok).toBe(true); // first write left the window
    });
});

describe("misc", () => {
    test("app groups nest; version hash is a stable int32 string", () => {
        expect(groupMembers("allCoreMicrosoftApps", "android")).toContain("com.microsoft.teams");
        expect(groupMembers("allMicrosoftApps", "ios").length).toBeGreaterThan(
            groupMembers("allCoreMicrosoftApps", "ios").length,
        );
        expect(groupMembers("allApps", "ios").length).toBeGreaterThan(groupMembers("allMicrosoftApps", "ios").length);
        const v = appVersionHash("com.microsoft.office.outlook.ios");
        expect(v).toMatch(/^-?\d+$/);
        expect(Number(v)).toBeGreaterThanOrEqual(-(2 ** 31));
        expect(appVersionHash("com.microsoft.office.outlook.ios")).toBe(v);
    });

    test("CLI argument parsing", () => {
        expect(
            parseArgs([
                "--port",
                "8443",
                "--no-throttle",
                "--latency-ms=5",
                "--data-file",
                "s.json",
                "--ca-out",
                "ca.pem",
                "--no-retry-after",
            ]),
        ).toEqual({
            port: 8443,
            throttle: false,
            latencyMs: 5,
            dataFile: "s.json",
            caOut: "ca.pem",
            retryAfterHeader: false,
        });
        expect(parseArgs(["--fidelity", '{"patchStatus":200,"flagsSeparator":", "}'])).toEqual({
            fidelity: { patchStatus: 200, flagsSeparator: ", " },
        });
    });

    test("fidelity switches from JSON: unknown switches and values are refused with what is allowed", () => {
        expect(parseFidelity('{"createDefaults":"peers","odataTypeOnTypedItems":true}')).toEqual({
            createDefaults: "peers",
            odataTypeOnTypedItems: true,
        });
        expect(() => parseFidelity('{"patchStatus":201}')).toThrow("fidelity patchStatus 201 must be one of 200, 204");
        expect(() => parseFidelity('{"flags":","}')).toThrow(/unknown fidelity switch 'flags' \(known: patchStatus, /);
        expect(() => parseFidelity("[]")).toThrow("fidelity must be a JSON object");
    });
});

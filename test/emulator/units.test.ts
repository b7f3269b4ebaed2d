import { appVersionHash, groupMembers } from "./app-catalog";
import { parseArgs } from "./cli";
import { canonicalDuration } from "./durations";
import { graphModel } from "./schema";
import { Throttle } from "./throttle";

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

describe("model from @microsoft/microsoft-graph-types-beta", () => {
    const model = graphModel();
    test("inheritance chain and property counts match the spec (+ purviewContentEvaluationRequired)", () => {
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
        expect(structural(android)).toHaveLength(100 + 1);
        expect(
            [...ios.properties.values()]
                .filter((p) => p.navigation)
                .map((p) => p.name)
                .sort(),
        ).toEqual(["apps", "assignments", "deploymentSummary"]);
        expect(ios.properties.get("purviewContentEvaluationRequired")).toMatchObject({
            source: "spec",
            nullable: false,
        });
    });

    test("typings are resolved into Edm types, enums, flags, collections and nullability", () => {
        const p = model.type("androidManagedAppProtection")!.properties;
        expect(p.get("periodOfflineBeforeAccessCheck")!.type).toEqual({ kind: "primitive", edm: "Edm.Duration" });
        expect(p.get("pinRequiredInsteadOfBiometricTimeout")).toMatchObject({
            nullable: true,
            type: { edm: "Edm.Duration" },
        });
        expect(p.get("maximumPinRetries")!.type).toEqual({ kind: "primitive", edm: "Edm.Int32" });
        expect(p.get("managedBrowser")!.type).toMatchObject({
            kind: "enum",
            flags: true,
            members: ["notConfigured", "microsoftEdge"],
        });
        expect(p.get("targetedAppManagementLevels")!.type).toMatchObject({ kind: "enum", flags: true });
        expect(p.get("allowedDataStorageLocations")).toMatchObject({
            collection: true,
            nullable: false,
            type: { kind: "enum" },
        });
        expect(p.get("approvedKeyboards")).toMatchObject({
            collection: true,
            nullable: true,
            type: { kind: "complex", name: "keyValuePair" },
        });
        expect(p.get("fingerprintAndBiometricEnabled")).toMatchObject({ nullable: true, type: { edm: "Edm.Boolean" } });
        expect(p.get("createdDateTime")).toMatchObject({ serverManaged: true, type: { edm: "Edm.DateTimeOffset" } });
        expect(model.derivedTypes("deviceAndAppManagementAssignmentTarget")).toEqual(
            expect.arrayContaining([
                "groupAssignmentTarget",
                "exclusionGroupAssignmentTarget",
                "allLicensedUsersAssignmentTarget",
            ]),
        );
        expect(model.isAssignable("exclusionGroupAssignmentTarget", "groupAssignmentTarget")).toBe(true);
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
    });
});

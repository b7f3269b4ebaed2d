/**
 * The typed args must cover every writable Graph property, each with the kind Graph gives it. The
 * independent source is Microsoft's generated beta SDK models (`@microsoft/msgraph-beta-sdk`,
 * `models/index.d.ts`), read by the emulator's model reader (`emulator/schema.ts`).
 */
import { android, ios, Platform } from "../../provider/settings/platforms";
import type { ValueKind } from "../../provider/settings/kinds";
import { graphModel, PropertyModel } from "../../emulator/schema";

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

/**
 * Settings whose catalog offers fewer members than Graph's enum, deliberately, with the members
 * left out and why. Anything else must match Graph's members exactly (apart from `unknownFutureValue`).
 */
const NARROWED: Record<string, { omitted: string[]; why: string }> = {
    appActionIfMaximumPinRetriesExceeded: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "the admin center offers Reset PIN (block) and Wipe data only",
    },
    appActionIfUnableToAuthenticateUser: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "Disabled account offers Block access and Wipe data only",
    },
    appActionIfDeviceComplianceRequired: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "Jailbroken/rooted devices offers Block access and Wipe data only",
    },
    mobileThreatDefenseRemediationAction: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "Graph does not support warn here (property description)",
    },
    appActionIfIosDeviceModelNotAllowed: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "the SDK description: either block or wipe",
    },
    appActionIfAndroidDeviceManufacturerNotAllowed: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "Device manufacturer(s) offers Block and Wipe only",
    },
    appActionIfAndroidDeviceModelNotAllowed: {
        omitted: ["warn", "blockWhenSettingIsSupported"],
        why: "Device model(s) offers Block and Wipe only",
    },
    appActionIfAndroidSafetyNetDeviceAttestationFailed: {
        omitted: ["blockWhenSettingIsSupported"],
        why: "Play integrity verdict offers Warn, Block access and Wipe data",
    },
    appActionIfAndroidSafetyNetAppsVerificationFailed: {
        omitted: ["wipe", "blockWhenSettingIsSupported"],
        why: "Require threat scan on apps offers Warn and Block access only",
    },
    appActionIfDeviceLockNotSet: {
        omitted: ["blockWhenSettingIsSupported"],
        why: "Require device lock offers Warn, Block access and Wipe data",
    },
    appActionIfAccountIsClockedOut: {
        omitted: ["wipe", "blockWhenSettingIsSupported"],
        why: "the SDK description: either block or warn",
    },
};

/** A value's kind in Graph terms. */
type GraphKind =
    | { kind: "boolean" | "integer" | "duration" | "string" | "keyValuePair" }
    | { kind: "enum"; members: string[]; flags: boolean }
    | { kind: "collection"; of: GraphKind };

/** The Graph kind of a model property. */
function modelKind(p: PropertyModel): GraphKind {
    const scalar = ((): GraphKind => {
        const t = p.type;
        if (t.kind === "enum")
            return { kind: "enum", members: t.members.filter((m) => m !== "unknownFutureValue"), flags: t.flags };
        if (t.kind === "complex" && t.name === "keyValuePair") return { kind: "keyValuePair" };
        if (t.kind === "primitive") {
            const edm: Record<string, GraphKind["kind"]> = {
                "Edm.Boolean": "boolean",
                "Edm.Int32": "integer",
                "Edm.Duration": "duration",
                "Edm.String": "string",
            };
            if (edm[t.edm]) return { kind: edm[t.edm] } as GraphKind;
        }
        throw new Error(`no catalog kind for ${p.name} (${JSON.stringify(t)})`);
    })();
    return p.collection ? { kind: "collection", of: scalar } : scalar;
}

const LITERALS = /^"[^"]+"(?: \| "[^"]+")*$/;
const members = (union: string): string[] => union.split(" | ").map((m) => JSON.parse(m) as string);

/** The Graph kind a catalog entry produces, found by what its kind accepts and sends. */
function catalogKind(kind: ValueKind<any>): GraphKind {
    const t = kind.tsType;
    if (t === "boolean") return { kind: "boolean" };
    if (t === "number") return { kind: "integer" };
    if (LITERALS.test(t)) return { kind: "enum", members: members(t), flags: false };
    const list = /^\((.*)\)\[\]$/.exec(t);
    if (list && LITERALS.test(list[1])) {
        const all = members(list[1]);
        const sent = kind.toGraph([all[0]]);
        return typeof sent === "string"
            ? { kind: "enum", members: all, flags: true }
            : { kind: "collection", of: { kind: "enum", members: all, flags: false } };
    }
    if (t === "string") {
        const isDuration = kind.problem("PT30M") === undefined && kind.normalize("PT720M") === "PT12H";
        return { kind: isDuration ? "duration" : "string" };
    }
    if (t === "string[]") {
        return typeof kind.toGraph(["x"]) === "string"
            ? { kind: "string" }
            : { kind: "collection", of: { kind: "string" } };
    }
    if (t.startsWith("{") && t.endsWith("}[]")) return { kind: "collection", of: { kind: "keyValuePair" } };
    throw new Error(`unrecognised catalog kind ${t}`);
}

/** Compares kinds; enum members may be narrowed only as `NARROWED` says. */
function kindProblem(setting: string, graph: GraphKind, catalog: GraphKind): string | undefined {
    if (graph.kind !== catalog.kind)
        return `Graph has ${JSON.stringify(graph)}, the catalog ${JSON.stringify(catalog)}`;
    if (graph.kind === "collection" && catalog.kind === "collection") return kindProblem(setting, graph.of, catalog.of);
    if (graph.kind === "enum" && catalog.kind === "enum") {
        // A flags enum with one flag besides its zero member (managedBrowserType: notConfigured,
        // microsoftEdge) only ever holds one member: a plain enum of the catalog states it exactly.
        const oneFlag = graph.flags && graph.members.length <= 2;
        if (graph.flags !== catalog.flags && !oneFlag) return `flags: Graph ${graph.flags}, catalog ${catalog.flags}`;
        const omitted = NARROWED[setting]?.omitted ?? [];
        const expected = graph.members.filter((m) => !omitted.includes(m)).sort();
        const actual = [...catalog.members].sort();
        if (JSON.stringify(expected) !== JSON.stringify(actual))
            return `members: Graph ${JSON.stringify(graph.members)} (narrowed by ${JSON.stringify(omitted)}), catalog ${JSON.stringify(catalog.members)}`;
    }
    return undefined;
}

describe.each([
    ["iOS", ios, "iosManagedAppProtection"],
    ["Android", android, "androidManagedAppProtection"],
])("%s settings against the Graph beta SDK models", (_title: string, platform: Platform, typeName: string) => {
    const model = graphModel().type(typeName)!;
    const graphProperties = [...model.properties.keys()];
    const writable = graphProperties.filter((p) => !(p in SERVER_MANAGED) && !(p in TARGETS));

    it("reads a plausible number of properties from the model (inherited ones included)", () => {
        expect(graphProperties.length).toBeGreaterThan(75);
        expect(graphProperties).toContain("periodOnlineBeforeAccessCheck"); // inherited from managedAppProtection
        expect(graphProperties).toContain("displayName"); // inherited from managedAppPolicy
        expect(graphProperties).toContain("purviewContentEvaluationRequired");
    });

    it("has an argument for every writable property", () => {
        expect(writable.filter((p) => !(p in platform.settings))).toEqual([]);
    });

    it("has no setting Graph does not know", () => {
        expect(Object.keys(platform.settings).filter((key) => !graphProperties.includes(key))).toEqual([]);
    });

    it("gives every setting the kind Graph gives the property", () => {
        const problems = writable
            .filter((p) => p in platform.settings)
            .map((p) => [
                p,
                kindProblem(p, modelKind(model.properties.get(p)!), catalogKind(platform.settings[p].kind)),
            ])
            .filter(([, problem]) => problem !== undefined);
        expect(Object.fromEntries(problems)).toEqual({});
    });

    it("lists its exclusions only for properties that exist", () => {
        for (const key of [...Object.keys(SERVER_MANAGED), ...Object.keys(TARGETS)])
            expect(graphProperties).toContain(key);
    });
});

describe("the kinds check", () => {
    const prop = (name: string) => graphModel().type("androidManagedAppProtection")!.properties.get(name)!;

    it("tells Graph kinds apart: flags enum, enum collection, duration, joined string, key/value pairs", () => {
        expect(modelKind(prop("targetedAppManagementLevels"))).toMatchObject({ kind: "enum", flags: true });
        expect(modelKind(prop("allowedDataStorageLocations"))).toMatchObject({
            kind: "collection",
            of: { kind: "enum" },
        });
        expect(modelKind(prop("periodOnlineBeforeAccessCheck"))).toEqual({ kind: "duration" });
        expect(modelKind(prop("allowedAndroidDeviceManufacturers"))).toEqual({ kind: "string" });
        expect(modelKind(prop("approvedKeyboards"))).toEqual({ kind: "collection", of: { kind: "keyValuePair" } });
        expect(modelKind(prop("purviewContentEvaluationRequired"))).toEqual({
            kind: "enum",
            members: ["notRequired", "requiredWhenOnline", "required"],
            flags: false,
        });
    });

    it("fails on a kind mismatch: a boolean where Graph has an enum, a missing member, a plain string for a duration", () => {
        const purview = modelKind(prop("purviewContentEvaluationRequired"));
        expect(kindProblem("purviewContentEvaluationRequired", purview, { kind: "boolean" })).toMatch(/Graph has/);
        expect(
            kindProblem("purviewContentEvaluationRequired", purview, {
                kind: "enum",
                members: ["notRequired", "required"],
                flags: false,
            }),
        ).toMatch(/members/);
        expect(kindProblem("x", { kind: "duration" }, { kind: "string" })).toMatch(/Graph has/);
        expect(
            kindProblem(
                "x",
                { kind: "enum", members: ["none", "a", "b"], flags: true },
                { kind: "enum", members: ["none", "a", "b"], flags: false },
            ),
        ).toMatch(/flags/);
    });

    it("keeps every narrowing honest: each omitted member exists in Graph and is absent from the catalog", () => {
        for (const [setting, { omitted }] of Object.entries(NARROWED)) {
            const platform = setting in android.settings ? android : ios;
            const typeName = platform === android ? "androidManagedAppProtection" : "iosManagedAppProtection";
            const graph = modelKind(graphModel().type(typeName)!.properties.get(setting)!);
            const catalog = catalogKind(platform.settings[setting].kind);
            expect(graph.kind === "enum" && catalog.kind === "enum").toBe(true);
            if (graph.kind !== "enum" || catalog.kind !== "enum") continue;
            for (const m of omitted) {
                expect([setting, graph.members.includes(m)]).toEqual([setting, true]);
                expect([setting, catalog.members.includes(m)]).toEqual([setting, false]);
            }
        }
    });
});

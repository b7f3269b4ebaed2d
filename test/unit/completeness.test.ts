/**
 * The typed args must cover every writable Graph property, each with the kind Graph gives it. The
 * independent source is Microsoft's generated beta SDK models (`@microsoft/msgraph-beta-sdk`,
 * `models/index.d.ts`), read by the emulator's model reader (`emulator/schema.ts`). One table row per
 * catalog (`CATALOGS`); every check runs on every row.
 */
import { android, ios } from "../../provider/settings/platforms";
import { windowsSettings } from "../../provider/settings/windows";
import { appConfigurationSettings } from "../../provider/settings/app-configuration";
import type { ValueKind } from "../../provider/settings/kinds";
import type { SettingsCatalog } from "../../provider/settings/spec";
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

/** Members a catalog offers beyond Graph's enum (removed or added), per setting. */
interface MemberChange {
    omitted?: string[];
    added?: string[];
}

/** One catalog checked against one Graph type. */
interface CatalogRow {
    title: string;
    catalog: SettingsCatalog;
    /** The Graph type, as the SDK models name it. */
    typeName: string;
    /** Properties the catalog leaves out besides `SERVER_MANAGED` and `TARGETS`, with why. */
    excluded: Record<string, string>;
    /** A lower bound on the model's property count and properties it must inherit: the reader works. */
    plausible: { atLeast: number; inherited: string[] };
}

const CATALOGS: CatalogRow[] = [
    {
        title: "iOS",
        catalog: ios.settings,
        typeName: "iosManagedAppProtection",
        excluded: {},
        plausible: {
            atLeast: 75,
            inherited: ["periodOnlineBeforeAccessCheck", "displayName", "purviewContentEvaluationRequired"],
        },
    },
    {
        title: "Android",
        catalog: android.settings,
        typeName: "androidManagedAppProtection",
        excluded: {},
        plausible: {
            atLeast: 75,
            inherited: ["periodOnlineBeforeAccessCheck", "displayName", "purviewContentEvaluationRequired"],
        },
    },
    {
        title: "Windows",
        catalog: windowsSettings,
        typeName: "windowsManagedAppProtection",
        excluded: {},
        plausible: { atLeast: 30, inherited: ["displayName", "roleScopeTagIds"] },
    },
    {
        title: "managed-app configuration",
        catalog: appConfigurationSettings,
        typeName: "targetedManagedAppConfiguration",
        excluded: {
            settings: "Settings catalog entities (deviceManagementConfigurationSetting), not typed: docs/graph.md 10.4",
        },
        plausible: { atLeast: 15, inherited: ["displayName", "customSettings"] },
    },
];

/** How the catalog's members may differ from Graph's for `setting` in `row`. */
const memberChange = (setting: string): MemberChange => ({ omitted: NARROWED[setting]?.omitted });

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

/** Compares kinds; enum members may differ from Graph's only as `change` says. */
function kindProblem(graph: GraphKind, catalog: GraphKind, change: MemberChange = {}): string | undefined {
    if (graph.kind !== catalog.kind)
        return `Graph has ${JSON.stringify(graph)}, the catalog ${JSON.stringify(catalog)}`;
    if (graph.kind === "collection" && catalog.kind === "collection") return kindProblem(graph.of, catalog.of, change);
    if (graph.kind === "enum" && catalog.kind === "enum") {
        // A flags enum with one flag besides its zero member (managedBrowserType: notConfigured,
        // microsoftEdge) only ever holds one member: a plain enum of the catalog states it exactly.
        const oneFlag = graph.flags && graph.members.length <= 2;
        if (graph.flags !== catalog.flags && !oneFlag) return `flags: Graph ${graph.flags}, catalog ${catalog.flags}`;
        const { omitted = [], added = [] } = change;
        const expected = [...graph.members.filter((m) => !omitted.includes(m)), ...added].sort();
        const actual = [...catalog.members].sort();
        if (JSON.stringify(expected) !== JSON.stringify(actual))
            return `members: Graph ${JSON.stringify(graph.members)} (narrowed by ${JSON.stringify(omitted)}, widened by ${JSON.stringify(added)}), catalog ${JSON.stringify(catalog.members)}`;
    }
    return undefined;
}

describe.each(CATALOGS)("$title settings against the Graph beta SDK models", (row: CatalogRow) => {
    const model = graphModel().type(row.typeName)!;
    const graphProperties = [...model.properties.keys()];
    const exclusions = { ...SERVER_MANAGED, ...TARGETS, ...row.excluded };
    const writable = graphProperties.filter((p) => !(p in exclusions));

    it("reads a plausible number of properties from the model (inherited ones included)", () => {
        expect(graphProperties.length).toBeGreaterThan(row.plausible.atLeast);
        expect(graphProperties).toEqual(expect.arrayContaining(row.plausible.inherited));
    });

    it("has an argument for every writable property", () => {
        expect(writable.filter((p) => !(p in row.catalog))).toEqual([]);
    });

    it("has no setting Graph does not know, and none that Graph sets or the row excludes", () => {
        const notSettings = { ...SERVER_MANAGED, ...row.excluded };
        const unknown = Object.keys(row.catalog).filter((key) => !graphProperties.includes(key) || key in notSettings);
        expect(unknown).toEqual([]);
    });

    it("gives every setting the kind Graph gives the property", () => {
        const problems = writable
            .filter((p) => p in row.catalog)
            .map((p) => [
                p,
                kindProblem(modelKind(model.properties.get(p)!), catalogKind(row.catalog[p].kind), memberChange(p)),
            ])
            .filter(([, problem]) => problem !== undefined);
        expect(Object.fromEntries(problems)).toEqual({});
    });

    it("lists its exclusions only for properties that exist", () => {
        expect(Object.keys(exclusions).filter((key) => !graphProperties.includes(key))).toEqual([]);
    });

    it("keeps every narrowing honest: each omitted member exists in Graph and is absent from the catalog", () => {
        for (const setting of Object.keys(NARROWED).filter((s) => s in row.catalog)) {
            const graph = modelKind(model.properties.get(setting)!);
            const catalog = catalogKind(row.catalog[setting].kind);
            expect([setting, graph.kind, catalog.kind]).toEqual([setting, "enum", "enum"]);
            if (graph.kind !== "enum" || catalog.kind !== "enum") continue;
            for (const m of NARROWED[setting].omitted) {
                expect([setting, m, graph.members.includes(m)]).toEqual([setting, m, true]);
                expect([setting, m, catalog.members.includes(m)]).toEqual([setting, m, false]);
            }
        }
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
        expect(kindProblem(purview, { kind: "boolean" })).toMatch(/Graph has/);
        expect(kindProblem(purview, { kind: "enum", members: ["notRequired", "required"], flags: false })).toMatch(
            /members/,
        );
        expect(kindProblem({ kind: "duration" }, { kind: "string" })).toMatch(/Graph has/);
        expect(
            kindProblem(
                { kind: "enum", members: ["none", "a", "b"], flags: true },
                { kind: "enum", members: ["none", "a", "b"], flags: false },
            ),
        ).toMatch(/flags/);
    });

    it("reads the new types' kinds: Windows location flags, configuration key/value pairs, Settings catalog entities", () => {
        const windows = graphModel().type("windowsManagedAppProtection")!.properties;
        const configuration = graphModel().type("targetedManagedAppConfiguration")!.properties;
        expect(modelKind(windows.get("allowedInboundDataTransferSourceApps")!)).toEqual({
            kind: "enum",
            members: ["none", "oneDriveForBusiness"],
            flags: true,
        });
        expect(modelKind(configuration.get("customSettings")!)).toEqual({
            kind: "collection",
            of: { kind: "keyValuePair" },
        });
        expect(() => modelKind(configuration.get("settings")!)).toThrow(/no catalog kind for settings/);
    });
});

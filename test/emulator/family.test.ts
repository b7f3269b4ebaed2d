/**
 * The two newer policy collections (issue #19): Windows app protection and app configuration for
 * managed apps. One table entry per collection; every test runs for each, over HTTPS, through the
 * real @azure/identity + Graph client or plain `fetch`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator/index";
import {
    BASE,
    CLIENT,
    defaultTenant,
    GROUP_A,
    GROUP_B,
    IOS,
    iosBody,
    SECRET,
    startTestEmulator,
    TENANT,
    TestEmulator,
} from "../support/emulator-kit";

const NS = "microsoft.management.services.api";
const READER = "bbbbbbbb-0000-4000-8000-000000000002";
const CONFIG_WRITER = "cccccccc-0000-4000-8000-000000000003";
/** A client used only by the throttling test, so its write window starts empty. */
const THROTTLED = "dddddddd-0000-4000-8000-000000000004";
const appMismatch = "Property mobileAppIdentifier in payload has a value that does not match schema.";
const unknownProperty = (name: string, type: string) =>
    `The property '${name}' does not exist on type '${NS}.${type}'. Make sure to only use property names that are defined by the type.`;

const identifier = (type: string, key: string, value: string) => ({
    "@odata.type": `#microsoft.graph.${type}`,
    [key]: value,
});
const ios = (bundleId: string) => identifier("iosMobileAppIdentifier", "bundleId", bundleId);
const android = (packageId: string) => identifier("androidMobileAppIdentifier", "packageId", packageId);
const windows = (windowsAppId: string) => identifier("windowsAppIdentifier", "windowsAppId", windowsAppId);
const apps = (...identifiers: object[]) => identifiers.map((mobileAppIdentifier) => ({ mobileAppIdentifier }));
const include = (groupId: string) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } });
const exclude = (groupId: string) => ({
    target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId },
});

/** A request body Graph refuses for a collection, and its error. */
interface Refusal {
    what: string;
    /** "create" posts `{displayName, ...body}`; "patch" patches a seeded policy; "targetApps" calls the action. */
    on: "create" | "patch" | "targetApps";
    body: Record<string, unknown>;
    code: "ModelValidationFailure" | "BadRequest";
    message: string | RegExp;
}

/** One collection under test. */
interface Collection {
    name: string;
    /** OData type name. */
    type: string;
    /** Path of the entity set. */
    set: string;
    /** Apps in a create body, and the managedMobileApp ids the service gives them. */
    apps: { body: object[]; ids: string[] };
    /** Apps for a targetApps call (replacing the create's), with their ids. */
    retarget: { body: object[]; ids: string[] };
    /** An identifier of a platform the collection does not target. */
    foreignApp: object;
    /** Whether targetApps takes `appGroupType` (the type has `appGroupType`). */
    appGroups: boolean;
    /** A valid settings PATCH and what a read returns afterwards. */
    patch: { body: Record<string, unknown>; readBack: Record<string, unknown> };
    /** What a create without settings stores (model-derived defaults). */
    defaults: Record<string, unknown>;
    refusals: Refusal[];
}

const COLLECTIONS: Collection[] = [
    {
        name: "Windows app protection",
        type: "windowsManagedAppProtection",
        set: "/beta/deviceAppManagement/windowsManagedAppProtections",
        apps: { body: apps(windows("com.microsoft.edge")), ids: ["com.microsoft.edge.windows"] },
        retarget: {
            body: apps(windows("com.contoso.lob"), windows("com.microsoft.edge")),
            ids: ["com.contoso.lob.windows", "com.microsoft.edge.windows"],
        },
        foreignApp: ios("com.microsoft.msedge"),
        appGroups: false,
        patch: {
            body: {
                printBlocked: true,
                periodOfflineBeforeAccessCheck: "PT720M",
                allowedOutboundDataTransferDestinationApps: "oneDriveForBusiness, none",
                allowedInboundDataTransferSources: "none",
                minimumRequiredOsVersion: "10.0.22631",
            },
            readBack: {
                printBlocked: true,
                periodOfflineBeforeAccessCheck: "PT12H",
                allowedOutboundDataTransferDestinationApps: "oneDriveForBusiness",
                allowedInboundDataTransferSources: "none",
                minimumRequiredOsVersion: "10.0.22631",
            },
        },
        defaults: {
            description: "",
            roleScopeTagIds: ["0"],
            printBlocked: false,
            allowedOutboundDataTransferDestinationApps: "none",
            appActionIfUnableToAuthenticateUser: null,
            minimumRequiredOsVersion: null,
            deployedAppCount: 1,
            isAssigned: true,
        },
        refusals: [
            {
                what: "wrong enum member",
                on: "patch",
                body: { allowedOutboundClipboardSharingLevel: "anyApp" },
                code: "ModelValidationFailure",
                message: "Requested value 'anyApp' was not found.",
            },
            {
                what: "wrong flags member",
                on: "create",
                body: { allowedInboundDataTransferSourceApps: "oneDriveForBusiness,dropbox" },
                code: "ModelValidationFailure",
                message: "Requested value 'dropbox' was not found.",
            },
            {
                what: "wrong JSON type",
                on: "patch",
                body: { printBlocked: "yes" },
                code: "ModelValidationFailure",
                message: "Cannot convert the literal 'yes' to the expected type 'Edm.Boolean'.",
            },
            {
                what: "not a duration",
                on: "patch",
                body: { periodOfflineBeforeWipeIsEnforced: "90 days" },
                code: "ModelValidationFailure",
                message: "Cannot convert the literal '90 days' to the expected type 'Edm.Duration'.",
            },
            {
                what: "an iOS/Android setting",
                on: "create",
                body: { pinRequired: true },
                code: "ModelValidationFailure",
                message: unknownProperty("pinRequired", "windowsManagedAppProtection"),
            },
            {
                what: "appGroupType (the type has none)",
                on: "patch",
                body: { appGroupType: "allApps" },
                code: "ModelValidationFailure",
                message: unknownProperty("appGroupType", "windowsManagedAppProtection"),
            },
            {
                what: "null for a non-nullable setting",
                on: "patch",
                body: { printBlocked: null },
                code: "ModelValidationFailure",
                message: /null value was found for the property named 'printBlocked'/,
            },
            {
                what: "appGroupType in targetApps",
                on: "targetApps",
                body: { apps: apps(windows("com.microsoft.edge")), appGroupType: "selectedPublicApps" },
                code: "ModelValidationFailure",
                message:
                    "The parameter 'appGroupType' in the request payload is not a valid parameter for the operation 'targetApps'.",
            },
        ],
    },
    {
        name: "app configuration for managed apps",
        type: "targetedManagedAppConfiguration",
        set: "/beta/deviceAppManagement/targetedManagedAppConfigurations",
        apps: {
            body: apps(ios("com.microsoft.office.outlook"), android("com.microsoft.office.outlook")),
            ids: ["com.microsoft.office.outlook.ios", "com.microsoft.office.outlook.android"],
        },
        retarget: {
            body: apps(android("com.microsoft.emmx"), ios("com.microsoft.msedge"), windows("com.microsoft.edge")),
            ids: ["com.microsoft.emmx.android", "com.microsoft.msedge.ios", "com.microsoft.edge.windows"],
        },
        foreignApp: identifier("macAppIdentifier", "bundleId", "com.microsoft.edgemac"),
        appGroups: true,
        patch: {
            body: {
                customSettings: [
                    { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                    { "@odata.type": "microsoft.graph.keyValuePair", name: "empty", value: null },
                ],
                targetedAppManagementLevels: "mdm, unmanaged",
            },
            readBack: {
                customSettings: [
                    { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                    { name: "empty", value: null },
                ],
                targetedAppManagementLevels: "unmanaged,mdm",
            },
        },
        defaults: {
            description: "",
            roleScopeTagIds: ["0"],
            customSettings: [],
            appGroupType: "selectedPublicApps",
            targetedAppManagementLevels: "unspecified",
            deployedAppCount: 2,
            isAssigned: true,
        },
        refusals: [
            {
                what: "wrong enum member",
                on: "create",
                body: { appGroupType: "everything" },
                code: "ModelValidationFailure",
                message: "Requested value 'everything' was not found.",
            },
            {
                what: "wrong flags member",
                on: "patch",
                body: { targetedAppManagementLevels: "mdm,intune" },
                code: "ModelValidationFailure",
                message: "Requested value 'intune' was not found.",
            },
            {
                what: "wrong JSON type inside a key/value pair",
                on: "patch",
                body: { customSettings: [{ name: "retries", value: 5 }] },
                code: "ModelValidationFailure",
                message: "Cannot convert the literal '5' to the expected type 'Edm.String'.",
            },
            {
                what: "an object where a collection is expected",
                on: "patch",
                body: { customSettings: { name: "a", value: "b" } },
                code: "ModelValidationFailure",
                message: /unexpected 'StartObject' node .* A 'StartArray' node was expected/,
            },
            {
                what: "unknown property of a key/value pair",
                on: "create",
                body: { customSettings: [{ key: "a", value: "b" }] },
                code: "ModelValidationFailure",
                message: unknownProperty("key", "keyValuePair"),
            },
            {
                what: "an app protection setting",
                on: "patch",
                body: { pinRequired: true },
                code: "ModelValidationFailure",
                message: unknownProperty("pinRequired", "targetedManagedAppConfiguration"),
            },
            {
                what: "null customSettings (non-nullable collection)",
                on: "patch",
                body: { customSettings: null },
                code: "ModelValidationFailure",
                message: /null value was found for the property named 'customSettings'/,
            },
            {
                what: "settings inline on create",
                on: "create",
                body: { settings: [] },
                code: "BadRequest",
                message:
                    "Deep insert of navigation property 'settings' is not supported on 'microsoft.graph.targetedManagedAppConfiguration'.",
            },
            {
                what: "appGroupType not a member in targetApps",
                on: "targetApps",
                body: { apps: [], appGroupType: "someApps" },
                code: "ModelValidationFailure",
                message: "Requested value 'someApps' was not found.",
            },
        ],
    },
];

describe.each(COLLECTIONS)("$name", (c) => {
    let t: TestEmulator;
    const body = (extra: Record<string, unknown> = {}) => ({
        "@odata.type": `#microsoft.graph.${c.type}`,
        displayName: `${c.name} policy`,
        ...extra,
    });
    const idsOf = (items: Array<{ id: string }>) => items.map((x) => x.id);
    const seed = (extra: Record<string, unknown> = {}): string => t.emu.seedPolicy(TENANT, body(extra)).id;

    beforeAll(async () => {
        t = await startTestEmulator({
            tenants: [
                defaultTenant({
                    clients: [
                        {
                            clientId: CLIENT,
                            secret: SECRET,
                            roles: ["DeviceManagementApps.ReadWrite.All", "Group.Read.All"],
                        },
                        { clientId: READER, secret: SECRET, roles: ["DeviceManagementApps.Read.All"] },
                        {
                            clientId: CONFIG_WRITER,
                            secret: SECRET,
                            roles: ["DeviceManagementConfiguration.ReadWrite.All"],
                        },
                        { clientId: THROTTLED, secret: SECRET, roles: ["DeviceManagementApps.ReadWrite.All"] },
                    ],
                }),
            ],
        });
    });
    afterAll(() => t.emu.close());
    afterEach(() => {
        t.emu.clearFaults();
        t.emu.setFidelity({ patchStatus: 204, flagsSeparator: ",", odataTypeOnTypedItems: false });
    });

    test("Graph client: create with apps and assignments inline, get with $expand, patch, delete", async () => {
        const graph = t.graphClient();
        const api = c.set.replace(/^\/beta/, "");
        const created = await graph
            .api(api)
            .post(body({ apps: c.apps.body, assignments: [include(GROUP_A.id), exclude(GROUP_B.id)] }));
        expect(created.id).toMatch(/^T_[0-9a-f-]{36}$/);
        expect(created).not.toHaveProperty("apps");
        expect(created).not.toHaveProperty("assignments");
        expect(created).toMatchObject({ displayName: `${c.name} policy`, ...c.defaults });

        const read = await graph.api(`${api}/${created.id}`).expand(["apps", "assignments"]).get();
        expect(read["@odata.context"]).toMatch(
            new RegExp(`/\\$metadata#deviceAppManagement/${c.type}s\\(apps\\(\\),assignments\\(\\)\\)/\\$entity$`),
        );
        expect(idsOf(read.apps)).toEqual(c.apps.ids);
        expect(read["apps@odata.context"]).toContain(`/${c.type}s('${created.id}')/apps`);
        expect(idsOf(read.assignments)).toEqual([`${GROUP_A.id}_incl`, `${GROUP_B.id}_excl`]);

        await graph.api(`${api}/${created.id}`).patch(c.patch.body);
        const patched = await graph.api(`${api}/${created.id}`).get();
        expect(patched).toMatchObject(c.patch.readBack);
        expect(patched.version).not.toBe(read.version);

        await graph.api(`${api}/${created.id}`).delete();
        await expect(graph.api(`${api}/${created.id}`).get()).rejects.toMatchObject({
            statusCode: 404,
            code: "ResourceNotFound",
        });
    });

    describe("refusals carry Graph's error envelope", () => {
        test.each(c.refusals)("$what ($on)", async (r) => {
            const id = seed();
            const res =
                r.on === "create"
                    ? await t.call("POST", c.set, body(r.body))
                    : r.on === "patch"
                      ? await t.call("PATCH", `${c.set}/${id}`, r.body)
                      : await t.call("POST", `${c.set}/${id}/targetApps`, r.body);
            expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 400, code: r.code });
            if (typeof r.message === "string") expect(res.json.error.message).toBe(r.message);
            else expect(res.json.error.message).toMatch(r.message);
            expect(res.json.error.innerError).toMatchObject({
                "request-id": res.headers.get("request-id"),
                "client-request-id": res.headers.get("client-request-id"),
            });
            expect(t.emu.policies(TENANT).filter((p) => p.id === id)).toHaveLength(1);
        });
    });

    test("server-managed properties are type-checked and ignored; apps and assignments are not PATCHed", async () => {
        const id = seed({ apps: c.apps.body });
        const before = t.emu.policy(TENANT, id);
        expect((await t.call("PATCH", `${c.set}/${id}`, { deployedAppCount: 99, isAssigned: true })).status).toBe(204);
        expect(t.emu.policy(TENANT, id)).toMatchObject({
            deployedAppCount: before.deployedAppCount,
            isAssigned: false,
        });
        const wrongType = await t.call("PATCH", `${c.set}/${id}`, { deployedAppCount: "many" });
        expect(wrongType.json.error.message).toBe(
            "Cannot convert the literal 'many' to the expected type 'Edm.Int32'.",
        );
        const nav = await t.call("PATCH", `${c.set}/${id}`, { apps: c.apps.body });
        expect(nav.status).toBe(400);
        expect(nav.json.error.message).toMatch(/Navigation property 'apps' cannot be updated with PATCH.*targetApps/);
    });

    test("targetApps replaces the app list; an identifier of another platform is refused", async () => {
        const id = seed({ apps: c.apps.body });
        const ok = await t.call("POST", `${c.set}('${id}')/targetApps`, { apps: c.retarget.body });
        expect(ok.status).toBe(204);
        expect(ok.text).toBe("");
        let stored = t.emu.policy(TENANT, id);
        expect(idsOf(stored.apps)).toEqual(c.retarget.ids);
        expect(stored.deployedAppCount).toBe(c.retarget.ids.length);

        const foreign = await t.call("POST", `${c.set}/${id}/targetApps`, { apps: apps(c.foreignApp) });
        expect({ status: foreign.status, code: foreign.json.error.code, message: foreign.json.error.message }).toEqual({
            status: 400,
            code: "BadRequest",
            message: appMismatch,
        });
        const foreignOnCreate = await t.call("POST", c.set, body({ apps: apps(c.foreignApp) }));
        expect(foreignOnCreate.json.error.message).toBe(appMismatch);
        stored = t.emu.policy(TENANT, id);
        expect(idsOf(stored.apps)).toEqual(c.retarget.ids);
    });

    test("app groups: filled by the service where the type has appGroupType", async () => {
        const id = seed();
        const res = await t.call("POST", `${c.set}/${id}/targetApps`, {
            apps: c.retarget.body,
            appGroupType: "allCoreMicrosoftApps",
        });
        if (!c.appGroups) {
            expect(res.status).toBe(400);
            expect(t.emu.policy(TENANT, id)).not.toHaveProperty("appGroupType");
            return;
        }
        expect(res.status).toBe(204);
        const stored = t.emu.policy(TENANT, id);
        expect(stored.appGroupType).toBe("allCoreMicrosoftApps");
        // the iOS and Android members; the posted apps (among them Edge for Windows) are ignored
        expect(idsOf(stored.apps)).toEqual(
            expect.arrayContaining(["com.microsoft.office.outlook.ios", "com.microsoft.office.outlook.android"]),
        );
        expect(idsOf(stored.apps)).not.toContain("com.microsoft.edge.windows");
        expect(stored.deployedAppCount).toBe(stored.apps.length);
    });

    test("assign replaces assignments and sets isAssigned", async () => {
        const id = seed();
        expect(t.emu.policy(TENANT, id).isAssigned).toBe(false);
        const res = await t.call("POST", `${c.set}/${id}/microsoft.graph.assign`, {
            assignments: [include(GROUP_B.id), exclude(GROUP_A.id)],
        });
        expect(res.status).toBe(204);
        const read = await t.call("GET", `${c.set}/${id}?$expand=assignments`);
        expect(read.json.isAssigned).toBe(true);
        expect(read.json.assignments).toEqual([
            expect.objectContaining({ id: `${GROUP_B.id}_incl`, source: "direct" }),
            expect.objectContaining({ id: `${GROUP_A.id}_excl` }),
        ]);
        const bad = await t.call("POST", `${c.set}/${id}/assign`, {
            assignments: [{ target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } }],
        });
        expect(bad.status).toBe(400);
        expect(bad.json.error.code).toBe("BadRequest");
    });

    test("listing: only this type, pages with $top and @odata.nextLink, $expand kept", async () => {
        const mine = [
            seed({ displayName: "page 1" }),
            seed({ displayName: "page 2" }),
            seed({ displayName: "page 3" }),
        ];
        const other = t.emu.seedPolicy(TENANT, iosBody()).id;
        const seen: string[] = [];
        let url: string | undefined = `${c.set}?$expand=apps,assignments&$top=2`;
        let pages = 0;
        while (url) {
            const page = await t.call("GET", url);
            expect(page.status).toBe(200);
            expect(page.json["@odata.context"]).toContain(`#deviceAppManagement/${c.type}s(apps(),assignments())`);
            expect(page.json.value.length).toBeLessThanOrEqual(2);
            for (const p of page.json.value) {
                expect(p).toHaveProperty("apps");
                expect(p).toHaveProperty("assignments");
                seen.push(p.id);
            }
            const next: string | undefined = page.json["@odata.nextLink"];
            url = next?.replace(t.emu.url, "");
            pages++;
        }
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(seen).toEqual(expect.arrayContaining(mine));
        expect(seen).not.toContain(other);
        expect(new Set(seen).size).toBe(seen.length);
    });

    test("managedAppPolicies lists and creates this type with @odata.type; the typed set does not see others", async () => {
        const created = await t.call("POST", BASE, body({ displayName: "via base" }));
        expect(created.status).toBe(201);
        expect(created.json["@odata.type"]).toBe(`#microsoft.graph.${c.type}`);
        const list = await t.call("GET", `${BASE}?$filter=isof('microsoft.graph.${c.type}')`);
        expect(list.json.value.map((p: { id: string }) => p.id)).toContain(created.json.id);
        expect(
            list.json.value.every((p: { "@odata.type": string }) => p["@odata.type"] === `#microsoft.graph.${c.type}`),
        ).toBe(true);
        const assign = await t.call("POST", `${BASE}('${created.json.id}')/assign`, {
            assignments: [include(GROUP_A.id)],
        });
        expect(assign.status).toBe(204);
        expect((await t.call("GET", `${IOS}/${created.json.id}`)).status).toBe(404);
        const iosId = t.emu.seedPolicy(TENANT, iosBody()).id;
        expect((await t.call("GET", `${c.set}/${iosId}`)).status).toBe(404);
    });

    test("permissions: read needs a read role, write a write role (DeviceManagementConfiguration.* too)", async () => {
        const id = seed();
        const reader = await t.token(TENANT, READER, SECRET);
        expect((await t.call("GET", `${c.set}/${id}`, undefined, { token: reader })).status).toBe(200);
        const denied = await t.call("PATCH", `${c.set}/${id}`, { displayName: "no" }, { token: reader });
        expect(denied.status).toBe(403);
        expect(denied.json.error.code).toBe("Forbidden");
        const configWriter = await t.token(TENANT, CONFIG_WRITER, SECRET);
        expect((await t.call("POST", c.set, body(), { token: configWriter })).status).toBe(201);
    });

    test("faults and throttling apply to the collection", async () => {
        const id = seed();
        t.emu.injectFault({ path: new RegExp(`${c.type}s/[^/]+/targetApps$`), status: 503, times: 1 });
        const failed = await t.call("POST", `${c.set}/${id}/targetApps`, { apps: c.retarget.body });
        expect(failed.status).toBe(503);
        expect(failed.headers.get("retry-after")).toBe("1");
        expect((await t.call("POST", `${c.set}/${id}/targetApps`, { apps: c.retarget.body })).status).toBe(204);

        const token = await t.token(TENANT, THROTTLED, SECRET);
        t.emu.setThrottle({ writesPerApp: 1 });
        try {
            expect((await t.call("PATCH", `${c.set}/${id}`, { description: "one" }, { token })).status).toBe(204);
            const throttled = await t.call("PATCH", `${c.set}/${id}`, { description: "two" }, { token });
            expect(throttled.status).toBe(429);
            expect(throttled.json.error.code).toBe("TooManyRequests");
            expect(t.emu.policy(TENANT, id).description).toBe("one");
        } finally {
            t.emu.setThrottle({});
        }
    });

    test("fidelity switches: PATCH 200 with the entity, flags separator, @odata.type on items", async () => {
        const id = seed({ apps: c.apps.body });
        t.emu.setFidelity({ patchStatus: 200, flagsSeparator: ", ", odataTypeOnTypedItems: true });
        const patched = await t.call("PATCH", `${c.set}/${id}`, c.patch.body);
        expect(patched.status).toBe(200);
        const flags = Object.entries(c.patch.readBack).find(([, v]) => typeof v === "string" && v.includes(","));
        const expected = Object.fromEntries(
            Object.entries(c.patch.readBack).map(([k, v]) => [k, typeof v === "string" ? v.replace(/,/g, ", ") : v]),
        );
        expect(patched.json).toMatchObject(expected);
        if (flags) expect(patched.json[flags[0]]).toContain(", ");
        const list = await t.call("GET", `${c.set}?$expand=apps`);
        const item = list.json.value.find((p: { id: string }) => p.id === id);
        expect(item["@odata.type"]).toBe(`#microsoft.graph.${c.type}`);
        expect(item.apps[0]["@odata.type"]).toBe("#microsoft.graph.managedMobileApp");
    });
});

test("the data file keeps both collections across a restart", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "family-"));
    const dataFile = path.join(tmp, "state.json");
    try {
        const first = await startEmulator({ dataFile, tenants: [defaultTenant()] });
        const windowsId = first.seedPolicy(TENANT, {
            "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
            displayName: "persisted windows",
            apps: apps(windows("com.microsoft.edge")),
        }).id;
        const configId = first.seedPolicy(TENANT, {
            "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
            displayName: "persisted config",
            customSettings: [{ name: "k", value: "v" }],
            apps: apps(ios("com.microsoft.office.outlook")),
        }).id;
        await first.close();
        const second = await startEmulator({ dataFile });
        try {
            expect(second.policy(TENANT, windowsId)).toMatchObject({
                "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
                apps: [expect.objectContaining({ id: "com.microsoft.edge.windows" })],
            });
            expect(second.policy(TENANT, configId)).toMatchObject({
                customSettings: [{ name: "k", value: "v" }],
                apps: [expect.objectContaining({ id: "com.microsoft.office.outlook.ios" })],
            });
            second.modifyPolicy(TENANT, windowsId, { apps: apps(windows("com.contoso.lob")) });
            expect(second.policy(TENANT, windowsId).apps.map((a: { id: string }) => a.id)).toEqual([
                "com.contoso.lob.windows",
            ]);
        } finally {
            await second.close();
        }
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
});

test("managedAppConfiguration is abstract: creating it on the base set is refused", async () => {
    const t = await startTestEmulator();
    try {
        const res = await t.call("POST", BASE, {
            "@odata.type": "#microsoft.graph.managedAppConfiguration",
            displayName: "abstract",
        });
        expect({ status: res.status, code: res.json.error.code, message: res.json.error.message }).toEqual({
            status: 400,
            code: "ModelValidationFailure",
            message: "Cannot create an abstract class.",
        });
    } finally {
        await t.emu.close();
    }
});

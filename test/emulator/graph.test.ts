import type { Client } from "@microsoft/microsoft-graph-client";
import {
    androidBody,
    ANDROID,
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

const UNLICENSED = "aaaaaaaa-0000-4000-8000-000000000001";
const READER = "bbbbbbbb-0000-4000-8000-000000000002";

describe("Graph side", () => {
    let t: TestEmulator;
    let graph: Client;

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
                    ],
                }),
                { tenantId: UNLICENSED, licensed: false, clients: [{ clientId: CLIENT, secret: SECRET }] },
            ],
        });
        graph = t.graphClient();
    });
    afterAll(() => t.emu.close());

    test("graph-client: create / get / patch / delete an iOS policy", async () => {
        const created = await graph.api("/deviceAppManagement/iosManagedAppProtections").post({
            "@odata.type": "#microsoft.graph.iosManagedAppProtection",
            displayName: "Contoso iOS",
            periodOfflineBeforeAccessCheck: "PT720M",
            pinRequiredInsteadOfBiometricTimeout: "PT1440M",
            appGroupType: "selectedPublicApps",
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                        bundleId: "com.microsoft.office.outlook",
                    },
                },
            ],
            assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP_A.id } }],
        });
        expect(created.id).toMatch(/^T_[0-9a-f-]{36}$/);
        expect(created.version).toMatch(/^"[0-9a-f-]{36}"$/);
        expect(created.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(created).not.toHaveProperty("apps");
        expect(created).not.toHaveProperty("assignments");
        expect(created).toMatchObject({
            periodOfflineBeforeAccessCheck: "PT12H",
            pinRequiredInsteadOfBiometricTimeout: "P1D",
            periodOfflineBeforeWipeIsEnforced: "P90D",
            periodOnlineBeforeAccessCheck: "PT30M",
            periodBeforePinReset: "PT0S",
            isAssigned: true,
            deployedAppCount: 1,
            roleScopeTagIds: ["0"],
            appDataEncryptionType: "whenDeviceLocked",
            purviewContentEvaluationRequired: null,
        });

        const got = await graph
            .api(`/deviceAppManagement/iosManagedAppProtections/${created.id}`)
            .expand(["apps", "assignments"])
            .get();
        expect(got["@odata.context"]).toContain("$metadata#deviceAppManagement/iosManagedAppProtections");
        expect(got.apps).toEqual([
            {
                id: "com.microsoft.office.outlook.ios",
                version: expect.stringMatching(/^-?\d+$/),
                mobileAppIdentifier: {
                    "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                    bundleId: "com.microsoft.office.outlook",
                },
            },
        ]);
        expect(got.assignments).toEqual([
            {
                id: `${GROUP_A.id}_incl`,
                source: "direct",
                sourceId: "00000000-0000-0000-0000-000000000000",
                target: {
                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                    deviceAndAppManagementAssignmentFilterId: null,
                    deviceAndAppManagementAssignmentFilterType: "none",
                    groupId: GROUP_A.id,
                },
            },
        ]);

        const patchRes = await graph
            .api(`/deviceAppManagement/iosManagedAppProtections/${created.id}`)
            .responseType("raw" as never)
            .patch({
                "@odata.type": "#microsoft.graph.iosManagedAppProtection",
                minimumPinLength: 6,
                description: "changed",
            });
        expect((patchRes as unknown as Response).status).toBe(204);
        const after = await graph.api(`/deviceAppManagement/iosManagedAppProtections('${created.id}')`).get();
        expect(after).toMatchObject({ minimumPinLength: 6, description: "changed" });
        expect(after.version).not.toBe(created.version);

        await graph.api(`/deviceAppManagement/iosManagedAppProtections/${created.id}`).delete();
        await expect(
            graph.api(`/deviceAppManagement/iosManagedAppProtections/${created.id}`).get(),
        ).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
        expect(t.emu.policy(TENANT, created.id)).toBeUndefined();
    });

    test("create applies spec defaults, ignores server-managed fields, rejects missing displayName", async () => {
        const r = await t.call(
            "POST",
            ANDROID,
            androidBody({
                id: "mine",
                version: "x",
                deployedAppCount: 99,
                isAssigned: true,
                createdDateTime: "2001-01-01T00:00:00Z",
            }),
        );
        expect(r.status).toBe(201);
        expect(r.headers.get("location")).toContain(`androidManagedAppProtections('${r.json.id}')`);
        expect(r.json.id).toMatch(/^T_/);
        expect(r.json).not.toHaveProperty("@odata.type");
        expect(r.json).toMatchObject({
            deployedAppCount: 0,
            isAssigned: false,
            minimumRequiredPatchVersion: "0000-00-00",
            encryptAppData: true,
            allowedDataIngestionLocations: ["oneDriveForBusiness", "sharePoint", "camera", "photoLibrary"],
            appGroupType: "selectedPublicApps",
            targetedAppManagementLevels: "unspecified",
            managedBrowser: "notConfigured",
            maximumPinRetries: 5,
            minimumPinLength: 4,
            appActionIfSamsungKnoxAttestationRequired: null,
            protectedMessagingRedirectAppType: "anyApp",
            description: "",
        });
        expect(r.json.createdDateTime).not.toBe("2001-01-01T00:00:00Z");
        const stored = t.emu.policy(TENANT, r.json.id);
        expect(stored["@odata.type"]).toBe("#microsoft.graph.androidManagedAppProtection");
        // @odata.type + structural (100 in the typings + purviewContentEvaluationRequired + appActionIfDeveloperOptionsEnabled) + apps/assignments
        expect(Object.keys(stored).length).toBe(1 + 102 + 2);

        const missing = await t.call("POST", IOS, { "@odata.type": "#microsoft.graph.iosManagedAppProtection" });
        expect(missing.status).toBe(400);
    });

    test("managedAppPolicies: polymorphic list with @odata.type, create needs a concrete @odata.type, actions on the base path", async () => {
        const created = await t.call("POST", BASE, iosBody({ displayName: "via base" }));
        expect(created.status).toBe(201);
        expect(created.json["@odata.type"]).toBe("#microsoft.graph.iosManagedAppProtection");
        const list = await t.call("GET", `${BASE}?$filter=isof('microsoft.graph.iosManagedAppProtection')`);
        expect(list.status).toBe(200);
        expect(
            list.json.value.every(
                (p: { "@odata.type": string }) => p["@odata.type"] === "#microsoft.graph.iosManagedAppProtection",
            ),
        ).toBe(true);
        expect(list.json.value.map((p: { id: string }) => p.id)).toContain(created.json.id);
        // the typed set does not know the Android id
        const android = await t.call("POST", ANDROID, androidBody());
        expect((await t.call("GET", `${IOS}/${android.json.id}`)).status).toBe(404);
        expect((await t.call("GET", `${BASE}('${android.json.id}')`)).json["@odata.type"]).toBe(
            "#microsoft.graph.androidManagedAppProtection",
        );
        // actions on the base set and with qualified names
        const assign = await t.call("POST", `${BASE}/${created.json.id}/microsoft.graph.assign`, {
            assignments: [
                { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: GROUP_B.id } },
            ],
        });
        expect(assign.status).toBe(204);
        const p = t.emu.policy(TENANT, created.json.id);
        expect(p.assignments.map((a: { id: string }) => a.id)).toEqual([`${GROUP_B.id}_excl`]);
        expect(p.isAssigned).toBe(false); // exclusions only
    });

    test("targetApps replaces apps; app groups are filled by the service", async () => {
        const c = await t.call("POST", IOS, iosBody({ displayName: "groups" }));
        const id = c.json.id;
        const app = (bundleId: string) => ({
            mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId },
        });
        let r = await t.call("POST", `${IOS}('${id}')/targetApps`, {
            apps: [app("com.microsoft.office.word"), app("com.example.lob")],
            appGroupType: "selectedPublicApps",
        });
        expect(r.status).toBe(204);
        expect(r.text).toBe("");
        let p = t.emu.policy(TENANT, id);
        expect(p.apps.map((a: { id: string }) => a.id)).toEqual([
            "com.microsoft.office.word.ios",
            "com.example.lob.ios",
        ]);
        expect(p.deployedAppCount).toBe(2);
        r = await t.call("POST", `${IOS}/${id}/targetApps`, {
            apps: [app("com.example.ignored")],
            appGroupType: "allCoreMicrosoftApps",
        });
        expect(r.status).toBe(204);
        p = t.emu.policy(TENANT, id);
        expect(p.appGroupType).toBe("allCoreMicrosoftApps");
        const ids = p.apps.map((a: { id: string }) => a.id);
        expect(ids).toEqual(
            expect.arrayContaining([
                "com.microsoft.office.outlook.ios",
                "com.microsoft.skype.teams.ios",
                "com.microsoft.msedge.ios",
            ]),
        );
        expect(ids).not.toContain("com.example.ignored.ios");
        expect(p.deployedAppCount).toBe(ids.length);
        await t.call("POST", `${IOS}/${id}/targetApps`, { apps: [], appGroupType: "allApps" });
        const all = t.emu.policy(TENANT, id).apps.length;
        await t.call("POST", `${IOS}/${id}/targetApps`, { apps: [], appGroupType: "allMicrosoftApps" });
        const ms = t.emu.policy(TENANT, id).apps.length;
        expect(all).toBeGreaterThan(ms);
        expect(ms).toBeGreaterThan(ids.length);
        // same app → same version string in another policy (stable hash)
        const apps = await t.call("GET", `${IOS}/${id}/apps`);
        expect(apps.json["@odata.context"]).toContain(`iosManagedAppProtections('${id}')/apps`);
        const outlook = apps.json.value.find((a: { id: string }) => a.id === "com.microsoft.office.outlook.ios");
        const c2 = await t.call("POST", IOS, iosBody({ apps: [app("com.microsoft.office.outlook")] }));
        const other = await t.call("GET", `${IOS}/${c2.json.id}/apps/com.microsoft.office.outlook.ios`);
        expect(other.json.version).toBe(outlook.version);
    });

    test("assign replaces assignments, collapses duplicates, sets isAssigned; GET assignments", async () => {
        const c = await t.call("POST", ANDROID, androidBody());
        const id = c.json.id;
        const g = (type: string, groupId: string) => ({
            target: { "@odata.type": `#microsoft.graph.${type}`, groupId },
        });
        let r = await t.call("POST", `${ANDROID}/${id}/assign`, {
            assignments: [
                g("groupAssignmentTarget", GROUP_A.id),
                g("groupAssignmentTarget", GROUP_A.id),
                g("exclusionGroupAssignmentTarget", GROUP_B.id),
            ],
        });
        expect(r.status).toBe(204);
        r = await t.call("GET", `${ANDROID}/${id}/assignments`);
        expect(r.json.value.map((a: { id: string }) => a.id)).toEqual([`${GROUP_A.id}_incl`, `${GROUP_B.id}_excl`]);
        expect(t.emu.policy(TENANT, id).isAssigned).toBe(true);
        r = await t.call("POST", `${ANDROID}/${id}/assign`, { assignments: [] });
        expect(r.status).toBe(204);
        expect(t.emu.policy(TENANT, id)).toMatchObject({ assignments: [], isAssigned: false });
    });

    test("list paging, $top, $select, $expand, $filter, $count", async () => {
        const t2 = await startTestEmulator({ pageSize: 3 });
        try {
            for (let n = 0; n < 7; n++) t2.emu.seedPolicy(TENANT, iosBody({ displayName: `P${n}` }));
            t2.emu.seedPolicy(TENANT, iosBody({ displayName: "O'Brien" }));
            let r = await t2.call("GET", IOS);
            expect(r.json.value).toHaveLength(3);
            const names: string[] = [];
            let next: string | undefined = `${IOS}`;
            while (next) {
                r = await t2.call("GET", next.replace(t2.emu.url, ""));
                names.push(...r.json.value.map((p: { displayName: string }) => p.displayName));
                next = r.json["@odata.nextLink"];
            }
            expect(names).toHaveLength(8);
            r = await t2.call("GET", `${IOS}?$top=5&$select=id,displayName&$count=true`);
            expect(r.json.value).toHaveLength(5);
            expect(r.json["@odata.count"]).toBe(8);
            expect(Object.keys(r.json.value[0]).sort()).toEqual(["displayName", "id"]);
            expect(r.json["@odata.nextLink"]).toContain("$select=id,displayName");
            r = await t2.call(
                "GET",
                `${IOS}?$filter=${encodeURIComponent("displayName eq 'O''Brien'")}&$expand=apps,assignments`,
            );
            expect(r.json.value).toHaveLength(1);
            expect(r.json.value[0]).toMatchObject({ displayName: "O'Brien", apps: [], assignments: [] });
            r = await t2.call("GET", `${IOS}?$select=nope`);
            expect(r.status).toBe(400);
            expect(r.json.error.message).toBe(
                "Could not find a property named 'nope' on type 'microsoft.management.services.api.iosManagedAppProtection'.",
            );
            const id = r.json && t2.emu.policies(TENANT)[0].id;
            r = await t2.call("GET", `${IOS}/${id}?$select=displayName,minimumPinLength`);
            expect(Object.keys(r.json).sort()).toEqual(["@odata.context", "displayName", "minimumPinLength"]);
        } finally {
            await t2.emu.close();
        }
    });

    test("complex values (keyValuePair) come back with every declared property; deploymentSummary", async () => {
        const c = await t.call(
            "POST",
            IOS,
            iosBody({
                exemptedAppProtocols: [
                    { "@odata.type": "microsoft.graph.keyValuePair", name: "Default", value: "tel;telprompt;" },
                    { name: "only-name" },
                ],
                allowedIosDeviceModels: "iPhone14,2;iPhone15,3",
            }),
        );
        expect(c.status).toBe(201);
        expect(c.json.exemptedAppProtocols).toEqual([
            { name: "Default", value: "tel;telprompt;" },
            { name: "only-name", value: null },
        ]);
        expect(c.json.allowedIosDeviceModels).toBe("iPhone14,2;iPhone15,3");
        const s = await t.call("GET", `${IOS}/${c.json.id}/deploymentSummary`);
        expect(s.json).toMatchObject({ displayName: "iOS baseline", configurationDeployedUserCount: 0 });
        const e = await t.call("GET", `${IOS}/${c.json.id}?$expand=deploymentSummary`);
        expect(e.json.deploymentSummary).toMatchObject({ configurationDeployedUserCount: 0 });
    });

    test("v1.0 prefix is accepted", async () => {
        const r = await t.call("GET", "/v1.0/deviceAppManagement/iosManagedAppProtections");
        expect(r.status).toBe(200);
    });

    test("403 without write permission and on an unlicensed tenant", async () => {
        const reader = await t.token(TENANT, READER, SECRET);
        expect((await t.call("GET", IOS, undefined, { token: reader })).status).toBe(200);
        const w = await t.call("POST", IOS, iosBody(), { token: reader });
        expect(w.status).toBe(403);
        expect(w.json.error.code).toBe("Forbidden");
        expect(w.json.error.message).toContain('"ErrorCode":"Forbidden"');
        expect(w.json.error.message).toContain("DeviceManagementApps.ReadWrite.All");
        const unlicensed = await t.token(UNLICENSED, CLIENT, SECRET);
        const u = await t.call("GET", IOS, undefined, { token: unlicensed });
        expect(u.status).toBe(403);
        expect(u.json.error.message).toContain("Intune license");
        // groups need a directory permission
        const g = await t.call("GET", `/beta/groups/${GROUP_A.id}`, undefined, { token: reader });
        expect(g.status).toBe(403);
        expect(g.json.error.code).toBe("Authorization_RequestDenied");
    });

    test("tenants are isolated", async () => {
        const other = "cccccccc-0000-4000-8000-000000000003";
        t.emu.addTenant({ tenantId: other, clients: [{ clientId: CLIENT, secret: SECRET }] });
        const tok = await t.token(other, CLIENT, SECRET);
        const r = await t.call("GET", IOS, undefined, { token: tok });
        expect(r.json.value).toEqual([]);
        expect(t.emu.policies(other)).toEqual([]);
    });

    test("groups: get by id and filter by displayName with $select", async () => {
        let r = await t.call("GET", `/beta/groups/${GROUP_A.id}?$select=id,displayName`);
        expect(r.status).toBe(200);
        expect(r.json).toMatchObject({ id: GROUP_A.id, displayName: GROUP_A.displayName });
        expect(Object.keys(r.json).sort()).toEqual(["@odata.context", "displayName", "id"]);
        r = await t.call(
            "GET",
            `/beta/groups?$filter=${encodeURIComponent(`displayName eq '${GROUP_B.displayName}'`)}&$select=id,displayName`,
        );
        expect(r.json.value).toEqual([{ id: GROUP_B.id, displayName: GROUP_B.displayName }]);
        t.emu.addGroup(TENANT, { id: "33333333-3333-4333-8333-333333333333", displayName: GROUP_B.displayName });
        r = await t.call(
            "GET",
            `/beta/groups?$filter=${encodeURIComponent(`displayName eq '${GROUP_B.displayName}'`)}`,
        );
        expect(r.json.value).toHaveLength(2); // display names are not unique
        r = await t.call("GET", "/beta/groups/44444444-4444-4444-8444-444444444444");
        expect(r.status).toBe(404);
        expect(r.json.error.code).toBe("Request_ResourceNotFound");
        expect(t.emu.count({ kind: "groups" })).toBeGreaterThanOrEqual(4);
    });

    test("test hooks: seedPolicy / modifyPolicy / deletePolicy", async () => {
        t.emu.clearLog();
        const seeded = t.emu.seedPolicy(
            TENANT,
            androidBody({ displayName: "seeded", periodOnlineBeforeAccessCheck: "PT60M" }),
        );
        expect(seeded.periodOnlineBeforeAccessCheck).toBe("PT1H");
        expect(t.emu.requests).toHaveLength(0);
        const v0 = seeded.version;
        t.emu.modifyPolicy(TENANT, seeded.id, {
            minimumPinLength: 8,
            assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: GROUP_A.id } }],
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": "#microsoft.graph.androidMobileAppIdentifier",
                        packageId: "com.microsoft.teams",
                    },
                },
            ],
        });
        const p = t.emu.policy(TENANT, seeded.id);
        expect(p).toMatchObject({ minimumPinLength: 8, isAssigned: true, deployedAppCount: 1 });
        expect(p.version).not.toBe(v0);
        expect(() => t.emu.seedPolicy(TENANT, { displayName: "no type" })).toThrow("Cannot create an abstract class.");
        t.emu.deletePolicy(TENANT, seeded.id);
        expect(t.emu.policy(TENANT, seeded.id)).toBeUndefined();
    });

    test("If-Match with a stale version → 412", async () => {
        const p = t.emu.seedPolicy(TENANT, iosBody());
        const r = await t.call(
            "PATCH",
            `${IOS}/${p.id}`,
            { minimumPinLength: 5 },
            { headers: { "If-Match": '"stale"' } },
        );
        expect(r.status).toBe(412);
        const ok = await t.call(
            "PATCH",
            `${IOS}/${p.id}`,
            { minimumPinLength: 5 },
            { headers: { "If-Match": p.version } },
        );
        expect(ok.status).toBe(204);
    });
});

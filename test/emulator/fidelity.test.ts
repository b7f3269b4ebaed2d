/**
 * The fidelity switches (`fidelity.ts`), each both ways, over HTTPS: what a client sees under
 * either behaviour. The provider under each is tested in `test/integration/fidelity.test.ts`.
 */
import { DEFAULT_FIDELITY } from "../../emulator/fidelity";
import {
    ANDROID,
    androidBody,
    BASE,
    GROUP_A,
    GROUP_B,
    IOS,
    iosBody,
    startTestEmulator,
    TENANT,
    TestEmulator,
} from "../support/emulator-kit";

const FILTER = "33333333-3333-4333-8333-333333333333";
const target = (type: string, groupId: string, filter = false) => ({
    target: {
        "@odata.type": `#microsoft.graph.${type}`,
        groupId,
        ...(filter
            ? {
                  deviceAndAppManagementAssignmentFilterId: FILTER,
                  deviceAndAppManagementAssignmentFilterType: "include",
              }
            : {}),
    },
});

describe("fidelity switches", () => {
    let t: TestEmulator;
    beforeAll(async () => {
        t = await startTestEmulator();
    });
    afterAll(() => t.emu.close());
    afterEach(() => t.emu.setFidelity(DEFAULT_FIDELITY));

    test("PATCH: 204 without a body by default, 200 with the updated entity when asked", async () => {
        const id = t.emu.seedPolicy(TENANT, iosBody()).id;
        const quiet = await t.call("PATCH", `${IOS}/${id}`, { minimumPinLength: 6 });
        expect(quiet.status).toBe(204);
        expect(quiet.text).toBe("");

        t.emu.setFidelity({ patchStatus: 200 });
        const loud = await t.call("PATCH", `${IOS}/${id}`, { minimumPinLength: 8 });
        expect(loud.status).toBe(200);
        expect(loud.json).toMatchObject({ id, minimumPinLength: 8, version: t.emu.policy(TENANT, id).version });
        expect(loud.json["@odata.context"]).toContain("$metadata#deviceAppManagement/iosManagedAppProtections");
        expect(loud.json).not.toHaveProperty("@odata.type");
        expect(loud.headers.get("etag")).toBe(t.emu.policy(TENANT, id).version);
    });

    test('flags enums: "unmanaged,mdm" by default, "unmanaged, mdm" when asked; stored the same either way', async () => {
        const id = t.emu.seedPolicy(TENANT, androidBody({ targetedAppManagementLevels: "mdm, unmanaged" })).id;
        expect((await t.call("GET", `${ANDROID}/${id}`)).json.targetedAppManagementLevels).toBe("unmanaged,mdm");

        t.emu.setFidelity({ flagsSeparator: ", " });
        expect((await t.call("GET", `${ANDROID}/${id}`)).json.targetedAppManagementLevels).toBe("unmanaged, mdm");
        const listed = (await t.call("GET", `${ANDROID}?$filter=displayName eq 'Android baseline'`)).json.value;
        expect(listed.find((p: any) => p.id === id).targetedAppManagementLevels).toBe("unmanaged, mdm");
        expect(t.emu.policy(TENANT, id).targetedAppManagementLevels).toBe("unmanaged,mdm");
        // a single member reads the same under both
        const single = t.emu.seedPolicy(TENANT, androidBody({ managedBrowser: "microsoftEdge" })).id;
        expect((await t.call("GET", `${ANDROID}/${single}`)).json.managedBrowser).toBe("microsoftEdge");
    });

    test("create defaults: null for the non-working-time action and the biometrics timeout, or the peers' values", async () => {
        const plain = (await t.call("POST", IOS, iosBody())).json;
        expect(plain).toMatchObject({
            appActionIfAccountIsClockedOut: null,
            pinRequiredInsteadOfBiometricTimeout: null,
        });

        t.emu.setFidelity({ createDefaults: "peers" });
        const peers = (await t.call("POST", ANDROID, androidBody())).json;
        expect(peers).toMatchObject({
            appActionIfAccountIsClockedOut: "block",
            pinRequiredInsteadOfBiometricTimeout: "PT30M",
        });
        const sent = (await t.call("POST", IOS, iosBody({ appActionIfAccountIsClockedOut: "warn" }))).json;
        expect(sent).toMatchObject({
            appActionIfAccountIsClockedOut: "warn",
            pinRequiredInsteadOfBiometricTimeout: "PT30M",
        });
    });

    test("@odata.type on the items of typed collection reads: absent by default, present when asked", async () => {
        const id = t.emu.seedPolicy(
            TENANT,
            iosBody({
                apps: [
                    {
                        mobileAppIdentifier: {
                            "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                            bundleId: "com.microsoft.office.outlook",
                        },
                    },
                ],
                assignments: [target("groupAssignmentTarget", GROUP_A.id)],
            }),
        ).id;
        const read = async () => ({
            list: (await t.call("GET", IOS)).json.value.find((p: any) => p.id === id),
            one: (await t.call("GET", `${IOS}/${id}?$expand=apps,assignments`)).json,
            apps: (await t.call("GET", `${IOS}/${id}/apps`)).json.value,
            base: (await t.call("GET", BASE)).json.value.find((p: any) => p.id === id),
        });
        const minimal = await read();
        expect(minimal.list).not.toHaveProperty("@odata.type");
        expect(minimal.one.apps[0]).not.toHaveProperty("@odata.type");
        expect(minimal.one.assignments[0]).not.toHaveProperty("@odata.type");
        expect(minimal.apps[0]).not.toHaveProperty("@odata.type");
        expect(minimal.base["@odata.type"]).toBe("#microsoft.graph.iosManagedAppProtection");

        t.emu.setFidelity({ odataTypeOnTypedItems: true });
        const annotated = await read();
        expect(annotated.list["@odata.type"]).toBe("#microsoft.graph.iosManagedAppProtection");
        expect(annotated.one.apps[0]["@odata.type"]).toBe("#microsoft.graph.managedMobileApp");
        expect(annotated.one.assignments[0]["@odata.type"]).toBe("#microsoft.graph.targetedManagedAppPolicyAssignment");
        expect(annotated.one.assignments[0].target["@odata.type"]).toBe("#microsoft.graph.groupAssignmentTarget");
        expect(annotated.apps[0]["@odata.type"]).toBe("#microsoft.graph.managedMobileApp");
        expect(t.emu.policy(TENANT, id).apps[0]).not.toHaveProperty("@odata.type");
    });

    test("an assignment filter on an exclusion group: rejected by default, stored when asked", async () => {
        const id = t.emu.seedPolicy(TENANT, iosBody()).id;
        const body = {
            assignments: [
                target("groupAssignmentTarget", GROUP_A.id, true),
                target("exclusionGroupAssignmentTarget", GROUP_B.id, true),
            ],
        };
        const rejected = await t.call("POST", `${IOS}/${id}/assign`, body);
        expect(rejected.status).toBe(400);
        expect(rejected.json.error.message).toMatch(/not supported on exclusion group assignments/);
        expect(t.emu.policy(TENANT, id).assignments).toEqual([]);
        // a filter on an included group is fine either way
        const included = await t.call("POST", `${IOS}/${id}/assign`, { assignments: [body.assignments[0]] });
        expect(included.status).toBe(204);

        t.emu.setFidelity({ exclusionFilters: "accept" });
        expect((await t.call("POST", `${IOS}/${id}/assign`, body)).status).toBe(204);
        expect(t.emu.policy(TENANT, id).assignments[1].target).toMatchObject({
            "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
            deviceAndAppManagementAssignmentFilterId: FILTER,
            deviceAndAppManagementAssignmentFilterType: "include",
        });
    });

    test("the model's new facts: purview is an enum on both platforms, developer options an Android action", async () => {
        const ios = await t.call("POST", IOS, iosBody({ purviewContentEvaluationRequired: "requiredWhenOnline" }));
        expect(ios.json.purviewContentEvaluationRequired).toBe("requiredWhenOnline");
        const android = await t.call(
            "POST",
            ANDROID,
            androidBody({ purviewContentEvaluationRequired: "required", appActionIfDeveloperOptionsEnabled: "warn" }),
        );
        expect(android.json).toMatchObject({
            purviewContentEvaluationRequired: "required",
            appActionIfDeveloperOptionsEnabled: "warn",
        });
        const boolean = await t.call("POST", IOS, iosBody({ purviewContentEvaluationRequired: true }));
        expect(boolean.status).toBe(400);
        const future = await t.call("POST", IOS, iosBody({ purviewContentEvaluationRequired: "unknownFutureValue" }));
        expect(future.json.error.message).toBe("Requested value 'unknownFutureValue' was not found.");
        const onIos = await t.call("POST", IOS, iosBody({ appActionIfDeveloperOptionsEnabled: "warn" }));
        expect(onIos.json.error.message).toMatch(/'appActionIfDeveloperOptionsEnabled' does not exist/);
        expect((await t.call("POST", ANDROID, androidBody())).json.appActionIfDeveloperOptionsEnabled).toBeNull();
    });
});

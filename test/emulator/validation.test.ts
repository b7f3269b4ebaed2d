import {
    androidBody,
    ANDROID,
    BASE,
    IOS,
    iosBody,
    startTestEmulator,
    TENANT,
    TestEmulator,
} from "../support/emulator-kit";

const NS = "microsoft.management.services.api";

describe("Graph validation (spec 5.2)", () => {
    let t: TestEmulator;
    let iosId: string;
    beforeAll(async () => {
        t = await startTestEmulator();
        iosId = t.emu.seedPolicy(TENANT, iosBody()).id;
    });
    afterAll(() => t.emu.close());

    async function expectError(
        method: string,
        path: string,
        body: unknown,
        status: number,
        code: string,
        message: string | RegExp,
    ) {
        const r = await t.call(method, path, body);
        expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status, code });
        if (typeof message === "string") expect(r.json.error.message).toBe(message);
        else expect(r.json.error.message).toMatch(message);
        expect(r.json.error.innerError).toMatchObject({
            date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
            "request-id": r.headers.get("request-id"),
            "client-request-id": r.headers.get("client-request-id"),
        });
        return r;
    }

    test("unknown property (create and PATCH)", async () => {
        const msg = `The property 'wifiBlocked' does not exist on type '${NS}.iosManagedAppProtection'. Make sure to only use property names that are defined by the type.`;
        const r = await expectError("POST", IOS, iosBody({ wifiBlocked: true }), 400, "ModelValidationFailure", msg);
        expect(r.json.error.innerError.message).toBe(msg);
        await expectError("PATCH", `${IOS}/${iosId}`, { wifiBlocked: true }, 400, "ModelValidationFailure", msg);
        // an Android-only property on iOS
        await expectError(
            "POST",
            IOS,
            iosBody({ encryptAppData: true }),
            400,
            "ModelValidationFailure",
            /property 'encryptAppData' does not exist on type '.*iosManagedAppProtection'/,
        );
        // unknown property inside a complex value
        await expectError(
            "POST",
            IOS,
            iosBody({ exemptedAppProtocols: [{ name: "a", value: "b", extra: 1 }] }),
            400,
            "ModelValidationFailure",
            `The property 'extra' does not exist on type '${NS}.keyValuePair'. Make sure to only use property names that are defined by the type.`,
        );
        // annotations are not properties
        expect(
            (await t.call("POST", IOS, iosBody({ "roleScopeTagIds@odata.type": "#Collection(String)" }))).status,
        ).toBe(201);
    });

    test("bad enum members (plain, flags, collections)", async () => {
        await expectError(
            "POST",
            IOS,
            iosBody({ appActionIfMaximumPinRetriesExceeded: "explode" }),
            400,
            "ModelValidationFailure",
            "Requested value 'explode' was not found.",
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { targetedAppManagementLevels: "unmanaged,bogus" },
            400,
            "ModelValidationFailure",
            "Requested value 'bogus' was not found.",
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { allowedDataStorageLocations: ["sharePoint", "dropbox"] },
            400,
            "ModelValidationFailure",
            "Requested value 'dropbox' was not found.",
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { pinCharacterSet: "Numeric" },
            400,
            "ModelValidationFailure",
            "Requested value 'Numeric' was not found.",
        );
        // flags enums are stored canonically
        expect(
            (await t.call("PATCH", `${IOS}/${iosId}`, { targetedAppManagementLevels: "mdm, unmanaged" })).status,
        ).toBe(204);
        expect(t.emu.policy(TENANT, iosId).targetedAppManagementLevels).toBe("unmanaged,mdm");
    });

    test("wrong JSON types", async () => {
        const conv = (lit: string, type: string) =>
            `Cannot convert the literal '${lit}' to the expected type '${type}'.`;
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { minimumPinLength: "6" },
            400,
            "ModelValidationFailure",
            conv("6", "Edm.Int32"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { minimumPinLength: 4.5 },
            400,
            "ModelValidationFailure",
            conv("4.5", "Edm.Int32"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { minimumPinLength: 3000000000 },
            400,
            "ModelValidationFailure",
            conv("3000000000", "Edm.Int32"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { pinRequired: "true" },
            400,
            "ModelValidationFailure",
            conv("true", "Edm.Boolean"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { displayName: 5 },
            400,
            "ModelValidationFailure",
            conv("5", "Edm.String"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { customBrowserProtocol: true },
            400,
            "ModelValidationFailure",
            conv("True", "Edm.String"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { periodOfflineBeforeAccessCheck: "12h" },
            400,
            "ModelValidationFailure",
            conv("12h", "Edm.Duration"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { periodOfflineBeforeAccessCheck: "P1M" },
            400,
            "ModelValidationFailure",
            conv("P1M", "Edm.Duration"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { periodOfflineBeforeAccessCheck: "PT" },
            400,
            "ModelValidationFailure",
            conv("PT", "Edm.Duration"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { periodOfflineBeforeAccessCheck: 720 },
            400,
            "ModelValidationFailure",
            conv("720", "Edm.Duration"),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { appDataEncryptionType: 3 },
            400,
            "ModelValidationFailure",
            conv("3", `${NS}.managedAppDataEncryptionType`),
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { exemptedUniversalLinks: "https://a" },
            400,
            "ModelValidationFailure",
            /A 'StartArray' node was expected/,
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { pinRequired: null },
            400,
            "ModelValidationFailure",
            /A null value was found for the property named 'pinRequired'.*Edm\.Boolean\[Nullable=False\]/,
        );
        // nullable properties accept null
        expect(
            (
                await t.call("PATCH", `${IOS}/${iosId}`, {
                    pinRequiredInsteadOfBiometricTimeout: null,
                    minimumRequiredOsVersion: null,
                })
            ).status,
        ).toBe(204);
    });

    test("durations are stored canonically", async () => {
        const r = await t.call("PATCH", `${IOS}/${iosId}`, {
            periodOfflineBeforeAccessCheck: "PT720M",
            periodOfflineBeforeWipeIsEnforced: "PT2160H",
            periodBeforePinReset: "P0D",
            periodOnlineBeforeAccessCheck: "PT90S",
            gracePeriodToBlockAppsDuringOffClockHours: "P1DT24H",
        });
        expect(r.status).toBe(204);
        expect(t.emu.policy(TENANT, iosId)).toMatchObject({
            periodOfflineBeforeAccessCheck: "PT12H",
            periodOfflineBeforeWipeIsEnforced: "P90D",
            periodBeforePinReset: "PT0S",
            periodOnlineBeforeAccessCheck: "PT1M30S",
            gracePeriodToBlockAppsDuringOffClockHours: "P2D",
        });
    });

    test("@odata.type: abstract, unknown, unrelated", async () => {
        await expectError(
            "POST",
            BASE,
            { displayName: "x" },
            400,
            "ModelValidationFailure",
            "Cannot create an abstract class.",
        );
        await expectError(
            "POST",
            BASE,
            { "@odata.type": "#microsoft.graph.targetedManagedAppProtection", displayName: "x" },
            400,
            "ModelValidationFailure",
            "Cannot create an abstract class.",
        );
        await expectError(
            "POST",
            IOS,
            iosBody({ "@odata.type": "#microsoft.graph.iosManagedAppProtectionX" }),
            400,
            "ModelValidationFailure",
            "A type named 'microsoft.graph.iosManagedAppProtectionX' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
        );
        await expectError(
            "POST",
            IOS,
            androidBody(),
            400,
            "ModelValidationFailure",
            `An entry with type '${NS}.androidManagedAppProtection' was found, but it is not assignable to the expected type '${NS}.iosManagedAppProtection'. The type specified in the entry must be equal to either the expected type or a derived type.`,
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { "@odata.type": "#microsoft.graph.androidManagedAppProtection" },
            400,
            "ModelValidationFailure",
            /is not assignable to the expected type/,
        );
        // @odata.type may be omitted on the typed set and given without '#'
        expect((await t.call("POST", IOS, { displayName: "no type" })).status).toBe(201);
        expect(
            (
                await t.call("POST", ANDROID, {
                    "@odata.type": "microsoft.graph.androidManagedAppProtection",
                    displayName: "no hash",
                })
            ).status,
        ).toBe(201);
    });

    test("mobileAppIdentifier must match the platform", async () => {
        const msg = "Property mobileAppIdentifier in payload has a value that does not match schema.";
        const apps = (ident: unknown) => ({
            apps: [{ mobileAppIdentifier: ident }],
            appGroupType: "selectedPublicApps",
        });
        await expectError(
            "POST",
            `${IOS}/${iosId}/targetApps`,
            apps({ "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId: "com.x" }),
            400,
            "BadRequest",
            msg,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/targetApps`,
            apps({ "@odata.type": "#microsoft.graph.iosMobileAppIdentifier" }),
            400,
            "BadRequest",
            msg,
        );
        await expectError("POST", `${IOS}/${iosId}/targetApps`, apps({ bundleId: "com.x" }), 400, "BadRequest", msg);
        await expectError(
            "POST",
            IOS,
            iosBody({
                apps: [
                    {
                        mobileAppIdentifier: {
                            "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                            packageId: "com.x",
                        },
                    },
                ],
            }),
            400,
            "BadRequest",
            msg,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/targetApps`,
            { apps: [], appGroupType: "someApps" },
            400,
            "ModelValidationFailure",
            "Requested value 'someApps' was not found.",
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/targetApps`,
            { apps: [], bogus: 1 },
            400,
            "ModelValidationFailure",
            "The parameter 'bogus' in the request payload is not a valid parameter for the operation 'targetApps'.",
        );
    });

    test("assignment targets: only include/exclude groups with GUID ids", async () => {
        const assign = (target: unknown) => ({ assignments: [{ target }] });
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            assign({ "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" }),
            400,
            "BadRequest",
            /Assignment target type 'microsoft.graph.allLicensedUsersAssignmentTarget' is not supported for app protection policies/,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            assign({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }),
            400,
            "BadRequest",
            /not supported for app protection policies/,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            assign({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "MAM Users" }),
            400,
            "BadRequest",
            /Invalid groupId 'MAM Users'/,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            assign({ "@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentTarget" }),
            400,
            "ModelValidationFailure",
            "Cannot create an abstract class.",
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            assign({
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                groupId: "11111111-1111-4111-8111-111111111111",
                deviceAndAppManagementAssignmentFilterType: "maybe",
            }),
            400,
            "ModelValidationFailure",
            "Requested value 'maybe' was not found.",
        );
        await expectError(
            "POST",
            IOS,
            iosBody({
                assignments: [{ target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } }],
            }),
            400,
            "BadRequest",
            /not supported for app protection policies/,
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/assign`,
            {},
            400,
            "ModelValidationFailure",
            /missing from the request payload. The missing parameters are: assignments\./,
        );
    });

    test("navigation properties are rejected in PATCH", async () => {
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { apps: [] },
            400,
            "BadRequest",
            /Navigation property 'apps' cannot be updated with PATCH.*targetApps/,
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            { assignments: [] },
            400,
            "BadRequest",
            /Navigation property 'assignments' cannot be updated with PATCH.*assign/,
        );
    });

    test("routing errors: unknown segment, unknown id, malformed JSON", async () => {
        await expectError(
            "GET",
            "/beta/deviceAppManagement/iosManagedAppProtectionz",
            undefined,
            400,
            "BadRequest",
            "Resource not found for the segment 'iosManagedAppProtectionz'.",
        );
        await expectError(
            "POST",
            `${IOS}/${iosId}/updateMobileAppIdentifierDeployments`,
            {},
            400,
            "BadRequest",
            "Resource not found for the segment 'updateMobileAppIdentifierDeployments'.",
        );
        await expectError(
            "GET",
            "/beta/deviceManagement",
            undefined,
            400,
            "BadRequest",
            "Resource not found for the segment 'deviceManagement'.",
        );
        const nf = await expectError(
            "DELETE",
            `${IOS}/T_00000000-0000-0000-0000-000000000000`,
            undefined,
            404,
            "ResourceNotFound",
            /"_version": 3/,
        );
        const inner = JSON.parse(nf.json.error.message);
        expect(inner).toMatchObject({
            _version: 3,
            CustomApiErrorPhrase: "",
            RetryAfter: null,
            ErrorSourceService: "",
            HttpHeaders: "{}",
        });
        expect(inner.Message).toMatch(
            /^An error has occurred - Operation ID \(for customer support\): .* - Activity ID: .* - Url: https:\/\/fef\..*MAMAdmin/,
        );
        await expectError(
            "PATCH",
            `${IOS}/${iosId}`,
            "{not json",
            400,
            "BadRequest",
            /Unable to read JSON request payload/,
        );
    });
});

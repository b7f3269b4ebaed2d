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
/** The seeded iOS policy; `{id}` in a path is replaced by its id. */
const POLICY = `${IOS}/{id}`;

/** A request Graph refuses, and the error it answers with. */
interface Rejection {
    /** What is wrong with the request (the test's name). */
    what: string;
    method: string;
    path: string;
    body: unknown;
    status: number;
    code: string;
    message: string | RegExp;
}

type Request = Pick<Rejection, "what" | "method" | "path" | "body">;
const post = (what: string, path: string, body: unknown): Request => ({ what, method: "POST", path, body });
const patch = (what: string, body: unknown): Request => ({ what, method: "PATCH", path: POLICY, body });
const get = (what: string, path: string): Request => ({ what, method: "GET", path, body: undefined });
/** 400 ModelValidationFailure: the payload does not fit the model. */
const invalid = (request: Request, message: string | RegExp): Rejection => ({
    ...request,
    status: 400,
    code: "ModelValidationFailure",
    message,
});
/** 400 BadRequest: the request is refused by the service's own rules. */
const badRequest = (request: Request, message: string | RegExp): Rejection => ({
    ...request,
    status: 400,
    code: "BadRequest",
    message,
});

const unknownProperty = (name: string, type: string) =>
    `The property '${name}' does not exist on type '${NS}.${type}'. Make sure to only use property names that are defined by the type.`;
const notFound = (value: string) => `Requested value '${value}' was not found.`;
const cannotConvert = (literal: string, type: string) =>
    `Cannot convert the literal '${literal}' to the expected type '${type}'.`;
const noSegment = (segment: string) => `Resource not found for the segment '${segment}'.`;
const appMismatch = "Property mobileAppIdentifier in payload has a value that does not match schema.";
const unsupportedTarget = /not supported for app protection policies/;

const targetApps = (identifier: unknown) => ({
    apps: [{ mobileAppIdentifier: identifier }],
    appGroupType: "selectedPublicApps",
});
const assign = (target: unknown) => ({ assignments: [{ target }] });

/** Each kind of request Graph refuses, by topic. */
const REJECTIONS: Record<string, Rejection[]> = {
    "unknown property (create and PATCH)": [
        invalid(
            post("on create", IOS, iosBody({ wifiBlocked: true })),
            unknownProperty("wifiBlocked", "iosManagedAppProtection"),
        ),
        invalid(patch("on PATCH", { wifiBlocked: true }), unknownProperty("wifiBlocked", "iosManagedAppProtection")),
        invalid(
            post("an Android-only property on iOS", IOS, iosBody({ encryptAppData: true })),
            /property 'encryptAppData' does not exist on type '.*iosManagedAppProtection'/,
        ),
        invalid(
            post(
                "inside a complex value",
                IOS,
                iosBody({ exemptedAppProtocols: [{ name: "a", value: "b", extra: 1 }] }),
            ),
            unknownProperty("extra", "keyValuePair"),
        ),
    ],
    "bad enum members (plain, flags, collections)": [
        invalid(post("plain", IOS, iosBody({ appActionIfMaximumPinRetriesExceeded: "explode" })), notFound("explode")),
        invalid(patch("flags", { targetedAppManagementLevels: "unmanaged,bogus" }), notFound("bogus")),
        invalid(patch("collection", { allowedDataStorageLocations: ["sharePoint", "dropbox"] }), notFound("dropbox")),
        invalid(patch("wrong case", { pinCharacterSet: "Numeric" }), notFound("Numeric")),
    ],
    "wrong JSON types": [
        invalid(patch("int as string", { minimumPinLength: "6" }), cannotConvert("6", "Edm.Int32")),
        invalid(patch("fraction as int", { minimumPinLength: 4.5 }), cannotConvert("4.5", "Edm.Int32")),
        invalid(patch("int out of range", { minimumPinLength: 3000000000 }), cannotConvert("3000000000", "Edm.Int32")),
        invalid(patch("boolean as string", { pinRequired: "true" }), cannotConvert("true", "Edm.Boolean")),
        invalid(patch("number as string", { displayName: 5 }), cannotConvert("5", "Edm.String")),
        invalid(patch("boolean as string value", { customBrowserProtocol: true }), cannotConvert("True", "Edm.String")),
        invalid(
            patch("duration, not ISO 8601", { periodOfflineBeforeAccessCheck: "12h" }),
            cannotConvert("12h", "Edm.Duration"),
        ),
        invalid(
            patch("duration in months", { periodOfflineBeforeAccessCheck: "P1M" }),
            cannotConvert("P1M", "Edm.Duration"),
        ),
        invalid(patch("empty duration", { periodOfflineBeforeAccessCheck: "PT" }), cannotConvert("PT", "Edm.Duration")),
        invalid(
            patch("duration as number", { periodOfflineBeforeAccessCheck: 720 }),
            cannotConvert("720", "Edm.Duration"),
        ),
        invalid(
            patch("enum as number", { appDataEncryptionType: 3 }),
            cannotConvert("3", `${NS}.managedAppDataEncryptionType`),
        ),
        invalid(
            patch("collection as string", { exemptedUniversalLinks: "https://a" }),
            /A 'StartArray' node was expected/,
        ),
        invalid(
            patch("null for a non-nullable property", { pinRequired: null }),
            /A null value was found for the property named 'pinRequired'.*Edm\.Boolean\[Nullable=False\]/,
        ),
    ],
    "@odata.type: abstract, unknown, unrelated": [
        invalid(post("no type on the base set", BASE, { displayName: "x" }), "Cannot create an abstract class."),
        invalid(
            post("abstract type", BASE, {
                "@odata.type": "#microsoft.graph.targetedManagedAppProtection",
                displayName: "x",
            }),
            "Cannot create an abstract class.",
        ),
        invalid(
            post("unknown type", IOS, iosBody({ "@odata.type": "#microsoft.graph.iosManagedAppProtectionX" })),
            "A type named 'microsoft.graph.iosManagedAppProtectionX' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
        ),
        invalid(
            post("another platform's type on create", IOS, androidBody()),
            `An entry with type '${NS}.androidManagedAppProtection' was found, but it is not assignable to the expected type '${NS}.iosManagedAppProtection'. The type specified in the entry must be equal to either the expected type or a derived type.`,
        ),
        invalid(
            patch("another platform's type on PATCH", {
                "@odata.type": "#microsoft.graph.androidManagedAppProtection",
            }),
            /is not assignable to the expected type/,
        ),
    ],
    "mobileAppIdentifier must match the platform": [
        badRequest(
            post(
                "an Android identifier",
                `${POLICY}/targetApps`,
                targetApps({ "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId: "com.x" }),
            ),
            appMismatch,
        ),
        badRequest(
            post(
                "an iOS identifier without bundleId",
                `${POLICY}/targetApps`,
                targetApps({ "@odata.type": "#microsoft.graph.iosMobileAppIdentifier" }),
            ),
            appMismatch,
        ),
        badRequest(
            post("an untyped identifier", `${POLICY}/targetApps`, targetApps({ bundleId: "com.x" })),
            appMismatch,
        ),
        badRequest(
            post(
                "a packageId on iOS, inline on create",
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
            ),
            appMismatch,
        ),
        invalid(
            post("an unknown app group type", `${POLICY}/targetApps`, { apps: [], appGroupType: "someApps" }),
            notFound("someApps"),
        ),
        invalid(
            post("an unknown parameter", `${POLICY}/targetApps`, { apps: [], bogus: 1 }),
            "The parameter 'bogus' in the request payload is not a valid parameter for the operation 'targetApps'.",
        ),
    ],
    "assignment targets: only include/exclude groups with GUID ids": [
        badRequest(
            post(
                "all licensed users",
                `${POLICY}/assign`,
                assign({ "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" }),
            ),
            /Assignment target type 'microsoft.graph.allLicensedUsersAssignmentTarget' is not supported for app protection policies/,
        ),
        badRequest(
            post(
                "all devices",
                `${POLICY}/assign`,
                assign({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" }),
            ),
            unsupportedTarget,
        ),
        badRequest(
            post(
                "a group name for its id",
                `${POLICY}/assign`,
                assign({ "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "MAM Users" }),
            ),
            /Invalid groupId 'MAM Users'/,
        ),
        invalid(
            post(
                "the abstract target",
                `${POLICY}/assign`,
                assign({ "@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentTarget" }),
            ),
            "Cannot create an abstract class.",
        ),
        invalid(
            post(
                "an unknown filter type",
                `${POLICY}/assign`,
                assign({
                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                    groupId: "11111111-1111-4111-8111-111111111111",
                    deviceAndAppManagementAssignmentFilterType: "maybe",
                }),
            ),
            notFound("maybe"),
        ),
        badRequest(
            post(
                "an unsupported target inline on create",
                IOS,
                iosBody({
                    assignments: [{ target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } }],
                }),
            ),
            unsupportedTarget,
        ),
        invalid(
            post("no assignments parameter", `${POLICY}/assign`, {}),
            /missing from the request payload. The missing parameters are: assignments\./,
        ),
    ],
    "navigation properties are rejected in PATCH": [
        badRequest(patch("apps", { apps: [] }), /Navigation property 'apps' cannot be updated with PATCH.*targetApps/),
        badRequest(
            patch("assignments", { assignments: [] }),
            /Navigation property 'assignments' cannot be updated with PATCH.*assign/,
        ),
    ],
    "routing errors: unknown segment, unknown action, malformed JSON": [
        badRequest(
            get("unknown collection", "/beta/deviceAppManagement/iosManagedAppProtectionz"),
            noSegment("iosManagedAppProtectionz"),
        ),
        badRequest(
            post("unknown action", `${POLICY}/updateMobileAppIdentifierDeployments`, {}),
            noSegment("updateMobileAppIdentifierDeployments"),
        ),
        badRequest(get("unserved root", "/beta/deviceManagement"), noSegment("deviceManagement")),
        badRequest(patch("malformed JSON", "{not json"), /Unable to read JSON request payload/),
    ],
};

describe("Graph validation (spec 5.2)", () => {
    let t: TestEmulator;
    let iosId: string;
    beforeAll(async () => {
        t = await startTestEmulator();
        iosId = t.emu.seedPolicy(TENANT, iosBody()).id;
    });
    afterAll(() => t.emu.close());

    /** Sends the request and checks Graph's error envelope: status, code, message and inner error. */
    async function expectError({ method, path, body, status, code, message }: Omit<Rejection, "what">) {
        const r = await t.call(method, path.replace("{id}", iosId), body);
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

    describe.each(Object.entries(REJECTIONS))("%s", (_topic, rejections) => {
        test.each(rejections)("$what ($method)", (rejection) => expectError(rejection));
    });

    test("an unknown property's message is repeated in the inner error", async () => {
        const r = await expectError(REJECTIONS["unknown property (create and PATCH)"][0]);
        expect(r.json.error.innerError.message).toBe(unknownProperty("wifiBlocked", "iosManagedAppProtection"));
    });

    test("annotations are not properties", async () => {
        expect(
            (await t.call("POST", IOS, iosBody({ "roleScopeTagIds@odata.type": "#Collection(String)" }))).status,
        ).toBe(201);
    });

    test("flags enums are stored canonically", async () => {
        expect(
            (await t.call("PATCH", `${IOS}/${iosId}`, { targetedAppManagementLevels: "mdm, unmanaged" })).status,
        ).toBe(204);
        expect(t.emu.policy(TENANT, iosId).targetedAppManagementLevels).toBe("unmanaged,mdm");
    });

    test("nullable properties accept null", async () => {
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

    test("@odata.type may be omitted on the typed set and given without '#'", async () => {
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

    test("an unknown id: 404 with Intune's JSON-in-message error", async () => {
        const nf = await expectError({
            method: "DELETE",
            path: `${IOS}/T_00000000-0000-0000-0000-000000000000`,
            body: undefined,
            status: 404,
            code: "ResourceNotFound",
            message: /"_version": 3/,
        });
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
    });
});

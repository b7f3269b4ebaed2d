/**
 * Inputs everywhere: every argument, and every list element and object field inside one, takes a
 * `pulumi.Input`, so outputs of other resources fit in any position.
 *
 * The type-level part is checked by `npm run typecheck` (this file is compiled with the rest of
 * `test/`): for every setting of the four policy types, derived from the generated output types, the
 * whole value, each list element and each object field may be an Output. A control assertion
 * shows the check can fail (the former `Input<T[]>` types refuse Outputs inside lists).
 * The runtime part registers policies with Outputs at those positions under Pulumi's mocks and
 * holds that the provider's `check` receives plain, valid values, in the canonical form the
 * resource classes register (sorted sets, `{ groupId }` as the id, implied `appGroupType`).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    AndroidAppProtectionPolicy,
    IosAppProtectionPolicy,
    ManagedAppConfiguration,
    WindowsAppProtectionPolicy,
    type AndroidAppProtectionPolicyArgs,
    type AndroidPolicySettings,
    type AndroidPolicySettingsOutputs,
    type AssignmentsArgs,
    type IosAppProtectionPolicyArgs,
    type IosPolicySettings,
    type IosPolicySettingsOutputs,
    type ManagedAppConfigurationArgs,
    type ManagedAppConfigurationSettings,
    type ManagedAppConfigurationSettingsOutputs,
    type WindowsAppProtectionPolicyArgs,
    type WindowsPolicySettings,
    type WindowsPolicySettingsOutputs,
} from "../../provider";
import * as runtime from "../../provider/engine/runtime";

// ---- Types ------------------------------------------------------------------------------------

/** The plain value type of each setting, from the generated outputs (`Output<T | undefined>`). */
type PlainSettings<Outputs> = {
    [K in keyof Outputs]-?: Outputs[K] extends pulumi.Output<infer T> ? NonNullable<T> : never;
};

/** The whole value as an Output. */
type WholeAsOutput<T> = pulumi.Output<T>;
/** Each list element as an Output (scalars: the whole value). */
type ElementsAsOutputs<T> = [T] extends [readonly (infer E)[]] ? pulumi.Output<E>[] : pulumi.Output<T>;
/** Each field of each object in a list as an Output (other values: as {@link ElementsAsOutputs}). */
type FieldsAsOutputs<T> = [T] extends [readonly (infer E)[]]
    ? [E] extends [object]
        ? { [F in keyof E]: pulumi.Output<E[F]> }[]
        : pulumi.Output<E>[]
    : pulumi.Output<T>;

type WithWhole<P> = { [K in keyof P]?: WholeAsOutput<P[K]> };
type WithElements<P> = { [K in keyof P]?: ElementsAsOutputs<P[K]> };
type WithFields<P> = { [K in keyof P]?: FieldsAsOutputs<P[K]> };
/** The argument types before inputs everywhere: `Input<T[]>`, no Outputs inside lists. */
type Shallow<P> = { [K in keyof P]?: pulumi.Input<P[K]> };

/** `true` when `From` is assignable to `To`. */
type Assignable<From, To> = [From] extends [To] ? true : false;
/** Keys whose plain type came out as `never` (would make the checks vacuous). */
type NeverKeys<P> = { [K in keyof P]: [P[K]] extends [never] ? K : never }[keyof P];

type IosPlain = PlainSettings<IosPolicySettingsOutputs>;
type AndroidPlain = PlainSettings<AndroidPolicySettingsOutputs>;
type WindowsPlain = PlainSettings<WindowsPolicySettingsOutputs>;
type AppConfigurationPlain = PlainSettings<ManagedAppConfigurationSettingsOutputs>;
type Optional<T> = Partial<T>;

/** Compile-time assertions: a wrong `true`/`false` here fails `npm run typecheck`. */
export const typeChecks: {
    iosWhole: Assignable<WithWhole<IosPlain>, Optional<IosPolicySettings>>;
    iosElements: Assignable<WithElements<IosPlain>, Optional<IosPolicySettings>>;
    iosFields: Assignable<WithFields<IosPlain>, Optional<IosPolicySettings>>;
    androidWhole: Assignable<WithWhole<AndroidPlain>, Optional<AndroidPolicySettings>>;
    androidElements: Assignable<WithElements<AndroidPlain>, Optional<AndroidPolicySettings>>;
    androidFields: Assignable<WithFields<AndroidPlain>, Optional<AndroidPolicySettings>>;
    windowsWhole: Assignable<WithWhole<WindowsPlain>, Optional<WindowsPolicySettings>>;
    windowsElements: Assignable<WithElements<WindowsPlain>, Optional<WindowsPolicySettings>>;
    windowsFields: Assignable<WithFields<WindowsPlain>, Optional<WindowsPolicySettings>>;
    appConfigurationWhole: Assignable<WithWhole<AppConfigurationPlain>, Optional<ManagedAppConfigurationSettings>>;
    appConfigurationElements: Assignable<
        WithElements<AppConfigurationPlain>,
        Optional<ManagedAppConfigurationSettings>
    >;
    appConfigurationFields: Assignable<WithFields<AppConfigurationPlain>, Optional<ManagedAppConfigurationSettings>>;
    /** Control: the check has teeth (shallow `Input<T[]>` args refuse Outputs inside lists). */
    shallowRefusesElements: Assignable<WithElements<IosPlain>, Shallow<IosPlain>>;
    shallowRefusesFields: Assignable<WithFields<AndroidPlain>, Shallow<AndroidPlain>>;
    /** Control: every setting has a real plain type. */
    iosNeverKeys: Assignable<NeverKeys<IosPlain>, never>;
    androidNeverKeys: Assignable<NeverKeys<AndroidPlain>, never>;
    windowsNeverKeys: Assignable<NeverKeys<WindowsPlain>, never>;
    appConfigurationNeverKeys: Assignable<NeverKeys<AppConfigurationPlain>, never>;
} = {
    iosWhole: true,
    iosElements: true,
    iosFields: true,
    androidWhole: true,
    androidElements: true,
    androidFields: true,
    windowsWhole: true,
    windowsElements: true,
    windowsFields: true,
    appConfigurationWhole: true,
    appConfigurationElements: true,
    appConfigurationFields: true,
    shallowRefusesElements: false,
    shallowRefusesFields: false,
    iosNeverKeys: true,
    androidNeverKeys: true,
    windowsNeverKeys: true,
    appConfigurationNeverKeys: true,
};

// ---- Runtime, under Pulumi's mocks ------------------------------------------------------------

const out = <T>(value: T) => pulumi.output(value);
const registered = new Map<string, Record<string, unknown>>();

beforeAll(() =>
    pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.set(args.name, args.inputs);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        "intune-inputs",
        "dev",
        false,
    ),
);

/** Assignments with an Output at every position: list elements, and each field of a target. */
const assignments: AssignmentsArgs = {
    include: [
        out("5a1c7e3b-2d4f-4e6a-8b9c-0d1e2f3a4b5c"),
        { groupName: out("Sales"), filterId: out("3c0e5c1e-9e0a-4b4e-8d1f-1f2a3b4c5d6e"), filterType: out("include") },
    ],
    exclude: out([out({ groupId: out("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b") })]),
};

const iosArgs: IosAppProtectionPolicyArgs = {
    displayName: out("Sales iOS"),
    apps: [out("com.microsoft.office.outlook"), "com.microsoft.skype.teams"],
    assignments: out(assignments),
    roleScopeTagIds: [out("0")],
    allowedIosDeviceModels: [out("iPhone"), "iPad"],
    allowedDataStorageLocations: [out("oneDriveForBusiness" as const), "sharePoint"],
    exemptedAppProtocols: [{ name: out("Skype"), schemes: out("skype") }, out({ name: "Maps", schemes: "maps" })],
    targetedAppManagementLevels: out([out("unmanaged" as const)]),
};

const androidArgs: AndroidAppProtectionPolicyArgs = {
    displayName: "Sales Android",
    apps: out([out("com.microsoft.office.outlook")]),
    assignments,
    allowedAndroidDeviceManufacturers: [out("Samsung"), "Google"],
    keyboardsRestricted: out(true),
    approvedKeyboards: [{ packageId: out("com.touchtype.swiftkey"), name: out("SwiftKey") }],
    exemptedAppPackages: [out({ name: "Dialer", packageId: "com.android.dialer" })],
};

const windowsArgs: WindowsAppProtectionPolicyArgs = {
    displayName: out("Edge on personal Windows"),
    apps: [out("com.microsoft.edge")],
    assignments,
    allowedInboundDataTransferSourceApps: [out("oneDriveForBusiness" as const)],
    printBlocked: out(true),
};

const appConfigurationArgs: ManagedAppConfigurationArgs = {
    displayName: "Outlook settings",
    apps: { ios: [out("com.microsoft.office.outlook")], android: out([out("com.microsoft.office.outlook")]) },
    assignments,
    customSettings: [
        { name: out("com.microsoft.outlook.Mail.FocusedInbox"), value: out("false") },
        out({ name: "IntuneMAMUPN", value: "{{userprincipalname}}" }),
    ],
};

/** The inputs the engine hands to the provider's `check` for one registered policy. */
async function registeredInputs(resource: pulumi.CustomResource, name: string): Promise<Record<string, unknown>> {
    await new Promise((resolve) => resource.urn.apply(resolve));
    const inputs = registered.get(name);
    if (!inputs) throw new Error(`${name} was not registered`);
    return inputs;
}

describe("Outputs inside lists and objects", () => {
    it("reach the iOS provider as plain values that check accepts", async () => {
        const inputs = await registeredInputs(new IosAppProtectionPolicy("ios", iosArgs), "ios");
        expect(inputs).toMatchObject({
            displayName: "Sales iOS",
            apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
            roleScopeTagIds: ["0"],
            appGroupType: "selectedPublicApps",
            allowedIosDeviceModels: ["iPad", "iPhone"],
            allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
            exemptedAppProtocols: [
                { name: "Maps", schemes: "maps" },
                { name: "Skype", schemes: "skype" },
            ],
            targetedAppManagementLevels: ["unmanaged"],
            assignments: {
                include: [
                    "5a1c7e3b-2d4f-4e6a-8b9c-0d1e2f3a4b5c",
                    {
                        groupName: "Sales",
                        filterId: "3c0e5c1e-9e0a-4b4e-8d1f-1f2a3b4c5d6e",
                        filterType: "include",
                    },
                ],
                exclude: ["9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"],
            },
        });
        expect((await runtime.check("ios", {}, inputs)).failures).toEqual([]);
    });

    it("reach the Android provider as plain values that check accepts", async () => {
        const inputs = await registeredInputs(new AndroidAppProtectionPolicy("android", androidArgs), "android");
        expect(inputs).toMatchObject({
            apps: ["com.microsoft.office.outlook"],
            allowedAndroidDeviceManufacturers: ["Google", "Samsung"],
            approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey" }],
            exemptedAppPackages: [{ name: "Dialer", packageId: "com.android.dialer" }],
        });
        expect((await runtime.check("android", {}, inputs)).failures).toEqual([]);
    });

    it("reach the Windows provider as plain values that check accepts", async () => {
        const inputs = await registeredInputs(new WindowsAppProtectionPolicy("windows", windowsArgs), "windows");
        expect(inputs).toMatchObject({
            apps: ["com.microsoft.edge"],
            allowedInboundDataTransferSourceApps: ["oneDriveForBusiness"],
            printBlocked: true,
        });
        expect((await runtime.check("windows", {}, inputs)).failures).toEqual([]);
    });

    it("reach the app configuration provider as plain values that check accepts", async () => {
        const inputs = await registeredInputs(
            new ManagedAppConfiguration("configuration", appConfigurationArgs),
            "configuration",
        );
        expect(inputs).toMatchObject({
            apps: { ios: ["com.microsoft.office.outlook"], android: ["com.microsoft.office.outlook"] },
            appGroupType: "selectedPublicApps",
            customSettings: [
                { name: "IntuneMAMUPN", value: "{{userprincipalname}}" },
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
            ],
        });
        expect((await runtime.check("appConfiguration", {}, inputs)).failures).toEqual([]);
    });
});

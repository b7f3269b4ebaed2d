/**
 * examples/azuread-groups under Pulumi's mocks: the program registers two Entra ID groups with
 * @pulumi/azuread and assigns the policies to their object ids. Mocks never start a provider, so
 * neither the azuread plugin (not downloadable here) nor a tenant is needed.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { baselines } from "../../provider";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "azuread-groups");
const GROUP = "azuread:index/group:Group";
const IOS = "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy";
const ANDROID = "pulumi-nodejs:dynamic/intune:AndroidAppProtectionPolicy";

const registered: pulumi.runtime.MockResourceArgs[] = [];
/** The object id the mock gives each group: Entra ID would assign a GUID. */
const objectIdOf = (name: string) => `${name}-object-id`;

let program: Record<string, pulumi.Output<unknown>>;

beforeAll(async () => {
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                registered.push(args);
                const state: Record<string, unknown> = { ...args.inputs };
                if (args.type === GROUP) state.objectId = objectIdOf(args.name);
                return { id: `${args.name}-id`, state };
            },
            call: (args) => args.inputs,
        },
        "intune-azuread-groups",
        "dev",
        false,
    );
    program = require(EXAMPLE);
    // Every resource is registered once its inputs (the group ids) are resolved.
    await Promise.all(Object.values(program).map((output) => new Promise((resolve) => output.apply(resolve))));
});

const ofType = (type: string) => registered.filter((r) => r.type === type);
const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

it("registers the two groups as security groups", () => {
    const groups = ofType(GROUP);
    expect(groups.map((g) => g.name).sort()).toEqual(["break-glass", "mobile-users"]);
    for (const group of groups) {
        expect(group.inputs).toMatchObject({
            securityEnabled: true,
            mailEnabled: false,
            displayName: expect.stringMatching(/^Intune - /),
        });
    }
});

it("assigns both policies to the groups' object ids: mobile users included, break glass excluded", () => {
    const policies = [...ofType(IOS), ...ofType(ANDROID)];
    expect(policies.map((p) => p.name).sort()).toEqual(["mobile-android", "mobile-ios"]);
    for (const policy of policies) {
        expect(policy.inputs.assignments).toEqual({
            include: [objectIdOf("mobile-users")],
            exclude: [objectIdOf("break-glass")],
        });
    }
});

it("registers the policies only after the groups: their assignments wait for the object ids", () => {
    const lastGroup = Math.max(...ofType(GROUP).map((g) => registered.indexOf(g)));
    for (const policy of [...ofType(IOS), ...ofType(ANDROID)])
        expect(registered.indexOf(policy)).toBeGreaterThan(lastGroup);
});

it("builds the policies from the Level 2 presets", () => {
    const [ios] = ofType(IOS);
    const [android] = ofType(ANDROID);
    expect(ios.inputs).toMatchObject({
        ...baselines.ios.level2EnterpriseEnhanced,
        displayName: "Mobile users - iOS/iPadOS",
    });
    expect(android.inputs).toMatchObject({
        ...baselines.android.level2EnterpriseEnhanced,
        displayName: "Mobile users - Android",
    });
});

it("exports the group ids", async () => {
    expect(await valueOf(program.mobileUsersGroupId)).toBe(objectIdOf("mobile-users"));
    expect(await valueOf(program.breakGlassGroupId)).toBe(objectIdOf("break-glass"));
});

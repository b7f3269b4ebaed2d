/**
 * Output properties of the policy classes, under Pulumi's mocks: every catalog setting is an
 * output, but only declared settings (and Graph's computed fields) are registered with the engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { AndroidAppProtectionPolicy, IosAppProtectionPolicy } from "../../provider";
import { platforms } from "../../provider/settings/platforms";

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

beforeAll(() =>
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, version: "v1" } }),
            call: (args) => args.inputs,
        },
        "intune-outputs",
        "dev",
        false,
    ),
);

describe.each([
    ["ios", IosAppProtectionPolicy, "faceIdBlocked"],
    ["android", AndroidAppProtectionPolicy, "screenCaptureBlocked"],
] as const)("%s policy outputs", (platform, Policy, undeclared) => {
    const make = (name: string) => new Policy(name, { displayName: "Outputs", pinRequired: true, minimumPinLength: 6 });

    it("registers only the declared settings and the computed fields, not the whole catalog", () => {
        const policy = make(`${platform}-registered`);
        const registered = Object.keys(policy).filter((key) => key in platforms[platform].settings);
        expect(registered.sort()).toEqual(["displayName", "minimumPinLength", "pinRequired"]);
        expect(Object.keys(platforms[platform].settings).length).toBeGreaterThan(70);
    });

    it("resolves declared settings and computed fields from the state", async () => {
        const policy = make(`${platform}-declared`);
        expect(await valueOf(policy.minimumPinLength)).toBe(6);
        expect(await valueOf(policy.pinRequired)).toBe(true);
        expect(await valueOf(policy.version)).toBe("v1");
    });

    it("answers a setting that is not declared with an output of the resource that resolves to undefined", async () => {
        const policy = make(`${platform}-undeclared`) as unknown as Record<string, pulumi.Output<unknown>> &
            pulumi.CustomResource;
        expect(Object.prototype.hasOwnProperty.call(policy, undeclared)).toBe(false);
        const output = policy[undeclared];
        expect(pulumi.Output.isInstance(output)).toBe(true);
        expect(policy[undeclared]).toBe(output); // one output per resource and key
        expect(await valueOf(output)).toBeUndefined();
        // it depends on the policy, like any output of it: a consumer waits for the policy
        const dependsOn = await (output as any).allResources();
        expect([...dependsOn]).toContain(policy);
    });

    it("keeps each resource's unmanaged outputs apart", async () => {
        const a = make(`${platform}-a`) as unknown as Record<string, pulumi.Output<unknown>>;
        const b = make(`${platform}-b`) as unknown as Record<string, pulumi.Output<unknown>>;
        expect(a[undeclared]).not.toBe(b[undeclared]);
    });
});

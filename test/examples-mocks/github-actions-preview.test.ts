/**
 * examples/github-actions-preview under Pulumi's mocks: the program its pull-request workflow
 * previews meets every rule of the Zero Trust policy pack, advisory ones included, so the CI
 * preview it documents shows no violation.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { platformOfType, evaluateAll } from "../../policy-pack/rules";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "github-actions-preview");
const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
    pulumi.runtime.setConfig("intune-ci-preview:mobileUsersGroupId", "5c1f7a3e-2d4b-4e8f-9a6c-1b2d3e4f5a6b");
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                registered.push(args);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        "intune-ci-preview",
        "ci",
        true,
    );
    const program: Record<string, pulumi.Output<unknown>> = require(EXAMPLE);
    await Promise.all(Object.values(program).map((output) => new Promise((resolve) => output.apply(resolve))));
});

it("registers one iOS and one Android policy assigned to the configured group", () => {
    expect(registered.map((r) => r.type).sort()).toEqual([
        "pulumi-nodejs:dynamic/intune:AndroidAppProtectionPolicy",
        "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy",
    ]);
    for (const policy of registered)
        expect(policy.inputs.assignments).toEqual({ include: ["5c1f7a3e-2d4b-4e8f-9a6c-1b2d3e4f5a6b"] });
});

it("meets every Zero Trust rule", () => {
    for (const policy of registered) {
        const platform = platformOfType(policy.type)!;
        expect(platform).toBeDefined();
        expect(evaluateAll(platform, policy.inputs)).toEqual({});
    }
});

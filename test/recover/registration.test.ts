/**
 * What a policy registers, under Pulumi's mocks: the owner its create's marker will name, and
 * the `import` option taken as adoptPolicyId (Pulumi's own import crashes the dynamic provider host).
 */
import type * as pulumi from "@pulumi/pulumi";
import { useRegistrationMocks } from "../support/mocks";

const registered = useRegistrationMocks("intune", "prod", "acme");

async function register(name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    const intune: typeof import("../../provider") = require("../../provider");
    const policy = new intune.IosAppProtectionPolicy(name, { displayName: name, ...args }, opts);
    await new Promise((resolve) => policy.id.apply(resolve));
    return registered.find((r) => r.name === name)!;
}

describe("a policy's registration", () => {
    it("names its stack and resource as the owner of what its create makes", async () => {
        const args = await register("sales-ios", {});
        expect(args.inputs.__owner).toBe("acme/intune/prod\nsales-ios");
        expect(args.id).toBeFalsy();
    });

    it("takes the import option as adoptPolicyId instead of Pulumi's import", async () => {
        const args = await register("imported", {}, { import: "T_11111111-2222-3333-4444-555555555555" });
        expect(args.inputs.adoptPolicyId).toBe("T_11111111-2222-3333-4444-555555555555");
        expect(args.id).toBeFalsy(); // no import request reaches the engine
    });

    it("fails at preview when import and adoptPolicyId name different policies, naming both", () => {
        const intune: typeof import("../../provider") = require("../../provider");
        expect(
            () =>
                new intune.IosAppProtectionPolicy(
                    "both",
                    { displayName: "both", adoptPolicyId: "T_a" },
                    { import: "T_b" },
                ),
        ).toThrow(
            /the import option \("T_b"\) and adoptPolicyId \("T_a"\) must not both be given.*keep adoptPolicyId only/,
        );
    });
});

// End-to-end test program: declares the policies listed in the JSON file named by E2E_POLICIES,
// so each test step can change what the program declares without editing code.
// An argument written as { "$after": "<earlier resource name>", "value": X } becomes an Output
// that resolves to X once that resource has its id: unknown during the preview of a new stack,
// as an Output of a resource still to be created is.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";
import type { Declared } from "../../support/declared";

const policies: Declared[] = JSON.parse(fs.readFileSync(process.env.E2E_POLICIES!, "utf8"));
const declared: Record<string, pulumi.CustomResource> = {};

function resolveArg(value: unknown): unknown {
    const ref = value as { $after?: string; value?: unknown } | null;
    if (ref && typeof ref === "object" && typeof ref.$after === "string") {
        return declared[ref.$after].id.apply(() => ref.value);
    }
    return value;
}

/** The resource class of each policy type. */
const classes: Record<Declared["platform"], new (name: string, args: never) => pulumi.CustomResource> = {
    ios: intune.IosAppProtectionPolicy,
    android: intune.AndroidAppProtectionPolicy,
    windows: intune.WindowsAppProtectionPolicy,
    appConfiguration: intune.ManagedAppConfiguration,
};

for (const { platform, name, args } of policies) {
    const resolved = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, resolveArg(v)]));
    declared[name] = new classes[platform](name, resolved as never);
}

export const policyIds = Object.fromEntries(Object.entries(declared).map(([name, p]) => [name, p.id]));

// Benchmark program: declares the policies listed in the JSON file named by BENCH_POLICIES
// (written by bench/run.ts), so each phase can change what the program declares without code.
//
// BENCH_OUTPUTS=lean is a what-if for a proposed change (see bench/README.md): the same provider
// and type tokens, but only the declared settings and Graph's computed fields become output
// properties, instead of every setting of the catalog.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as intune from "pulumi-intune-app-protection";

interface DeclaredPolicy {
    platform: "ios" | "android";
    name: string;
    args: Record<string, unknown>;
}

const policies: DeclaredPolicy[] = JSON.parse(fs.readFileSync(process.env.BENCH_POLICIES!, "utf8"));

if (process.env.BENCH_OUTPUTS === "lean") {
    const { makeProvider } = require("pulumi-intune-app-protection/dist/provider/resources/dynamicProvider");
    const { SERVER_FIELDS } = require("pulumi-intune-app-protection/dist/provider/engine/state");
    const providers = { ios: makeProvider("ios"), android: makeProvider("android") };
    const types = { ios: "IosAppProtectionPolicy", android: "AndroidAppProtectionPolicy" };
    const computed = Object.fromEntries([...SERVER_FIELDS.filter((key: string) => key !== "id"), "assignedGroupIds"].map((key: string) => [key, undefined]));
    class Policy extends pulumi.dynamic.Resource {}
    for (const { platform, name, args } of policies) {
        new Policy(providers[platform], name, { ...computed, ...args }, {}, "intune", types[platform]);
    }
} else {
    for (const { platform, name, args } of policies) {
        if (platform === "ios") new intune.IosAppProtectionPolicy(name, args as unknown as intune.IosAppProtectionPolicyArgs);
        else new intune.AndroidAppProtectionPolicy(name, args as unknown as intune.AndroidAppProtectionPolicyArgs);
    }
}

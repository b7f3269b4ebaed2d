// Benchmark program: declares the policies listed in the JSON file named by BENCH_POLICIES
// (written by bench/run.ts), so each phase can change what the program declares without code.
import * as fs from "fs";
import * as intune from "pulumi-intune-app-protection";

interface DeclaredPolicy {
    platform: "ios" | "android";
    name: string;
    args: Record<string, unknown>;
}

const policies: DeclaredPolicy[] = JSON.parse(fs.readFileSync(process.env.BENCH_POLICIES!, "utf8"));

for (const { platform, name, args } of policies) {
    if (platform === "ios")
        new intune.IosAppProtectionPolicy(name, args as unknown as intune.IosAppProtectionPolicyArgs);
    else new intune.AndroidAppProtectionPolicy(name, args as unknown as intune.AndroidAppProtectionPolicyArgs);
}

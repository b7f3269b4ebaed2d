// Live acceptance suite program: declares the policies listed in the JSON file named by
// LIVE_POLICIES, so each step of the suite can change what the program declares.
import * as fs from "fs";
import * as intune from "pulumi-intune-app-protection";

interface DeclaredPolicy {
    platform: "ios" | "android";
    name: string;
    args: Record<string, unknown>;
}

const policies: DeclaredPolicy[] = JSON.parse(fs.readFileSync(process.env.LIVE_POLICIES!, "utf8"));
const ids: Record<string, unknown> = {};
for (const { platform, name, args } of policies) {
    const policy =
        platform === "ios"
            ? new intune.IosAppProtectionPolicy(name, args as unknown as intune.IosAppProtectionPolicyArgs)
            : new intune.AndroidAppProtectionPolicy(name, args as unknown as intune.AndroidAppProtectionPolicyArgs);
    ids[name] = policy.id;
}

export const policyIds = ids;

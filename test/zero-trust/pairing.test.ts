/**
 * The AppProtectionPairing component under Pulumi's mocks (no provider or tenant is started): it
 * registers an iOS and an Android policy at the framework level and the azuread Conditional
 * Access policy requiring app protection for iOS and Android, report-only first; the policy pack's
 * own rule functions judge what it registers, as `pulumi preview --policy-pack` would.
 */
import { evaluateAll, platformOfType, zeroTrustRules } from "../../policy-pack/rules";
import { evaluateStack } from "../../policy-pack/stack-rules";
import { CONDITIONAL_ACCESS_TYPE, stackFromResources, type ProgramResource } from "../../policy-pack/stack-view";
import { useRegistrationMocks } from "../support/mocks";

const registered = useRegistrationMocks("zero-trust-pairing", "dev");

let zeroTrust: typeof import("../../provider/zero-trust");

beforeAll(async () => {
    zeroTrust = await import("../../provider/zero-trust");
    const settle = (pairing: InstanceType<typeof zeroTrust.AppProtectionPairing>) =>
        Promise.all(
            [pairing.ios.id, pairing.android.id, pairing.conditionalAccess.id].map(
                (id) => new Promise((resolve) => id.apply(resolve)),
            ),
        );
    await settle(
        new zeroTrust.AppProtectionPairing("rollout", { includeGroups: ["users"], excludeGroups: ["break-glass"] }),
    );
    await settle(
        new zeroTrust.AppProtectionPairing("enforced", {
            includeGroups: ["users"],
            conditionalAccessState: "enabled",
            level: "level3EnterpriseHigh",
            ios: { customDialerAppProtocol: "ciscotel" },
        }),
    );
});

/** The resources of one pairing, as the pack's stack policies see them. */
const resourcesOf = (prefix: string): ProgramResource[] =>
    registered
        .filter((r) => r.name.startsWith(`${prefix}-`))
        .map((r) => ({ type: r.type, name: r.name, props: r.inputs }));

it("registers the two policies and the Conditional Access policy, report-only by default", () => {
    const byName = Object.fromEntries(resourcesOf("rollout").map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(["rollout-android", "rollout-ios", "rollout-require-app-protection"]);
    expect(platformOfType(byName["rollout-ios"].type)?.name).toBe("ios");
    expect(platformOfType(byName["rollout-android"].type)?.name).toBe("android");
    expect(byName["rollout-ios"].props).toMatchObject({
        displayName: "rollout iOS",
        dataBackupBlocked: true,
        assignments: { include: ["users"], exclude: ["break-glass"] },
    });
    const ca = byName["rollout-require-app-protection"];
    expect(ca.type).toBe(CONDITIONAL_ACCESS_TYPE);
    expect(ca.props).toMatchObject({
        state: "enabledForReportingButNotEnforced",
        conditions: {
            clientAppTypes: ["all"],
            platforms: { includedPlatforms: ["iOS", "android"] },
            users: { includedGroups: ["users"], excludedGroups: ["break-glass"] },
        },
        grantControls: { operator: "OR", builtInControls: ["compliantApplication"] },
    });
});

it("passes every mandatory rule of the pack, per policy and for the stack", () => {
    for (const prefix of ["rollout", "enforced"]) {
        const resources = resourcesOf(prefix);
        for (const resource of resources) {
            const platform = platformOfType(resource.type);
            if (!platform) continue;
            const mandatory = Object.keys(evaluateAll(platform, resource.props)).filter(
                (name) => zeroTrustRules.find((r) => r.name === name)!.enforcementLevel === "mandatory",
            );
            expect([resource.name, mandatory]).toEqual([resource.name, []]);
        }
        const stack = evaluateStack(stackFromResources(resources));
        expect(stack["ios-app-protection-assigned"]).toBeUndefined();
        expect(stack["android-app-protection-assigned"]).toBeUndefined();
    }
});

it("24827: report-only is reported until the Conditional Access policy is enabled", () => {
    const rollout = evaluateStack(stackFromResources(resourcesOf("rollout")));
    expect(rollout["conditional-access-requires-app-protection"][0]).toContain(
        '"rollout-require-app-protection" only report (report-only): switch state to "enabled"',
    );
    const enforced = evaluateStack(stackFromResources(resourcesOf("enforced")));
    expect(enforced["conditional-access-requires-app-protection"]).toBeUndefined();
});

it("refuses an unknown framework level naming it", () => {
    expect(
        () => new zeroTrust.AppProtectionPairing("odd", { includeGroups: ["users"], level: "level4" as never }),
    ).toThrow(
        /odd: level is "level4"; use one of level1EnterpriseBasic, level2EnterpriseEnhanced, level3EnterpriseHigh/,
    );
});

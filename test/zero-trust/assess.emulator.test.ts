/**
 * The tenant assessment against the Graph emulator over HTTPS (real @azure/identity and Graph
 * client): a tenant that passes every Zero Trust check and one that fails each of them, judged by
 * the policy pack's own rule functions; Conditional Access and the Defender connector read through
 * Graph; a missing permission fails its check naming the permission; the exit code tells CI.
 */
import { randomUUID } from "crypto";
import { seedZeroTrustConfig } from "../../emulator/conditional-access";
import { EXIT_FAILED, main } from "../../provider/assess";
import { DEFENDER_CONNECTOR_ID } from "../../policy-pack/stack-rules";
import { frameworkPolicies } from "../support/framework";
import { useEmulator } from "../support/provider";
import { graphAssignments } from "../export/support";

jest.setTimeout(120_000);

const ROLES = ["DeviceManagementApps.Read.All", "Policy.Read.All", "DeviceManagementServiceConfig.Read.All"];
const GROUP = randomUUID();

interface Tenant {
    tenantId: string;
    clientId: string;
    secret: string;
}
const newTenant = (): Tenant => ({ tenantId: randomUUID(), clientId: randomUUID(), secret: `s-${randomUUID()}` });
const good = newTenant();
const bad = newTenant();
const denied = newTenant();
const empty = newTenant();

const framework = (platform: "ios" | "android", level: 1 | 2 | 3) =>
    structuredClone(frameworkPolicies().find((p) => p.platform === platform && p.level === level)!.json);

const caPolicy = (state: string, includePlatforms: string[]) => ({
    id: randomUUID(),
    displayName: `Require app protection (${state})`,
    state,
    conditions: {
        clientAppTypes: ["all"],
        applications: { includeApplications: ["Office365"] },
        users: { includeUsers: ["All"] },
        platforms: { includePlatforms, excludePlatforms: [] },
    },
    grantControls: { operator: "OR", builtInControls: ["compliantApplication"] },
});

const defender = (androidEnabled: boolean) => ({
    id: DEFENDER_CONNECTOR_ID,
    partnerState: "enabled",
    androidEnabled,
    iosEnabled: true,
});

function seed(): void {
    // Passes: Level 3 on both platforms with the workshop's extras, assigned; enforced CA; Defender on.
    suite.emulator.seedPolicy(good.tenantId, {
        ...framework("ios", 3),
        displayName: "ZT iOS",
        contactSyncBlocked: true,
        customDialerAppProtocol: "ciscotel",
        minimumRequiredAppVersion: "1.0",
        assignments: graphAssignments([GROUP]),
    });
    suite.emulator.seedPolicy(good.tenantId, {
        ...framework("android", 3),
        displayName: "ZT Android",
        contactSyncBlocked: true,
        minimumRequiredAppVersion: "1.0",
        appActionIfSamsungKnoxAttestationRequired: "blockWhenSettingIsSupported",
        assignments: graphAssignments([GROUP]),
    });
    seedZeroTrustConfig(good.tenantId, {
        conditionalAccessPolicies: [caPolicy("enabled", ["iOS", "android"])],
        mtdConnectors: [defender(true)],
    });

    // Fails: a weak iOS policy assigned, the Android one unassigned, CA only report-only, Defender without Android.
    suite.emulator.seedPolicy(bad.tenantId, {
        ...framework("ios", 1),
        displayName: "Weak iOS",
        deviceComplianceRequired: false,
        periodOnlineBeforeAccessCheck: "PT60M",
        pinRequired: false,
        assignments: graphAssignments([GROUP]),
    });
    suite.emulator.seedPolicy(bad.tenantId, { ...framework("android", 3), displayName: "Unassigned Android" });
    seedZeroTrustConfig(bad.tenantId, {
        conditionalAccessPolicies: [caPolicy("enabledForReportingButNotEnforced", ["iOS", "android"])],
        mtdConnectors: [defender(false)],
    });

    suite.emulator.seedPolicy(denied.tenantId, { ...framework("ios", 2), assignments: graphAssignments([GROUP]) });
    seedZeroTrustConfig(denied.tenantId, { conditionalAccessPolicies: [caPolicy("enabled", ["iOS", "android"])] });
}

const tenantOf = (t: Tenant, roles: string[]) => ({
    tenantId: t.tenantId,
    clients: [{ clientId: t.clientId, secret: t.secret, roles }],
    groups: [{ id: GROUP, displayName: "Everyone with work data" }],
});
const suite = useEmulator(() => ({
    tenants: [
        tenantOf(good, ROLES),
        tenantOf(bad, ROLES),
        tenantOf(empty, ROLES),
        tenantOf(denied, ["DeviceManagementApps.Read.All"]),
    ],
}));
beforeAll(seed);

async function assessTenant(t: Tenant, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(
        [
            "--tenant-id",
            t.tenantId,
            "--client-id",
            t.clientId,
            "--graph-endpoint",
            suite.emulator.url,
            "--authority-host",
            suite.emulator.url,
            ...extra,
        ],
        {
            stdout: { write: (text: string) => (out += text) },
            stderr: { write: (text: string) => (err += text) },
            env: { AZURE_CLIENT_SECRET: t.secret },
        },
    );
    return { code, out, err };
}

/** `| id | RESULT | rules |` of the summary table, by check id. */
const summary = (out: string) =>
    Object.fromEntries(
        [...out.matchAll(/^\| ([0-9A-Za-z_-]+) \| (PASS|FAIL|WARN \(advisory\)) \|/gm)].map((m) => [m[1], m[2]]),
    );

const CHECK_IDS = ["24548", "24549", "24827", "24871", "51013", "51014", "51019"];

it("passes a tenant that meets every check, strict included, reading CA and MTD through Graph", async () => {
    const { code, out, err } = await assessTenant(good, "--strict");
    expect(err).toBe("");
    const verdicts = summary(out);
    for (const id of CHECK_IDS) expect(verdicts[id]).toBe("PASS");
    expect(Object.values(verdicts).every((v) => v === "PASS")).toBe(true);
    expect(Object.keys(verdicts).filter((id) => id.startsWith("RMD_MAM_")).length).toBeGreaterThan(15);
    expect(out).toContain('| pass | conditional-access-requires-app-protection | "Require app protection (enabled)"');
    expect(out).toContain('| pass | ios-app-protection-assigned | "ZT iOS"');
    expect(code).toBe(0);
    const paths = suite.emulator.requests
        .filter((r) => r.tenantId === good.tenantId && r.kind !== "token" && r.kind !== "metadata")
        .map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain("GET /beta/identity/conditionalAccess/policies");
    expect(paths).toContain("GET /beta/deviceManagement/mobileThreatDefenseConnectors");
    expect(paths.filter((p) => !p.startsWith("GET "))).toEqual([]);
});

it("fails a tenant without app protection, CA or Defender on every check; exit code 2", async () => {
    const { code, out } = await assessTenant(empty);
    expect(code).toBe(EXIT_FAILED);
    const verdicts = summary(out);
    expect(Object.keys(verdicts).length).toBeGreaterThan(25);
    for (const [id, verdict] of Object.entries(verdicts)) expect([id, verdict]).not.toEqual([id, "PASS"]);
    for (const id of ["24548", "24549", "51013", "51014", "51019"]) expect(verdicts[id]).toBe("FAIL");
    for (const id of ["24827", "24871"]) expect(verdicts[id]).toBe("WARN (advisory)");
    expect(out).toContain("No iOS/iPadOS app protection policy exists");
    expect(out).toContain("No Conditional Access policy grants access with compliantApplication");
    expect(out).toContain("No Microsoft Defender for Endpoint connector");
});

it("fails a weak tenant, naming the policy, the setting and the fix", async () => {
    const { code, out } = await assessTenant(bad);
    expect(code).toBe(EXIT_FAILED);
    const verdicts = summary(out);
    expect(verdicts["24548"]).toBe("PASS");
    for (const id of ["24549", "51013", "51014", "51019"]) expect(verdicts[id]).toBe("FAIL");
    for (const id of ["24827", "24871"]) expect(verdicts[id]).toBe("WARN (advisory)");
    expect(out).toContain(
        "| FAIL | android-app-protection-assigned | (tenant) | assignments | No Android app protection policy is assigned:",
    );
    expect(out).toMatch(
        /\| FAIL \| block-disabled-accounts \| "Weak iOS" \([^)]+\) \| appActionIfUnableToAuthenticateUser \| .* \| set appActionIfUnableToAuthenticateUser: "block"/,
    );
    expect(out).toMatch(
        /\| FAIL \| block-jailbroken-rooted-devices \| "Weak iOS" .* is false: jailbroken or rooted devices are not detected\. \| set deviceComplianceRequired: true \|/,
    );
    expect(out).toMatch(/\| FAIL \| recheck-access-requirements-often \| "Weak iOS" .*"PT1H"/);
    expect(out).toContain("| FAIL | require-android-device-attestation | (no assigned Android policy) |");
    // A setting Intune holds no value for is described as the tenant's, not a program's.
    expect(out).toContain(
        'appActionIfUnableToAuthenticateUser ("Conditional launch > Disabled account") is not configured in this tenant. |',
    );
    expect(out).not.toContain("this program does not guarantee it");
    expect(out).toContain('only report (report-only): switch state to \\"enabled\\"'.replace(/\\"/g, '"'));
    expect(out).toContain('partnerState "enabled" and androidEnabled false');
});

it("a part it may not read fails its check and names the permission", async () => {
    const { code, out } = await assessTenant(denied);
    expect(code).toBe(EXIT_FAILED);
    expect(out).toMatch(
        /\| warn \| conditional-access-requires-app-protection \| \(not read\) .*403.*GET \/identity\/conditionalAccess\/policies: grant the app the application permission Policy\.Read\.All/,
    );
    expect(out).toMatch(/DeviceManagementServiceConfig\.Read\.All/);
});

it("takes the pack's config: levels per rule and managedElsewhere", async () => {
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "assess-")), "config.json");
    fs.writeFileSync(file, JSON.stringify({ all: "advisory", "defender-enrolls-android": { managedElsewhere: true } }));
    const { code, out } = await assessTenant(bad, "--config", file);
    expect(code).toBe(0);
    expect(summary(out)["24871"]).toBe("PASS");
    expect(summary(out)["24549"]).toBe("WARN (advisory)");
    fs.writeFileSync(file, JSON.stringify({ "block-disabled-accounts": "sometimes" }));
    const wrong = await assessTenant(bad, "--config", file);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(
        'config "block-disabled-accounts": level "sometimes" is not one of mandatory, advisory, disabled',
    );
});

it("the emulator holds only what Microsoft's model allows for Conditional Access and MTD connectors", () => {
    expect(() =>
        seedZeroTrustConfig(randomUUID(), { conditionalAccessPolicies: [{ ...caPolicy("on", ["iOS"]) }] }),
    ).toThrow(
        /conditionalAccessPolicy\[0\]\.state: "on" is not one of enabled, disabled, enabledForReportingButNotEnforced/,
    );
    expect(() =>
        seedZeroTrustConfig(randomUUID(), {
            conditionalAccessPolicies: [
                { ...caPolicy("enabled", ["iOS"]), grantControls: { builtInControl: ["mfa"] } },
            ],
        }),
    ).toThrow(/grantControls\.builtInControl: ConditionalAccessGrantControls has no property builtInControl/);
    expect(() =>
        seedZeroTrustConfig(randomUUID(), { mtdConnectors: [{ ...defender(true), partnerState: "on" }] }),
    ).toThrow(/mobileThreatDefenseConnector\[0\]\.partnerState: "on" is not one of/);
});

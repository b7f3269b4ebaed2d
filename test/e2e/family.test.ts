/**
 * `WindowsAppProtectionPolicy` and `ManagedAppConfiguration` (issue #19) under the real Pulumi
 * engine, as users run them against the Graph emulator: up, a second up with zero writes, one
 * change as one PATCH, invalid input failing preview with nothing sent, and destroy. The app
 * configuration's settings are built with the typed Outlook and Edge helpers.
 */
import { edgeConfiguration, outlookConfiguration } from "../../provider/app-config";
import { typeToken } from "../../provider/protocol/pulumi";
import { expectTenantHolds, graphRequests } from "../support/converged";
import type { Declared } from "../support/declared";
import { engine, runEngine, trackedPolicies, useEngineSuite } from "../support/engine";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(240_000);

const { spec, tenant } = tenantSpec();
const suite = useEngineSuite("intune-e2e-family-", () => ({ tenants: [spec] }));

/** The program: one Windows app protection policy and one app configuration for Outlook and Edge. */
function declared(overrides: { windows?: Record<string, unknown>; config?: Record<string, unknown> } = {}): Declared[] {
    return [
        {
            platform: "windows",
            name: "edge-windows",
            args: {
                displayName: "Edge on personal Windows devices",
                apps: ["com.microsoft.edge"],
                assignments: { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] },
                allowedOutboundClipboardSharingLevel: "none",
                allowedOutboundDataTransferDestinations: "none",
                printBlocked: true,
                periodOfflineBeforeAccessCheck: "PT720M",
                ...overrides.windows,
            },
        },
        {
            platform: "appConfiguration",
            name: "outlook-edge-config",
            args: {
                displayName: "Outlook and Edge settings",
                apps: {
                    ios: ["com.microsoft.office.outlook", "com.microsoft.msedge"],
                    android: ["com.microsoft.office.outlook", "com.microsoft.emmx"],
                },
                assignments: { include: [tenant.groups.sales] },
                customSettings: [
                    ...outlookConfiguration({ focusedInbox: false, saveContacts: true }),
                    ...edgeConfiguration({ homepage: "https://intranet.contoso.com", defaultHttps: true }),
                ],
                ...overrides.config,
            },
        },
    ];
}

const run = (policies: Declared[] = declared()) => suite.declare("family", tenant, policies);
const writes = () =>
    graphRequests(suite.emulator, tenant)
        .filter((r) => r.method !== "GET")
        .map((r) => `${r.method} ${r.kind}`);

describe("Windows app protection and app configuration, through the real engine", () => {
    it("up creates both policies, each with one POST of what was declared", async () => {
        const result = await engine("up", run());
        expect(result.changes).toMatchObject({ create: 3 }); // the stack and two policies
        expectTenantHolds(suite.emulator, tenant, declared());
        expect(writes()).toEqual(["POST create", "POST create"]);
        expect(
            trackedPolicies(run())
                .map((r) => r.type)
                .sort(),
        ).toEqual([typeToken("ManagedAppConfiguration"), typeToken("WindowsAppProtectionPolicy")]);
        const config = suite.emulator
            .policies(tenant.tenantId)
            .find((p) => p["@odata.type"] === "#microsoft.graph.targetedManagedAppConfiguration")!;
        expect(config.customSettings).toEqual(
            expect.arrayContaining([
                { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                { name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://intranet.contoso.com" },
            ]),
        );
        expect(config.apps).toHaveLength(4);
    });

    it("a second up changes nothing and writes nothing", async () => {
        suite.emulator.clearLog();
        const result = await engine("up", run());
        expect(result.changes).toEqual({ same: 3 });
        expect(writes()).toEqual([]);
    });

    it("changing one setting of each previews as two in-place updates and up sends one PATCH each", async () => {
        const changed = declared({
            windows: { printBlocked: false },
            config: {
                customSettings: [
                    ...outlookConfiguration({ focusedInbox: true, saveContacts: true }),
                    ...edgeConfiguration({ homepage: "https://intranet.contoso.com", defaultHttps: true }),
                ],
            },
        });
        const preview = await engine("preview", run(changed));
        expect(preview.changes).toEqual({ same: 1, update: 2 });
        expect(preview.output).toMatch(/~ printBlocked\s*: true => false/);
        expect(preview.output).not.toMatch(/replace/);

        suite.emulator.clearLog();
        const up = await engine("up", run(changed));
        expect(up.changes).toMatchObject({ update: 2, same: 1 });
        const patches = graphRequests(suite.emulator, tenant).filter((r) => r.method !== "GET");
        expect(patches.map((r) => `${r.method} ${r.kind}`)).toEqual(["PATCH update", "PATCH update"]);
        expect(patches.map((r) => r.body)).toEqual(
            expect.arrayContaining([
                { "@odata.type": "#microsoft.graph.windowsManagedAppProtection", printBlocked: false },
                expect.objectContaining({
                    "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration",
                    customSettings: expect.arrayContaining([
                        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
                    ]),
                }),
            ]),
        );
        expectTenantHolds(suite.emulator, tenant, changed);
    });

    it.each([
        {
            what: "a wrong enum member on the Windows policy",
            bad: declared({ windows: { allowedOutboundClipboardSharingLevel: "anyApp" } }),
            message:
                /allowedOutboundClipboardSharingLevel \(Data protection > Allow cut, copy, and paste for\): "anyApp" must be one of "anyDestinationAnySource", "none"/,
        },
        {
            what: "two values for one key in customSettings",
            bad: declared({
                config: {
                    customSettings: [
                        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" },
                        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
                    ],
                },
            }),
            message:
                /customSettings \(Settings > General configuration settings \(Name, Value\)\): .*each name at most once; name "com.microsoft.outlook.Mail.FocusedInbox" has two values \(items 0 and 1\)/,
        },
    ])(
        "$what fails preview naming the setting, the value and what is allowed; nothing is written",
        async ({ bad, message }) => {
            suite.emulator.clearLog();
            const outcome = await runEngine("preview", run(bad));
            expect(outcome.code).not.toBe(0);
            expect(outcome.output).toMatch(message);
            // The valid policy's check verifies the connection with reads; nothing is written.
            expect(writes()).toEqual([]);
        },
    );

    it("destroy removes both policies", async () => {
        await engine("destroy", run());
        expect(suite.emulator.policies(tenant.tenantId)).toEqual([]);
        expect(trackedPolicies(run())).toEqual([]);
    });
});

/**
 * The provider's create, read, update and delete against the Graph + token emulator over HTTPS,
 * through the real @azure/identity credential and Graph client: exact requests and tenant state.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { android, ios, type Platform } from "../../provider/settings/platforms";
import { useEmulatedTenant } from "../support/provider";

const context = useEmulatedTenant();
beforeEach(() => context.emulator.clearLog());

/** Graph requests of the test (the token side is not counted). */
const graphRequests = () => context.emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata");

const appsFor = (platform: Platform) =>
    platform === ios
        ? ["com.microsoft.office.outlook", "com.microsoft.skype.teams"]
        : ["com.microsoft.office.outlook", "com.microsoft.teams"];

describe.each([ios, android])("$title policy lifecycle", (platform) => {
    const declared = () => ({
        displayName: `Sales ${platform.title}`,
        pinRequired: true,
        minimumPinLength: 6,
        periodOfflineBeforeAccessCheck: "PT720M",
        allowedDataStorageLocations: ["sharePoint", "oneDriveForBusiness"],
        apps: appsFor(platform),
        assignments: { include: [context.tenant.groups.sales], exclude: [context.tenant.groups.contractors] },
    });
    const checked = (values: Record<string, unknown>) => ({ ...checkInputs(platform, values).inputs, __provider: "p" });
    let id: string;
    let outs: Record<string, unknown>;

    it("creates the policy with apps and assignments in one POST that carries only declared settings", async () => {
        const result = await runtime.create(platform.name, checked(declared()));
        id = result.id;
        outs = { ...result.outs, __provider: "p" };

        const requests = graphRequests();
        expect(requests.map((r) => `${r.method} ${r.kind}`)).toEqual(["POST create"]);
        const body = requests[0].body as Record<string, any>;
        expect(Object.keys(body).sort()).toEqual(
            [
                "@odata.type",
                "allowedDataStorageLocations",
                "appGroupType",
                "apps",
                "assignments",
                "displayName",
                "minimumPinLength",
                "periodOfflineBeforeAccessCheck",
                "pinRequired",
            ].sort(),
        );
        expect(body["@odata.type"]).toBe(platform.odataType);
        expect(body.periodOfflineBeforeAccessCheck).toBe("PT12H");
        expect(body.apps).toEqual(
            appsFor(platform).map((app) => ({
                mobileAppIdentifier: { "@odata.type": platform.appIds[0].odataType, [platform.appIds[0].idField]: app },
            })),
        );
        expect(body.assignments).toEqual([
            {
                target: {
                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                    groupId: context.tenant.groups.sales,
                },
            },
            {
                target: {
                    "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
                    groupId: context.tenant.groups.contractors,
                },
            },
        ]);

        expect(id).toMatch(/^T_[0-9a-f-]{36}$/);
        expect(result.outs).toMatchObject({ isAssigned: true, deployedAppCount: 2, minimumPinLength: 6, id });
        expect(result.outs.version).toEqual(expect.any(String));
        const stored = context.emulator.policy(context.tenant.tenantId, id);
        expect(stored).toMatchObject({
            displayName: `Sales ${platform.title}`,
            pinRequired: true,
            minimumPinLength: 6,
            appGroupType: "selectedPublicApps",
            isAssigned: true,
        });
        expect(stored.apps).toHaveLength(2);
    });

    it("reads it back with one GET and no drift", async () => {
        const result = await runtime.read(platform.name, id, outs);
        expect(graphRequests().map((r) => `${r.method} ${r.kind} ${r.query?.$expand ?? ""}`)).toEqual([
            "GET get apps,assignments",
        ]);
        const { __provider, ...expected } = outs;
        void __provider;
        expect(result.props).toEqual(expected);
        expect(
            await runtime.diff(platform.name, id, { ...result.props, __provider: "p" }, checked(declared())),
        ).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("updates one setting with one PATCH carrying only that setting, then reads back", async () => {
        const news = checked({ ...declared(), minimumPinLength: 8 });
        expect((await runtime.diff(platform.name, id, outs, news)).changes).toBe(true);
        const { outs: updated } = await runtime.update(platform.name, id, outs, news);
        const requests = graphRequests();
        expect(requests.map((r) => `${r.method} ${r.kind}`)).toEqual(["PATCH update", "GET get"]);
        expect(requests[0].body).toEqual({ "@odata.type": platform.odataType, minimumPinLength: 8 });
        expect(requests[0].status).toBe(204);
        expect(context.emulator.policy(context.tenant.tenantId, id).minimumPinLength).toBe(8);
        expect(updated.version).not.toEqual(outs.version);
        outs = { ...updated, __provider: "p" };
    });

    it("replaces apps with targetApps and assignments with assign, nothing else", async () => {
        const news = checked({
            ...declared(),
            minimumPinLength: 8,
            apps: [appsFor(platform)[0]],
            assignments: { include: [context.tenant.groups.finance] },
        });
        const { outs: updated } = await runtime.update(platform.name, id, outs, news);
        const requests = graphRequests();
        expect(requests.map((r) => `${r.method} ${r.kind}`)).toEqual(["POST targetApps", "POST assign", "GET get"]);
        expect(requests[0].body).toEqual({
            apps: [
                {
                    mobileAppIdentifier: {
                        "@odata.type": platform.appIds[0].odataType,
                        [platform.appIds[0].idField]: appsFor(platform)[0],
                    },
                },
            ],
            appGroupType: "selectedPublicApps",
        });
        expect(requests[1].body).toEqual({
            assignments: [
                {
                    target: {
                        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                        groupId: context.tenant.groups.finance,
                    },
                },
            ],
        });
        expect(updated).toMatchObject({ deployedAppCount: 1, isAssigned: true });
        expect(
            context.emulator.policy(context.tenant.tenantId, id).assignments.map((a: any) => a.target.groupId),
        ).toEqual([context.tenant.groups.finance]);
        outs = { ...updated, __provider: "p" };
    });

    it("stops managing a removed setting without writing it", async () => {
        const { minimumPinLength, ...rest } = {
            ...declared(),
            apps: [appsFor(platform)[0]],
            assignments: { include: [context.tenant.groups.finance] },
        };
        void minimumPinLength;
        const news = checked(rest);
        expect((await runtime.diff(platform.name, id, outs, news)).changes).toBe(true);
        const { outs: updated } = await runtime.update(platform.name, id, outs, news);
        expect(graphRequests()).toEqual([]);
        expect(updated.minimumPinLength).toBeUndefined();
        expect(context.emulator.policy(context.tenant.tenantId, id).minimumPinLength).toBe(8);
        outs = { ...updated, __provider: "p" };
    });

    it("reports a change made behind Pulumi's back on refresh", async () => {
        context.emulator.modifyPolicy(context.tenant.tenantId, id, { pinRequired: false, printBlocked: true });
        const result = (await runtime.read(platform.name, id, outs)) as {
            props: Record<string, unknown>;
            inputs: Record<string, unknown>;
        };
        expect(result.props).toMatchObject({ pinRequired: false });
        expect(result.props).not.toHaveProperty("printBlocked"); // not managed, not reported
        expect(result.inputs).toMatchObject({ pinRequired: false });
        const news: Record<string, unknown> = checked({
            ...declared(),
            apps: [appsFor(platform)[0]],
            assignments: { include: [context.tenant.groups.finance] },
            minimumPinLength: undefined,
        });
        const stored = { ...result.props, __provider: "p" };
        expect((await runtime.diff(platform.name, id, stored, news)).changes).toBe(true);
        context.emulator.clearLog();
        await runtime.update(platform.name, id, stored, news);
        expect(graphRequests()[0].body).toEqual({ "@odata.type": platform.odataType, pinRequired: true });
        expect(context.emulator.policy(context.tenant.tenantId, id).pinRequired).toBe(true);
    });

    it("deletes the policy, and a policy deleted behind Pulumi's back leaves state on refresh", async () => {
        await runtime.delete(platform.name, id);
        expect(graphRequests().map((r) => `${r.method} ${r.kind} ${r.status}`)).toEqual(["DELETE delete 204"]);
        expect(context.emulator.policy(context.tenant.tenantId, id)).toBeUndefined();
        expect(await runtime.read(platform.name, id, outs)).toEqual({ id: "", props: {} });
        await expect(runtime.delete(platform.name, id)).resolves.toBeUndefined(); // already gone is deleted
    });
});

describe("app groups", () => {
    it("lets Intune fill the apps of an app group and never reports them as drift", async () => {
        const inputs = {
            ...checkInputs(ios, { displayName: "All core", appGroupType: "allCoreMicrosoftApps" }).inputs,
            __provider: "p",
        };
        const { id, outs } = await runtime.create("ios", inputs);
        expect(context.emulator.policy(context.tenant.tenantId, id).apps.length).toBeGreaterThan(5);
        expect(outs.deployedAppCount as number).toBeGreaterThan(5);
        const refreshed = await runtime.read("ios", id, { ...outs, __provider: "p" });
        expect(refreshed.props).not.toHaveProperty("apps");
        expect((await runtime.diff("ios", id, { ...refreshed.props, __provider: "p" }, inputs)).changes).toBe(false);
        await runtime.delete("ios", id);
    });
});

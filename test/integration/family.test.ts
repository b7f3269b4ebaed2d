/**
 * Windows app protection and app configuration for managed apps (issue #19) through the provider's
 * create, read, update and delete, against the Graph + token emulator over HTTPS with the real
 * @azure/identity credential and Graph client: the exact requests per write channel, adoption,
 * drift, and what the tenant holds.
 */
import * as runtime from "../../provider/engine/runtime";
import { outlookConfiguration } from "../../provider/app-config";
import { checkInputs } from "../../provider/engine/check";
import { appConfiguration, windows } from "../../provider/settings/platforms";
import type { PolicyType } from "../../provider/settings/policy-type";
import { graphShapes } from "../support/graph-shapes";
import { useEmulatedTenant } from "../support/provider";

const context = useEmulatedTenant();
beforeEach(() => context.emulator.clearLog());

const graphRequests = () => context.emulator.requests.filter((r) => r.kind !== "token" && r.kind !== "metadata");
const requestLines = () => graphRequests().map((r) => `${r.method} ${r.kind}`);
const groups = () => context.tenant.groups;
const { androidApp, iosApp, windowsApp, target } = graphShapes;
const include = (groupId: string) => target("groupAssignmentTarget", groupId);

/** One policy type under test: what a program declares, one change per channel, drift, a policy to adopt. */
interface Case {
    type: PolicyType;
    declared: () => Record<string, unknown>;
    /** One changed setting: what is declared, and the PATCH body it must give. */
    change: { declared: Record<string, unknown>; body: Record<string, unknown> };
    /** Other apps: what is declared, the targetApps body it must give, and how many apps that is. */
    retarget: { apps: unknown; body: Record<string, unknown>; count: number };
    /** A change made in the admin center (reported by a read), and the PATCH that puts it back. */
    drift: { graph: Record<string, unknown>; body: Record<string, unknown> };
    /** An existing policy that holds `declared()` but its assignments. */
    existing: () => Record<string, unknown>;
}

const outlookPairs = outlookConfiguration({ focusedInbox: false, saveContacts: true });
const UPN_PAIR = { name: "com.contoso.upn", value: "{{userprincipalname}}" };
/** Pairs in the canonical order check gives them (by name). */
const byName = (pairs: { name: string; value: string }[]) => [...pairs].sort((a, b) => (a.name < b.name ? -1 : 1));

const CASES: Case[] = [
    {
        type: windows,
        declared: () => ({
            displayName: "Edge on personal devices",
            printBlocked: true,
            allowedOutboundClipboardSharingLevel: "none",
            allowedInboundDataTransferSources: "selectedApps",
            allowedInboundDataTransferSourceApps: ["oneDriveForBusiness"],
            periodOfflineBeforeAccessCheck: "PT720M",
            minimumRequiredOsVersion: "10.0.22631",
            apps: ["com.microsoft.edge"],
            assignments: { include: [groups().sales], exclude: [groups().contractors] },
        }),
        change: {
            declared: { periodOfflineBeforeWipeIsEnforced: "P30D" },
            body: { "@odata.type": windows.odataType, periodOfflineBeforeWipeIsEnforced: "P30D" },
        },
        retarget: {
            apps: ["com.microsoft.edge", "com.contoso.lob"],
            body: { apps: [windowsApp("com.contoso.lob"), windowsApp("com.microsoft.edge")] },
            count: 2,
        },
        drift: {
            graph: { printBlocked: false },
            body: { "@odata.type": windows.odataType, printBlocked: true },
        },
        existing: () => ({
            "@odata.type": windows.odataType,
            displayName: "Edge on personal devices",
            printBlocked: true,
            allowedOutboundClipboardSharingLevel: "none",
            allowedInboundDataTransferSources: "selectedApps",
            allowedInboundDataTransferSourceApps: "oneDriveForBusiness",
            periodOfflineBeforeAccessCheck: "PT12H",
            minimumRequiredOsVersion: "10.0.22631",
            apps: [windowsApp("com.microsoft.edge")],
            assignments: [include(groups().finance)],
        }),
    },
    {
        type: appConfiguration,
        declared: () => ({
            displayName: "Outlook settings",
            customSettings: outlookPairs,
            apps: { ios: ["com.microsoft.office.outlook"], android: ["com.microsoft.office.outlook"] },
            assignments: { include: [groups().sales], exclude: [groups().contractors] },
        }),
        change: {
            declared: { customSettings: [...outlookPairs, UPN_PAIR] },
            body: { "@odata.type": appConfiguration.odataType, customSettings: byName([...outlookPairs, UPN_PAIR]) },
        },
        retarget: {
            apps: {
                ios: ["com.microsoft.office.outlook"],
                android: ["com.microsoft.teams", "com.microsoft.office.outlook"],
            },
            body: {
                apps: [
                    iosApp("com.microsoft.office.outlook"),
                    androidApp("com.microsoft.office.outlook"),
                    androidApp("com.microsoft.teams"),
                ],
                appGroupType: "selectedPublicApps",
            },
            count: 3,
        },
        drift: {
            graph: { customSettings: [{ name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" }] },
            body: {
                "@odata.type": appConfiguration.odataType,
                customSettings: byName([...outlookPairs, UPN_PAIR]),
            },
        },
        existing: () => ({
            "@odata.type": appConfiguration.odataType,
            displayName: "Outlook settings",
            customSettings: [...outlookPairs].reverse(),
            appGroupType: "selectedPublicApps",
            apps: [androidApp("com.microsoft.office.outlook"), iosApp("com.microsoft.office.outlook")],
            assignments: [include(groups().finance)],
        }),
    },
];

describe.each(CASES)("$type.title $type.noun.one through the provider", (c) => {
    const { type } = c;
    const checked = (values: Record<string, unknown>): Record<string, unknown> => ({
        ...checkInputs(type, values).inputs,
        __provider: "p",
    });
    let id: string;
    let outs: Record<string, unknown>;

    it("creates the policy with its apps and assignments in one POST of the declared settings only", async () => {
        const inputs = checked(c.declared());
        const result = await runtime.create(type.name, inputs);
        id = result.id;
        outs = { ...result.outs, __provider: "p" };
        const [post] = graphRequests();
        expect(requestLines()).toEqual(["POST create"]);
        const { __provider, assignments, apps, ...settings } = inputs;
        void __provider;
        expect(Object.keys(post.body as object).sort()).toEqual(
            ["@odata.type", "apps", "assignments", ...Object.keys(settings)].sort(),
        );
        expect((post.body as Record<string, unknown>)["@odata.type"]).toBe(type.odataType);
        expect(id).toMatch(/^T_[0-9a-f-]{36}$/);
        expect(result.outs).toMatchObject({ ...settings, apps, assignments, isAssigned: true });
        const stored = context.emulator.policy(context.tenant.tenantId, id);
        expect(stored["@odata.type"]).toBe(type.odataType);
        expect(stored.apps).toHaveLength(Array.isArray(apps) ? apps.length : 2);
    });

    it("reads it back with one GET and no drift", async () => {
        const result = await runtime.read(type.name, id, outs);
        expect(requestLines()).toEqual(["GET get"]);
        const { __provider, ...expected } = outs;
        void __provider;
        expect(result.props).toEqual(expected);
        expect(
            (await runtime.diff(type.name, id, { ...result.props, __provider: "p" }, checked(c.declared()))).changes,
        ).toBe(false);
    });

    it("updates a setting with one PATCH carrying only that setting", async () => {
        const news = checked({ ...c.declared(), ...c.change.declared });
        expect((await runtime.diff(type.name, id, outs, news)).changes).toBe(true);
        const { outs: updated } = await runtime.update(type.name, id, outs, news);
        expect(requestLines()).toEqual(["PATCH update", "GET get"]);
        expect(graphRequests()[0].body).toEqual(c.change.body);
        expect(updated.version).not.toEqual(outs.version);
        outs = { ...updated, __provider: "p" };
    });

    it("replaces apps with targetApps and assignments with assign, nothing else", async () => {
        const news = checked({
            ...c.declared(),
            ...c.change.declared,
            apps: c.retarget.apps,
            assignments: { include: [groups().finance] },
        });
        const { outs: updated } = await runtime.update(type.name, id, outs, news);
        expect(requestLines()).toEqual(["POST targetApps", "POST assign", "GET get"]);
        expect(graphRequests()[0].body).toEqual(c.retarget.body);
        expect(graphRequests()[1].body).toEqual({ assignments: [include(groups().finance)] });
        expect(updated).toMatchObject({ apps: news.apps, deployedAppCount: c.retarget.count });
        outs = { ...updated, __provider: "p" };
    });

    it("reports a change made in the admin center, and the update puts it back", async () => {
        context.emulator.modifyPolicy(context.tenant.tenantId, id, c.drift.graph);
        const result = (await runtime.read(type.name, id, outs)) as { props: Record<string, unknown> };
        expect(result.props).toMatchObject(c.drift.graph);
        const news = checked({
            ...c.declared(),
            ...c.change.declared,
            apps: c.retarget.apps,
            assignments: { include: [groups().finance] },
        });
        const drifted = { ...result.props, __provider: "p" };
        expect((await runtime.diff(type.name, id, drifted, news)).changes).toBe(true);
        context.emulator.clearLog();
        const { outs: updated } = await runtime.update(type.name, id, drifted, news);
        expect(requestLines()).toEqual(["PATCH update", "GET get"]);
        expect(graphRequests()[0].body).toEqual(c.drift.body);
        outs = { ...updated, __provider: "p" };
        expect((await runtime.diff(type.name, id, outs, news)).changes).toBe(false);
    });

    it("deletes the policy; a policy deleted outside Pulumi leaves state on refresh", async () => {
        await runtime.delete(type.name, id);
        expect(graphRequests().map((r) => `${r.method} ${r.kind} ${r.status}`)).toEqual(["DELETE delete 204"]);
        expect(context.emulator.policy(context.tenant.tenantId, id)).toBeUndefined();
        expect(await runtime.read(type.name, id, outs)).toEqual({ id: "", props: {} });
    });

    it("an update of a policy deleted outside Pulumi says so in the type's words", async () => {
        const gone = context.emulator.seedPolicy(context.tenant.tenantId, c.existing());
        context.emulator.deletePolicy(context.tenant.tenantId, gone.id);
        const olds = checked(c.declared());
        await expect(
            runtime.update(type.name, gone.id, olds, checked({ ...c.declared(), ...c.change.declared })),
        ).rejects.toThrow(
            `${type.title} ${type.noun.one} ${gone.id} does not exist any more (deleted outside Pulumi?). Run \`pulumi refresh\``,
        );
    });

    describe("adoptPolicyId", () => {
        it("takes over a policy that already matches with one GET", async () => {
            const existing = context.emulator.seedPolicy(context.tenant.tenantId, c.existing());
            context.emulator.clearLog();
            const { id: adopted, outs: adoptedOuts } = await runtime.create(
                type.name,
                checked({ ...c.declared(), adoptPolicyId: existing.id, assignments: { include: [groups().finance] } }),
            );
            expect(adopted).toBe(existing.id);
            expect(requestLines()).toEqual(["GET get"]);
            expect(adoptedOuts).toMatchObject({ adoptPolicyId: existing.id, version: existing.version });
            await runtime.delete(type.name, adopted);
        });

        it("applies only what differs: one PATCH and one assign", async () => {
            const existing = context.emulator.seedPolicy(context.tenant.tenantId, c.existing());
            context.emulator.clearLog();
            await runtime.create(
                type.name,
                checked({ ...c.declared(), ...c.change.declared, adoptPolicyId: existing.id }),
            );
            expect(requestLines()).toEqual(["GET get", "PATCH update", "POST assign", "GET get"]);
            expect(graphRequests()[1].body).toEqual(c.change.body);
            expect(context.emulator.policies(context.tenant.tenantId).map((p) => p.id)).toEqual([existing.id]);
            await runtime.delete(type.name, existing.id);
        });
    });
});

describe("adopting a policy of another type", () => {
    it("names the type it is and the resource class to adopt it with; nothing is written", async () => {
        const ios = context.emulator.seedPolicy(context.tenant.tenantId, {
            "@odata.type": "#microsoft.graph.iosManagedAppProtection",
            displayName: "An iOS policy",
        });
        await expect(
            runtime.create("windows", { ...checkInputs(windows, { displayName: "x", adoptPolicyId: ios.id }).inputs }),
        ).rejects.toThrow(/is an iOS\/iPadOS app protection policy, not Windows: adopt it with IosAppProtectionPolicy/);
        await expect(
            runtime.create("appConfiguration", {
                ...checkInputs(appConfiguration, { displayName: "x", adoptPolicyId: ios.id }).inputs,
            }),
        ).rejects.toThrow(/there is no iOS\/iPadOS and Android app configuration policy with id T_/);
        expect(graphRequests().filter((r) => r.method !== "GET")).toEqual([]);
        context.emulator.deletePolicy(context.tenant.tenantId, ios.id);
    });
});

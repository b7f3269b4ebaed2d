/**
 * The provider under both sides of every emulator fidelity switch (`emulator/fidelity.ts`):
 * PATCH answered 204 or 200 with the entity, flags enums with or without a space after the comma,
 * service defaults on create or not, `@odata.type` on typed collection items or not. Under each,
 * the lifecycle sends only what was declared, reads back without drift, and the export of the
 * resulting policy declares nothing the admin did not set. Assignment filters on excluded groups
 * are refused at preview, so no fidelity choice is ever exercised by the provider.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { policyChanges } from "../../provider/engine/diff";
import { planPolicy } from "../../provider/export";
import { android, ios, type Platform } from "../../provider/settings/platforms";
import { DEFAULT_FIDELITY, type Fidelity } from "../../emulator";
import { useEmulatedTenant } from "../support/provider";

const context = useEmulatedTenant();
afterAll(() => context.emulator?.setFidelity(DEFAULT_FIDELITY));

/** Every switch the provider can meet, flipped from the default. */
const FLIPPED: Partial<Fidelity> = {
    patchStatus: 200,
    flagsSeparator: ", ",
    createDefaults: "peers",
    odataTypeOnTypedItems: true,
};

const graphRequests = () =>
    context.emulator.requests
        .filter((r) => r.kind !== "token" && r.kind !== "metadata")
        .map((r) => `${r.method} ${r.kind} ${r.status}`);

/** The policy as a client reads it (`GET …?$expand=apps,assignments`), through the emulator's HTTPS. */
async function graphRead(platform: Platform, id: string): Promise<Record<string, any>> {
    const { tenantId, clientId, clientSecret } = context.tenant;
    const token = await fetch(`${context.emulator.url}/${tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        body: new URLSearchParams({
            client_id: clientId,
            client_secret: clientSecret,
            grant_type: "client_credentials",
            scope: "https://graph.microsoft.com/.default",
        }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const res = await fetch(
        `${context.emulator.url}/beta/deviceAppManagement/${platform.collection}/${id}?$expand=apps,assignments`,
        { headers: { Authorization: `Bearer ${token.access_token}` } },
    );
    return (await res.json()) as Record<string, any>;
}

describe.each([
    ["the default fidelity", DEFAULT_FIDELITY],
    ["every switch flipped", FLIPPED],
])("under %s", (_name, fidelity) => {
    beforeAll(() => context.emulator.setFidelity({ ...DEFAULT_FIDELITY, ...fidelity }));
    beforeEach(() => context.emulator.clearLog());

    describe.each([ios, android])("$title", (platform) => {
        const declared = () => ({
            displayName: `Fidelity ${platform.title}`,
            pinRequired: true,
            targetedAppManagementLevels: ["unmanaged", "mdm"],
            purviewContentEvaluationRequired: "requiredWhenOnline",
            apps: ["com.microsoft.office.outlook"],
            assignments: { include: [context.tenant.groups.sales], exclude: [context.tenant.groups.contractors] },
        });
        const checked = (values: Record<string, unknown>) => {
            const outcome = checkInputs(platform, values);
            expect(outcome.failures).toEqual([]);
            return { ...outcome.inputs, __provider: "p" };
        };
        let id: string;
        let outs: Record<string, unknown>;

        it("creates with one POST of the declared settings only, and reads back without drift", async () => {
            const created = await runtime.create(platform.name, checked(declared()));
            id = created.id;
            outs = { ...created.outs, __provider: "p" };
            expect(graphRequests()).toEqual(["POST create 201"]);
            const live = context.emulator.policy(context.tenant.tenantId, id);
            const peers = fidelity.createDefaults === "peers";
            expect(live.appActionIfAccountIsClockedOut).toBe(peers ? "block" : null);
            expect(live.pinRequiredInsteadOfBiometricTimeout).toBe(peers ? "PT30M" : null);

            const read = await runtime.read(platform.name, id, outs);
            const { __provider, ...expected } = outs;
            void __provider;
            expect(read.props).toEqual(expected);
            expect(read.props).toMatchObject({
                targetedAppManagementLevels: ["unmanaged", "mdm"],
                purviewContentEvaluationRequired: "requiredWhenOnline",
                assignments: { include: [context.tenant.groups.sales], exclude: [context.tenant.groups.contractors] },
            });
            expect((await runtime.diff(platform.name, id, outs, checked(declared()))).changes).toBe(false);
        });

        it("updates with one PATCH whatever its answer, and the new version is the one Graph holds", async () => {
            const news = checked({ ...declared(), purviewContentEvaluationRequired: "required" });
            const { outs: updated } = await runtime.update(platform.name, id, outs, news);
            expect(graphRequests()).toEqual([`PATCH update ${fidelity.patchStatus ?? 204}`, "GET get 200"]);
            const live = context.emulator.policy(context.tenant.tenantId, id);
            expect(live.purviewContentEvaluationRequired).toBe("required");
            expect(updated.version).toBe(live.version);
            outs = { ...updated, __provider: "p" };
            const read = await runtime.read(platform.name, id, outs);
            expect(read.props).toMatchObject({ purviewContentEvaluationRequired: "required", version: live.version });
            expect((await runtime.diff(platform.name, id, outs, news)).changes).toBe(false);
        });

        it("exports the policy with what was set and nothing the service filled in", async () => {
            const plan = planPolicy({ platform: platform.name, graph: await graphRead(platform, id) });
            expect(plan.rejected).toEqual([]);
            expect(plan.changes).toEqual([]);
            expect(plan.args).toMatchObject({
                adoptPolicyId: id,
                targetedAppManagementLevels: ["unmanaged", "mdm"],
                purviewContentEvaluationRequired: "required",
            });
            expect(plan.args).not.toHaveProperty("appActionIfAccountIsClockedOut");
            expect(plan.args).not.toHaveProperty("pinRequiredInsteadOfBiometricTimeout");
            const inputs = checkInputs(platform, plan.args);
            expect(inputs.failures).toEqual([]);
            // adopting with these args sends nothing: every declared value is the live one
            const live = await runtime.read(platform.name, id, { ...inputs.inputs, __provider: "p" });
            expect(policyChanges(platform, live.props, inputs.inputs).send).toEqual({});
        });
    });
});

describe("assignment filters on excluded groups", () => {
    it("are refused at preview, naming the group's place and what to do, so Graph never sees one", () => {
        const filter = { filterId: "33333333-3333-4333-8333-333333333333", filterType: "include" };
        const outcome = checkInputs(ios, {
            displayName: "Filtered",
            assignments: {
                include: [{ groupId: context.tenant.groups.sales, ...filter }],
                exclude: [{ groupId: context.tenant.groups.contractors, ...filter }],
            },
        });
        expect(outcome.failures).toHaveLength(1);
        expect(outcome.failures[0].reason).toMatch(
            /exclude\[0\] has an assignment filter, but Intune applies filters to included groups only; remove filterId and filterType/,
        );
        const included = checkInputs(ios, {
            displayName: "Filtered",
            assignments: { include: [{ groupId: context.tenant.groups.sales, ...filter }] },
        });
        expect(included.failures).toEqual([]);
    });
});

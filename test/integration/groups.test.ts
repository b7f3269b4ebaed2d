/**
 * Assignments by group display name: resolved per tenant at create and update, resolved ids as
 * outputs, no drift while the tenant holds the resolved groups, clear errors for zero or several
 * matches.
 */
import { randomUUID } from "crypto";
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { ios } from "../../provider/settings/platforms";
import { useEmulatedTenant } from "../support/provider";

const context = useEmulatedTenant();
beforeAll(() => {
    context.emulator.addGroup(context.tenant.tenantId, { id: randomUUID(), displayName: "Twins" });
    context.emulator.addGroup(context.tenant.tenantId, { id: randomUUID(), displayName: "Twins" });
});
beforeEach(() => context.emulator.clearLog());

const checked = (assignments: unknown) => ({
    ...checkInputs(ios, { displayName: "By name", pinRequired: true, assignments }).inputs,
    __provider: "p",
});
const kinds = () =>
    context.emulator.requests
        .filter((r) => r.kind !== "token" && r.kind !== "metadata")
        .map((r) => `${r.method} ${r.kind}`);

describe("assignments by group name", () => {
    let id: string;
    let outs: Record<string, unknown>;

    it("resolves names in the tenant when the policy is created and outputs the ids", async () => {
        const created = await runtime.create(
            "ios",
            checked({ include: [{ groupName: "Sales" }], exclude: [context.tenant.groups.contractors] }),
        );
        id = created.id;
        outs = { ...created.outs, __provider: "p" };
        expect(kinds()).toEqual(["GET groups", "POST create"]);
        expect(
            context.emulator
                .policy(context.tenant.tenantId, id)
                .assignments.map((a: any) => a.target.groupId)
                .sort(),
        ).toEqual([context.tenant.groups.sales, context.tenant.groups.contractors].sort());
        expect(created.outs.assignments).toEqual({
            include: [{ groupName: "Sales" }],
            exclude: [context.tenant.groups.contractors],
        });
        expect(created.outs.assignedGroupIds).toEqual({
            include: [context.tenant.groups.sales],
            exclude: [context.tenant.groups.contractors],
        });
    });

    it("shows no drift on refresh while the tenant holds the resolved groups", async () => {
        const read = (await runtime.read("ios", id, outs)) as {
            props: Record<string, unknown>;
            inputs: Record<string, unknown>;
        };
        expect(read.props.assignments).toEqual(outs.assignments);
        expect(read.inputs).not.toHaveProperty("assignedGroupIds");
        expect(
            (
                await runtime.diff(
                    "ios",
                    id,
                    { ...read.props, __provider: "p" },
                    checked({ include: [{ groupName: "Sales" }], exclude: [context.tenant.groups.contractors] }),
                )
            ).changes,
        ).toBe(false);
    });

    it("writing the same group by id instead of by name sends nothing", async () => {
        const news = checked({ include: [context.tenant.groups.sales], exclude: [context.tenant.groups.contractors] });
        expect((await runtime.diff("ios", id, outs, news)).changes).toBe(true); // the declaration changed…
        const { outs: updated } = await runtime.update("ios", id, outs, news);
        expect(kinds()).toEqual([]); // …but the tenant already holds it
        expect(updated.assignments).toEqual({
            include: [context.tenant.groups.sales],
            exclude: [context.tenant.groups.contractors],
        });
        outs = { ...updated, __provider: "p" };
    });

    it("assigns a newly named group with one assign", async () => {
        const { outs: updated } = await runtime.update(
            "ios",
            id,
            outs,
            checked({ include: [{ groupName: "Finance" }] }),
        );
        expect(kinds()).toEqual(["GET groups", "POST assign", "GET get"]);
        expect(updated.assignedGroupIds).toEqual({ include: [context.tenant.groups.finance] });
        outs = { ...updated, __provider: "p" };
    });

    it("reports assignments changed behind Pulumi's back as the ids Graph holds", async () => {
        context.emulator.modifyPolicy(context.tenant.tenantId, id, {
            assignments: [
                {
                    target: {
                        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                        groupId: context.tenant.groups.sales,
                    },
                },
            ],
        });
        const read = (await runtime.read("ios", id, outs)) as { props: Record<string, unknown> };
        expect(read.props.assignments).toEqual({ include: [context.tenant.groups.sales] });
        expect(
            (
                await runtime.diff(
                    "ios",
                    id,
                    { ...read.props, __provider: "p" },
                    checked({ include: [{ groupName: "Finance" }] }),
                )
            ).changes,
        ).toBe(true);
    });

    it("fails clearly when no group or several groups have the name, and creates nothing", async () => {
        const before = context.emulator.policies(context.tenant.tenantId).length;
        await expect(runtime.create("ios", checked({ include: [{ groupName: "Nobody" }] }))).rejects.toThrow(
            /assignments.include: no group named "Nobody" in tenant/,
        );
        await expect(runtime.create("ios", checked({ include: [{ groupName: "Twins" }] }))).rejects.toThrow(
            /2 groups are named "Twins" .*use the object id/,
        );
        expect(context.emulator.policies(context.tenant.tenantId)).toHaveLength(before);
    });

    it("check wants exactly one of groupId and groupName", () => {
        expect(
            checkInputs(ios, {
                displayName: "x",
                assignments: { include: [{ groupId: context.tenant.groups.sales, groupName: "Sales" }] },
            }).failures[0].reason,
        ).toMatch(/needs exactly one of groupId and groupName/);
    });
});

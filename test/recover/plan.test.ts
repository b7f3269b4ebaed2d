/**
 * The ownership marker and recover's plan: which policy belongs to which interrupted create,
 * decided by the marker alone (never by name), and nothing taken from another stack.
 */
import {
    carriesMarker,
    markedDescription,
    markerLine,
    ownerOf,
    ownerValue,
    parseOwner,
    withoutMarker,
} from "../../provider/engine/ownership";
import { describeAction, planRecovery } from "../../provider/recover/plan";
import type { ExportedStack } from "../../provider/recover/stack";

const STACK = "acme/intune/prod";
const owner = (resource: string, stack = STACK) =>
    parseOwner(ownerValue(...(stack.split("/") as [string, string, string]), resource))!;
const IOS = "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy";

describe("the marker", () => {
    it("ends the description, is recognised exactly, and is stripped on read", () => {
        const o = owner("sales-ios");
        expect(markerLine(o)).toBe("Managed by Pulumi (stack acme/intune/prod, resource sales-ios)");
        const text = markedDescription(o, "Sales phones")!;
        expect(text).toBe("Sales phones\n\nManaged by Pulumi (stack acme/intune/prod, resource sales-ios)");
        expect(withoutMarker(text)).toBe("Sales phones");
        expect(withoutMarker(markedDescription(o, undefined))).toBe("");
        expect(carriesMarker(text, o)).toBe(true);
        expect(carriesMarker(text, owner("sales"))).toBe(false);
        expect(carriesMarker(text, owner("sales-ios", "acme/intune/dev"))).toBe(false);
        expect(ownerOf(text)).toEqual(o);
        expect(ownerOf("Managed by Pulumi (stack x, resource y) and more")).toBeUndefined();
    });

    it("is left out when it does not fit Graph's 1,024 characters", () => {
        expect(markedDescription(owner("a"), "x".repeat(1000))).toBeUndefined();
    });
});

describe("recover's plan", () => {
    const pending = (name: string, withOwner = true) => ({
        type: "creating",
        resource: {
            urn: `urn:pulumi:prod::intune::${IOS}::${name}`,
            type: IOS,
            custom: true,
            inputs: {
                displayName: name,
                ...(withOwner ? { __owner: ownerValue("acme", "intune", "prod", name) } : {}),
            },
        },
    });
    const policy = (id: string, name: string, description: string, minute: number) => ({
        id,
        displayName: name,
        description,
        createdDateTime: `2026-01-01T00:0${minute}:00Z`,
    });
    const stack = (ops: any[], resources: any[] = []): ExportedStack => ({
        version: 3,
        deployment: { resources, pending_operations: ops },
    });

    it("records the oldest policy carrying the resource's marker, deletes its copies, clears creates that made nothing", () => {
        const a = markerLine(owner("a"));
        const plan = planRecovery(STACK, stack([pending("a"), pending("b")]), {
            ios: [
                policy("T_2", "a", a, 2),
                policy("T_1", "a", a, 1),
                policy("T_other", "a", markerLine(owner("a", "acme/intune/dev")), 0),
                policy("T_hand", "b", "", 3),
            ],
            android: [],
        });
        expect(plan.map(describeAction)).toEqual([
            expect.stringMatching(/^\+ record T_1 .* as urn:pulumi:prod::intune::.*::a/),
            expect.stringMatching(
                /^- delete iOS\/iPadOS app protection policy T_2 .*second copy made by the same interrupted create \(T_1 is kept\)/,
            ),
            expect.stringMatching(
                /^~ clear the interrupted create of .*::b: Graph holds no policy carrying its marker/,
            ),
        ]);
    });

    it("never acts on a pending create without owner, and reports this stack's strays without deleting them", () => {
        const plan = planRecovery(
            STACK,
            stack([pending("old", false)], [{ urn: `urn:pulumi:prod::intune::${IOS}::kept`, type: IOS, id: "T_k" }]),
            {
                ios: [
                    policy("T_copy", "kept", markerLine(owner("kept")), 1),
                    policy("T_gone", "gone", markerLine(owner("gone")), 1),
                    policy("T_k", "kept", markerLine(owner("kept")), 0),
                ],
                android: [],
            },
        );
        expect(plan.map((a) => a.kind)).toEqual(["report", "delete", "report"]);
        expect(describeAction(plan[1])).toMatch(/delete .* T_copy .*which the stack tracks as T_k/);
        expect(describeAction(plan[2])).toMatch(/T_gone .*adopt it there with adoptPolicyId: "T_gone"/);
    });

    it("handles Windows app protection and app configuration resources by their own type's policies", () => {
        const WINDOWS = "pulumi-nodejs:dynamic/intune:WindowsAppProtectionPolicy";
        const CONFIG = "pulumi-nodejs:dynamic/intune:ManagedAppConfiguration";
        const creating = (type: string, name: string) => ({
            type: "creating",
            resource: {
                urn: `urn:pulumi:prod::intune::${type}::${name}`,
                type,
                custom: true,
                inputs: { displayName: name, __owner: ownerValue("acme", "intune", "prod", name) },
            },
        });
        const edge = markerLine(owner("edge"));
        const plan = planRecovery(STACK, stack([creating(WINDOWS, "edge"), creating(CONFIG, "outlook")]), {
            // An iOS policy with the marker of "edge" is not the Windows resource's policy: only reported.
            ios: [policy("T_i", "edge", edge, 0)],
            android: [],
            windows: [policy("T_w2", "edge", edge, 2), policy("T_w1", "edge", edge, 1)],
            appConfiguration: [policy("T_c", "outlook", markerLine(owner("outlook")), 1)],
        });
        expect(plan.map(describeAction)).toEqual([
            expect.stringMatching(/^\+ record T_w1 .* as urn:pulumi:prod::intune::.*WindowsAppProtectionPolicy::edge/),
            expect.stringMatching(
                /^- delete Windows app protection policy T_w2 .*second copy made by the same interrupted create/,
            ),
            expect.stringMatching(/^\+ record T_c .* as urn:pulumi:prod::intune::.*ManagedAppConfiguration::outlook/),
            expect.stringMatching(/^! iOS\/iPadOS app protection policy T_i .* carries the marker of resource "edge"/),
        ]);
    });
});

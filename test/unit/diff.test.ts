import { checkInputs } from "../../provider/engine/check";
import { isUnchanged, policyChanges } from "../../provider/engine/diff";
import { UNKNOWN } from "../../provider/protocol/unknown";
import { android, ios } from "../../provider/settings/platforms";

const GROUP = "11111111-1111-1111-1111-111111111111";

/** Outputs as create would have stored them: checked inputs plus server fields. */
function stored(platform: typeof ios, inputs: Record<string, unknown>) {
    return {
        ...checkInputs(platform, inputs).inputs,
        id: "T_1",
        version: '"v1"',
        isAssigned: true,
        deployedAppCount: 2,
        __provider: "old",
    };
}
const checked = (platform: typeof ios, inputs: Record<string, unknown>) => ({
    ...checkInputs(platform, inputs).inputs,
    __provider: "new code",
});

describe.each([ios, android])("diff for $title", (platform) => {
    const base = {
        displayName: "Sales",
        pinRequired: true,
        periodOfflineBeforeAccessCheck: "PT12H",
        apps: ["com.microsoft.office.outlook", "com.microsoft.teams"],
        assignments: { include: [GROUP] },
    };

    it("reports no change for identical settings, even when the provider code changed", () => {
        const changes = policyChanges(platform, stored(platform, base), checked(platform, base));
        expect(isUnchanged(changes)).toBe(true);
    });

    it("reports no change for equivalent spellings", () => {
        const changes = policyChanges(
            platform,
            stored(platform, base),
            checked(platform, {
                ...base,
                periodOfflineBeforeAccessCheck: "PT720M",
                apps: [...base.apps].reverse(),
                assignments: { include: [GROUP.toUpperCase()], exclude: [] },
            }),
        );
        expect(isUnchanged(changes)).toBe(true);
    });

    it("patches exactly the changed setting", () => {
        const changes = policyChanges(
            platform,
            stored(platform, base),
            checked(platform, { ...base, pinRequired: false }),
        );
        expect(changes).toEqual({ send: { patch: ["pinRequired"] }, released: [] });
    });

    it("routes app and assignment changes to their actions", () => {
        const changes = policyChanges(
            platform,
            stored(platform, base),
            checked(platform, {
                ...base,
                apps: ["com.microsoft.office.outlook"],
                assignments: { include: [GROUP], exclude: ["33333333-3333-3333-3333-333333333333"] },
            }),
        );
        expect(changes).toEqual({ send: { targetApps: ["apps"], assign: ["assignments"] }, released: [] });
    });

    it("ignores the app list Intune fills for app groups", () => {
        const group = { displayName: "All", appGroupType: "allMicrosoftApps" };
        expect(isUnchanged(policyChanges(platform, stored(platform, group), checked(platform, group)))).toBe(true);
    });

    it("changing the app group is one targetApps call", () => {
        const changes = policyChanges(
            platform,
            stored(platform, base),
            checked(platform, {
                displayName: "Sales",
                pinRequired: true,
                periodOfflineBeforeAccessCheck: "PT12H",
                appGroupType: "allCoreMicrosoftApps",
                assignments: base.assignments,
            }),
        );
        expect(changes.send).toEqual({ targetApps: ["appGroupType"] });
        expect(changes.released).toEqual(["apps"]);
    });

    it("a removed setting is released, not written", () => {
        const { pinRequired, ...rest } = base;
        void pinRequired;
        const changes = policyChanges(platform, stored(platform, base), checked(platform, rest));
        expect(changes).toEqual({ send: {}, released: ["pinRequired"] });
        expect(isUnchanged(changes)).toBe(false);
    });

    it("a newly declared setting is patched", () => {
        const changes = policyChanges(
            platform,
            stored(platform, base),
            checked(platform, { ...base, printBlocked: true }),
        );
        expect(changes.send).toEqual({ patch: ["printBlocked"] });
    });

    it("unknown values count as changes", () => {
        const changes = policyChanges(platform, stored(platform, base), {
            ...checked(platform, base),
            displayName: UNKNOWN,
        });
        expect(changes.send).toEqual({ patch: ["displayName"] });
    });

    it("drift read back from Graph shows as a change of that setting", () => {
        const drifted = { ...stored(platform, base), pinRequired: false };
        expect(policyChanges(platform, drifted, checked(platform, base)).send).toEqual({ patch: ["pinRequired"] });
    });
});

describe("sameValue", () => {
    it("ignores object key order (the engine returns keys sorted) but not list order", async () => {
        const { sameValue } = await import("../../provider/engine/diff");
        expect(sameValue({ include: ["a"], exclude: ["b"] }, { exclude: ["b"], include: ["a"] })).toBe(true);
        expect(sameValue([{ packageId: "p", name: "n" }], [{ name: "n", packageId: "p" }])).toBe(true);
        expect(sameValue(["a", "b"], ["b", "a"])).toBe(false);
        expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    });
});

/**
 * The live suite's small parts: its settings (what a misconfigured run says), which policies are
 * an earlier run's leftovers, the shape comparison and placeholder binding of the fidelity replay.
 */
import { isStaleLeftover, runPrefix, SUITE_NAME_PATTERN } from "./names";
import { bind, fill } from "./replay";
import { liveSettings, LiveSettingsError, secretEnv, stackConfig } from "./settings";
import { shapeDifferences } from "./shape";

describe("settings", () => {
    const base = { INTUNE_LIVE_TENANT_ID: "contoso.onmicrosoft.com", INTUNE_LIVE_CLIENT_ID: "app" };

    it("without a tenant, names every missing variable and lists what each means", () => {
        expect(() => liveSettings({})).toThrow(LiveSettingsError);
        expect(() => liveSettings({})).toThrow(
            /INTUNE_LIVE_TENANT_ID is not set; INTUNE_LIVE_CLIENT_ID is not set; neither INTUNE_LIVE_CLIENT_SECRET nor INTUNE_LIVE_CERTIFICATE_PATH is set/,
        );
        expect(() => liveSettings({})).toThrow(/INTUNE_LIVE_RECORD: folder to write sanitized/);
    });

    it("wants exactly one credential and a sweep age of at least an hour", () => {
        expect(() =>
            liveSettings({ ...base, INTUNE_LIVE_CLIENT_SECRET: "s", INTUNE_LIVE_CERTIFICATE_PATH: "/c.pem" }),
        ).toThrow(/both INTUNE_LIVE_CLIENT_SECRET and INTUNE_LIVE_CERTIFICATE_PATH are set/);
        expect(() => liveSettings({ ...base, INTUNE_LIVE_CLIENT_SECRET: "s", INTUNE_LIVE_SWEEP_HOURS: "0.5" })).toThrow(
            /INTUNE_LIVE_SWEEP_HOURS is "0.5"; use a number of hours of at least 1, or "off"/,
        );
        expect(liveSettings({ ...base, INTUNE_LIVE_CLIENT_SECRET: "s" }).sweepHours).toBe(24);
        expect(
            liveSettings({ ...base, INTUNE_LIVE_CLIENT_SECRET: "s", INTUNE_LIVE_SWEEP_HOURS: "off" }).sweepHours,
        ).toBe(undefined);
    });

    it("keeps secrets out of stack config: they go to the engine's environment only", () => {
        const live = liveSettings({
            ...base,
            INTUNE_LIVE_CERTIFICATE_PATH: "/c.pem",
            INTUNE_LIVE_CERTIFICATE_PASSWORD: "pw",
        });
        expect(stackConfig(live)).toEqual({
            "intune:tenantId": "contoso.onmicrosoft.com",
            "intune:clientId": "app",
            "intune:clientCertificatePath": "/c.pem",
        });
        expect(secretEnv(live)).toEqual({ AZURE_CLIENT_CERTIFICATE_PASSWORD: "pw" });
        expect(secretEnv(liveSettings({ ...base, INTUNE_LIVE_CLIENT_SECRET: "s" }))).toEqual({
            AZURE_CLIENT_SECRET: "s",
        });
    });
});

describe("names", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const policy = (displayName: string, createdDateTime?: string) => ({
        platform: "ios" as const,
        id: "T_1",
        displayName,
        createdDateTime,
    });

    it("a run's prefix matches the suite's pattern; a bad run id is refused", () => {
        expect(SUITE_NAME_PATTERN.test(`${runPrefix("0a1b2c3d")}ios`)).toBe(true);
        expect(() => runPrefix("../x")).toThrow(/not 8 hex digits/);
    });

    it("a leftover is a suite name older than the sweep age; anything else is not", () => {
        expect(isStaleLeftover(policy("pulumi-live-0a1b2c3d-ios", "2026-03-09T11:59:00Z"), now, 24)).toBe(true);
        expect(isStaleLeftover(policy("pulumi-live-0a1b2c3d-ios", "2026-03-09T12:01:00Z"), now, 24)).toBe(false);
        expect(isStaleLeftover(policy("Sales pulumi-live-0a1b2c3d-ios", "2020-01-01T00:00:00Z"), now, 24)).toBe(false);
        expect(isStaleLeftover(policy("pulumi-live-0A1B2C3D-ios", "2020-01-01T00:00:00Z"), now, 24)).toBe(false);
        expect(isStaleLeftover(policy("pulumi-live-ios", "2020-01-01T00:00:00Z"), now, 24)).toBe(false);
        expect(isStaleLeftover(policy("pulumi-live-0a1b2c3d-ios"), now, 24)).toBe(false);
    });
});

describe("shape comparison", () => {
    it("finds missing and extra keys and changed types, at their path", () => {
        expect(
            shapeDifferences(
                { id: "a", pin: true, apps: [{ id: "x", v: 1 }], n: 1 },
                { id: "b", pin: "yes", apps: [{ id: "y" }, { v: 2, extra: [] }], m: 1 },
            ),
        ).toEqual([
            "$.pin: recorded boolean, answered string",
            "$.apps[].extra: in the answer, not recorded",
            "$.n: recorded, missing in the answer",
            "$.m: in the answer, not recorded",
        ]);
    });

    it("null matches any type, paging keys may come and go; a body where none was recorded differs", () => {
        expect(shapeDifferences({ a: null, b: "x" }, { a: 3, b: null })).toEqual([]);
        expect(shapeDifferences(undefined, { a: 1 })).toEqual(["$: answered with a body, none recorded"]);
        expect(shapeDifferences(undefined, undefined)).toEqual([]);
        expect(shapeDifferences({ value: [], "@odata.nextLink": "x" }, { value: [], "@odata.count": 0 })).toEqual([]);
    });
});

describe("placeholder binding", () => {
    it("binds placeholders from an answer and fills them into later requests", () => {
        const bindings = new Map([["{{run}}", "0a1b2c3d"]]);
        bind(
            { id: "T_{{id:1}}", displayName: "pulumi-live-{{run}}-ios", apps: [{ id: "{{id:2}}_x" }] },
            { id: "T_abc-def", displayName: "pulumi-live-0a1b2c3d-ios", apps: [{ id: "g1_x" }] },
            bindings,
        );
        expect(fill("/p/T_{{id:1}}/apps/{{id:2}}", bindings)).toBe("/p/T_abc-def/apps/g1");
        expect(() => fill("/p/{{id:3}}", bindings)).toThrow("{{id:3}} is used before any answer introduced it");
    });
});

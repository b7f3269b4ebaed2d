/**
 * Bad input never reaches Graph. For every setting of the four catalogs, generated invalid values of
 * its kind (wrong JSON types, out-of-range numbers, non-members, malformed durations, versions,
 * dates, URL schemes, package ids, bad list items and pair objects) fail `check` on that setting,
 * with a reason naming the setting and the value; generated valid values pass and normalize to a
 * fixed point. Nothing here sends a request: the emulator's log stays empty.
 */
import { shown } from "../../provider/settings/shown";
import * as fs from "fs";
import fc from "fast-check";
import { checkInputs } from "../../provider/engine/check";
import * as runtime from "../../provider/engine/runtime";
import { platforms, policyTypes } from "../../provider/settings/platforms";
import type { PolicyType } from "../../provider/settings/policy-type";
import { declaredStack, runEngine, tempDir } from "../support/engine";
import { useEmulatedTenant } from "../support/provider";
import { MiniStack, graphRequests, type Declared } from "./harness";
import { classify, invalidValue, validValue } from "./kinds";

jest.setTimeout(120_000);

const contoso = useEmulatedTenant();

/** Values as failure reasons echo them: JSON, long ones cut to 100 characters with their length. */
const q = shown;
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 40);

/** Every (policy type, setting) pair of the catalogs with its recognised kind. */
const SETTINGS = (Object.values(policyTypes) as PolicyType[]).flatMap((platform) =>
    Object.entries(platform.settings).map(([key, spec]) => ({
        platform,
        key,
        spec,
        cls: classify(spec),
        label: `${platform.name}.${key}`,
    })),
);

/** The inputs around one value: a valid policy name unless the value is the name. */
const around = (key: string, value: unknown) =>
    key === "displayName" ? { displayName: value } : { displayName: "Bad input", [key]: value };

describe("every setting's kind is recognised", () => {
    it("covers the four catalogs", () => {
        expect(SETTINGS.length).toBe(
            Object.values(policyTypes).reduce((sum, type) => sum + Object.keys(type.settings).length, 0),
        );
        const types = new Set(SETTINGS.map((s) => s.cls.type));
        expect([...types].sort()).toEqual(
            [
                "bool",
                "duration",
                "flags",
                "int",
                "joinedSet",
                "oneOf",
                "packageId",
                "pairs",
                "patchLevel",
                "setOf",
                "stringSet",
                "text",
                "urlScheme",
                "version",
            ].sort(),
        );
    });
});

describe.each(SETTINGS)("$label", ({ platform, key, spec, cls }) => {
    it("rejects invalid values on this setting, naming it and the value, without a request", async () => {
        const before = contoso.emulator.requests.length;
        await fc.assert(
            fc.asyncProperty(invalidValue(cls), async (value) => {
                expect([q(value), spec.kind.problem(value)]).toEqual([q(value), expect.any(String)]);
                const { failures, inputs } = await runtime.check(platform.name, {}, around(key, value));
                const failure = failures.find((f) => f.property === key);
                expect(failure).toBeDefined();
                expect(failure!.reason.startsWith(`${key} (${spec.label}): ${q(value)} `)).toBe(true);
                expect(inputs).not.toHaveProperty(key);
            }),
            { numRuns: RUNS },
        );
        expect(contoso.emulator.requests.length).toBe(before);
    });

    it("accepts valid values and normalizes them to a fixed point", () => {
        fc.assert(
            fc.property(validValue(cls), (value) => {
                expect([q(value), spec.kind.problem(value)]).toEqual([q(value), undefined]);
                const { failures, inputs } = checkInputs(platform, around(key, value));
                expect(failures.filter((f) => f.reason.startsWith(`${key} (`))).toEqual([]);
                const once = spec.kind.normalize(value);
                expect(inputs[key]).toEqual(once);
                expect(spec.kind.normalize(once)).toEqual(once);
                expect(checkInputs(platform, around(key, once)).inputs[key]).toEqual(once);
            }),
            { numRuns: RUNS },
        );
    });

    it("sends and reads back what it normalized (no false drift)", () => {
        fc.assert(
            fc.property(validValue(cls, { nonEmpty: true }), (value) => {
                const once = spec.kind.normalize(value);
                expect([q(once), spec.kind.fromGraph(spec.kind.toGraph(once))]).toEqual([q(once), once]);
            }),
            { numRuns: RUNS },
        );
    });
});

describe("what check tells users", () => {
    /** Settings whose failure reasons do not say "must be <what the kind allows>", with an example reason. */
    function reasonsWithoutAllowed(): string[] {
        const missing: string[] = [];
        for (const { platform, key, spec, cls, label } of SETTINGS) {
            fc.check(
                fc.property(invalidValue(cls), (value) => {
                    const failure = checkInputs(platform, around(key, value)).failures.find((f) => f.property === key);
                    if (failure && !failure.reason.includes(`must be ${spec.kind.allowed}`)) {
                        missing.push(`${label}: ${failure.reason}`);
                        return false;
                    }
                    return true;
                }),
                { numRuns: 20, endOnFailure: true, seed: 42 },
            );
        }
        return missing;
    }

    it("every reason says what the setting allows (the kind's `allowed` text)", () => {
        expect(reasonsWithoutAllowed()).toEqual([]);
    });

    it("several bad values fail together, one failure per setting", async () => {
        const { failures } = await runtime.check(
            "android",
            {},
            {
                displayName: "",
                minimumPinLength: 3,
                pinCharacterSet: "emoji",
                periodOfflineBeforeAccessCheck: "12 hours",
                approvedKeyboards: [{ packageId: "com.touchtype.swiftkey", name: "SwiftKey", vendor: "Microsoft" }],
                minimumRequiredPatchVersion: "2026-02-31x",
            },
        );
        expect(failures.map((f) => f.property).sort()).toEqual(
            [
                "approvedKeyboards",
                "displayName",
                "minimumPinLength",
                "minimumRequiredPatchVersion",
                "periodOfflineBeforeAccessCheck",
                "pinCharacterSet",
            ].sort(),
        );
    });
});

describe("values that pass check but read back as 'not configured'", () => {
    // Found by this suite and fixed: `text` and `joinedSet` used to read Graph's "" back as
    // "not configured", so description: "" or allowedIosDeviceModels: [] drifted forever.
    it.each<[string, unknown]>([
        ["description", ""],
        ["allowedIosDeviceModels", []],
    ])("%s = %j reads back as what was sent", (key, value) => {
        const spec = platforms.ios.settings[key];
        expect(spec.kind.problem(value)).toBeUndefined();
        const once = spec.kind.normalize(value);
        expect(spec.kind.fromGraph(spec.kind.toGraph(once))).toEqual(once);
    });

    it('a policy declaring description: "" shows no change after refresh', async () => {
        const stack = new MiniStack();
        const program: Declared[] = [
            { platform: "ios", name: "empty", args: { displayName: "Empty description", description: "" } },
        ];
        await stack.upOk(program);
        await stack.refresh();
        contoso.emulator.clearLog();
        expect((await stack.upOk(program)).map((o) => o.op)).toEqual(["same"]);
        expect(graphRequests(contoso.emulator, contoso.tenant)).toEqual([]);
    });

    // Found by this suite and fixed: durations longer than .NET TimeSpan.MaxValue passed check and
    // Graph rejected them at `up` instead of at preview.
    it("a duration longer than Graph can store fails check", () => {
        expect(platforms.ios.settings.periodOnlineBeforeAccessCheck.kind.problem("P10675200D")).toBeDefined();
    });
});

describe("under the real engine", () => {
    it("a preview with bad values of many kinds on both platforms fails with every reason, and sends no request at all", async () => {
        const work = tempDir("intune-bad-input-");
        try {
            const bad: Declared[] = [
                {
                    platform: "ios",
                    name: "bad-ios",
                    args: {
                        displayName: "Bad iOS",
                        allowedDataStorageLocations: ["dropbox"],
                        targetedAppManagementLevels: [],
                        appDataEncryptionType: "always",
                        managedUniversalLinks: ["ftp://x"],
                        exemptedAppProtocols: [{ name: "Skype", schemes: "skype://" }],
                    },
                },
                {
                    platform: "android",
                    name: "bad-android",
                    args: {
                        displayName: "Bad Android",
                        minimumRequiredPatchVersion: "2026-13-01",
                        allowedAndroidDeviceManufacturers: ["a;b"],
                        warnAfterCompanyPortalUpdateDeferralInDays: 400,
                        customDialerAppPackageId: "dialer",
                        maximumPinRetries: 2.5,
                    },
                },
            ];
            contoso.emulator.clearLog();
            const outcome = await runEngine(
                "preview",
                declaredStack(contoso.emulator, work, "bad", contoso.tenant, bad),
            );
            expect(outcome.code).not.toBe(0);
            // The engine stops at the first resource whose check fails; that one lists every problem.
            const reported = bad.filter((d) => outcome.output.includes(`resource '${d.name}'`));
            expect(reported).toHaveLength(1);
            for (const [key, value] of Object.entries(reported[0].args as Record<string, unknown>)) {
                if (key === "displayName") continue;
                const line = outcome.output.split("\n").find((l) => l.includes(`has a problem: ${key} (`));
                expect([key, line?.includes(`): ${q(value)} `)]).toEqual([key, true]);
            }
            expect(contoso.emulator.requests).toEqual([]);
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });
});

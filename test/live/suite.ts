/**
 * The live acceptance suite: lifecycle, drift, adopt and export round trip through the real
 * engine, against whatever tenant the `INTUNE_LIVE_*` variables name. Writes are counted from
 * the provider's own Graph trace, so the counts hold against a real tenant as against the
 * emulator. Every policy carries the run's prefix and is deleted at the end, also after failures.
 *
 * Registered by `tenant.live.ts` (`npm run test:live`) and `emulator.test.ts` (inside `npm test`).
 */
import * as fs from "fs";
import * as path from "path";
import { exportOwnPolicies } from "./export";
import type { ListedPolicy } from "./names";
import { writeFixtures } from "./record";
import { LiveRun, type Declared, type LiveStack } from "./run";
import { liveSettings } from "./settings";
import type { PlatformName } from "../../provider/settings/platforms";
import { requestLine, writes } from "./trace";

const OUTLOOK = "com.microsoft.office.outlook";
const ENGINE_TIMEOUT = 300_000;

/** Hooks of the file that registers the suite. */
export interface LiveSuiteHooks {
    /** Before the suite reads its settings (the emulator test starts the emulator here). */
    before?: () => Promise<void>;
}

/** A policy of the suite: iOS and Android only, the platforms its tenant access lists and cleans up. */
type LivePolicy = Declared & { platform: PlatformName };

/** The lifecycle stack's policies; no assignments, so no user of a real tenant is affected. */
function lifecyclePolicies(prefix: string, ios: Record<string, unknown> = {}): LivePolicy[] {
    return [
        {
            platform: "ios",
            name: "live-ios",
            args: {
                displayName: `${prefix}ios`,
                apps: [OUTLOOK],
                pinRequired: true,
                minimumPinLength: 6,
                periodOnlineBeforeAccessCheck: "PT30M",
                dataBackupBlocked: true,
                ...ios,
            },
        },
        {
            platform: "android",
            name: "live-android",
            args: {
                displayName: `${prefix}android`,
                apps: [OUTLOOK],
                pinRequired: true,
                encryptAppData: true,
                screenCaptureBlocked: true,
            },
        },
    ];
}

/** The declared settings (not apps) as the tenant holds them. */
function heldSettings(graph: Record<string, any>, args: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
        Object.keys(args)
            .filter((k) => k !== "apps")
            .map((k) => [k, graph[k]]),
    );
}

const appIds = (graph: Record<string, any>) =>
    (graph.apps ?? []).map((a: any) => a.mobileAppIdentifier?.bundleId ?? a.mobileAppIdentifier?.packageId);

/** The secret values of the run's credential: secret, key password, the private key's base64 body. */
function credentialSecrets(run: LiveRun): string[] {
    const { clientSecret, certificatePassword, certificatePath } = run.live;
    const key = certificatePath
        ? /-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)-----END/.exec(fs.readFileSync(certificatePath, "utf8"))?.[1]
        : undefined;
    // A line of the key is enough to find it anywhere.
    const keyLine = key
        ?.split("\n")
        .find((line) => line.trim().length >= 32)
        ?.trim();
    return [clientSecret, certificatePassword, keyLine].filter((s): s is string => !!s);
}

/** Registers the suite; returns access to its run (for the emulator test's own checks). */
export function liveAcceptanceSuite(hooks: LiveSuiteHooks = {}): { run: () => LiveRun } {
    let run: LiveRun;
    const policy = async (name: string): Promise<ListedPolicy> => {
        const found = (await run.tenant.own()).find((p) => p.displayName === `${run.prefix}${name}`);
        if (!found) throw new Error(`the tenant holds no policy ${run.prefix}${name}`);
        return found;
    };

    describe("live acceptance", () => {
        let lifecycle: LiveStack;
        let adopt: LiveStack;

        beforeAll(async () => {
            await hooks.before?.();
            run = new LiveRun(liveSettings(process.env));
            const hours = run.live.sweepHours;
            if (hours !== undefined)
                await run.traced(run.step("sweep", "leftovers", false), () => run.tenant.sweep(hours));
        }, ENGINE_TIMEOUT);

        afterAll(async () => {
            if (!run) return;
            const problems = await run.cleanUp();
            try {
                if (run.live.recordDir) writeFixtures(run, run.live.recordDir);
            } finally {
                run.dispose();
            }
            if (problems.length) throw new Error(`cleanup of run ${run.prefix} failed: ${problems.join("; ")}`);
        }, ENGINE_TIMEOUT * 2);

        describe("lifecycle", () => {
            it(
                "up creates each policy with one POST, holding the declared settings and apps",
                async () => {
                    const declared = lifecyclePolicies(run.prefix);
                    lifecycle = run.declare("lifecycle", declared);
                    const { result, trace } = await run.engine("up", lifecycle, run.step("lifecycle", "up"));
                    expect(result.changes).toEqual({ create: 3 }); // the stack and two policies
                    expect(writes(trace).map(requestLine).sort()).toEqual([
                        "POST /deviceAppManagement/androidManagedAppProtections",
                        "POST /deviceAppManagement/iosManagedAppProtections",
                    ]);
                    for (const { platform, args } of declared) {
                        const listed = await policy(String(args.displayName).slice(run.prefix.length));
                        const graph = await run.tenant.get(platform, listed.id);
                        expect(heldSettings(graph, args)).toEqual(heldSettings(args, args));
                        expect(appIds(graph)).toEqual(args.apps);
                    }
                },
                ENGINE_TIMEOUT,
            );

            it(
                "a second preview shows no change and writes nothing",
                async () => {
                    const { result, trace } = await run.engine("preview", lifecycle, run.step("lifecycle", "preview"));
                    expect(result.changes).toEqual({ same: 3 });
                    expect(writes(trace)).toEqual([]);
                },
                ENGINE_TIMEOUT,
            );

            it(
                "one changed setting previews as one in-place update, and up sends one PATCH of it",
                async () => {
                    lifecycle = run.declare("lifecycle", lifecyclePolicies(run.prefix, { minimumPinLength: 8 }));
                    const preview = await run.engine("preview", lifecycle, run.step("lifecycle", "preview update"));
                    expect(preview.result.changes).toEqual({ same: 2, update: 1 });
                    expect(preview.result.output).toMatch(/~ minimumPinLength\s*: 6 => 8/);
                    expect(writes(preview.trace)).toEqual([]);

                    const { result, trace } = await run.engine("up", lifecycle, run.step("lifecycle", "up update"));
                    expect(result.changes).toEqual({ same: 2, update: 1 });
                    const ios = await policy("ios");
                    expect(writes(trace).map(requestLine)).toEqual([
                        `PATCH /deviceAppManagement/iosManagedAppProtections/${ios.id}`,
                    ]);
                    expect(writes(trace)[0].requestBody).toEqual({
                        "@odata.type": "#microsoft.graph.iosManagedAppProtection",
                        minimumPinLength: 8,
                    });
                    expect((await run.tenant.get("ios", ios.id)).minimumPinLength).toBe(8);
                },
                ENGINE_TIMEOUT,
            );
        });

        describe("drift", () => {
            it(
                "a change made outside Pulumi shows in refresh, and up puts it back with one PATCH",
                async () => {
                    const ios = await policy("ios");
                    await run.traced(run.step("drift", "change outside Pulumi"), () =>
                        run.tenant.change(ios, { dataBackupBlocked: false }),
                    );
                    const refresh = await run.engine("refresh", lifecycle, run.step("drift", "refresh"));
                    expect(refresh.result.changes).toMatchObject({ update: 1 });
                    expect(refresh.result.output).toMatch(/live-ios updated .*\[diff: ~dataBackupBlocked\]/);
                    expect(writes(refresh.trace)).toEqual([]);

                    const { result, trace } = await run.engine("up", lifecycle, run.step("drift", "up"));
                    expect(result.changes).toEqual({ same: 2, update: 1 });
                    expect(writes(trace).map((e) => e.requestBody)).toEqual([
                        { "@odata.type": "#microsoft.graph.iosManagedAppProtection", dataBackupBlocked: true },
                    ]);
                    expect((await run.tenant.get("ios", ios.id)).dataBackupBlocked).toBe(true);
                },
                ENGINE_TIMEOUT,
            );
        });

        describe("adopt", () => {
            it(
                "an existing policy declared as it is is taken over by adoptPolicyId with zero writes",
                async () => {
                    const { value: made } = await run.traced(run.step("adopt", "create outside Pulumi"), () =>
                        run.tenant.create("ios", {
                            displayName: `${run.prefix}adopted`,
                            pinRequired: true,
                            minimumPinLength: 6,
                            appGroupType: "selectedPublicApps",
                            apps: [
                                {
                                    mobileAppIdentifier: {
                                        "@odata.type": "#microsoft.graph.iosMobileAppIdentifier",
                                        bundleId: OUTLOOK,
                                    },
                                },
                            ],
                        }),
                    );
                    const before = await run.tenant.get("ios", made.id);
                    adopt = run.declare("adopt", [
                        {
                            platform: "ios",
                            name: "live-adopted",
                            args: {
                                adoptPolicyId: made.id,
                                displayName: `${run.prefix}adopted`,
                                apps: [OUTLOOK],
                                pinRequired: true,
                                minimumPinLength: 6,
                            },
                        },
                    ]);
                    const { result, trace } = await run.engine("up", adopt, run.step("adopt", "up"));
                    expect(result.changes).toEqual({ create: 2 }); // the stack and the adopted policy
                    expect(writes(trace)).toEqual([]);
                    expect(trace.map(requestLine)).toContain(
                        `GET /deviceAppManagement/iosManagedAppProtections/${made.id}`,
                    );
                    expect((await run.tenant.get("ios", made.id)).version).toEqual(before.version);

                    const preview = await run.engine("preview", adopt, run.step("adopt", "preview"));
                    expect(preview.result.changes).toEqual({ same: 2 });
                    expect(writes(preview.trace)).toEqual([]);
                },
                ENGINE_TIMEOUT,
            );
        });

        describe("export round trip", () => {
            it(
                "the run's policies exported to a program: its up adopts them with zero writes; preview and refresh then show nothing",
                async () => {
                    const dir = path.join(run.programs, "exported");
                    const { value: exported } = await run.traced(run.step("export", "read"), () =>
                        exportOwnPolicies(run.tenant.session, run.prefix, dir),
                    );
                    const own = await run.tenant.own();
                    expect(exported.ids.sort()).toEqual(own.map((p) => p.id).sort());
                    expect(own).toHaveLength(3);
                    const ownIds = new Set(own.map((p) => p.id));
                    for (const other of (await run.tenant.list()).filter((p) => !ownIds.has(p.id)))
                        expect(exported.program).not.toContain(other.id);

                    const stack = run.program("exported", dir);
                    const up = await run.engine("up", stack, run.step("export", "up"));
                    expect(up.result.changes).toEqual({ create: 4 }); // the stack and three adopted policies
                    expect(writes(up.trace)).toEqual([]);
                    const preview = await run.engine("preview", stack, run.step("export", "preview"));
                    expect(preview.result.changes).toEqual({ same: 4 });
                    expect(writes(preview.trace)).toEqual([]);
                    const refresh = await run.engine("refresh", stack, run.step("export", "refresh"));
                    expect(refresh.result.changes).toEqual({ same: 4 });
                    expect(writes(refresh.trace)).toEqual([]);
                    // The policies stay with the stacks that made them; this stack only proved the round trip.
                    run.forget(stack);
                },
                ENGINE_TIMEOUT * 2,
            );
        });

        describe("destroy", () => {
            it(
                "destroy deletes each stack's policies with one DELETE each",
                async () => {
                    const ids = Object.fromEntries((await run.tenant.own()).map((p) => [p.displayName, p.id]));
                    const first = await run.engine("destroy", lifecycle, run.step("destroy", "lifecycle"));
                    expect(first.result.changes).toMatchObject({ delete: 3 });
                    expect(writes(first.trace).map(requestLine).sort()).toEqual([
                        `DELETE /deviceAppManagement/androidManagedAppProtections/${ids[`${run.prefix}android`]}`,
                        `DELETE /deviceAppManagement/iosManagedAppProtections/${ids[`${run.prefix}ios`]}`,
                    ]);
                    const second = await run.engine("destroy", adopt, run.step("destroy", "adopt"));
                    expect(second.result.changes).toMatchObject({ delete: 2 });
                    expect(writes(second.trace).map(requestLine)).toEqual([
                        `DELETE /deviceAppManagement/iosManagedAppProtections/${ids[`${run.prefix}adopted`]}`,
                    ]);
                    expect(await run.tenant.own()).toEqual([]);
                },
                ENGINE_TIMEOUT,
            );

            it("the credential's secrets are in no state file, trace or engine output", () => {
                const secrets = credentialSecrets(run);
                expect(secrets.length).toBeGreaterThan(0);
                for (const file of run.files()) {
                    const text = fs.readFileSync(file, "utf8");
                    expect([file, secrets.filter((s) => text.includes(s)).length]).toEqual([file, 0]);
                }
                for (const output of run.outputs) expect(secrets.filter((s) => output.includes(s))).toEqual([]);
            });
        });
    });
    return { run: () => run };
}

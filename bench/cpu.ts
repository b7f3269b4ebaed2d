/**
 * Provider CPU per call: `check` and `diff` as the provider process runs them (the compiled
 * runtime in dist/), over a small policy and a large one (Microsoft's level-3 framework policy,
 * every setting it configures), many iterations after a warm-up.
 */
import * as path from "path";
import { frameworkPolicies } from "../test/support/framework";

const DIST = path.join(__dirname, "..", "dist", "provider", "engine");

export interface CpuResult {
    policy: string;
    settings: number;
    checkUs: number;
    diffUs: number;
    diffChangedUs: number;
    iterations: number;
}

type Values = Record<string, unknown>;

/** µs per call of `fn` over `iterations` (after a warm-up of a tenth as many). */
async function perCall(iterations: number, fn: () => Promise<unknown>): Promise<number> {
    for (let i = 0; i < Math.ceil(iterations / 10); i++) await fn();
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await fn();
    return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

export async function measureCpu(iterations = 20_000): Promise<CpuResult[]> {
    const runtime = require(path.join(DIST, "runtime"));
    const { settingsFromGraph } = require(path.join(DIST, "state"));
    const { platforms } = require(path.join(DIST, "..", "settings", "platforms"));
    const small: Values = {
        displayName: "Bench small",
        pinRequired: true,
        minimumPinLength: 6,
        periodOfflineBeforeAccessCheck: "PT720M",
        allowedDataStorageLocations: ["sharePoint", "oneDriveForBusiness"],
        apps: ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
        assignments: {
            include: ["0cb3758d-d07a-48ca-8167-6de928b4828d"],
            exclude: ["66d3c43e-f132-4909-9957-9e3324d0f8ac"],
        },
    };
    const level3 = frameworkPolicies().find((p) => p.platform === "ios" && p.level === 3)!;
    // (the published JSON carries a placeholder for the dialer's URL scheme)
    const large: Values = {
        ...settingsFromGraph(platforms.ios, level3.json),
        customDialerAppProtocol: "dialer",
        displayName: "Bench level 3",
        assignments: small.assignments,
    };
    const results: CpuResult[] = [];
    for (const [name, args] of [
        ["small iOS policy", small],
        ["level-3 framework iOS policy", large],
    ] as const) {
        const news = { ...args, __provider: "p" };
        const { inputs: checked, failures } = (await runtime.check("ios", {}, news)) as {
            inputs: Values;
            failures: { reason: string }[];
        };
        if (failures.length)
            throw new Error(`bench policy ${name} does not pass check: ${failures.map((f) => f.reason).join("; ")}`);
        const stored = { ...checked, id: "T_x", version: '"1"' };
        const changed = { ...checked, minimumPinLength: 8 };
        results.push({
            policy: name,
            settings: Object.keys(checked).length,
            checkUs: await perCall(iterations, () => runtime.check("ios", stored, news)),
            diffUs: await perCall(iterations, () => runtime.diff("ios", "T_x", stored, checked)),
            diffChangedUs: await perCall(iterations, () => runtime.diff("ios", "T_x", stored, changed)),
            iterations,
        });
    }
    return results;
}

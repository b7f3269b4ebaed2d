/**
 * Shared pieces of the resilience suites: a miniature `pulumi up` over the in-process runtime
 * (same state rules as the engine: what create/update return is recorded, a PartialApplyError's
 * `properties` are recorded for its `id`, any other error keeps the previous state), and the
 * convergence checks (the tenant holds exactly the declared policies, none twice, none untracked).
 */
import * as runtime from "../../provider/engine/runtime";
import type { PolicyTypeName } from "../../provider/settings/policy-type";
import type { Emulator } from "../../emulator";
import { TEST_TUNING_ENV, type TransportTuning } from "../../provider/config";
import { configSource } from "../support/tenants";
import { setWarningSink } from "../../provider/engine/warn";
import type { TestTenant } from "../support/tenants";
import type { Declared } from "../support/declared";
import { expectTenantHolds, graphRequests } from "../support/converged";

export type { Declared };

type Values = Record<string, unknown>;

/** What the stack's state holds for one resource. */
export interface Recorded {
    platform: PolicyTypeName;
    id: string;
    /** Stored outputs, with `__provider` as the engine keeps it. */
    outs: Values;
    /** Set when the last operation failed after Graph took part of it (the engine's init errors). */
    initErrors?: string[];
}

/** What happened to one resource in one `up`. */
export interface Operation {
    name: string;
    op: "create" | "update" | "same" | "delete";
    error?: Error;
}

const PROVIDER = "serialized-provider";

/** Config that keeps retries (and waits for lost creates) short in tests (Intune's limits stay the pacer's). */
export const FAST_RETRIES: Record<string, string> = {
    // These suites count each request of create and update; what check verifies before them has its
    // own suite (test/e2e/preview-verify.test.ts).
    "intune:verifyAtPreview": "false",
    "intune:maxRetryDurationSeconds": "1.5",
    "intune:requestTimeoutSeconds": "2",
    "intune:createSettleSeconds": "0.2",
};

/** Back-off steps that keep retries short in tests: not stack config, so they travel in {@link TEST_TUNING_ENV}. */
export const FAST_TIMINGS: Partial<TransportTuning> = { retryInitialDelayMs: 10, retryMaxDelayMs: 80 };

/** The environment that gives a provider process {@link FAST_TIMINGS} (engine runs). */
export const FAST_TIMINGS_ENV: Record<string, string> = { [TEST_TUNING_ENV]: JSON.stringify(FAST_TIMINGS) };

/** Warnings the in-process runtime gave (it says once per configuration that it did not verify). */
export const runtimeWarnings: string[] = [];
setWarningSink((message) => runtimeWarnings.push(message));

/** Configures the in-process runtime with stack `config` and {@link FAST_TIMINGS} (overridden by `timings`). */
export function configureRuntime(config: Record<string, string>, timings: Partial<TransportTuning> = {}): void {
    const saved = process.env[TEST_TUNING_ENV];
    process.env[TEST_TUNING_ENV] = JSON.stringify({ ...FAST_TIMINGS, ...timings });
    try {
        runtime.configure(configSource(config));
    } finally {
        if (saved === undefined) delete process.env[TEST_TUNING_ENV];
        else process.env[TEST_TUNING_ENV] = saved;
    }
}

/**
 * A stack's state plus `up`, run the way the engine runs it: every resource in parallel,
 * check → diff → create/update, with the engine's rules for recording failures.
 */
export class MiniStack {
    readonly state = new Map<string, Recorded>();

    /** Runs `pulumi up` for `declared`; resolves with each resource's operation (never rejects). */
    async up(declared: Declared[]): Promise<Operation[]> {
        const names = new Set(declared.map((d) => d.name));
        const ops = declared.map((d) => this.apply(d));
        for (const [name, rec] of this.state) {
            if (!names.has(name)) ops.push(this.remove(name, rec));
        }
        return Promise.all(ops);
    }

    /** Like `up`, but throws the first failure (with every failure's message). */
    async upOk(declared: Declared[]): Promise<Operation[]> {
        const ops = await this.up(declared);
        const failed = ops.filter((o) => o.error);
        if (failed.length)
            throw new Error(`up failed: ${failed.map((o) => `${o.name}: ${o.error!.message}`).join("\n")}`);
        return ops;
    }

    /** Runs `pulumi refresh`: reads every tracked policy; one that is gone leaves the state. */
    async refresh(): Promise<void> {
        await Promise.all(
            [...this.state].map(async ([name, rec]) => {
                const result = await runtime.read(rec.platform, rec.id, rec.outs);
                if (!result.id) this.state.delete(name);
                else this.state.set(name, { ...rec, outs: { ...result.props, __provider: PROVIDER } });
            }),
        );
    }

    private async apply(d: Declared): Promise<Operation> {
        const old = this.state.get(d.name);
        try {
            const checked = await runtime.check(d.platform, old?.outs ?? {}, { ...d.args, __provider: PROVIDER });
            if (checked.failures.length) throw new Error(checked.failures.map((f) => f.reason).join("; "));
            const news = checked.inputs;
            if (!old) {
                const { id, outs } = await runtime.create(d.platform, news);
                this.state.set(d.name, { platform: d.platform, id, outs: { ...outs, __provider: PROVIDER } });
                return { name: d.name, op: "create" };
            }
            const diff = await runtime.diff(d.platform, old.id, old.outs, news);
            if (!diff.changes && !old.initErrors) return { name: d.name, op: "same" };
            const { outs } = await runtime.update(d.platform, old.id, old.outs, news);
            this.state.set(d.name, { platform: d.platform, id: old.id, outs: { ...outs, __provider: PROVIDER } });
            return { name: d.name, op: "update" };
        } catch (err) {
            const e = err as Error & { id?: string; properties?: Values; reasons?: string[] };
            // The dynamic provider host turns an error with `id` into ErrorResourceInitFailed:
            // the engine records `properties` as the resource's outputs.
            if (e.id)
                this.state.set(d.name, {
                    platform: d.platform,
                    id: e.id,
                    outs: { ...(e.properties ?? {}) },
                    initErrors: e.reasons ?? [e.message],
                });
            return { name: d.name, op: old ? "update" : "create", error: e };
        }
    }

    private async remove(name: string, rec: Recorded): Promise<Operation> {
        try {
            await runtime.delete(rec.platform, rec.id);
            this.state.delete(name);
            return { name, op: "delete" };
        } catch (err) {
            return { name, op: "delete", error: err as Error };
        }
    }
}

/**
 * The tenant holds exactly the declared policies ({@link expectTenantHolds}), and the state tracks
 * each of them: no duplicate, no orphan, nothing declared lost.
 */
export function expectConverged(emulator: Emulator, tenant: TestTenant, declared: Declared[], stack?: MiniStack): void {
    expectTenantHolds(emulator, tenant, declared);
    if (stack) {
        const live = emulator.policies(tenant.tenantId);
        const tracked = [...stack.state.values()].map((r) => r.id.toLowerCase()).sort();
        expect(tracked).toEqual(live.map((p) => String(p.id).toLowerCase()).sort());
        expect([...stack.state.keys()].sort()).toEqual(declared.map((d) => d.name).sort());
    }
}

export { graphRequests };

/** A small program for a tenant: one iOS and one Android policy with apps and assignments. */
export function pairProgram(tenant: TestTenant, version: 1 | 2 = 1, prefix = "Res"): Declared[] {
    const v2 = version === 2;
    return [
        {
            platform: "ios",
            name: "ios",
            args: {
                displayName: `${prefix} iOS`,
                pinRequired: true,
                minimumPinLength: v2 ? 8 : 6,
                periodOnlineBeforeAccessCheck: v2 ? "PT1H" : "PT30M",
                allowedDataStorageLocations: v2 ? ["sharePoint"] : ["oneDriveForBusiness", "sharePoint"],
                apps: v2
                    ? ["com.microsoft.office.outlook"]
                    : ["com.microsoft.office.outlook", "com.microsoft.skype.teams"],
                assignments: v2
                    ? { include: [tenant.groups.finance] }
                    : { include: [tenant.groups.sales], exclude: [tenant.groups.contractors] },
            },
        },
        {
            platform: "android",
            name: "android",
            args: {
                displayName: `${prefix} Android`,
                pinRequired: true,
                encryptAppData: true,
                periodOfflineBeforeAccessCheck: v2 ? "P1D" : "PT720M",
                exemptedAppPackages: v2 ? [] : [{ name: "Dialer", packageId: "com.android.dialer" }],
                apps: v2 ? ["com.microsoft.teams"] : ["com.microsoft.office.outlook", "com.microsoft.teams"],
                assignments: v2
                    ? { include: [tenant.groups.sales, tenant.groups.finance] }
                    : { include: [tenant.groups.sales] },
            },
        },
    ];
}

/** A message a person can act on: names what failed, no `undefined`/`[object Object]` noise. */
export function expectClearError(error: Error | undefined, pattern: RegExp): void {
    expect(error).toBeDefined();
    expect(error!.message).toMatch(pattern);
    expect(error!.message).not.toMatch(/undefined|\[object Object\]/);
    expect(error!.message.length).toBeLessThan(4000);
}

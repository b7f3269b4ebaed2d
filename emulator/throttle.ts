/**
 * Intune's managed-applications throttling (spec 5.3), per tenant, as sliding 20 s windows:
 * writes (POST/PUT/PATCH/DELETE) 100 per app (clientId) and 200 per tenant; any request 1000 per
 * app and 2000 per tenant. A rejected request is not counted.
 */

/** Limits in requests per window. */
export interface ThrottleLimits {
    windowMs: number;
    writesPerApp: number;
    writesPerTenant: number;
    requestsPerApp: number;
    requestsPerTenant: number;
}

/** Intune's documented limits. */
export const INTUNE_LIMITS: ThrottleLimits = {
    windowMs: 20_000,
    writesPerApp: 100,
    writesPerTenant: 200,
    requestsPerApp: 1000,
    requestsPerTenant: 2000,
};

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Outcome of `Throttle.admit`. */
export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number; limit: keyof ThrottleLimits };

/** Sliding-window counters. */
export class Throttle {
    private limits: ThrottleLimits | false;
    private readonly windows = new Map<string, number[]>();

    constructor(limits: Partial<ThrottleLimits> | false = {}) {
        this.limits = limits === false ? false : { ...INTUNE_LIMITS, ...limits };
    }

    /** Replaces the limits (`false` disables throttling); counters are kept. */
    set(limits: Partial<ThrottleLimits> | false): void {
        this.limits = limits === false ? false : { ...INTUNE_LIMITS, ...limits };
    }

    get current(): ThrottleLimits | false {
        return this.limits;
    }

    /** Counts the request if every applicable window has room; otherwise says how long to wait. */
    admit(tenantId: string, clientId: string, method: string, now = Date.now()): Admission {
        const limits = this.limits;
        if (!limits) return { ok: true };
        const isWrite = WRITE_METHODS.has(method.toUpperCase());
        const checks: Array<[string, number, keyof ThrottleLimits]> = [
            [`all|${tenantId}|${clientId}`, limits.requestsPerApp, "requestsPerApp"],
            [`all|${tenantId}`, limits.requestsPerTenant, "requestsPerTenant"],
        ];
        if (isWrite) {
            checks.push([`w|${tenantId}|${clientId}`, limits.writesPerApp, "writesPerApp"]);
            checks.push([`w|${tenantId}`, limits.writesPerTenant, "writesPerTenant"]);
        }
        let worst: Admission = { ok: true };
        for (const [key, max, name] of checks) {
            const list = this.prune(key, now - limits.windowMs);
            if (list.length >= max) {
                // the slot frees when the (length - max + 1)-th oldest request leaves the window
                const freeAt = list[list.length - max] + limits.windowMs;
                const wait = Math.max(1, Math.ceil((freeAt - now) / 1000));
                if (worst.ok || wait > worst.retryAfterSeconds)
                    worst = { ok: false, retryAfterSeconds: wait, limit: name };
            }
        }
        if (!worst.ok) return worst;
        for (const [key] of checks) this.windows.get(key)!.push(now);
        return worst;
    }

    private prune(key: string, cutoff: number): number[] {
        let list = this.windows.get(key);
        if (!list) {
            list = [];
            this.windows.set(key, list);
        }
        let drop = 0;
        while (drop < list.length && list[drop] <= cutoff) drop++;
        if (drop) list.splice(0, drop);
        return list;
    }
}

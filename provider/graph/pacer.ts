/**
 * Client-side pacing for Intune's throttling limits.
 *
 * Intune allows, per app per tenant, 100 writes (POST/PUT/PATCH/DELETE) and 1000 requests of any
 * kind per 20 seconds (spec 5.3). Pulumi runs independent resources in parallel, so a large stack
 * would hit those limits at once; the pacer makes each request wait for a free slot in two sliding
 * windows instead of sending it into a 429. A 429 (or its `Retry-After`) pauses the whole tenant.
 *
 * One pacer per tenant and Graph endpoint, shared by every session of the process (see
 * {@link pacerFor}).
 *
 * @packageDocumentation
 */

/** Time source and timers; replaceable in tests. */
export interface Clock {
    /** Milliseconds since some fixed origin. */
    now(): number;
    /** Calls `fn` after `ms` milliseconds; returns a handle for {@link Clock.clearTimeout}. */
    setTimeout(fn: () => void, ms: number): unknown;
    /** Cancels a timer from {@link Clock.setTimeout}. */
    clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The limits one pacer enforces. */
export interface PacerLimits {
    /** Writes allowed per window. */
    writesPerWindow: number;
    /** Requests of any kind allowed per window. */
    requestsPerWindow: number;
    /**
     * Window length in milliseconds as enforced locally. {@link limitsFromSettings} adds a 5 %
     * margin to the service's window, because Graph counts a request when it arrives, a little
     * after we count it.
     */
    windowMs: number;
}

/** Whether an HTTP method counts as a write for Intune's limits. */
export function isWriteMethod(method: string): boolean {
    const m = method.toUpperCase();
    return m === "POST" || m === "PUT" || m === "PATCH" || m === "DELETE";
}

/** Pacer limits from connection-settings style numbers (defaults: Intune's 100 writes / 1000 requests per 20 s). */
export function limitsFromSettings(s: { writesPer20Seconds?: number; requestsPer20Seconds?: number; throttleWindowSeconds?: number }): PacerLimits {
    const windowSeconds = s.throttleWindowSeconds ?? 20;
    return {
        writesPerWindow: s.writesPer20Seconds ?? 100,
        requestsPerWindow: s.requestsPer20Seconds ?? 1000,
        windowMs: Math.ceil(windowSeconds * 1000 * 1.05),
    };
}

interface Waiter {
    write: boolean;
    resolve: () => void;
}

/** A snapshot of a pacer's state, for tests and diagnostics. */
export interface PacerStats {
    /** Requests waiting for a slot. */
    queued: number;
    /** Writes counted in the current window. */
    writesInWindow: number;
    /** Requests counted in the current window. */
    requestsInWindow: number;
    /** Milliseconds until a pause ends (0 when not paused). */
    pausedForMs: number;
}

/**
 * Two sliding-window limiters (writes; all requests) plus a pause, with a FIFO queue. Reads may pass
 * writes that wait for the write window; writes keep their order.
 */
export class Pacer {
    private limits: PacerLimits;
    private readonly clock: Clock;
    private readonly all: number[] = [];
    private readonly writes: number[] = [];
    private queue: Waiter[] = [];
    private pausedUntil = 0;
    private timer: unknown = undefined;
    private timerAt = Infinity;

    /**
     * @param limits - the limits to enforce.
     * @param clock - time source (a fake one in tests).
     */
    constructor(limits: PacerLimits, clock: Clock = systemClock) {
        this.limits = { ...limits };
        this.clock = clock;
    }

    /** The limits currently enforced. */
    get currentLimits(): PacerLimits {
        return { ...this.limits };
    }

    /** Replaces the limits (waiting requests are re-evaluated). */
    setLimits(limits: PacerLimits): void {
        this.limits = { ...limits };
        this.pump();
    }

    /**
     * Waits for a free slot and counts the request in the window(s). Call right before sending.
     * @param write - whether the request is a write (see {@link isWriteMethod}).
     */
    acquire(write: boolean): Promise<void> {
        return new Promise<void>((resolve) => {
            this.queue.push({ write, resolve });
            this.pump();
        });
    }

    /**
     * Stops granting slots for `ms` milliseconds (e.g. Graph answered 429 with `Retry-After`).
     * A pause never shortens an earlier, longer pause.
     */
    pause(ms: number): void {
        if (!(ms > 0)) return;
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
        this.pump();
    }

    /** A snapshot of the pacer's state. */
    stats(): PacerStats {
        const now = this.clock.now();
        this.prune(now);
        return {
            queued: this.queue.length,
            writesInWindow: this.writes.length,
            requestsInWindow: this.all.length,
            pausedForMs: Math.max(0, this.pausedUntil - now),
        };
    }

    private prune(now: number): void {
        const cutoff = now - this.limits.windowMs;
        while (this.all.length && this.all[0] <= cutoff) this.all.shift();
        while (this.writes.length && this.writes[0] <= cutoff) this.writes.shift();
    }

    /** When the window next has room below `limit` (now if it already has). */
    private nextFree(stamps: number[], limit: number, now: number): number {
        if (stamps.length < limit) return now;
        return stamps[stamps.length - limit] + this.limits.windowMs;
    }

    private pump(): void {
        const now = this.clock.now();
        this.prune(now);
        let wake = Infinity;
        if (now < this.pausedUntil) {
            wake = this.pausedUntil;
        } else {
            const remaining: Waiter[] = [];
            let allBlocked = false;
            for (const waiter of this.queue) {
                if (allBlocked) {
                    remaining.push(waiter);
                    continue;
                }
                const allFree = this.nextFree(this.all, this.limits.requestsPerWindow, now);
                if (allFree > now) {
                    allBlocked = true;
                    wake = Math.min(wake, allFree);
                    remaining.push(waiter);
                    continue;
                }
                if (waiter.write) {
                    const writeFree = this.nextFree(this.writes, this.limits.writesPerWindow, now);
                    if (writeFree > now) {
                        wake = Math.min(wake, writeFree);
                        remaining.push(waiter);
                        continue;
                    }
                    this.writes.push(now);
                }
                this.all.push(now);
                waiter.resolve();
            }
            this.queue = remaining;
        }
        if (this.queue.length === 0) wake = Infinity;
        this.schedule(wake, now);
    }

    private schedule(at: number, now: number): void {
        if (at === this.timerAt) return;
        if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
        this.timer = undefined;
        this.timerAt = Infinity;
        if (at === Infinity) return;
        this.timerAt = at;
        this.timer = this.clock.setTimeout(() => {
            this.timer = undefined;
            this.timerAt = Infinity;
            this.pump();
        }, Math.max(0, at - now));
    }
}

const pacers = new Map<string, Pacer>();

/**
 * The process-wide pacer for one tenant on one Graph endpoint, created on first use. When sessions
 * ask for different limits, the strictest of each applies.
 */
export function pacerFor(tenantId: string, graphEndpoint: string, limits: PacerLimits): Pacer {
    const key = `${graphEndpoint.toLowerCase()}|${tenantId.toLowerCase()}`;
    const existing = pacers.get(key);
    if (!existing) {
        const pacer = new Pacer(limits);
        pacers.set(key, pacer);
        return pacer;
    }
    const cur = existing.currentLimits;
    const strictest: PacerLimits = {
        writesPerWindow: Math.min(cur.writesPerWindow, limits.writesPerWindow),
        requestsPerWindow: Math.min(cur.requestsPerWindow, limits.requestsPerWindow),
        windowMs: Math.max(cur.windowMs, limits.windowMs),
    };
    if (strictest.writesPerWindow !== cur.writesPerWindow || strictest.requestsPerWindow !== cur.requestsPerWindow || strictest.windowMs !== cur.windowMs) {
        existing.setLimits(strictest);
    }
    return existing;
}

/** Forgets all pacers (tests). */
export function resetPacers(): void {
    pacers.clear();
}

/**
 * Client-side pacing for Intune's throttling limits.
 *
 * Intune allows, per app per tenant, 100 writes (POST/PUT/PATCH/DELETE) and 1000 requests of any
 * kind per 20 seconds (spec 5.3). Pulumi runs independent resources in parallel, so a large stack
 * would hit those limits at once; the pacer makes each request wait for a free slot in two sliding
 * windows instead of sending it into a 429. A 429 (or its `Retry-After`) pauses the whole tenant.
 *
 * A request holds its slot from the moment it is sent until its answer (or failure) is back, and
 * stays in the window for one window length after that. Graph counts a request somewhere between
 * those two moments, so a request sent when the local window has room arrives when Graph's window
 * has room too, whatever the network latency: no margin on the window is needed.
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
const systemClock: Clock = {
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
     * Window length in milliseconds, counted from the end of each request (see the module note).
     * {@link limitsFromConfig} adds {@link WINDOW_GUARD_MS} for timer and clock granularity.
     */
    windowMs: number;
}

/** Whether an HTTP method counts as a write for Intune's limits. */
export function isWriteMethod(method: string): boolean {
    const m = method.toUpperCase();
    return m === "POST" || m === "PUT" || m === "PATCH" || m === "DELETE";
}

/** Added to the service's window: covers timer and clock granularity, not network latency. */
export const WINDOW_GUARD_MS = 50;

/** Pacer limits from a validated connection config (its defaults are Intune's 100 writes / 1000 requests per 20 s). */
export function limitsFromConfig(s: {
    writesPer20Seconds: number;
    requestsPer20Seconds: number;
    throttleWindowSeconds: number;
}): PacerLimits {
    return {
        writesPerWindow: s.writesPer20Seconds,
        requestsPerWindow: s.requestsPer20Seconds,
        windowMs: Math.ceil(s.throttleWindowSeconds * 1000) + WINDOW_GUARD_MS,
    };
}

/** A granted slot: call {@link Slot.release} once the request's answer (or failure) is back. */
export interface Slot {
    /** Ends the request's time in flight; it then stays in the window for one window length. Idempotent. */
    release(): void;
}

interface Waiter {
    write: boolean;
    resolve: (slot: Slot) => void;
}

/** Requests of one kind in the window: those in flight plus the end times of finished ones. */
class Window {
    inFlight = 0;
    /** End times of finished requests still in the window, oldest first. */
    readonly ended: number[] = [];

    get count(): number {
        return this.inFlight + this.ended.length;
    }

    prune(cutoff: number): void {
        while (this.ended.length && this.ended[0] <= cutoff) this.ended.shift();
    }

    /** When the window has room below `limit`: now, a time, or Infinity (until a request in flight ends). */
    nextFree(limit: number, windowMs: number, now: number): number {
        const excess = this.count - limit + 1;
        if (excess <= 0) return now;
        return excess <= this.ended.length ? this.ended[excess - 1] + windowMs : Infinity;
    }
}

/** A snapshot of a pacer's state, for tests and diagnostics. */
export interface PacerStats {
    /** Requests waiting for a slot. */
    queued: number;
    /** Writes counted in the current window (in flight or ended within it). */
    writesInWindow: number;
    /** Requests counted in the current window (in flight or ended within it). */
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
    private readonly all = new Window();
    private readonly writes = new Window();
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
     * Waits for a free slot and counts the request in the window(s). Call right before sending and
     * release the slot when the answer is back.
     * @param write - whether the request is a write (see {@link isWriteMethod}).
     */
    acquire(write: boolean): Promise<Slot> {
        return new Promise<Slot>((resolve) => {
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
            writesInWindow: this.writes.count,
            requestsInWindow: this.all.count,
            pausedForMs: Math.max(0, this.pausedUntil - now),
        };
    }

    private prune(now: number): void {
        const cutoff = now - this.limits.windowMs;
        this.all.prune(cutoff);
        this.writes.prune(cutoff);
    }

    /** Counts a request in flight and hands out the slot that ends it. */
    private grant(write: boolean): Slot {
        const windows = write ? [this.all, this.writes] : [this.all];
        for (const w of windows) w.inFlight++;
        let released = false;
        return {
            release: () => {
                if (released) return;
                released = true;
                const now = this.clock.now();
                for (const w of windows) {
                    w.inFlight--;
                    w.ended.push(now);
                }
                this.pump();
            },
        };
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
                const allFree = this.all.nextFree(this.limits.requestsPerWindow, this.limits.windowMs, now);
                if (allFree > now) {
                    allBlocked = true;
                    wake = Math.min(wake, allFree);
                    remaining.push(waiter);
                    continue;
                }
                if (waiter.write) {
                    const writeFree = this.writes.nextFree(this.limits.writesPerWindow, this.limits.windowMs, now);
                    if (writeFree > now) {
                        wake = Math.min(wake, writeFree);
                        remaining.push(waiter);
                        continue;
                    }
                }
                waiter.resolve(this.grant(waiter.write));
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
        this.timer = this.clock.setTimeout(
            () => {
                this.timer = undefined;
                this.timerAt = Infinity;
                this.pump();
            },
            Math.max(0, at - now),
        );
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
    if (
        strictest.writesPerWindow !== cur.writesPerWindow ||
        strictest.requestsPerWindow !== cur.requestsPerWindow ||
        strictest.windowMs !== cur.windowMs
    ) {
        existing.setLimits(strictest);
    }
    return existing;
}

/** Forgets all pacers (tests). */
export function resetPacers(): void {
    pacers.clear();
}

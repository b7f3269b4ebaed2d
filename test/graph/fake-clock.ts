import type { Clock } from "../../provider/graph/pacer";

/** A manual clock for pacer tests: timers fire only when `advance` passes their due time. */
export class FakeClock implements Clock {
    private time = 0;
    private seq = 0;
    private timers = new Map<number, { at: number; fn: () => void }>();

    now(): number {
        return this.time;
    }

    setTimeout(fn: () => void, ms: number): unknown {
        const id = ++this.seq;
        this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
        return id;
    }

    clearTimeout(handle: unknown): void {
        this.timers.delete(handle as number);
    }

    /** Moves time forward by `ms`, firing due timers in order and letting promises settle. */
    async advance(ms: number): Promise<void> {
        const end = this.time + ms;
        for (;;) {
            await flush();
            let nextId: number | undefined;
            let nextAt = Infinity;
            for (const [id, t] of this.timers) {
                if (t.at <= end && t.at < nextAt) {
                    nextAt = t.at;
                    nextId = id;
                }
            }
            if (nextId === undefined) break;
            const timer = this.timers.get(nextId)!;
            this.timers.delete(nextId);
            this.time = Math.max(this.time, timer.at);
            timer.fn();
        }
        this.time = end;
        await flush();
    }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
    for (let i = 0; i < 10; i++) await Promise.resolve();
}

import { Pacer, isWriteMethod, limitsFromConfig, pacerFor, resetPacers } from "../../provider/graph/pacer";
import { validateConnectionConfig } from "../../provider/config";
import { FakeClock, flush } from "./fake-clock";

/** Starts `n` requests that answer at once and records when each is granted. */
function burst(pacer: Pacer, clock: FakeClock, n: number, write: boolean, granted: number[]): Promise<void>[] {
    return Array.from({ length: n }, () =>
        pacer.acquire(write).then((slot) => void (granted.push(clock.now()), slot.release())),
    );
}

describe("Pacer", () => {
    it("classifies writes", () => {
        expect(["POST", "put", "PATCH", "DELETE"].every(isWriteMethod)).toBe(true);
        expect(isWriteMethod("GET")).toBe(false);
    });

    it("derives limits from the connection config with Intune's defaults and a small guard on the window", () => {
        expect(limitsFromConfig(validateConnectionConfig({ tenantId: "t" }))).toEqual({
            writesPerWindow: 100,
            requestsPerWindow: 1000,
            windowMs: 20050,
        });
        expect(limitsFromConfig({ writesPer20Seconds: 5, requestsPer20Seconds: 10, throttleWindowSeconds: 2 })).toEqual(
            { writesPerWindow: 5, requestsPerWindow: 10, windowMs: 2050 },
        );
    });

    it("counts a request from its answer: slow answers push the next window back by their latency", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 2, requestsPerWindow: 100, windowMs: 1000 }, clock);
        const granted: number[] = [];
        const slots = await Promise.all([pacer.acquire(true), pacer.acquire(true)]);
        void pacer.acquire(true).then((slot) => void (granted.push(clock.now()), slot.release()));
        await clock.advance(5000);
        expect(granted).toEqual([]); // both earlier writes are still in flight: Graph may count them any time
        expect(pacer.stats()).toMatchObject({ queued: 1, writesInWindow: 2 });
        slots[0].release();
        slots[0].release(); // idempotent
        await clock.advance(999);
        expect(granted).toEqual([]);
        await clock.advance(1);
        expect(granted).toEqual([6000]);
        slots[1].release();
    });

    it("lets a read through while writes are in flight, within the total budget", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 1, requestsPerWindow: 2, windowMs: 1000 }, clock);
        const write = await pacer.acquire(true);
        const order: string[] = [];
        void pacer.acquire(true).then(() => order.push("w2"));
        void pacer.acquire(false).then(() => order.push("r1"));
        void pacer.acquire(false).then(() => order.push("r2"));
        await flush();
        expect(order).toEqual(["r1"]);
        write.release();
        await clock.advance(1000);
        expect(order).toEqual(["r1", "w2"]);
    });

    it("lets writes through up to the limit and makes the rest wait for the window to slide", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 3, requestsPerWindow: 100, windowMs: 1000 }, clock);
        const granted: number[] = [];
        burst(pacer, clock, 7, true, granted);
        await flush();
        expect(granted).toEqual([0, 0, 0]);
        expect(pacer.stats()).toMatchObject({ queued: 4, writesInWindow: 3 });
        await clock.advance(999);
        expect(granted).toHaveLength(3);
        await clock.advance(1);
        expect(granted).toEqual([0, 0, 0, 1000, 1000, 1000]);
        await clock.advance(1000);
        expect(granted).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    });

    it("never has more than the limit in any window", async () => {
        const clock = new FakeClock();
        const windowMs = 500;
        const pacer = new Pacer({ writesPerWindow: 4, requestsPerWindow: 6, windowMs }, clock);
        const granted: { t: number; write: boolean }[] = [];
        for (let i = 0; i < 40; i++) {
            const write = i % 3 !== 0;
            void pacer.acquire(write).then((slot) => {
                granted.push({ t: clock.now(), write });
                // answers take 0-120 ms; the window counts from the answer
                clock.setTimeout(() => slot.release(), (i * 37) % 120);
            });
        }
        for (let i = 0; i < 100; i++) await clock.advance(50);
        expect(granted).toHaveLength(40);
        for (const g of granted) {
            const inWindow = granted.filter((h) => h.t > g.t - windowMs && h.t <= g.t);
            expect(inWindow.length).toBeLessThanOrEqual(6);
            expect(inWindow.filter((h) => h.write).length).toBeLessThanOrEqual(4);
        }
    });

    it("lets reads pass writes that wait for the write window", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 1, requestsPerWindow: 100, windowMs: 1000 }, clock);
        const order: string[] = [];
        void pacer.acquire(true).then((slot) => void (order.push("w1"), slot.release()));
        void pacer.acquire(true).then((slot) => void (order.push("w2"), slot.release()));
        void pacer.acquire(false).then((slot) => void (order.push("r1"), slot.release()));
        await flush();
        expect(order).toEqual(["w1", "r1"]);
        await clock.advance(1000);
        expect(order).toEqual(["w1", "r1", "w2"]);
    });

    it("blocks everything while the total budget is used up", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 10, requestsPerWindow: 2, windowMs: 1000 }, clock);
        const granted: number[] = [];
        burst(pacer, clock, 3, false, granted);
        await flush();
        expect(granted).toEqual([0, 0]);
        await clock.advance(1000);
        expect(granted).toEqual([0, 0, 1000]);
    });

    it("pauses on demand (429 Retry-After) without shortening a longer pause", async () => {
        const clock = new FakeClock();
        const pacer = new Pacer({ writesPerWindow: 10, requestsPerWindow: 10, windowMs: 1000 }, clock);
        pacer.pause(3000);
        pacer.pause(1000);
        const granted: number[] = [];
        burst(pacer, clock, 2, true, granted);
        await clock.advance(2999);
        expect(granted).toEqual([]);
        expect(pacer.stats().pausedForMs).toBe(1);
        await clock.advance(1);
        expect(granted).toEqual([3000, 3000]);
    });

    it("shares one pacer per tenant and endpoint, with the strictest limits", () => {
        resetPacers();
        const a = pacerFor("Tenant-A", "https://graph.microsoft.com", {
            writesPerWindow: 100,
            requestsPerWindow: 1000,
            windowMs: 21000,
        });
        const b = pacerFor("tenant-a", "https://graph.microsoft.com", {
            writesPerWindow: 10,
            requestsPerWindow: 2000,
            windowMs: 21000,
        });
        const c = pacerFor("tenant-b", "https://graph.microsoft.com", {
            writesPerWindow: 100,
            requestsPerWindow: 1000,
            windowMs: 21000,
        });
        expect(b).toBe(a);
        expect(c).not.toBe(a);
        expect(a.currentLimits).toEqual({ writesPerWindow: 10, requestsPerWindow: 1000, windowMs: 21000 });
        resetPacers();
    });
});

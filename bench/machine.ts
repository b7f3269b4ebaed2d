/**
 * The machine's CPU share over a stretch of time: how busy all its cores were, by every process
 * (the engines, programs and provider hosts of the bench, the emulator, and anything else running).
 */
import * as os from "os";

/** A reading of the cores' cumulative times. */
export interface CpuSample {
    busyMs: number;
    totalMs: number;
}

/** The cores' cumulative busy and total times now. */
export function sampleCpu(): CpuSample {
    let busyMs = 0;
    let totalMs = 0;
    for (const { times } of os.cpus()) {
        const total = times.user + times.nice + times.sys + times.irq + times.idle;
        totalMs += total;
        busyMs += total - times.idle;
    }
    return { busyMs, totalMs };
}

/** The busy share (0 to 1) of all cores between two samples. */
export function cpuShareSince(start: CpuSample, end: CpuSample = sampleCpu()): number {
    const total = end.totalMs - start.totalMs;
    return total > 0 ? (end.busyMs - start.busyMs) / total : 0;
}

/**
 * Edm.Duration handling, implemented independently of the provider.
 *
 * Input: the xsd:dayTimeDuration lexical form `[-]P[nD][T[nH][nM][n[.f]S]]` (no years/months),
 * as OData's `Edm.Duration` accepts it. Output: the canonical form .NET `TimeSpan` prints through
 * `XmlConvert.ToString` (what Graph returns): `PT0S`, `PT30M`, `PT12H`, `P1D`, `P1DT2H3M4.5S`,
 * `-PT17.1357909S` (fractions in 100 ns ticks, trailing zeros trimmed).
 */

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** TimeSpan.MaxValue in ticks. */
const MAX_TICKS = 9_223_372_036_854_775_807n;

const PATTERN = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/** Parses a duration into 100 ns ticks; undefined when the literal is not a valid Edm.Duration. */
export function parseDurationTicks(literal: string): bigint | undefined {
    const m = PATTERN.exec(literal);
    if (!m) return undefined;
    const [, neg, d, h, min, s, frac] = m;
    if (d === undefined && h === undefined && min === undefined && s === undefined) return undefined; // "P", "PT"
    if (literal.includes("T") && h === undefined && min === undefined && s === undefined) return undefined; // "P1DT"
    let ticks = 0n;
    ticks += BigInt(d ?? "0") * TICKS_PER_DAY;
    ticks += BigInt(h ?? "0") * TICKS_PER_HOUR;
    ticks += BigInt(min ?? "0") * TICKS_PER_MINUTE;
    ticks += BigInt(s ?? "0") * TICKS_PER_SECOND;
    if (frac) ticks += BigInt((frac + "0000000").slice(0, 7));
    if (ticks > MAX_TICKS) return undefined;
    return neg ? -ticks : ticks;
}

/** Formats ticks the way .NET `XmlConvert.ToString(TimeSpan)` does. */
export function formatDurationTicks(ticks: bigint): string {
    let t = ticks < 0n ? -ticks : ticks;
    const sign = ticks < 0n ? "-" : "";
    const days = t / TICKS_PER_DAY;
    t %= TICKS_PER_DAY;
    const hours = t / TICKS_PER_HOUR;
    t %= TICKS_PER_HOUR;
    const minutes = t / TICKS_PER_MINUTE;
    t %= TICKS_PER_MINUTE;
    const seconds = t / TICKS_PER_SECOND;
    const fraction = t % TICKS_PER_SECOND;
    let out = `${sign}P`;
    if (days) out += `${days}D`;
    if (hours || minutes || seconds || fraction) {
        out += "T";
        if (hours) out += `${hours}H`;
        if (minutes) out += `${minutes}M`;
        if (seconds || fraction) {
            out += `${seconds}`;
            if (fraction) out += "." + fraction.toString().padStart(7, "0").replace(/0+$/, "");
            out += "S";
        }
    }
    return out === `${sign}P` ? "PT0S" : out;
}

/** Canonical form of a duration literal, or undefined when it is not a valid Edm.Duration. */
export function canonicalDuration(literal: string): string | undefined {
    const ticks = parseDurationTicks(literal);
    return ticks === undefined ? undefined : formatDurationTicks(ticks);
}

/**
 * ISO-8601 day-time durations (`Edm.Duration`) in the canonical form Graph returns.
 *
 * Graph stores durations as .NET `TimeSpan` values and prints them canonically:
 * `PT720M` comes back as `PT12H`, `PT1440M` and `PT24H` as `P1D`, zero as `PT0S`.
 * Comparing canonical forms is what keeps equivalent values from showing as drift.
 */

const DURATION =
    /^(-)?P(?!$)(?:(\d+(?:\.\d+)?)D)?(?:T(?!$)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses a day-time duration into milliseconds, or returns undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
    const match = DURATION.exec(text);
    if (!match) return undefined;
    const [, sign, days, hours, minutes, seconds] = match;
    const ms =
        Number(days ?? 0) * 86_400_000 +
        Number(hours ?? 0) * 3_600_000 +
        Number(minutes ?? 0) * 60_000 +
        Number(seconds ?? 0) * 1000;
    return sign ? -ms : ms;
}

/** Prints milliseconds the way .NET `XmlConvert.ToString(TimeSpan)` does (`P1DT2H`, `PT30M`, `PT0S`). */
export function formatDuration(totalMs: number): string {
    const sign = totalMs < 0 ? "-" : "";
    let rest = Math.round(Math.abs(totalMs));
    if (rest === 0) return "PT0S";
    const days = Math.floor(rest / 86_400_000);
    rest -= days * 86_400_000;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = rest / 1000;
    let time = "";
    if (hours) time += `${hours}H`;
    if (minutes) time += `${minutes}M`;
    if (seconds) time += `${seconds}S`;
    return `${sign}P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** Canonical form of a duration string, or undefined when the text is not a day-time duration. */
export function canonicalDuration(text: string): string | undefined {
    const ms = parseDuration(text);
    return ms === undefined ? undefined : formatDuration(ms);
}

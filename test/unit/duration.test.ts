import { canonicalDuration, formatDuration, parseDuration } from "../../provider/settings/duration";

describe("durations", () => {
    it.each([
        ["PT720M", "PT12H"],
        ["PT1440M", "P1D"],
        ["PT24H", "P1D"],
        ["P1D", "P1D"],
        ["PT0M", "PT0S"],
        ["P0D", "PT0S"],
        ["PT90M", "PT1H30M"],
        ["P1DT24H", "P2D"],
        ["PT30M", "PT30M"],
        ["P90D", "P90D"],
        ["PT1.5S", "PT1.5S"],
        ["-PT5M", "-PT5M"],
    ])("%s is canonically %s", (text, canonical) => {
        expect(canonicalDuration(text)).toBe(canonical);
    });

    it.each(["", "P", "PT", "30M", "P1Y", "P1M", "P1W", "PT-5M", "P1DT", "PT1H1H", "pt30m", "PT30 M"])(
        "%j is not a day-time duration",
        (text) => {
            expect(parseDuration(text)).toBeUndefined();
        },
    );

    it("formats zero and mixed values like .NET", () => {
        expect(formatDuration(0)).toBe("PT0S");
        expect(formatDuration(90061000)).toBe("P1DT1H1M1S");
    });
});

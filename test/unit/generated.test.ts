import * as fs from "fs";
import { GENERATED_FILE, generate } from "../../scripts/generate-args";

describe("generated resource args", () => {
    it("match the settings catalog (run `npm run generate` after changing a setting)", () => {
        expect(fs.readFileSync(GENERATED_FILE, "utf8")).toBe(generate());
    });

    it("document every setting with its admin-center label", () => {
        const text = generate();
        expect(text).toContain(
            "**Data protection > Backup org data to iTunes and iCloud backups / Android backup services**",
        );
        expect(text).toContain("readonly displayName: pulumi.Input<string>;");
        // Lists and objects take Inputs inside too (outputs of other resources in any position).
        expect(text).toContain("readonly roleScopeTagIds?: pulumi.Input<pulumi.Input<string>[]>;");
        expect(text).toMatch(
            /readonly exemptedAppProtocols\?: pulumi.Input<pulumi.Input<\{ .* name: pulumi.Input<string>;/,
        );
        expect(text).toMatch(
            /readonly appGroupType\?: pulumi.Input<"selectedPublicApps" \| "allCoreMicrosoftApps" \| "allMicrosoftApps" \| "allApps">;/,
        );
    });
});

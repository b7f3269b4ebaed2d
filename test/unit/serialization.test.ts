/**
 * The provider Pulumi stores in state must never carry a credential: it is produced in a plain
 * Node process that knows a secret, loaded back the way the provider host loads it, and searched
 * for that secret.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SECRET = "s3cr3t-Value-That-Must-Not-Leak";

describe("serialized dynamic provider", () => {
    const output = execFileSync(process.execPath, [path.join(ROOT, "test", "fixtures", "serialize-provider.js")], {
        cwd: ROOT,
        env: { ...process.env, TEST_SECRET: SECRET, AZURE_CLIENT_SECRET: SECRET, AZURE_TENANT_ID: "contoso" },
        encoding: "utf8",
    });
    const result = JSON.parse(output.trim().split("\n").pop()!);

    it("contains no credential", () => {
        expect(result.text).not.toContain(SECRET);
        expect(result.text).not.toMatch(/clientSecret\s*[:=]\s*["'][^"']/);
    });

    it("is small: the engine is required from the package, not copied into state", () => {
        expect(result.text).toContain("pulumi-intune-app-protection/dist/provider/engine/runtime");
        // stored twice per policy (inputs and outputs) and rewritten by every state checkpoint
        expect(result.text.length).toBeLessThan(200);
    });

    it("works once loaded back: check runs through the deserialized provider", () => {
        expect(result.checkFailures).toEqual([
            {
                property: "pinRequired",
                reason: 'pinRequired (Access requirements > PIN for access): "yes" must be true or false',
            },
        ]);
    });
});

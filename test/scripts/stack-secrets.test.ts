/** scripts/stack.ts takes secrets from the environment or a file, never from its command line. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { refuseSecretFlag, secretsOf } from "../../scripts/stack";

describe("secrets of scripts/stack.ts", () => {
    it("--secret-env KEY=VAR takes the value of environment variable VAR", () => {
        expect(
            secretsOf({ secretEnv: ["intune:clientSecret=MY_SECRET"] }, { MY_SECRET: "s3cr3t=with=equals" }),
        ).toEqual({
            "intune:clientSecret": "s3cr3t=with=equals",
        });
    });

    it("--secrets-file FILE takes a JSON object; --secret-env wins for the same key", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-secrets-"));
        try {
            const file = path.join(dir, "secrets.json");
            fs.writeFileSync(
                file,
                JSON.stringify({ "intune:clientSecret": "from-file", "intune:clientCertificatePem": "pem" }),
            );
            expect(secretsOf({ secretsFile: file })).toEqual({
                "intune:clientSecret": "from-file",
                "intune:clientCertificatePem": "pem",
            });
            expect(
                secretsOf({ secretsFile: file, secretEnv: ["intune:clientSecret=S"] }, { S: "from-env" })[
                    "intune:clientSecret"
                ],
            ).toBe("from-env");
            fs.writeFileSync(file, JSON.stringify(["not", "an", "object"]));
            expect(() => secretsOf({ secretsFile: file })).toThrow(
                /must hold a JSON object of config key and secret value/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a missing variable is an error naming it, without any value", () => {
        expect(() => secretsOf({ secretEnv: ["intune:clientSecret=NOT_SET_ANYWHERE"] }, {})).toThrow(
            "--secret-env intune:clientSecret=NOT_SET_ANYWHERE: environment variable NOT_SET_ANYWHERE is not set",
        );
    });

    it("--secret k=v is refused, saying why and what to use instead", () => {
        expect(() => refuseSecretFlag({ secret: ["intune:clientSecret=abc"] })).toThrow(
            /would show the secret in the process list; use --secret-env .* or --secrets-file/,
        );
        expect(() => refuseSecretFlag({})).not.toThrow();
    });
});

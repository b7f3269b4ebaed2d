import * as fs from "fs";
import * as path from "path";
import {
    CONFIG_FIELDS,
    ConfigError,
    TEST_TUNING_ENV,
    configDefault,
    describeConnection,
    effectiveCredentialKind,
    readConnectionConfig,
    readProviderConfig,
    validateConnectionConfig,
} from "../../provider/config";
import { renderReadme } from "../../scripts/config-docs";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const SECRET = "s3cr3t~Value.With-Chars";

function config(values: Record<string, string>) {
    return { get: (key: string) => values[key] };
}

function expectConfigError(fn: () => unknown, setting: string, text: RegExp): void {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).key).toBe(setting);
        expect((err as Error).message).toMatch(text);
        return;
    }
    throw new Error("expected a ConfigError");
}

describe("readConnectionConfig", () => {
    it("reads the intune: namespace and infers a client secret credential", () => {
        const s = readConnectionConfig(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientSecret": SECRET }),
            {},
        );
        expect(s).toMatchObject({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET });
        expect(effectiveCredentialKind(s)).toBe("clientSecret");
        expect(s.sources).toMatchObject({ tenantId: "intune:tenantId", clientSecret: "intune:clientSecret" });
    });

    it("falls back to the standard AZURE_* environment, per key", () => {
        const s = readConnectionConfig(config({ "intune:clientId": CLIENT }), {
            AZURE_TENANT_ID: TENANT,
            AZURE_CLIENT_ID: "ignored-because-config-wins",
            AZURE_CLIENT_SECRET: SECRET,
            AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/",
        });
        expect(s.tenantId).toBe(TENANT);
        expect(s.clientId).toBe(CLIENT);
        expect(s.clientSecret).toBe(SECRET);
        expect(s.authorityHost).toBe("https://login.microsoftonline.us");
        expect(s.sources).toMatchObject({
            tenantId: "AZURE_TENANT_ID",
            clientId: "intune:clientId",
            clientSecret: "AZURE_CLIENT_SECRET",
        });
    });

    it("trims values and treats empty strings as unset", () => {
        const s = readConnectionConfig(config({ "intune:tenantId": `  ${TENANT}\n`, "intune:clientSecret": "" }), {});
        expect(s.tenantId).toBe(TENANT);
        expect(s.clientSecret).toBeUndefined();
        expect(effectiveCredentialKind(s)).toBe("default");
    });

    it("infers certificate, then workload identity, then default", () => {
        const base = { "intune:tenantId": TENANT, "intune:clientId": CLIENT };
        const pem =
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
        expect(
            effectiveCredentialKind(readConnectionConfig(config({ ...base, "intune:clientCertificatePem": pem }), {})),
        ).toBe("clientCertificate");
        expect(
            effectiveCredentialKind(readConnectionConfig(config(base), { AZURE_CLIENT_CERTIFICATE_PATH: "/x.pem" })),
        ).toBe("clientCertificate");
        expect(
            effectiveCredentialKind(
                readConnectionConfig(config(base), { AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" }),
            ),
        ).toBe("workloadIdentity");
        expect(effectiveCredentialKind(readConnectionConfig(config(base), {}))).toBe("default");
        // a secret wins over a certificate
        expect(
            effectiveCredentialKind(
                readConnectionConfig(config({ ...base, "intune:clientSecret": SECRET }), {
                    AZURE_CLIENT_CERTIFICATE_PATH: "/x.pem",
                }),
            ),
        ).toBe("clientSecret");
    });

    it("prefers a PEM from stack config over a certificate path from the environment", () => {
        const pem = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
        const s = readConnectionConfig(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientCertificatePem": pem }),
            {
                AZURE_CLIENT_CERTIFICATE_PATH: "/etc/other.pem",
            },
        );
        expect(s.clientCertificatePath).toBeUndefined();
        expect(s.clientCertificatePem).toBe(pem.trim());
    });

    it("parses numeric tuning keys", () => {
        const s = readConnectionConfig(
            config({
                "intune:tenantId": TENANT,
                "intune:writesPer20Seconds": "50",
                "intune:requestsPer20Seconds": "500",
                "intune:maxRetryDurationSeconds": "60",
            }),
            {},
        );
        expect(s).toMatchObject({ writesPer20Seconds: 50, requestsPer20Seconds: 500, maxRetryDurationSeconds: 60 });
    });

    it("names intune:tenantId when no tenant is configured", () => {
        expectConfigError(
            () => readConnectionConfig(config({}), {}),
            "intune:tenantId",
            /intune:tenantId.*AZURE_TENANT_ID/,
        );
    });

    it("rejects a malformed tenant id, naming where it came from", () => {
        expectConfigError(
            () => readConnectionConfig(config({}), { AZURE_TENANT_ID: "not a tenant/x" }),
            "AZURE_TENANT_ID",
            /AZURE_TENANT_ID is "not a tenant\/x"/,
        );
    });

    it("explains what an explicit credential kind lacks", () => {
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({
                        "intune:tenantId": TENANT,
                        "intune:credential": "clientSecret",
                        "intune:clientId": CLIENT,
                    }),
                    {},
                ),
            "intune:clientSecret",
            /clientSecret credential needs the client secret value.*intune:clientSecret.*AZURE_CLIENT_SECRET/,
        );
        expectConfigError(
            () => readConnectionConfig(config({ "intune:tenantId": TENANT, "intune:clientSecret": SECRET }), {}),
            "intune:clientId",
            /application \(client\) ID.*intune:clientId/,
        );
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({
                        "intune:tenantId": TENANT,
                        "intune:credential": "clientCertificate",
                        "intune:clientId": CLIENT,
                    }),
                    {},
                ),
            "intune:clientCertificatePem",
            /certificate with its private key/,
        );
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({
                        "intune:tenantId": TENANT,
                        "intune:credential": "workloadIdentity",
                        "intune:clientId": CLIENT,
                    }),
                    {},
                ),
            "intune:federatedTokenFile",
            /federated token file.*AZURE_FEDERATED_TOKEN_FILE/,
        );
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({
                        "intune:tenantId": TENANT,
                        "intune:clientId": CLIENT,
                        "intune:clientCertificatePem": "not a pem",
                    }),
                    {},
                ),
            "intune:clientCertificatePem",
            /PRIVATE KEY/,
        );
    });

    it("rejects an unknown credential kind and an unknown cloud", () => {
        expectConfigError(
            () => readConnectionConfig(config({ "intune:tenantId": TENANT, "intune:credential": "password" }), {}),
            "intune:credential",
            /"clientSecret".*"default"/,
        );
        expectConfigError(
            () => readConnectionConfig(config({ "intune:tenantId": TENANT, "intune:cloud": "germany" }), {}),
            "intune:cloud",
            /"global", "usGovernment", "usGovernmentDoD", "china"/,
        );
    });

    it("requires https endpoints without path", () => {
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "http://127.0.0.1:8443" }),
                    {},
                ),
            "intune:graphEndpoint",
            /must use https/,
        );
        expectConfigError(
            () =>
                readConnectionConfig(
                    config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "https://graph.microsoft.com/beta" }),
                    {},
                ),
            "intune:graphEndpoint",
            /without a path or API version/,
        );
        expectConfigError(
            () =>
                readConnectionConfig(config({}), {
                    AZURE_TENANT_ID: TENANT,
                    AZURE_AUTHORITY_HOST: "login.microsoftonline.com",
                }),
            "AZURE_AUTHORITY_HOST",
            /not a URL/,
        );
        const s = readConnectionConfig(
            config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "https://127.0.0.1:8443/" }),
            {},
        );
        expect(s.graphEndpoint).toBe("https://127.0.0.1:8443");
    });

    it("rejects bad numbers", () => {
        expectConfigError(
            () => readConnectionConfig(config({ "intune:tenantId": TENANT, "intune:writesPer20Seconds": "lots" }), {}),
            "intune:writesPer20Seconds",
            /intune:writesPer20Seconds is "lots"; it must be an integer of at least 1/,
        );
        expectConfigError(
            () => validateConnectionConfig({ tenantId: TENANT, writesPer20Seconds: 0 }),
            "intune:writesPer20Seconds",
            /at least 1/,
        );
        expectConfigError(
            () => validateConnectionConfig({ tenantId: TENANT, requestsPer20Seconds: 2.5 }),
            "intune:requestsPer20Seconds",
            /integer/,
        );
    });
});

describe("describeConnection", () => {
    it("summarizes without secrets", () => {
        const pem = "-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END PRIVATE KEY-----\n";
        const secretConfig = readConnectionConfig(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientSecret": SECRET }),
            {},
        );
        const text = describeConnection(secretConfig);
        expect(text).toBe(
            `tenant ${TENANT}, app ${CLIENT}, credential clientSecret (secret from intune:clientSecret), cloud global, Graph https://graph.microsoft.com/beta, authority https://login.microsoftonline.com`,
        );
        expect(text).not.toContain(SECRET);
        const certText = describeConnection({
            tenantId: TENANT,
            clientId: CLIENT,
            clientCertificatePem: pem,
            clientCertificatePassword: "pw-12345",
            cloud: "usGovernment",
        });
        expect(certText).not.toMatch(/SECRETKEYMATERIAL|pw-12345/);
        expect(certText).toContain(
            "cloud usGovernment, Graph https://graph.microsoft.us/beta, authority https://login.microsoftonline.us",
        );
        expect(describeConnection({ tenantId: TENANT, credential: "managedIdentity" })).toContain(
            "system-assigned managed identity",
        );
    });
});

describe("the config table", () => {
    const base = { "intune:tenantId": TENANT };
    const withKeys = (values: Record<string, string>) => ({ ...config(values), keys: () => Object.keys(values) });

    it("rejects an unknown intune: key with the closest known key, and ignores other namespaces", () => {
        expectConfigError(
            () => readConnectionConfig(withKeys({ ...base, "intune:clientSecert": SECRET, "aws:region": "x" }), {}),
            "intune:clientSecert",
            /intune:clientSecert is not a setting of this provider; did you mean intune:clientSecret\?/,
        );
        expectConfigError(
            () => readConnectionConfig(withKeys({ ...base, "intune:tenantid": TENANT }), {}),
            "intune:tenantid",
            /did you mean intune:tenantId\?/,
        );
        expectConfigError(
            () => readConnectionConfig(withKeys({ ...base, "intune:somethingElse": "1" }), {}),
            "intune:somethingElse",
            /^intune:somethingElse is not a setting of this provider\. Known keys: intune:tenantId, /,
        );
    });

    it("keeps test-only timings out of stack config: they are unknown keys there", () => {
        for (const key of ["intune:retryInitialDelayMs", "intune:retryMaxDelayMs", "intune:throttleWindowSeconds"])
            expect(() => readConnectionConfig(withKeys({ ...base, [key]: "1" }), {})).toThrow(/is not a setting/);
        const tuned = readConnectionConfig(config(base), { [TEST_TUNING_ENV]: '{"retryMaxDelayMs":80}' });
        expect(tuned).toMatchObject({ retryMaxDelayMs: 80, retryInitialDelayMs: 1000, throttleWindowSeconds: 20 });
        expectConfigError(
            () => readConnectionConfig(config(base), { [TEST_TUNING_ENV]: '{"retryMaxDelay":80}' }),
            TEST_TUNING_ENV,
            /JSON object with numbers/,
        );
    });

    it("fills every default from the table", () => {
        const c = readConnectionConfig(config(base), {});
        expect(c).toMatchObject({
            writesPer20Seconds: 100,
            requestsPer20Seconds: 1000,
            maxRetryDurationSeconds: 300,
            requestTimeoutSeconds: 100,
        });
        const read = readProviderConfig(config(base), {});
        expect(read.engine).toEqual({ createSettleMs: 5000, verifyAtPreview: true });
        expect(configDefault("writesPer20Seconds")).toBe(c.writesPer20Seconds);
    });

    it("reads engine options apart from the connection, and needs no credential for them", () => {
        const read = readProviderConfig(
            config({ "intune:verifyAtPreview": "FALSE", "intune:createSettleSeconds": "0.5" }),
            {},
        );
        expect(read.engine).toEqual({ createSettleMs: 500, verifyAtPreview: false });
        expectConfigError(() => read.connection(), "intune:tenantId", /No tenant is configured/);
        expect(
            "createSettleSeconds" in readConnectionConfig(config({ ...base, "intune:createSettleSeconds": "1" }), {}),
        ).toBe(false);
        expectConfigError(
            () => readProviderConfig(config({ "intune:verifyAtPreview": "no" }), {}),
            "intune:verifyAtPreview",
            /intune:verifyAtPreview is "no"; it must be true or false/,
        );
    });

    it("never shows a secret value in a message", () => {
        const bad = { toString: () => SECRET } as unknown as string;
        expectConfigError(
            () => validateConnectionConfig({ tenantId: TENANT, clientId: CLIENT, clientSecret: bad }),
            "intune:clientSecret",
            /^intune:clientSecret is set \(value not shown\); it must be text\.$/,
        );
    });

    it("documents every key in the README, in table order (run scripts/config-docs.ts when this fails)", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        expect(renderReadme(readme)).toBe(readme);
        const documented = [...readme.matchAll(/^\| `intune:(\w+)`/gm)].map((m) => m[1]);
        expect(documented).toEqual(CONFIG_FIELDS);
    });
});

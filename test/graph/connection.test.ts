import {
    ConnectionSettingsError,
    describeConnection,
    effectiveCredentialKind,
    readConnectionSettings,
    validateConnectionSettings,
} from "../../provider/graph/connection";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const SECRET = "s3cr3t~Value.With-Chars";

function config(values: Record<string, string>) {
    return { get: (key: string) => values[key] };
}

function expectSettingsError(fn: () => unknown, setting: string, text: RegExp): void {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(ConnectionSettingsError);
        expect((err as ConnectionSettingsError).setting).toBe(setting);
        expect((err as Error).message).toMatch(text);
        return;
    }
    throw new Error("expected a ConnectionSettingsError");
}

describe("readConnectionSettings", () => {
    it("reads the intune: namespace and infers a client secret credential", () => {
        const s = readConnectionSettings(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientSecret": SECRET }),
            {},
        );
        expect(s).toMatchObject({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET });
        expect(effectiveCredentialKind(s)).toBe("clientSecret");
        expect(s.sources).toMatchObject({ tenantId: "intune:tenantId", clientSecret: "intune:clientSecret" });
    });

    it("falls back to the standard AZURE_* environment, per key", () => {
        const s = readConnectionSettings(config({ "intune:clientId": CLIENT }), {
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
        const s = readConnectionSettings(config({ "intune:tenantId": `  ${TENANT}\n`, "intune:clientSecret": "" }), {});
        expect(s.tenantId).toBe(TENANT);
        expect(s.clientSecret).toBeUndefined();
        expect(effectiveCredentialKind(s)).toBe("default");
    });

    it("infers certificate, then workload identity, then default", () => {
        const base = { "intune:tenantId": TENANT, "intune:clientId": CLIENT };
        const pem =
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
        expect(
            effectiveCredentialKind(
                readConnectionSettings(config({ ...base, "intune:clientCertificatePem": pem }), {}),
            ),
        ).toBe("clientCertificate");
        expect(
            effectiveCredentialKind(readConnectionSettings(config(base), { AZURE_CLIENT_CERTIFICATE_PATH: "/x.pem" })),
        ).toBe("clientCertificate");
        expect(
            effectiveCredentialKind(
                readConnectionSettings(config(base), { AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" }),
            ),
        ).toBe("workloadIdentity");
        expect(effectiveCredentialKind(readConnectionSettings(config(base), {}))).toBe("default");
        // a secret wins over a certificate
        expect(
            effectiveCredentialKind(
                readConnectionSettings(config({ ...base, "intune:clientSecret": SECRET }), {
                    AZURE_CLIENT_CERTIFICATE_PATH: "/x.pem",
                }),
            ),
        ).toBe("clientSecret");
    });

    it("prefers a PEM from stack config over a certificate path from the environment", () => {
        const pem = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
        const s = readConnectionSettings(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientCertificatePem": pem }),
            {
                AZURE_CLIENT_CERTIFICATE_PATH: "/etc/other.pem",
            },
        );
        expect(s.clientCertificatePath).toBeUndefined();
        expect(s.clientCertificatePem).toBe(pem.trim());
    });

    it("parses numeric tuning keys", () => {
        const s = readConnectionSettings(
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
        expectSettingsError(
            () => readConnectionSettings(config({}), {}),
            "intune:tenantId",
            /intune:tenantId.*AZURE_TENANT_ID/,
        );
    });

    it("rejects a malformed tenant id, naming where it came from", () => {
        expectSettingsError(
            () => readConnectionSettings(config({}), { AZURE_TENANT_ID: "not a tenant/x" }),
            "AZURE_TENANT_ID",
            /AZURE_TENANT_ID is "not a tenant\/x"/,
        );
    });

    it("explains what an explicit credential kind lacks", () => {
        expectSettingsError(
            () =>
                readConnectionSettings(
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
        expectSettingsError(
            () => readConnectionSettings(config({ "intune:tenantId": TENANT, "intune:clientSecret": SECRET }), {}),
            "intune:clientId",
            /application \(client\) ID.*intune:clientId/,
        );
        expectSettingsError(
            () =>
                readConnectionSettings(
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
        expectSettingsError(
            () =>
                readConnectionSettings(
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
        expectSettingsError(
            () =>
                readConnectionSettings(
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
        expectSettingsError(
            () => readConnectionSettings(config({ "intune:tenantId": TENANT, "intune:credential": "password" }), {}),
            "intune:credential",
            /"clientSecret".*"default"/,
        );
        expectSettingsError(
            () => readConnectionSettings(config({ "intune:tenantId": TENANT, "intune:cloud": "germany" }), {}),
            "intune:cloud",
            /"global", "usGovernment", "usGovernmentDoD", "china"/,
        );
    });

    it("requires https endpoints without path", () => {
        expectSettingsError(
            () =>
                readConnectionSettings(
                    config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "http://127.0.0.1:8443" }),
                    {},
                ),
            "intune:graphEndpoint",
            /must use https/,
        );
        expectSettingsError(
            () =>
                readConnectionSettings(
                    config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "https://graph.microsoft.com/beta" }),
                    {},
                ),
            "intune:graphEndpoint",
            /without a path or API version/,
        );
        expectSettingsError(
            () =>
                readConnectionSettings(config({}), {
                    AZURE_TENANT_ID: TENANT,
                    AZURE_AUTHORITY_HOST: "login.microsoftonline.com",
                }),
            "AZURE_AUTHORITY_HOST",
            /not a URL/,
        );
        const s = readConnectionSettings(
            config({ "intune:tenantId": TENANT, "intune:graphEndpoint": "https://127.0.0.1:8443/" }),
            {},
        );
        expect(s.graphEndpoint).toBe("https://127.0.0.1:8443");
    });

    it("rejects bad numbers", () => {
        expectSettingsError(
            () =>
                readConnectionSettings(config({ "intune:tenantId": TENANT, "intune:writesPer20Seconds": "lots" }), {}),
            "intune:writesPer20Seconds",
            /not a number/,
        );
        expectSettingsError(
            () => validateConnectionSettings({ tenantId: TENANT, writesPer20Seconds: 0 }),
            "intune:writesPer20Seconds",
            /at least 1/,
        );
        expectSettingsError(
            () => validateConnectionSettings({ tenantId: TENANT, requestsPer20Seconds: 2.5 }),
            "intune:requestsPer20Seconds",
            /integer/,
        );
    });
});

describe("describeConnection", () => {
    it("summarizes without secrets", () => {
        const pem = "-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END PRIVATE KEY-----\n";
        const secretSettings = readConnectionSettings(
            config({ "intune:tenantId": TENANT, "intune:clientId": CLIENT, "intune:clientSecret": SECRET }),
            {},
        );
        const text = describeConnection(secretSettings);
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

import {
    AzureCliCredential,
    ClientCertificateCredential,
    ClientSecretCredential,
    DefaultAzureCredential,
    ManagedIdentityCredential,
    WorkloadIdentityCredential,
} from "@azure/identity";
import { createCredential, planCredential } from "../../provider/graph/credentials";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";
const PEM =
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

describe("credentials", () => {
    it("plans the credential class, authority and instance discovery per setting", () => {
        expect(planCredential({ tenantId: TENANT, clientId: CLIENT, clientSecret: "x" })).toEqual({
            kind: "clientSecret",
            className: "ClientSecretCredential",
            authorityHost: "https://login.microsoftonline.com",
            disableInstanceDiscovery: false,
            scope: "https://graph.microsoft.com/.default",
        });
        expect(
            planCredential({ tenantId: TENANT, clientId: CLIENT, clientSecret: "x", cloud: "usGovernmentDoD" }),
        ).toMatchObject({
            authorityHost: "https://login.microsoftonline.us",
            scope: "https://dod-graph.microsoft.us/.default",
        });
        expect(
            planCredential({
                tenantId: TENANT,
                clientId: CLIENT,
                clientSecret: "x",
                graphEndpoint: "https://127.0.0.1:9",
                authorityHost: "https://127.0.0.1:9",
            }),
        ).toMatchObject({
            authorityHost: "https://127.0.0.1:9",
            disableInstanceDiscovery: true,
            scope: "https://graph.microsoft.com/.default",
        });
    });

    it("builds the matching @azure/identity credential (no network)", () => {
        expect(createCredential({ tenantId: TENANT, clientId: CLIENT, clientSecret: "x" })).toBeInstanceOf(
            ClientSecretCredential,
        );
        expect(createCredential({ tenantId: TENANT, clientId: CLIENT, clientCertificatePem: PEM })).toBeInstanceOf(
            ClientCertificateCredential,
        );
        expect(
            createCredential({ tenantId: TENANT, clientId: CLIENT, clientCertificatePath: "/nonexistent.pem" }),
        ).toBeInstanceOf(ClientCertificateCredential);
        expect(
            createCredential({ tenantId: TENANT, clientId: CLIENT, federatedTokenFile: "/var/run/token" }),
        ).toBeInstanceOf(WorkloadIdentityCredential);
        expect(
            createCredential({ tenantId: TENANT, credential: "managedIdentity", managedIdentityClientId: CLIENT }),
        ).toBeInstanceOf(ManagedIdentityCredential);
        expect(createCredential({ tenantId: TENANT, credential: "azureCli" })).toBeInstanceOf(AzureCliCredential);
        expect(createCredential({ tenantId: TENANT })).toBeInstanceOf(DefaultAzureCredential);
    });
});

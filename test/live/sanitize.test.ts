/**
 * Sanitization of recorded exchanges: what `--record` mode writes never holds a secret, a token,
 * an Authorization header, the tenant's or any object's id, an e-mail address, the Graph host,
 * or another policy of the tenant; and the same id gets the same placeholder everywhere.
 */
import { randomUUID } from "crypto";
import { Sanitizer } from "./sanitize";
import type { GraphTraceEntry } from "./trace";

const tenantId = randomUUID();
const clientId = randomUUID();
const policyGuid = randomUUID();
const otherGuid = randomUUID();
const groupId = randomUUID();
const secret = "Xy7~client.secret-VALUE_123";
const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl";
const runId = "1a2b3c4d";

const entry = (fields: Partial<GraphTraceEntry> & Pick<GraphTraceEntry, "method" | "path">): GraphTraceEntry => ({
    time: "2026-01-01T00:00:00.000Z",
    tenantId,
    status: 200,
    attempts: 1,
    requestId: randomUUID(),
    ...fields,
});

const recorded = [
    entry({
        method: "POST",
        path: "/deviceAppManagement/iosManagedAppProtections",
        requestBody: {
            displayName: `pulumi-live-${runId}-ios`,
            description: `made by ${clientId} in ${tenantId} with ${secret}`,
            assignments: [{ target: { groupId } }],
        },
        status: 201,
        responseBody: {
            "@odata.context":
                "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/iosManagedAppProtections/$entity",
            id: `T_${policyGuid}`,
            displayName: `pulumi-live-${runId}-ios`,
            createdBy: "Admin.Person@contoso.onmicrosoft.com",
            "apps@odata.context": "https://graph.microsoft.com/beta/$metadata#apps",
            access_token: jwt,
            client_secret: secret,
        },
        // Fields a trace never has, in case a future one does: they must not pass either.
        ...({ headers: { Authorization: `Bearer ${jwt}` } } as object),
    }),
    entry({
        method: "GET",
        path: `/deviceAppManagement/iosManagedAppProtections/T_${policyGuid}?$expand=apps,assignments`,
        responseBody: {
            id: `T_${policyGuid}`,
            note: `Authorization: Bearer ${jwt}; client_secret=${secret}`,
            assignments: [{ id: `${groupId}_incl`, target: { groupId } }],
        },
    }),
    entry({
        method: "GET",
        path: "/deviceAppManagement/iosManagedAppProtections?$select=id,displayName,createdDateTime",
        responseBody: {
            value: [
                { id: `T_${policyGuid}`, displayName: `pulumi-live-${runId}-ios` },
                { id: `T_${otherGuid}`, displayName: "Contoso executives (confidential)" },
            ],
            "@odata.nextLink":
                "https://graph.microsoft.com/beta/deviceAppManagement/iosManagedAppProtections?$skiptoken=2",
        },
    }),
    entry({ method: "DELETE", path: `/deviceAppManagement/iosManagedAppProtections/T_${policyGuid}`, status: null }),
];

const sanitizer = new Sanitizer({
    tenantId,
    clientId,
    runId,
    graphRoot: "https://graph.microsoft.com",
    secrets: [secret],
});
const exchanges = recorded.map((e, i) => sanitizer.exchange(`step ${i}`, e));
const text = JSON.stringify(exchanges);

it("removes secrets, tokens and Authorization headers", () => {
    for (const leak of [secret, jwt, "eyJ", "headers", "Bearer ey"])
        expect([leak, text.includes(leak)]).toEqual([leak, false]);
    expect(exchanges[0]!.responseBody).not.toHaveProperty("client_secret");
    expect(exchanges[0]!.responseBody).not.toHaveProperty("access_token");
    expect((exchanges[1]!.responseBody as any).note).toBe("Authorization: Bearer [redacted]; client_secret=[redacted]");
});

it("replaces the tenant, client and object ids, e-mail addresses and the Graph host by placeholders", () => {
    for (const leak of [
        tenantId,
        clientId,
        policyGuid,
        otherGuid,
        groupId,
        "contoso.onmicrosoft.com",
        "graph.microsoft.com",
    ])
        expect([leak, text.toLowerCase().includes(leak.toLowerCase())]).toEqual([leak, false]);
    expect(exchanges[0]!.requestBody).toMatchObject({
        displayName: "pulumi-live-{{run}}-ios",
        description: "made by {{client}} in {{tenant}} with [redacted]",
    });
    expect(exchanges[0]!.responseBody).toMatchObject({
        createdBy: "{{user:1}}",
        "apps@odata.context": "{{graph}}/beta/$metadata#apps",
    });
});

it("gives the same id the same placeholder in paths and bodies, and different ids different ones", () => {
    const id = (exchanges[0]!.responseBody as { id: string }).id;
    expect(id).toMatch(/^T_\{\{id:\d+\}\}$/);
    expect(exchanges[1]!.path).toBe(`/deviceAppManagement/iosManagedAppProtections/${id}?$expand=apps,assignments`);
    const group = (exchanges[0]!.requestBody as any).assignments[0].target.groupId;
    expect(group).toMatch(/^\{\{id:\d+\}\}$/);
    expect(group).not.toBe(id.slice(2));
    expect((exchanges[1]!.responseBody as any).assignments[0]).toEqual({
        id: `${group}_incl`,
        target: { groupId: group },
    });
});

it("keeps only the run's own policies in list answers, and leaves out requests without an answer", () => {
    expect((exchanges[2]!.responseBody as any).value).toEqual([
        { id: (exchanges[0]!.responseBody as any).id, displayName: "pulumi-live-{{run}}-ios" },
    ]);
    expect(text).not.toContain("Contoso executives");
    expect(exchanges[3]).toBeUndefined();
    expect(Object.keys(exchanges[0]!).sort()).toEqual([
        "method",
        "path",
        "requestBody",
        "responseBody",
        "status",
        "step",
    ]);
});

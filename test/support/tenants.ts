/**
 * Test tenants on a running emulator, and the stack config a provider needs to reach them.
 */
import { randomUUID } from "crypto";
import type { Emulator, TenantSpec } from "../../emulator";

export interface TestTenant {
    tenantId: string;
    clientId: string;
    clientSecret: string;
    /** Groups seeded in the tenant. */
    groups: { sales: string; contractors: string; finance: string };
}

/** A tenant with one app registration (client secret) and three groups. */
export function tenantSpec(overrides: Partial<TenantSpec> = {}): { spec: TenantSpec; tenant: TestTenant } {
    const tenant: TestTenant = {
        tenantId: randomUUID(),
        clientId: randomUUID(),
        clientSecret: `secret-${randomUUID()}`,
        groups: { sales: randomUUID(), contractors: randomUUID(), finance: randomUUID() },
    };
    const spec: TenantSpec = {
        tenantId: tenant.tenantId,
        clients: [
            {
                clientId: tenant.clientId,
                secret: tenant.clientSecret,
                roles: ["DeviceManagementApps.ReadWrite.All", "GroupMember.Read.All"],
            },
        ],
        groups: [
            { id: tenant.groups.sales, displayName: "Sales" },
            { id: tenant.groups.contractors, displayName: "Contractors" },
            { id: tenant.groups.finance, displayName: "Finance" },
        ],
        ...overrides,
    };
    return { spec, tenant };
}

/** Stack config (`intune:*` keys) that points the provider at the emulator tenant. */
export function stackConfig(
    emulator: Emulator,
    tenant: TestTenant,
    extra: Record<string, string> = {},
): Record<string, string> {
    return {
        "intune:tenantId": tenant.tenantId,
        "intune:clientId": tenant.clientId,
        "intune:clientSecret": tenant.clientSecret,
        "intune:graphEndpoint": emulator.url,
        "intune:authorityHost": emulator.url,
        ...extra,
    };
}

/**
 * Config and secret of a stack whose provider talks to the emulator tenant, as an engine run takes
 * them (the client secret as stack secret, never plain config).
 */
export function engineConnection(
    emulator: Emulator,
    tenant: TestTenant,
): { config: Record<string, string>; secrets: Record<string, string> } {
    const { "intune:clientSecret": clientSecret, ...config } = stackConfig(emulator, tenant);
    return { config, secrets: { "intune:clientSecret": clientSecret } };
}

/** A `configure()` config source over plain values. */
export function configSource(values: Record<string, string>) {
    return { get: (key: string) => values[key] };
}

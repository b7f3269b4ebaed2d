/**
 * Helpers for tests that talk to the emulator with plain `fetch` (no SDK): a default tenant/client,
 * token acquisition and a small `call()` wrapper. The in-process CA trust is set up for you.
 */
import { ClientSecretCredential } from "@azure/identity";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { Emulator, EmulatorOptions, startEmulator, TenantSpec } from "../../emulator/index";
import { trustEmulatorCa } from "../../emulator/trust";

export const TENANT = "7d5c8a3e-0b1f-4c2a-9e6d-1a2b3c4d5e6f";
export const CLIENT = "0f9e8d7c-6b5a-4a3b-8c2d-1e0f9a8b7c6d";
export const SECRET = "s3cr3t~emulator";
export const GROUP_A = { id: "11111111-1111-4111-8111-111111111111", displayName: "MAM Users" };
export const GROUP_B = { id: "22222222-2222-4222-8222-222222222222", displayName: "MAM Excluded" };

/** The default tenant: licensed, one client with a secret allowed to write policies and read groups. */
export function defaultTenant(overrides: Partial<TenantSpec> = {}): TenantSpec {
    return {
        tenantId: TENANT,
        clients: [
            { clientId: CLIENT, secret: SECRET, roles: ["DeviceManagementApps.ReadWrite.All", "Group.Read.All"] },
        ],
        groups: [GROUP_A, GROUP_B],
        ...overrides,
    };
}

/** Response of `call`. */
export interface CallResult {
    status: number;
    headers: Headers;
    json: any;
    text: string;
}

/** A started emulator plus HTTP helpers. */
export interface TestEmulator {
    emu: Emulator;
    /** Fetches a token with the client-credentials grant (no caching). */
    token(tenantId?: string, clientId?: string, secret?: string): Promise<string>;
    /** Calls a Graph path (`/beta/...`) with a token (`null` = no Authorization header). */
    call(
        method: string,
        path: string,
        body?: unknown,
        opts?: { token?: string | null; headers?: Record<string, string> },
    ): Promise<CallResult>;
    /** A Microsoft Graph SDK client (beta) signed in as the default client with the real @azure/identity. */
    graphClient(): Client;
}

/** Starts an emulator with the default tenant (unless `tenants` is given) and trusts its CA. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
    const emu = await startEmulator({ tenants: [defaultTenant()], ...options });
    trustEmulatorCa(emu.caCertPem);
    let cached: string | undefined;
    const token = async (tenantId = TENANT, clientId = CLIENT, secret = SECRET): Promise<string> => {
        const res = await fetch(`${emu.url}/${tenantId}/oauth2/v2.0/token`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({
                client_id: clientId,
                client_secret: secret,
                grant_type: "client_credentials",
                scope: "https://graph.microsoft.com/.default",
            }),
        });
        const json = (await res.json()) as { access_token?: string };
        if (!json.access_token) throw new Error(`no token: ${JSON.stringify(json)}`);
        return json.access_token;
    };
    const call: TestEmulator["call"] = async (method, path, body, opts = {}) => {
        let tok = opts.token;
        if (tok === undefined) tok = cached ??= await token();
        const headers: Record<string, string> = { ...(opts.headers ?? {}) };
        if (tok !== null) headers.Authorization = `Bearer ${tok}`;
        if (body !== undefined) headers["Content-Type"] = "application/json";
        const res = await fetch(`${emu.url}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        });
        const text = await res.text();
        let json: any;
        try {
            json = text ? JSON.parse(text) : undefined;
        } catch {
            json = undefined;
        }
        return { status: res.status, headers: res.headers, json, text };
    };
    const graphClient = () => {
        const credential = new ClientSecretCredential(TENANT, CLIENT, SECRET, {
            authorityHost: emu.url,
            disableInstanceDiscovery: true,
        });
        return Client.initWithMiddleware({
            authProvider: new TokenCredentialAuthenticationProvider(credential, {
                scopes: ["https://graph.microsoft.com/.default"],
            }),
            baseUrl: emu.url,
            defaultVersion: "beta",
            customHosts: new Set(["127.0.0.1"]),
        });
    };
    return { emu, token, call, graphClient };
}

/** A minimal valid iOS policy body. */
export function iosBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: "iOS baseline", ...extra };
}

/** A minimal valid Android policy body. */
export function androidBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { "@odata.type": "#microsoft.graph.androidManagedAppProtection", displayName: "Android baseline", ...extra };
}

export const IOS = "/beta/deviceAppManagement/iosManagedAppProtections";
export const ANDROID = "/beta/deviceAppManagement/androidManagedAppProtections";
export const BASE = "/beta/deviceAppManagement/managedAppPolicies";

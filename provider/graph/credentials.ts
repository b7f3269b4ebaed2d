/**
 * Builds the `@azure/identity` credential the settings ask for.
 *
 * `@azure/identity` is required lazily inside {@link createCredential}: this module is part of a
 * Pulumi dynamic provider, whose closure must not capture SDK classes or credential instances.
 * Only types are imported at the top level (erased at compile time).
 *
 * @packageDocumentation
 */

import type { TokenCredential } from "@azure/identity";
import { resolveEndpoints } from "../config/clouds";
import { aadErrorFromBody } from "./errors/entra-body";
import { type ConnectionConfig, type CredentialKind, effectiveCredentialKind } from "../config";

/**
 * What {@link createCredential} will construct: the credential class and its non-secret options.
 * Pure and log-safe (secret values are never part of it); exported for tests and diagnostics.
 */
export interface CredentialPlan {
    /** The resolved credential kind. */
    kind: CredentialKind;
    /** The `@azure/identity` class that will be constructed. */
    className:
        | "ClientSecretCredential"
        | "ClientCertificateCredential"
        | "WorkloadIdentityCredential"
        | "ManagedIdentityCredential"
        | "AzureCliCredential"
        | "DefaultAzureCredential";
    /** Authority host passed to the credential (ignored by managed identity and Azure CLI). */
    authorityHost: string;
    /** Whether MSAL instance discovery is disabled (non-Microsoft authority host, spec 6.1). */
    disableInstanceDiscovery: boolean;
    /** The token scope the session requests. */
    scope: string;
}

/** Describes the credential the settings select, without building it. */
export function planCredential(settings: ConnectionConfig): CredentialPlan {
    const endpoints = resolveEndpoints(settings);
    const kind = effectiveCredentialKind(settings);
    const className = (
        {
            clientSecret: "ClientSecretCredential",
            clientCertificate: "ClientCertificateCredential",
            workloadIdentity: "WorkloadIdentityCredential",
            managedIdentity: "ManagedIdentityCredential",
            azureCli: "AzureCliCredential",
            default: "DefaultAzureCredential",
        } as const
    )[kind];
    return {
        kind,
        className,
        authorityHost: endpoints.authorityHost,
        disableInstanceDiscovery: endpoints.disableInstanceDiscovery,
        scope: endpoints.scope,
    };
}

/**
 * Creates the `TokenCredential` for the settings (validated settings expected, see
 * `validateConnectionConfig`). Always passes the cloud's (or overridden) authority host and
 * disables instance discovery for a non-Microsoft authority host.
 *
 * The returned object holds secrets: keep it in the module-level session cache, never in a
 * provider field or output.
 */
export function createCredential(settings: ConnectionConfig): TokenCredential {
    const identity = require("@azure/identity") as typeof import("@azure/identity");
    const plan = planCredential(settings);
    const common = {
        authorityHost: plan.authorityHost,
        disableInstanceDiscovery: plan.disableInstanceDiscovery,
    };
    const tenantId = settings.tenantId;
    switch (plan.kind) {
        case "clientSecret":
            return new identity.ClientSecretCredential(
                tenantId,
                required(settings.clientId),
                required(settings.clientSecret),
                common,
            );
        case "clientCertificate": {
            const password = settings.clientCertificatePassword
                ? { certificatePassword: settings.clientCertificatePassword }
                : {};
            return settings.clientCertificatePem
                ? new identity.ClientCertificateCredential(
                      tenantId,
                      required(settings.clientId),
                      { certificate: settings.clientCertificatePem, ...password },
                      common,
                  )
                : new identity.ClientCertificateCredential(
                      tenantId,
                      required(settings.clientId),
                      { certificatePath: required(settings.clientCertificatePath), ...password },
                      common,
                  );
        }
        case "workloadIdentity":
            return new identity.WorkloadIdentityCredential({
                ...common,
                tenantId,
                clientId: required(settings.clientId),
                tokenFilePath: required(settings.federatedTokenFile),
            });
        case "managedIdentity": {
            const clientId = settings.managedIdentityClientId ?? settings.clientId;
            return clientId
                ? new identity.ManagedIdentityCredential({ clientId, authorityHost: plan.authorityHost })
                : new identity.ManagedIdentityCredential({ authorityHost: plan.authorityHost });
        }
        case "azureCli":
            return new identity.AzureCliCredential({ tenantId });
        case "default":
            return new identity.DefaultAzureCredential({
                ...common,
                tenantId,
                ...(settings.managedIdentityClientId
                    ? { managedIdentityClientId: settings.managedIdentityClientId }
                    : {}),
                ...(settings.clientId ? { workloadIdentityClientId: settings.clientId } : {}),
            });
    }
}

function required(value: string | undefined): string {
    if (!value) throw new Error("internal: connection settings were not validated before building a credential");
    return value;
}

/**
 * Diagnoses a token failure MSAL reports only as `endpoints_resolution_error`: fetches the
 * tenant's OpenID configuration once and returns what went wrong — Entra ID's own error (e.g.
 * AADSTS90002 for an unknown tenant) as an `AuthenticationError`-shaped error, or the network/TLS
 * error — or `undefined` when the document loads fine. Sends no credentials.
 */
export async function probeAuthority(settings: ConnectionConfig, timeoutMs = 10_000): Promise<unknown | undefined> {
    const { authorityHost } = resolveEndpoints(settings);
    const url = `${authorityHost}/${encodeURIComponent(settings.tenantId)}/v2.0/.well-known/openid-configuration`;
    try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        if (res.ok) return undefined;
        return aadErrorFromBody(res.status, text) ?? new Error(`GET ${url} answered HTTP ${res.status}`);
    } catch (error) {
        return error;
    }
}

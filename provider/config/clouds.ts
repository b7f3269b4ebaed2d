/**
 * Microsoft national clouds: where Graph and the Entra ID token endpoint live, and which
 * token scope Graph expects there.
 *
 * Pure data and pure functions; no imports at run time.
 *
 * @packageDocumentation
 */

/** The national clouds Microsoft Graph is deployed to. */
export type CloudName = "global" | "usGovernment" | "usGovernmentDoD" | "china";

/** Endpoints of one national cloud. */
export interface CloudEndpoints {
    /** The cloud's name as used in `intune:cloud`. */
    readonly name: CloudName;
    /** A human label for messages. */
    readonly label: string;
    /** Graph service root, without version and without trailing slash. */
    readonly graphEndpoint: string;
    /** Entra ID (Azure AD) authority host, without trailing slash. */
    readonly authorityHost: string;
    /** The scope requested for an app-only Graph token in this cloud: `<graphEndpoint>/.default`. */
    readonly scope: string;
}

function cloud(name: CloudName, label: string, graphEndpoint: string, authorityHost: string): CloudEndpoints {
    return Object.freeze({ name, label, graphEndpoint, authorityHost, scope: `${graphEndpoint}/.default` });
}

/**
 * The national cloud table.
 *
 * - `global`: Microsoft Graph global service.
 * - `usGovernment`: US Government L4 (GCC High).
 * - `usGovernmentDoD`: US Government L5 (DoD).
 * - `china`: Microsoft Graph China operated by 21Vianet.
 */
export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = Object.freeze({
    global: cloud("global", "global service", "https://graph.microsoft.com", "https://login.microsoftonline.com"),
    usGovernment: cloud(
        "usGovernment",
        "US Government L4",
        "https://graph.microsoft.us",
        "https://login.microsoftonline.us",
    ),
    usGovernmentDoD: cloud(
        "usGovernmentDoD",
        "US Government L5 (DoD)",
        "https://dod-graph.microsoft.us",
        "https://login.microsoftonline.us",
    ),
    china: cloud(
        "china",
        "China (21Vianet)",
        "https://microsoftgraph.chinacloudapi.cn",
        "https://login.chinacloudapi.cn",
    ),
});

/** All cloud names, in table order. */
export const CLOUD_NAMES: readonly CloudName[] = Object.freeze(Object.keys(CLOUDS) as CloudName[]);

/** The cloud used when neither `intune:cloud` nor a known Graph endpoint says otherwise. */
export const DEFAULT_CLOUD: CloudName = "global";

/** Whether `value` is one of {@link CLOUD_NAMES}. */
export function isCloudName(value: string): value is CloudName {
    return Object.prototype.hasOwnProperty.call(CLOUDS, value);
}

/**
 * Entra ID authority hosts that MSAL knows (no instance discovery needed to trust them).
 * Any other host gets `disableInstanceDiscovery: true`, otherwise MSAL would call
 * `login.microsoftonline.com` to "discover" it.
 */
export const MICROSOFT_AUTHORITY_HOSTS: ReadonlySet<string> = new Set([
    "login.microsoftonline.com",
    "login.microsoft.com",
    "login.windows.net",
    "sts.windows.net",
    "login.microsoftonline.us",
    "login.usgovcloudapi.net",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
    "login.microsoftonline.de",
]);

/** The cloud whose Graph endpoint is `endpoint` (scheme+host match), if any. */
export function cloudOfGraphEndpoint(endpoint: string): CloudName | undefined {
    const host = hostOf(endpoint);
    if (host === undefined) return undefined;
    for (const name of CLOUD_NAMES) {
        if (hostOf(CLOUDS[name].graphEndpoint) === host) return name;
    }
    return undefined;
}

/** Whether `authorityHost` (a URL) is an Entra ID host MSAL trusts without instance discovery. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
    const host = hostOf(authorityHost);
    return host !== undefined && MICROSOFT_AUTHORITY_HOSTS.has(host);
}

/** Lower-case host name (no port) of a URL, or `undefined` if it does not parse. */
export function hostOf(url: string): string | undefined {
    try {
        return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
    } catch {
        return undefined;
    }
}

/** Inputs of {@link resolveEndpoints}: the cloud-related fields of the connection settings. */
export interface EndpointOverrides {
    /** Named national cloud; default: inferred from `graphEndpoint` when it is a known one, else `global`. */
    cloud?: CloudName;
    /** Explicit Graph service root (e.g. an emulator). */
    graphEndpoint?: string;
    /** Explicit authority host (e.g. an emulator). */
    authorityHost?: string;
}

/** The endpoints a session actually uses. */
export interface ResolvedEndpoints {
    /** The national cloud the settings resolve to. */
    cloud: CloudName;
    /** Graph service root without version and without trailing slash. */
    graphEndpoint: string;
    /** Graph beta root: `<graphEndpoint>/beta`. */
    graphBetaRoot: string;
    /** Authority host without trailing slash. */
    authorityHost: string;
    /**
     * Token scope. For a known cloud endpoint it is that endpoint's `/.default`; for an unknown
     * endpoint (an emulator, a proxy) it stays the cloud's production scope, so the token request
     * looks exactly like production.
     */
    scope: string;
    /** Whether MSAL instance discovery must be disabled (authority host is not a Microsoft host). */
    disableInstanceDiscovery: boolean;
}

/** Strips trailing slashes. */
function trimSlash(url: string): string {
    return url.replace(/\/+$/, "");
}

/**
 * Resolves cloud, Graph endpoint, authority host and token scope from the settings.
 * Does not validate URL syntax (the connection settings reader does that).
 */
export function resolveEndpoints(overrides: EndpointOverrides): ResolvedEndpoints {
    const explicitEndpoint = overrides.graphEndpoint ? trimSlash(overrides.graphEndpoint) : undefined;
    const endpointCloud = explicitEndpoint ? cloudOfGraphEndpoint(explicitEndpoint) : undefined;
    const cloudName: CloudName = overrides.cloud ?? endpointCloud ?? DEFAULT_CLOUD;
    const table = CLOUDS[cloudName];
    const graphEndpoint = explicitEndpoint ?? table.graphEndpoint;
    const authorityHost = overrides.authorityHost ? trimSlash(overrides.authorityHost) : table.authorityHost;
    const scope = endpointCloud ? CLOUDS[endpointCloud].scope : table.scope;
    return {
        cloud: cloudName,
        graphEndpoint,
        graphBetaRoot: `${graphEndpoint}/beta`,
        authorityHost,
        scope,
        disableInstanceDiscovery: !isMicrosoftAuthorityHost(authorityHost),
    };
}

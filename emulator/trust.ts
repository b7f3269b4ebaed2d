/**
 * Making a process trust the emulator's CA.
 *
 * Cross-process: start the other process with `NODE_EXTRA_CA_CERTS=<emulator.caCertPath>` (read by
 * Node once, at start-up).
 *
 * In-process (`trustEmulatorCa`): the clients we care about open TLS connections in two ways —
 * `@azure/identity` 4.14.1 → `@azure/core-rest-pipeline` 1.24 → `@typespec/ts-http-runtime`
 * `NodeHttpClient`, which uses `https.request` with **its own** cached `https.Agent` (so
 * `https.globalAgent.options.ca` alone is not enough); and `@microsoft/microsoft-graph-client` 3.0.7,
 * which calls the **global `fetch`** (Node's bundled undici). Both end in `tls.connect` without a `ca`
 * option, i.e. they use Node's default CA list. So:
 *
 * 1. Node ≥ 22.19 / 24.5: `tls.setDefaultCACertificates([...tls.getCACertificates("default"), pem])`
 *    changes the default list for every later connection (https, undici fetch, anything).
 * 2. Older Node: wrap `tls.createSecureContext` so contexts created without `ca` get the root
 *    certificates plus ours, and set `https.globalAgent.options.ca` too.
 */
import * as https from "https";
import * as tls from "tls";

type TlsWithDefaults = typeof tls & {
    setDefaultCACertificates?: (certs: string[]) => void;
    getCACertificates?: (type?: "default" | "system" | "bundled" | "extra") => string[];
};

const trusted = new Set<string>();
let patched = false;

/** Which mechanism `trustEmulatorCa` uses on this Node. */
export function trustMechanism(): "setDefaultCACertificates" | "createSecureContext-patch" {
    const t = tls as TlsWithDefaults;
    return typeof t.setDefaultCACertificates === "function" && typeof t.getCACertificates === "function"
        ? "setDefaultCACertificates"
        : "createSecureContext-patch";
}

const normalize = (pem: string): string => pem.replace(/\r\n/g, "\n").trim() + "\n";

/**
 * Makes the current process trust `caPem` for all later TLS connections (node https, global fetch).
 * Idempotent; trusting several emulator CAs accumulates.
 *
 * @param mechanism - force the fallback (`"createSecureContext-patch"`) for testing; default: best available.
 */
export function trustEmulatorCa(caPem: string, mechanism = trustMechanism()): void {
    const pem = normalize(caPem);
    if (trusted.has(pem)) return;
    trusted.add(pem);
    const t = tls as TlsWithDefaults;
    if (mechanism === "setDefaultCACertificates" && t.setDefaultCACertificates && t.getCACertificates) {
        const current = t.getCACertificates("default").map(normalize);
        if (!current.includes(pem)) t.setDefaultCACertificates([...current, pem]);
        return;
    }
    const extra = () => [...tls.rootCertificates, ...trusted];
    https.globalAgent.options.ca = extra();
    if (!patched) {
        patched = true;
        // the real module object (an `import * as` namespace only has getters)

        const tlsModule: { createSecureContext: typeof tls.createSecureContext } = require("tls");
        const original = tlsModule.createSecureContext;
        tlsModule.createSecureContext = (options?: tls.SecureContextOptions): tls.SecureContext =>
            original(options && options.ca ? options : { ...(options ?? {}), ca: extra() });
    }
}

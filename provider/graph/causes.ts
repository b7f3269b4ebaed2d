/**
 * Reading an error's `cause` chain: the codes and messages Node's `fetch` (undici), `@azure/identity`
 * and MSAL nest inside one another. The retry policy classifies failures with these, and the error
 * translators describe them.
 *
 * @packageDocumentation
 */

/** The most specific error code in an error's cause chain (`ECONNRESET`, `UND_ERR_SOCKET`, …). */
export function networkErrorCode(err: unknown): string | undefined {
    const seen = new Set<unknown>();
    let cur: unknown = err;
    let found: string | undefined;
    while (cur && typeof cur === "object" && !seen.has(cur)) {
        seen.add(cur);
        const code = (cur as { code?: unknown }).code;
        if (typeof code === "string") found = code;
        cur = (cur as { cause?: unknown }).cause;
    }
    return found;
}

/** All messages in an error's cause chain, joined. */
export function errorChainText(err: unknown): string {
    const seen = new Set<unknown>();
    const parts: string[] = [];
    let cur: unknown = err;
    while (cur !== undefined && cur !== null && !seen.has(cur)) {
        seen.add(cur);
        if (typeof cur === "object") {
            const m = (cur as { message?: unknown }).message;
            if (typeof m === "string" && m) parts.push(m);
            cur = (cur as { cause?: unknown }).cause;
        } else {
            parts.push(String(cur));
            break;
        }
    }
    return parts.join(": ");
}

/**
 * Whether an error code is Node's refusal of a server's TLS certificate (`SELF_SIGNED_CERT_IN_CHAIN`,
 * `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ERR_TLS_CERT_ALTNAME_INVALID`, …): nothing was sent, and
 * retrying cannot help.
 */
export function isTlsTrustCode(code: string | undefined): boolean {
    return code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|HOSTNAME|ALTNAME/.test(code);
}

/**
 * Secret redaction for every text that leaves the Graph layer: error messages, retry logs, the
 * request trace, and the commands' output.
 *
 * @packageDocumentation
 */

import { type ConnectionConfig, SECRET_FIELDS } from "../config";

/**
 * Removes anything credential-like from `text`: bearer tokens, JWTs, `client_secret=` /
 * `client_assertion=` form fields, `access_token` JSON fields, PEM blocks, and the literal values
 * of the config's secret keys (those the config table marks secret).
 */
export function redactSecrets(text: string, settings?: Partial<ConnectionConfig>): string {
    let out = text;
    for (const field of SECRET_FIELDS) {
        const secret = (settings as Record<string, unknown> | undefined)?.[field];
        if (typeof secret === "string" && secret.length >= 4) out = out.split(secret).join("[redacted]");
    }
    out = out.replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, "[redacted PEM]");
    out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, "$1 [redacted]");
    out = out.replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g, "[redacted token]");
    out = out.replace(
        /\b(client_secret|client_assertion|assertion|access_token|refresh_token|password)(["']?\s*[=:]\s*["']?)[^&"'\s,}]+/gi,
        "$1$2[redacted]",
    );
    return out;
}

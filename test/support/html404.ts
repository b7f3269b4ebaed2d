/**
 * An HTTPS server that answers every request with an HTML 404 page, as a wrong endpoint (a web
 * server that is not Microsoft Graph) would.
 */
import * as https from "https";
import type { AddressInfo } from "net";
import { generateCa, issueServerCert, type CertAndKey } from "../../emulator/certs";
import { trustEmulatorCa } from "../../emulator/trust";

/** The server's address; filled once the suite starts. */
export interface Html404Server {
    readonly url: string;
}

/**
 * Registers beforeAll/afterAll hooks that start and stop the server. Its certificate is signed by
 * `ca()` (read when the suite starts; e.g. the emulator's CA, which an engine run trusts), or by a
 * CA of its own that this process trusts.
 */
export function useHtml404Server(ca?: () => CertAndKey): Html404Server {
    const state = {} as { url: string; server: https.Server };
    beforeAll(async () => {
        const issuer = ca?.() ?? generateCa("html-404 test CA");
        if (!ca) trustEmulatorCa(issuer.certPem);
        const cert = issueServerCert(issuer);
        state.server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => {
            res.writeHead(404, { "Content-Type": "text/html" });
            res.end("<html><body><h1>404 Not Found</h1></body></html>");
        });
        await new Promise<void>((resolve) => state.server.listen(0, "127.0.0.1", resolve));
        state.url = `https://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        if (state.server) await new Promise((resolve) => state.server.close(resolve));
    });
    return state;
}

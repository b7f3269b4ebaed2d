/**
 * For suites of the Graph layer (real @azure/identity and Graph client over HTTPS against the
 * emulator): a client's connection settings and the check that a request failed as Graph's.
 */
import type { Emulator } from "../../emulator";
import type { ConnectionConfig } from "../../provider/config";
import { GraphRequestError } from "../../provider/graph/errors";

/** An app registration of an emulated tenant. */
export interface EmulatorClient {
    tenantId: string;
    clientId: string;
    clientSecret: string;
}

/** Connection settings of `client` pointing at the emulator; `overrides` on top (back-offs, limits). */
export function emulatorConnection(
    emulator: Emulator,
    client: EmulatorClient,
    overrides: Partial<ConnectionConfig> = {},
): ConnectionConfig {
    return { ...client, graphEndpoint: emulator.url, authorityHost: emulator.url, ...overrides };
}

/** Fails the test unless `request` fails with a {@link GraphRequestError}; returns that error. */
export async function expectGraphError(request: Promise<unknown>): Promise<GraphRequestError> {
    try {
        await request;
    } catch (err) {
        expect(err).toBeInstanceOf(GraphRequestError);
        return err as GraphRequestError;
    }
    throw new Error("expected the request to fail");
}

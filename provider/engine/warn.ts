/**
 * Warnings for the user from inside the provider process. Under the Pulumi engine they go through
 * the engine's `Log` service, so `pulumi preview` and `up` show them among their diagnostics; the
 * provider host's own stderr is not shown to users. Elsewhere (the provider loaded in-process by
 * tests or tools) they go to the sink set with {@link setWarningSink}, by default stderr.
 *
 * @packageDocumentation
 */

type Sink = (message: string) => void;

let sink: Sink = (message) => process.stderr.write(`warning: ${message}\n`);

/** Where warnings go when no engine is there to show them (tests, tools). */
export function setWarningSink(next: Sink): void {
    sink = next;
}

/**
 * The engine's address when this process is Pulumi's Node.js dynamic-provider host: the host
 * (`@pulumi/pulumi/cmd/dynamic-provider`) is the main module and takes the address as its first
 * argument.
 */
function engineHost(): { host: NodeJS.Module; address: string } | undefined {
    const host = require.main;
    const address = process.argv[2];
    if (!host || !/[\\/]cmd[\\/]dynamic-provider[\\/]/.test(host.filename) || !address) return undefined;
    return { host, address };
}

/** Shows `message` as a warning of the current Pulumi operation. Never rejects. */
export async function warnUser(message: string): Promise<void> {
    const engine = engineHost();
    if (!engine) return sink(message);
    try {
        // The host's own copies of gRPC and the engine protocol, so versions always match.
        const grpc = engine.host.require("@grpc/grpc-js");
        const rpc = engine.host.require("../../proto/engine_grpc_pb");
        const proto = engine.host.require("../../proto/engine_pb");
        const client = new rpc.EngineClient(engine.address, grpc.credentials.createInsecure());
        const request = new proto.LogRequest();
        request.setSeverity(proto.LogSeverity.WARNING);
        request.setMessage(message);
        request.setUrn("");
        await new Promise<void>((resolve) => client.log(request, () => resolve()));
        client.close();
    } catch {
        sink(message);
    }
}

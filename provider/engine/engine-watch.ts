/**
 * Ends the provider process when the Pulumi engine that started it is gone.
 *
 * The Node.js dynamic provider host runs in its own process group: when the engine is killed
 * (SIGKILL, a CI runner cancelled, a closed terminal), the host lives on and would still send the
 * creates waiting in the pacer for a write slot, making policies no state will ever record. The
 * host is started with the engine's address as its argument; this module checks every
 * {@link PROBE_MS} ms that the engine still accepts connections there, and exits the process
 * once it refuses them. A request already on the wire is not called back: what it made carries
 * its resource's marker, so `recover` finds it.
 */
import * as net from "net";

/** How often the engine is probed. */
const PROBE_MS = 300;

let watching = false;

/** The engine address (`host:port`) the dynamic provider host was started with, if this process is one. */
export function engineAddress(argv = process.argv, main = require.main?.filename): string | undefined {
    if (!main || !/dynamic-provider[\\/]index\.js$/.test(main)) return undefined;
    return argv.slice(2).find((arg) => /^(?:\[[0-9a-f:]+\]|[\w.-]+):\d+$/i.test(arg));
}

/** Starts watching the engine (once per process; nothing outside the dynamic provider host). */
export function stopWhenEngineGone(address = engineAddress()): void {
    if (watching || !address) return;
    watching = true;
    const at = address.lastIndexOf(":");
    const host = address.slice(0, at).replace(/^\[|\]$/g, "");
    const port = Number(address.slice(at + 1));
    const probe = () => {
        const socket = net.connect({ host, port });
        socket.unref();
        socket.once("connect", () => {
            socket.destroy();
            schedule();
        });
        socket.once("error", (err: NodeJS.ErrnoException) => {
            socket.destroy();
            if (err.code !== "ECONNREFUSED") return schedule();
            process.stderr.write(
                `pulumi-intune-app-protection: the Pulumi engine at ${address} is gone; stopping so that no queued request is sent\n`,
            );
            process.exit(1);
        });
    };
    const schedule = () => setTimeout(probe, PROBE_MS).unref();
    schedule();
}

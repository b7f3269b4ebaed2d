/**
 * The provider engine (in this process) pointed at an emulated tenant, for integration tests:
 * starts the emulator before the suite, configures the runtime, and cleans up after it.
 */
import { startEmulator, trustEmulatorCa, type Emulator } from "../../emulator";
import * as runtime from "../../provider/engine/runtime";
import { resetGraphSessions } from "../../provider/graph";
import { configSource, stackConfig, tenantSpec, type TestTenant } from "./tenants";

export interface EmulatedTenant {
    readonly emulator: Emulator;
    readonly tenant: TestTenant;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled once the suite starts. */
export function useEmulatedTenant(extraConfig: Record<string, string> = {}): EmulatedTenant {
    const context = {} as { emulator: Emulator; tenant: TestTenant };
    beforeAll(async () => {
        const made = tenantSpec();
        context.tenant = made.tenant;
        context.emulator = await startEmulator({ tenants: [made.spec] });
        trustEmulatorCa(context.emulator.caCertPem);
        runtime.configure(configSource(stackConfig(context.emulator, made.tenant, extraConfig)));
    });
    afterAll(async () => {
        resetGraphSessions();
        await context.emulator?.close();
    });
    return context;
}

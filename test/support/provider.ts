/**
 * The emulator for suites that run the provider (or the Graph layer) in this process: started
 * before the suite with its CA trusted here, closed after it with this process's Graph sessions
 * reset; and the provider's runtime pointed at an emulated tenant.
 */
import { startEmulator, trustEmulatorCa, type Emulator, type EmulatorOptions } from "../../emulator";
import * as runtime from "../../provider/engine/runtime";
import { resetGraphSessions } from "../../provider/graph";
import { configSource, stackConfig, tenantSpec, type TestTenant } from "./tenants";

/** The suite's emulator; filled once the suite starts. */
export interface EmulatorSuite {
    readonly emulator: Emulator;
}

/**
 * Registers beforeAll/afterAll hooks that start and stop the suite's emulator. `options` is read
 * when the suite starts; a suite's own beforeAll registered after this call runs after the start.
 */
export function useEmulator(options: () => EmulatorOptions = () => ({})): EmulatorSuite {
    const suite = {} as { emulator: Emulator };
    beforeAll(async () => {
        suite.emulator = await startEmulator(options());
        trustEmulatorCa(suite.emulator.caCertPem);
    });
    afterAll(async () => {
        resetGraphSessions();
        await suite.emulator?.close();
    });
    return suite;
}

/** Points the provider's runtime at `tenant` of the emulator, with `extra` stack config on top. */
export function configureFor(emulator: Emulator, tenant: TestTenant, extra: Record<string, string> = {}): void {
    runtime.configure(configSource(stackConfig(emulator, tenant, extra)));
}

export interface EmulatedTenant extends EmulatorSuite {
    readonly tenant: TestTenant;
}

/** An emulator holding one tenant ({@link tenantSpec}), the runtime configured for it. */
export function useEmulatedTenant(extraConfig: Record<string, string> = {}): EmulatedTenant {
    const { spec, tenant } = tenantSpec();
    const suite = useEmulator(() => ({ tenants: [spec] }));
    beforeAll(() => configureFor(suite.emulator, tenant, extraConfig));
    return {
        get emulator() {
            return suite.emulator;
        },
        tenant,
    };
}

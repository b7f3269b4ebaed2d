/**
 * What a tenant of the emulator holds, checked against what a program declares.
 */
import type { Emulator } from "../../emulator";
import { checkInputs } from "../../provider/engine/check";
import { appsFromGraph, settingsFromGraph } from "../../provider/engine/state";
import { assignmentsFromGraph } from "../../provider/settings/assignments";
import { policyTypes } from "../../provider/settings/platforms";
import type { Declared } from "./declared";
import type { TestTenant } from "./tenants";

/**
 * The tenant holds exactly the declared policies (by name, type, every declared setting, apps
 * and assignments), each once.
 */
export function expectTenantHolds(emulator: Emulator, tenant: TestTenant, declared: Declared[]): void {
    const live = emulator.policies(tenant.tenantId);
    expect(live.map((p) => p.displayName).sort()).toEqual(declared.map((d) => d.args.displayName).sort());
    for (const { platform, args } of declared) {
        const spec = policyTypes[platform];
        const policy = live.find((p) => p.displayName === args.displayName)!;
        expect(policy["@odata.type"]).toBe(spec.odataType);
        const { inputs } = checkInputs(spec, args);
        const settings = settingsFromGraph(spec, policy);
        for (const key of Object.keys(inputs).filter((k) => k in spec.settings))
            expect([args.displayName, key, settings[key]]).toEqual([args.displayName, key, inputs[key]]);
        if (inputs.apps !== undefined) expect(appsFromGraph(policy.apps, spec)).toEqual(inputs.apps);
        if (inputs.assignments !== undefined)
            expect(assignmentsFromGraph(policy.assignments)).toEqual(inputs.assignments);
    }
}

/** Graph requests of a tenant (the token side left out). */
export function graphRequests(emulator: Emulator, tenant: TestTenant) {
    return emulator.requests.filter(
        (r) => r.tenantId === tenant.tenantId && r.kind !== "token" && r.kind !== "metadata",
    );
}

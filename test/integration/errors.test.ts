/**
 * What a user reads when Graph says no: bad credentials, a missing permission, no Intune
 * licence, an unknown id, and a body the service rejects. Each names Graph's code, message
 * and request-id in a sentence a user can act on.
 */
import * as runtime from "../../provider/engine/runtime";
import { checkInputs } from "../../provider/engine/check";
import { ios } from "../../provider/settings/platforms";
import { resetGraphSessions } from "../../provider/graph";
import { configureFor, useEmulator } from "../support/provider";
import { configSource, tenantSpec, type TestTenant } from "../support/tenants";

const good = tenantSpec();
const readOnly = tenantSpec();
readOnly.spec.clients[0].roles = ["DeviceManagementApps.Read.All"];
const unlicensed = tenantSpec({ licensed: false });

const suite = useEmulator(() => ({ tenants: [good.spec, readOnly.spec, unlicensed.spec] }));
beforeEach(() => {
    resetGraphSessions();
    suite.emulator.clearFaults();
});

const inputs = () => ({ ...checkInputs(ios, { displayName: "Errors", pinRequired: true }).inputs, __provider: "p" });
const use = (tenant: TestTenant, extra: Record<string, string> = {}) => configureFor(suite.emulator, tenant, extra);

it("a wrong client secret names the app, the tenant and the config key to fix", async () => {
    use(good.tenant, { "intune:clientSecret": "wrong" });
    const error = await runtime.create("ios", inputs()).catch((e) => e);
    expect(error.message).toMatch(/AADSTS7000215/);
    expect(error.message).toContain(good.tenant.clientId);
    expect(error.message).toContain(good.tenant.tenantId);
    expect(error.message).toMatch(/intune:clientSecret/);
    expect(error.message).not.toContain("wrong");
    expect(suite.emulator.policies(good.tenant.tenantId)).toHaveLength(0);
});

it("a missing permission names DeviceManagementApps.ReadWrite.All", async () => {
    use(readOnly.tenant);
    const error = await runtime.create("ios", inputs()).catch((e) => e);
    expect(error.message).toMatch(/DeviceManagementApps\.ReadWrite\.All/);
    expect(error.message).toMatch(/request-id/i);
    expect(suite.emulator.policies(readOnly.tenant.tenantId)).toHaveLength(0);
});

it("a tenant without an Intune licence says so", async () => {
    use(unlicensed.tenant);
    const error = await runtime.create("ios", inputs()).catch((e) => e);
    expect(error.message).toMatch(/licen[cs]e/i);
});

it("updating an id that does not exist says the policy was not found", async () => {
    use(good.tenant);
    const olds = { ...inputs(), id: "T_00000000-0000-0000-0000-000000000000" };
    const news = { ...checkInputs(ios, { displayName: "Errors", pinRequired: false }).inputs, __provider: "p" };
    const error = await runtime.update("ios", "T_00000000-0000-0000-0000-000000000000", olds, news).catch((e) => e);
    expect(error.message).toMatch(/not found|does not exist/i);
    expect(error.message).toContain("T_00000000-0000-0000-0000-000000000000");
});

it("a body Graph rejects surfaces Graph's code, message and request-id, and nothing is created", async () => {
    use(good.tenant);
    suite.emulator.injectFault({
        method: "POST",
        kind: "create",
        status: 400,
        code: "ModelValidationFailure",
        message:
            "The property 'pinRequired' does not exist on type 'microsoft.management.services.api.iosManagedAppProtection'.",
    });
    const error = await runtime.create("ios", inputs()).catch((e) => e);
    expect(error.message).toContain("ModelValidationFailure");
    expect(error.message).toContain("The property 'pinRequired' does not exist");
    const requestId = suite.emulator.requests.filter((r) => r.kind === "create").pop()!.requestId!;
    expect(error.message).toContain(requestId);
    expect(suite.emulator.policies(good.tenant.tenantId)).toHaveLength(0);
});

it("missing tenant configuration is a clear error naming the config key", async () => {
    runtime.configure(
        configSource({ "intune:graphEndpoint": suite.emulator.url, "intune:authorityHost": suite.emulator.url }),
    );
    const saved = { ...process.env };
    delete process.env.AZURE_TENANT_ID;
    try {
        const error = await runtime.create("ios", inputs()).catch((e) => e);
        expect(error.message).toMatch(/intune:tenantId/);
    } finally {
        process.env = saved;
    }
});

/**
 * Under the real engine (Automation API, the CLI of ensure-pulumi.sh, the provider host loading
 * dist/) against the Graph emulator:
 *
 * - `pulumi refresh` (running the program, as the demo does) of unchanged policies shows no diff,
 *   although the program lists apps in another order than Graph and leaves the implied
 *   `appGroupType` out; a change made in the tenant does show, naming the setting.
 * - A policy declared with `adoptPolicyId` shows as adoption in preview and `up` output: a
 *   message on the resource naming the policy it takes over; once adopted, preview says nothing.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { AndroidAppProtectionPolicy, IosAppProtectionPolicy } from "../../provider";
import { openStack, type StackOptions } from "../../scripts/stack";
import { PROGRAM, useEngineSuite } from "../support/engine";
import { tenantSpec } from "../support/tenants";

jest.setTimeout(300_000);

const IOS_TYPE = "pulumi-nodejs:dynamic/intune:IosAppProtectionPolicy";

const made = tenantSpec();
const { tenant } = made;
const suite = useEngineSuite("intune-refresh-adoption-", () => ({ tenants: [made.spec] }));
let adoptedId: string;
let options: StackOptions;

beforeAll(async () => {
    // A policy made in the admin center before Pulumi: the program adopts it.
    adoptedId = suite.emulator.seedPolicy(tenant.tenantId, {
        "@odata.type": "#microsoft.graph.androidManagedAppProtection",
        displayName: "Made in the admin center",
        pinRequired: false,
    }).id;
    // PROGRAM's Pulumi.yaml for the project settings; the program itself is {@link program}, inline.
    options = { ...suite.stack({ programDir: PROGRAM, stackName: "dev", tenant }), passphrase: "refresh-adoption" };
});

/**
 * The program, run inline by each command (a module would be loaded once per Jest file): the iOS
 * policy lists its apps out of Graph's (sorted) order and leaves out `appGroupType`, which check
 * implies; the Android policy adopts the policy made before Pulumi.
 */
function program(): void {
    new IosAppProtectionPolicy("sales-ios", {
        displayName: "Sales iOS",
        apps: ["com.microsoft.skype.teams", "com.microsoft.office.outlook"],
        assignments: { include: [{ groupName: "Sales" }], exclude: [tenant.groups.contractors] },
        pinRequired: true,
        periodOnlineBeforeAccessCheck: "PT30M",
        allowedDataStorageLocations: ["sharePoint", "oneDriveForBusiness"],
    });
    new AndroidAppProtectionPolicy("adopted-android", {
        displayName: "Made in the admin center",
        adoptPolicyId: adoptedId,
        pinRequired: true,
    });
}

interface Run {
    output: string;
    events: EngineEvent[];
}

async function command(name: "preview" | "up" | "refresh"): Promise<Run> {
    const stack = await openStack(options);
    stack.workspace.program = async () => program();
    let output = "";
    const events: EngineEvent[] = [];
    const common = { onOutput: (t: string) => (output += t), onEvent: (e: EngineEvent) => events.push(e) };
    if (name === "preview") await stack.preview(common);
    else if (name === "up") await stack.up(common);
    else await stack.refresh({ ...common, runProgram: true });
    return { output, events };
}

/** Messages the program logged on a resource (`pulumi.log.info(…, resource)`). */
const infoOn = (run: Run, resourceName: string) =>
    run.events
        .map((e) => e.diagnosticEvent)
        .filter((d) => d && d.severity === "info" && d.urn?.endsWith(`::${resourceName}`))
        .map((d) => d!.message.trim());

/**
 * What the engine shows for each refreshed policy, at its start and its end (a refresh that finds
 * a change ends as an "update"): its diff keys, and which inputs differ between state and program.
 */
function refreshSteps(run: Run) {
    return run.events
        .flatMap((e) => [e.resourcePreEvent?.metadata, e.resOutputsEvent?.metadata])
        .filter((m) => m !== undefined && m.type.startsWith("pulumi-nodejs:dynamic/intune:"))
        .map((m) => ({
            type: m!.type,
            diffs: m!.diffs ?? [],
            detailedDiff: m!.detailedDiff ?? {},
            inputsChanged: Object.keys(changedInputs(m!.old?.inputs ?? {}, m!.new?.inputs ?? {})),
        }));
}

/** Keys whose values differ (Pulumi's own `__` keys aside), as the CLI's short diff compares them. */
function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, true> {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !k.startsWith("__")));
    const changed: Record<string, true> = {};
    for (const key of keys) if (JSON.stringify(olds[key]) !== JSON.stringify(news[key])) changed[key] = true;
    return changed;
}

it("shows adoption in preview: a message naming the adopted policy", async () => {
    const run = await command("preview");
    expect(infoOn(run, "adopted-android")).toEqual([
        expect.stringContaining(`adopts the existing Android app protection policy ${adoptedId} (adoptPolicyId)`),
    ]);
    expect(infoOn(run, "sales-ios")).toEqual([]);
    expect(run.output).toContain(`adopts the existing Android app protection policy ${adoptedId}`);
});

it("shows adoption in up: a message naming the adopted policy, which is taken over, not created", async () => {
    const run = await command("up");
    expect(infoOn(run, "adopted-android")).toEqual([
        expect.stringContaining(`manages the existing Android app protection policy ${adoptedId}, adopted`),
    ]);
    expect(run.output).toContain(`manages the existing Android app protection policy ${adoptedId}`);
    const android = suite.emulator
        .policies(tenant.tenantId)
        .filter((p) => String(p["@odata.type"]).includes("android"));
    expect(android.map((p) => p.id)).toEqual([adoptedId]);
    expect(android[0].pinRequired).toBe(true);
});

it("says nothing about adoption in a preview once the policy is adopted", async () => {
    const run = await command("preview");
    expect(infoOn(run, "adopted-android")).toEqual([]);
});

it("refreshes unchanged policies without any diff", async () => {
    const run = await command("refresh");
    const steps = refreshSteps(run);
    expect(steps.length).toBe(4);
    for (const step of steps) {
        expect(step.diffs).toEqual([]);
        expect(step.detailedDiff).toEqual({});
        expect(step.inputsChanged).toEqual([]);
    }
    expect(run.output).not.toContain("[diff:");
});

it("does show a change made in the tenant, naming the setting", async () => {
    const [ios] = suite.emulator.policies(tenant.tenantId).filter((p) => p.displayName === "Sales iOS");
    suite.emulator.modifyPolicy(tenant.tenantId, ios.id, { pinRequired: false });
    const run = await command("refresh");
    const iosSteps = refreshSteps(run).filter((s) => s.type === IOS_TYPE);
    expect(iosSteps.some((s) => s.inputsChanged.includes("pinRequired"))).toBe(true);
    expect(run.output).toMatch(/sales-ios[^\n]*\[diff: ~pinRequired\]/);
});

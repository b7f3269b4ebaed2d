/**
 * A policy's arguments in the canonical form the provider's `check` gives them (sorted sets,
 * canonical durations and enum casing, `appGroupType` implied by `apps`), applied in the program
 * before the resource is registered.
 *
 * `check` alone keeps state and diffs canonical, but `pulumi refresh` that runs the program shows
 * each resource's stored inputs against the program's inputs as registered, unchecked: without
 * this, an unchanged policy whose program lists apps in another order than Graph's showed as
 * `[diff: -appGroupType~apps]`. Values `check` refuses are left as written, for `check` to report.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../engine/check";
import { APPS, type PolicyType } from "../settings/policy-type";

type Args = Record<string, unknown>;

/** True when `value` holds no Output or promise at any depth (it can be canonicalized now). */
function isPlain(value: unknown): boolean {
    if (value === null || typeof value !== "object") return true;
    if (pulumi.Output.isInstance(value) || typeof (value as { then?: unknown }).then === "function") return false;
    return Object.values(value).every(isPlain);
}

/** The canonical form of the arguments; keys holding Outputs become Outputs of their canonical value. */
export function canonicalArgs(type: PolicyType, args: Args): Args {
    const plain: Args = {};
    const lifted: string[] = [];
    for (const [key, value] of Object.entries(args)) {
        // Only declared entries have a canonical form: anything else (the owner key, a misspelt
        // name for `check` to report) stays as written, without check's "did you mean" search
        // over every setting name for each policy.
        if (value === undefined || !(key in type.entries)) continue;
        if (isPlain(value)) plain[key] = value;
        else lifted.push(key);
    }
    const checked = checkInputs(type, plain).inputs;
    const result: Args = { ...args };
    for (const key of Object.keys(plain)) if (checked[key] !== undefined) result[key] = checked[key];
    for (const key of lifted) {
        const value = pulumi.output(args[key]) as pulumi.Output<unknown>;
        result[key] = value.apply((resolved) => checkInputs(type, { [key]: resolved }).inputs[key] ?? resolved);
    }
    // Listing apps means "Selected apps" (`check` implies it too); declared even while the list is unknown.
    const groups = type.appGroups;
    if (groups && result[APPS] !== undefined && result[groups.key] === undefined)
        result[groups.key] = groups.selectedApps;
    return result;
}

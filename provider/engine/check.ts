/**
 * `check`: validates every declared value and returns canonical inputs, so that equivalent
 * values (`PT720M` and `PT12H`, reordered lists, enum casing) never show as a change.
 * Nothing here talks to Graph.
 */
import type { Platform } from "../settings/platforms";
import { checkRules } from "../settings/rules";
import { appsProblem, assignmentsProblem, normalizeApps, normalizeAssignments, type Assignments } from "./targets";
import { containsUnknown } from "../protocol/unknown";
import { adoptionSwitchProblem, claimAdoption } from "./adoptions";
import { shortenEchoes, shown } from "./shown";

/** A failed input, as Pulumi's `CheckFailure`. */
export interface CheckFailure {
    property: string;
    reason: string;
}

export interface CheckOutcome {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
}

/** Arguments that are not Graph settings: targeting and lifecycle options. */
export const TARGET_KEYS = ["apps", "assignments"] as const;
/** Lifecycle options that are never sent to Graph as settings. */
export const OPTION_KEYS = ["adoptPolicyId"] as const;

const RESERVED = new Set<string>(["__provider"]);

/** What `check` knows about the resource beyond its new inputs. */
export interface CheckContext {
    /** The inputs the resource had (Pulumi's `olds`; empty for a new resource). */
    olds?: Record<string, unknown>;
    /** A stable identity of the resource in its stack (stack and resource name), for rules across resources. */
    owner?: unknown;
}

/**
 * Validates and normalizes the program's inputs for one policy. A value that is not known yet
 * (an Output of a resource still to be created, at preview) passes and is checked when known.
 * Values echoed in reasons are cut to 100 characters, with their length.
 */
export function checkInputs(
    platform: Platform,
    news: Record<string, unknown>,
    context: CheckContext = {},
): CheckOutcome {
    const inputs: Record<string, unknown> = {};
    const failures: CheckFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });

    for (const [key, value] of Object.entries(news)) {
        if (value === undefined) continue;
        if (RESERVED.has(key)) {
            inputs[key] = value;
            continue;
        }
        const spec = platform.settings[key];
        if (spec) {
            if (containsUnknown(value)) {
                inputs[key] = value;
                continue;
            }
            const problem =
                value === null
                    ? `must be ${spec.kind.allowed} (null is not a value: leave the setting out to stop managing it)`
                    : spec.kind.problem(value);
            if (problem) fail(key, `${key} (${spec.label}): ${shown(value)} ${problem}`);
            else inputs[key] = spec.kind.normalize(value);
            continue;
        }
        if (key === "apps") {
            const problem = containsUnknown(value) && !Array.isArray(value) ? undefined : appsProblem(value, platform);
            if (problem) fail(key, `apps (Apps > Selected apps): ${problem}`);
            else inputs[key] = containsUnknown(value) ? value : normalizeApps(value as string[]);
            continue;
        }
        if (key === "assignments") {
            const problem = containsUnknown(value) && typeof value === "string" ? undefined : assignmentsProblem(value);
            if (problem) fail(key, `assignments (Assignments): ${problem}`);
            else inputs[key] = containsUnknown(value) ? value : normalizeAssignments(value as Assignments);
            continue;
        }
        if (key === "adoptPolicyId") {
            if (typeof value !== "string" || !(containsUnknown(value) || /^[A-Za-z0-9_-]{1,128}$/.test(value))) {
                fail(
                    key,
                    `adoptPolicyId: ${shown(value)} is not a policy id (such as "T_2c8160fa-dfa6-4e01-8e7b-0f80f1f389df")`,
                );
                continue;
            }
            const problem =
                adoptionSwitchProblem(platform, context.olds?.adoptPolicyId, value) ??
                claimAdoption(platform, value, context.owner);
            if (problem) fail(key, problem);
            else inputs[key] = value;
            continue;
        }
        fail(
            key,
            key.length > 64
                ? `${shown(key)}: not a setting of ${platform.title} app protection policies`
                : `${key}: not a setting of ${platform.title} app protection policies${suggestion(key, platform)}`,
        );
    }

    for (const [key, spec] of Object.entries(platform.settings)) {
        if (spec.required && inputs[key] === undefined && !failures.some((f) => f.property === key)) {
            fail(key, `${key} (${spec.label}) is required`);
        }
    }

    if (inputs.apps !== undefined && inputs.appGroupType === undefined && !containsUnknown(inputs.apps)) {
        // Listing apps means "Selected apps": Graph needs the group type with the list.
        inputs.appGroupType = "selectedPublicApps";
    }

    // Rules see every declared value, invalid ones included, so a bad value is reported once
    // (as bad) and not again as missing.
    const declaredValues = { ...Object.fromEntries(Object.entries(news).filter(([k]) => !(k in inputs))), ...inputs };
    for (const failure of checkRules(declaredValues, platform)) {
        if (!failures.some((f) => f.property === failure.property)) fail(failure.property, failure.reason);
    }
    return { inputs, failures: failures.map((f) => ({ property: f.property, reason: shortenEchoes(f.reason) })) };
}

/** " (did you mean x?)" for a near-miss setting name. */
function suggestion(key: string, platform: Platform): string {
    const names = [...Object.keys(platform.settings), "apps", "assignments", "adoptPolicyId"];
    let best: string | undefined;
    let bestDistance = Math.max(3, Math.floor(key.length / 4));
    for (const name of names) {
        const d = distance(key.toLowerCase(), name.toLowerCase());
        if (d < bestDistance) {
            best = name;
            bestDistance = d;
        }
    }
    return best ? ` (did you mean ${best}?)` : "";
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

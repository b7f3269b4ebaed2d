/**
 * `check`: validates every declared value and returns canonical inputs, so that equivalent
 * values (`PT720M` and `PT12H`, reordered lists, enum casing) never show as a change.
 * Nothing here talks to Graph.
 */
import { ADOPT_POLICY_ID, APPS, type PolicyType } from "../settings/policy-type";
import { checkRules } from "../settings/rules";
import { PROVIDER_KEY } from "../protocol/pulumi";
import { containsUnknown, UNKNOWN } from "../protocol/unknown";
import { adoptionSwitchProblem, claimAdoption } from "./adoptions";
import { shortenEchoes, shown } from "../settings/shown";

/** A failed input, as Pulumi's `CheckFailure`. */
export interface CheckFailure {
    property: string;
    reason: string;
}

export interface CheckOutcome {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
}

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
    platform: PolicyType,
    news: Record<string, unknown>,
    context: CheckContext = {},
): CheckOutcome {
    const inputs: Record<string, unknown> = {};
    const failures: CheckFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });

    for (const [key, value] of Object.entries(news)) {
        if (value === undefined) continue;
        if (key === PROVIDER_KEY) {
            inputs[key] = value;
            continue;
        }
        const spec = platform.entries[key];
        if (!spec) {
            fail(
                key,
                key.length > 64
                    ? `${shown(key)}: not a setting of ${platform.title} ${platform.noun.many}`
                    : `${key}: not a setting of ${platform.title} ${platform.noun.many}${suggestion(key, platform)}`,
            );
            continue;
        }
        // A value not known yet (preview) is checked once known; a kind that can checks its known parts now.
        const partlyKnown = containsUnknown(value);
        if (partlyKnown && (value === UNKNOWN || !spec.kind.checksPartlyKnown)) {
            inputs[key] = value;
            continue;
        }
        const problem =
            value === null
                ? `must be ${spec.kind.allowed} (null is not a value: leave the setting out to stop managing it)`
                : spec.kind.problem(value);
        if (problem) {
            fail(key, `${key} (${spec.label}): ${shown(value)} ${problem}`);
            continue;
        }
        const adoption = key === ADOPT_POLICY_ID && adoptionProblem(platform, value, context);
        if (adoption) fail(key, adoption);
        else inputs[key] = partlyKnown ? value : spec.kind.normalize(value);
    }

    for (const [key, spec] of Object.entries(platform.entries)) {
        if (spec.required && inputs[key] === undefined && !failures.some((f) => f.property === key)) {
            fail(key, `${key} (${spec.label}) is required`);
        }
    }

    const groups = platform.appGroups;
    if (groups && inputs[APPS] !== undefined && inputs[groups.key] === undefined && !containsUnknown(inputs[APPS])) {
        // Listing apps means "Selected apps": Graph needs the group type with the list.
        inputs[groups.key] = groups.selectedApps;
    }

    // Rules see every declared value, invalid ones included, so a bad value is reported once
    // (as bad) and not again as missing.
    const declaredValues = { ...Object.fromEntries(Object.entries(news).filter(([k]) => !(k in inputs))), ...inputs };
    for (const failure of checkRules(declaredValues, platform)) {
        if (!failures.some((f) => f.property === failure.property)) fail(failure.property, failure.reason);
    }
    return { inputs, failures: failures.map((f) => ({ property: f.property, reason: shortenEchoes(f.reason) })) };
}

/** Why `adoptPolicyId` cannot take the policy it names: another resource adopts it, or this one manages another. */
function adoptionProblem(platform: PolicyType, value: unknown, context: CheckContext): string | undefined {
    return (
        adoptionSwitchProblem(platform, context.olds?.[ADOPT_POLICY_ID], value) ??
        claimAdoption(platform, value, context.owner)
    );
}

/** " (did you mean x?)" for a near-miss setting name. */
function suggestion(key: string, platform: PolicyType): string {
    const names = Object.keys(platform.entries);
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

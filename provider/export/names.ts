/**
 * Pulumi resource names for exported policies: readable (a slug of the display name), stable
 * (the same tenant gives the same names on every run, whatever order Graph lists policies in)
 * and unique even though Intune display names need not be.
 */
import { policyTypes } from "../settings/platforms";
import type { LivePolicy } from "./model";

/** Longest slug taken from a display name. */
const MAX_SLUG = 60;
/** Characters of the policy id used to tell policies with the same name apart. */
const SHORT_ID = 8;

const collator = new Intl.Collator("en", { sensitivity: "variant", numeric: true });

/** A policy for messages: `Windows app protection policy "Edge" (T_…)`. */
export function policyTitle(policy: LivePolicy): string {
    const { title, noun } = policyTypes[policy.platform];
    return `${title} ${noun.one} ${JSON.stringify(String(policy.graph.displayName ?? ""))} (${String(policy.graph.id)})`;
}

/** Identifies a policy within an export. */
export function policyKey(policy: LivePolicy): string {
    return `${policy.platform}:${String(policy.graph.id)}`;
}

/** Orders policies by display name, then id: the order of the program, independent of Graph's. */
export function comparePolicies(a: LivePolicy, b: LivePolicy): number {
    const nameA = String(a.graph.displayName ?? "");
    const nameB = String(b.graph.displayName ?? "");
    return (
        collator.compare(nameA, nameB) ||
        codeUnitOrder(nameA, nameB) ||
        codeUnitOrder(String(a.graph.id), String(b.graph.id))
    );
}

function codeUnitOrder(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** `"iOS/iPadOS Baseline v1.2"` → `"ios-ipados-baseline-v1-2"`. */
export function slugify(displayName: string): string {
    const slug = displayName
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    if (slug.length <= MAX_SLUG) return slug;
    const cut = slug.slice(0, MAX_SLUG);
    const dash = cut.lastIndexOf("-");
    return (dash > MAX_SLUG / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, "");
}

/** The id without its `T_` prefix and punctuation, lower case. */
function idChars(policy: LivePolicy): string {
    return String(policy.graph.id)
        .replace(/^T_/i, "")
        .replace(/[^A-Za-z0-9]/g, "")
        .toLowerCase();
}

/** Shortest id prefixes (at least {@link SHORT_ID} characters) that tell `group` apart. */
function idSuffixes(group: LivePolicy[]): string[] {
    const ids = group.map(idChars);
    const longest = Math.max(...ids.map((id) => id.length));
    for (let length = SHORT_ID; length < longest; length++) {
        const suffixes = ids.map((id) => id.slice(0, length));
        if (new Set(suffixes).size === suffixes.length) return suffixes;
    }
    return ids;
}

/**
 * Resource names by {@link policyKey}. A display name used once gives its slug; when several
 * policies share a slug, each gets a suffix: the type (`ios`, `windows`, `appconfiguration`) when they are one per type,
 * otherwise the start of its policy id. The result depends only on the set of policies.
 */
export function resourceNames(policies: readonly LivePolicy[]): Map<string, string> {
    const sorted = [...policies].sort(comparePolicies);
    const bySlug = new Map<string, LivePolicy[]>();
    for (const policy of sorted) {
        const slug = slugify(String(policy.graph.displayName ?? "")) || `${slugify(policy.platform)}-policy`;
        bySlug.set(slug, [...(bySlug.get(slug) ?? []), policy]);
    }
    const wanted = new Map<string, string>();
    for (const [slug, group] of bySlug) {
        if (group.length === 1) {
            wanted.set(policyKey(group[0]), slug);
        } else if (new Set(group.map((p) => p.platform)).size === group.length) {
            for (const policy of group) wanted.set(policyKey(policy), `${slug}-${slugify(policy.platform)}`);
        } else {
            const suffixes = idSuffixes(group);
            group.forEach((policy, index) => wanted.set(policyKey(policy), `${slug}-${suffixes[index]}`));
        }
    }
    // A display name can look like another policy's suffixed name; number the later ones.
    const names = new Map<string, string>();
    const taken = new Set<string>();
    for (const policy of sorted) {
        const base = wanted.get(policyKey(policy))!;
        let name = base;
        for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
        taken.add(name);
        names.set(policyKey(policy), name);
    }
    return names;
}

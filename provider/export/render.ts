/**
 * The exported program's text: one resource per policy, settings grouped like the admin
 * center (Basics, Apps, Data protection, Access requirements, Conditional launch, Scope tags,
 * Assignments) in catalog order, labels and group names as comments. Every resource carries
 * `retainOnDelete: true` unless asked not to, so that `pulumi destroy` never deletes a policy that
 * existed before the program. Pure: the same policies and group names always give the same text.
 * Printed line by line with `./literal` (why not TypeScript's printer or Prettier: see there).
 */
import type { GroupTarget } from "../settings/assignments";
import { policyTypes } from "../settings/platforms";
import type { PolicyType } from "../settings/policy-type";
import type { KeyValuePair } from "../settings/kinds";
import { CUSTOM_SETTINGS, customSettingsText } from "./app-config";
import { planPolicy, type PolicyPlan } from "./args";
import { commentLines, commentText, INDENT, inlineLiteral, LINE_WIDTH, literal, propertyKey } from "./literal";
import { PLATFORM_ORDER, type GroupNames, type GroupNaming, type LivePolicy, type SkippedPolicy } from "./model";
import { comparePolicies, policyKey, policyTitle, resourceNames } from "./names";

/** The package users import the resources from. */
export const PACKAGE_NAME = "pulumi-intune-app-protection";

/** Admin-center sections in the order the admin center shows them (app protection, then app configuration's). */
const SECTION_ORDER = [
    "Basics",
    "Apps",
    "Settings",
    "Data protection",
    "Access requirements",
    "Conditional launch",
    "Health checks",
    "Scope tags",
];

/** The variable holding the resource options of every exported resource. */
const RETAIN = "keepInIntune";

/** Options of {@link renderProgram}. */
export interface RenderOptions {
    /** Tenant named in the header comment. */
    tenantId?: string;
    /**
     * Give every resource `retainOnDelete: true`, so that `pulumi destroy` (or deleting the
     * resource from the program) leaves its policy in Intune. @default true
     */
    retainOnDelete?: boolean;
    /** Write assigned groups by display name where this allows (`--group-names`); by id otherwise. */
    groupNaming?: GroupNaming;
    /** Policies left out because no resource can manage them as they are: listed in the header, with the reason. */
    skipped?: readonly SkippedPolicy[];
}

/** Header lines naming each policy the program leaves out, and why. */
function skippedLines(skipped: readonly SkippedPolicy[]): string[] {
    if (!skipped.length) return [];
    const lines = ["//", "// Not exported (no resource of this package can manage them as they are):"];
    for (const policy of [...skipped].sort(comparePolicies)) {
        lines.push(...commentLines(`- ${policyTitle(policy)}: ${policy.reason}`, ""));
    }
    return lines;
}

interface Section {
    title: string;
    keys: string[];
}

const sectionOf = (label: string) => (label.includes(" > ") ? label.slice(0, label.indexOf(" > ")) : label);

/** The label without its section, for the comment beside a value. */
function shortLabel(label: string): string | undefined {
    return label.includes(" > ") ? label.slice(label.indexOf(" > ") + 3) : undefined;
}

/** The sections of a platform's arguments, each in catalog order (`apps` after the app group settings). */
function layout(platform: PolicyType): Section[] {
    const sections = new Map<string, string[]>();
    for (const [key, spec] of Object.entries(platform.settings)) {
        const title = sectionOf(spec.label);
        sections.set(title, [...(sections.get(title) ?? []), key]);
        if (key === "targetedAppManagementLevels") sections.get(title)!.push("apps");
    }
    if (![...sections.values()].some((keys) => keys.includes("apps")))
        sections.set("Apps", [...(sections.get("Apps") ?? []), "apps"]);
    const rank = (title: string) =>
        SECTION_ORDER.includes(title) ? SECTION_ORDER.indexOf(title) : SECTION_ORDER.length;
    return [...sections.entries()]
        .map(([title, keys]) => ({ title, keys }))
        .sort((a, b) => rank(a.title) - rank(b.title));
}

/** Comment beside a setting's value: its admin-center label. */
function labelOf(platform: PolicyType, key: string): string | undefined {
    if (key === "apps") return "Selected apps";
    const spec = platform.settings[key];
    if (!spec || sectionOf(spec.label) === "Basics") return undefined;
    return shortLabel(spec.label);
}

/**
 * `key: value,` lines, with the label beside a one-line value or above a longer one. `customSettings`
 * use the Outlook and Edge helpers where they hold documented keys (`./app-config`).
 */
function property(key: string, value: unknown, indent: string, label: string | undefined): string[] {
    const prefix = `${propertyKey(key)}: `;
    const helped = key === CUSTOM_SETTINGS ? customSettingsText(value as KeyValuePair[], indent) : undefined;
    const text = helped ?? literal(value, indent, prefix);
    const line = `${indent}${prefix}${text},`;
    if (!label) return line.split("\n");
    const beside = `${line} // ${commentText(label)}`;
    if (!text.includes("\n") && beside.length <= LINE_WIDTH) return [beside];
    return [...commentLines(label, indent), ...line.split("\n")];
}

/** A withheld value: the reason, then the property commented out. */
function withheldProperty(
    key: string,
    value: unknown,
    reason: string,
    indent: string,
    label: string | undefined,
): string[] {
    const lines = property(key, value, indent, undefined).map((line) => `${indent}// ${line.slice(indent.length)}`);
    const what = label ? ` (${label})` : "";
    return [...commentLines(`${key}${what} is not declared. ${reason}`, indent), ...lines];
}

/** How the program refers to assigned groups: their names by id and, with `--group-names`, how each is written. */
interface GroupLabels {
    names: GroupNames;
    naming?: GroupNaming;
}

/**
 * The comment beside a target: the group's name beside an id (and, with `--group-names`, why it
 * stays an id); the exported tenant's group id beside a name.
 */
function groupComment(target: GroupTarget, { names, naming }: GroupLabels): string | undefined {
    if (typeof target !== "string" && target.groupName !== undefined) {
        const id = [...(naming ?? [])].find(([, how]) => "name" in how && how.name === target.groupName)?.[0];
        return id && `${id} in the exported tenant`;
    }
    const id = (typeof target === "string" ? target : target.groupId!).toLowerCase();
    const how = naming?.get(id);
    const kept = how && "kept" in how ? how.kept : undefined;
    const name = names.get(id);
    if (name === null) return "group not found";
    if (name === undefined) return kept && `by id: ${commentText(kept)}`;
    return kept ? `${commentText(name)} (by id: ${commentText(kept)})` : commentText(name);
}

/** `assignments: { include: [...], exclude: [...] }` with a comment beside each group. */
function assignmentsProperty(
    value: { include?: GroupTarget[]; exclude?: GroupTarget[] },
    indent: string,
    groups: GroupLabels,
): string[] {
    const sides = (["include", "exclude"] as const).filter((side) => value[side]?.length);
    if (!sides.length) return [`${indent}assignments: {}, // assigned to no group`];
    const lines = [`${indent}assignments: {`];
    const inner = indent + INDENT;
    for (const side of sides) {
        lines.push(`${inner}${side}: [`);
        for (const target of value[side]!) {
            const comment = groupComment(target, groups);
            lines.push(`${inner}${INDENT}${inlineLiteral(target)},${comment ? ` // ${comment}` : ""}`);
        }
        lines.push(`${inner}],`);
    }
    lines.push(`${indent}},`);
    return lines;
}

/** The `new intune.…(name, { … });` statement of one policy. */
function resource(plan: PolicyPlan, name: string, groups: GroupLabels, retain: boolean): string[] {
    const { platform, args } = plan;
    const indent = INDENT;
    const withheld = new Map(plan.withheld.map((w) => [w.key, w]));
    const body: string[] = [];
    const emit = (key: string) => {
        const label = labelOf(platform, key);
        const held = withheld.get(key);
        if (key in args) body.push(...property(key, args[key], indent, label));
        else if (held) body.push(...withheldProperty(key, held.value, held.reason, indent, label));
    };

    body.push(...property("adoptPolicyId", args.adoptPolicyId, indent, "adopt the existing policy"));
    for (const section of layout(platform)) {
        const present = section.keys.filter((key) => key in args || withheld.has(key));
        if (!present.length) continue;
        if (section.title !== "Basics") body.push("", `${indent}// ${section.title}`);
        present.forEach(emit);
    }
    body.push("", `${indent}// Assignments`);
    if ("assignments" in args)
        body.push(...assignmentsProperty(args.assignments as { include?: GroupTarget[] }, indent, groups));
    else if (withheld.has("assignments")) emit("assignments");

    const head = [
        ...(plan.rejected.length
            ? commentLines(`Check will reject this policy until you fix: ${plan.rejected.join("; ")}`, "")
            : []),
        ...(plan.changes.length
            ? commentLines(`The first pulumi up will change this policy in Intune: ${plan.changes.join("; ")}`, "")
            : []),
    ];
    return [
        ...head,
        `new intune.${platform.resourceType}(${JSON.stringify(name)}, {`,
        ...body,
        retain ? `}, ${RETAIN});` : "});",
    ];
}

/**
 * The Pulumi TypeScript program for the given live policies, by type in {@link PLATFORM_ORDER}
 * (iOS/iPadOS, Android, Windows app protection, then app configuration), each sorted by display
 * name then id.
 */
export function renderProgram(
    policies: readonly LivePolicy[],
    groupNames: GroupNames,
    options: RenderOptions = {},
): string {
    const names = resourceNames(policies);
    const retain = options.retainOnDelete ?? true;
    const groups: GroupLabels = { names: groupNames, naming: options.groupNaming };
    const source = options.tenantId ? ` of tenant ${commentText(options.tenantId)}` : "";
    const lines = [
        `// Intune app protection and app configuration policies${source}, exported by \`${PACKAGE_NAME} export\`.`,
        "//",
        "// Each resource adopts its existing policy by id (adoptPolicyId): the first `pulumi up` takes it over",
        "// without changing it. Settings at Intune's defaults are not declared, so they stay unmanaged until",
        "// you add them.",
        ...(options.groupNaming
            ? [
                  "// Assigned groups are named by display name ({ groupName }), resolved in the stack's tenant on",
                  "// every create and update, so the program can serve any tenant whose groups have these names.",
                  "// Groups whose name is not unique here, or unknown, stay group ids (the comment says why).",
              ]
            : ["// Group names in comments are as they were at export time."]),
        ...skippedLines(options.skipped ?? []),
    ];
    if (!policies.length)
        return [
            ...lines,
            "//",
            "// The tenant has no app protection or app configuration policies to export.",
            "",
        ].join("\n");
    lines.push(`import * as intune from ${JSON.stringify(PACKAGE_NAME)};`);
    if (retain) {
        lines.push(
            "",
            ...commentLines(
                `The policies existed before this program, so each resource has retainOnDelete: pulumi destroy, or deleting a resource from this program, leaves its policy in Intune and only stops managing it. To let Pulumi delete a policy, remove ${RETAIN} from its resource.`,
                "",
            ),
            `const ${RETAIN} = { retainOnDelete: true };`,
        );
    }
    for (const platformName of PLATFORM_ORDER) {
        const ofPlatform = policies.filter((p) => p.platform === platformName).sort(comparePolicies);
        if (!ofPlatform.length) continue;
        const { title, noun } = policyTypes[platformName];
        lines.push("", `// ${title} ${noun.many} (${ofPlatform.length})`);
        for (const policy of ofPlatform) {
            lines.push(
                "",
                ...resource(planPolicy(policy, options.groupNaming), names.get(policyKey(policy))!, groups, retain),
            );
        }
    }
    return `${lines.join("\n")}\n`;
}

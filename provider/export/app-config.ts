/**
 * `customSettings` of an app configuration policy as the program writes it: the pairs Microsoft
 * documents for Outlook and Microsoft Edge through the package's typed helpers
 * (`intune.appConfig.outlookConfiguration({ … })`, `edgeConfiguration`), every other pair as
 * `{ name, value }`. Exact by construction: the readers (`provider/app-config`) turn a pair into an
 * option only when the helper writes that very pair back, so the program declares the pairs read.
 */
import { readEdgeConfiguration, readOutlookConfiguration } from "../app-config";
import type { KeyValuePair } from "../settings/kinds";
import { INDENT, literal } from "./literal";

/** The Graph property the helpers write. */
export const CUSTOM_SETTINGS = "customSettings";

/** The helpers, in the order the program calls them, with their readers. */
const HELPERS = [
    { call: "intune.appConfig.outlookConfiguration", read: readOutlookConfiguration },
    { call: "intune.appConfig.edgeConfiguration", read: readEdgeConfiguration },
] as const;

/**
 * The literal of `pairs` on a line indented by `indent`, one element per line, with the
 * documented Outlook and Edge keys through their helpers; undefined when no pair is one a helper
 * writes (the plain literal says it best).
 */
export function customSettingsText(pairs: readonly KeyValuePair[], indent: string): string | undefined {
    const inner = indent + INDENT;
    const lines: string[] = [];
    let rest: readonly KeyValuePair[] = pairs;
    for (const { call, read } of HELPERS) {
        const { options, otherSettings } = read(rest);
        rest = otherSettings;
        if (!Object.keys(options).length) continue;
        const head = `...${call}(`;
        lines.push(`${inner}${head}${literal(options, inner, head, "),")}),`);
    }
    if (!lines.length) return undefined;
    for (const pair of rest) lines.push(`${inner}${literal(pair, inner)},`);
    return `[\n${lines.join("\n")}\n${indent}]`;
}

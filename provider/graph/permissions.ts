/**
 * The Microsoft Graph endpoints the provider and the export call, and the application permission
 * each needs (least privileged first, as Microsoft Learn lists them). Error messages, the README
 * and the export's help all read this table, so a refused request names the permission that is
 * missing for that very endpoint.
 *
 * Pure data.
 *
 * @packageDocumentation
 */
import { policyTypes } from "../settings/platforms";

/** One family of endpoints. */
export interface GraphEndpoint {
    /** What the provider does there, for messages ("read and change app protection policies"). */
    readonly purpose: string;
    /** Paths relative to the Graph beta root, as shown in docs. */
    readonly paths: string;
    /** Matches a request path (relative to the beta root, query included). */
    readonly pattern: RegExp;
    /** Least privileged application permission for reads. */
    readonly read: string;
    /** Least privileged application permission for writes, when the provider writes there. */
    readonly write?: string;
    /** Other permissions that also allow the reads (more privileged). */
    readonly alsoReads: readonly string[];
    /** Who needs it. */
    readonly neededBy: string;
    /** Microsoft Learn page listing the permissions. */
    readonly reference: string;
}

/** The table. */
export const GRAPH_ENDPOINTS = {
    policies: {
        purpose: "read and change Intune app protection and app configuration policies",
        paths: Object.values(policyTypes)
            .map(({ collection }, index) => (index ? `\`…/${collection}\`` : `\`/deviceAppManagement/${collection}\``))
            .join(", "),
        pattern: /^\/deviceAppManagement\//i,
        read: "DeviceManagementApps.Read.All",
        write: "DeviceManagementApps.ReadWrite.All",
        alsoReads: ["DeviceManagementApps.ReadWrite.All"],
        neededBy: "every stack (the export needs only the read permission)",
        reference:
            "https://learn.microsoft.com/graph/api/intune-shared-iosmanagedappprotection-create?view=graph-rest-beta",
    },
    groups: {
        purpose: "look up groups by display name",
        paths: "`/groups`",
        pattern: /^\/groups(\/|\?|$)/i,
        read: "GroupMember.Read.All",
        alsoReads: ["Group.Read.All", "Directory.Read.All"],
        neededBy: "assignments by `{ groupName }`; group names in the export",
        reference: "https://learn.microsoft.com/graph/api/group-list?view=graph-rest-beta",
    },
    assignmentFilters: {
        purpose: "read assignment filters",
        paths: "`/deviceManagement/assignmentFilters`",
        pattern: /^\/deviceManagement\/assignmentFilters(\/|\?|$)/i,
        read: "DeviceManagementConfiguration.Read.All",
        alsoReads: ["DeviceManagementConfiguration.ReadWrite.All"],
        neededBy: "looking filters up; not needed for assignments by `filterId`, which Intune checks itself",
        reference:
            "https://learn.microsoft.com/graph/api/intune-policyset-deviceandappmanagementassignmentfilter-list?view=graph-rest-beta",
    },
} as const satisfies Record<string, GraphEndpoint>;

/** The endpoint family a request path belongs to. */
export function endpointOf(path: string | undefined): GraphEndpoint | undefined {
    if (!path) return undefined;
    return Object.values(GRAPH_ENDPOINTS).find((e) => e.pattern.test(path));
}

/**
 * The permission a refused request needs: the endpoint's write permission for a write (and for
 * reads of the provider's own policies, which it also writes), its read permission otherwise.
 */
export function permissionFor(
    method: string | undefined,
    path: string | undefined,
): {
    permission: string;
    endpoint: GraphEndpoint | undefined;
} {
    const endpoint = endpointOf(path) ?? GRAPH_ENDPOINTS.policies;
    const write = method !== undefined && method.toUpperCase() !== "GET";
    const permission =
        endpoint.write !== undefined && (write || endpoint === GRAPH_ENDPOINTS.policies)
            ? endpoint.write
            : endpoint.read;
    return { permission, endpoint };
}

/** The table as Markdown, for the README (a test keeps the README's copy fresh). */
export function permissionsMarkdown(): string {
    const rows = Object.values(GRAPH_ENDPOINTS as Record<string, GraphEndpoint>).map(
        (e) =>
            `| ${e.paths} | ${e.write ? `\`${e.write}\` (reads: \`${e.read}\`)` : `\`${e.read}\``} | ${e.alsoReads.map((p) => `\`${p}\``).join(", ")} | ${e.neededBy} | [Learn](${e.reference}) |`,
    );
    return [
        "| Endpoint | Application permission | Also allows the reads | Needed for | Reference |",
        "| --- | --- | --- | --- | --- |",
        ...rows,
    ].join("\n");
}

/** The table as plain text, for the export's `--help` (which only reads: read permissions). */
export function permissionsText(indent = "  "): string {
    return Object.values(GRAPH_ENDPOINTS as Record<string, GraphEndpoint>)
        .map(
            (e) =>
                `${indent}${e.read}${e.alsoReads.length ? ` (or ${e.alsoReads.join(", ")})` : ""}\n` +
                `${indent}    ${e.paths.replace(/`/g, "")}: ${e.neededBy.replace(/`/g, "")}`,
        )
        .join("\n");
}

/**
 * The review of the rest of the family, on previews built in memory: Windows app protection and app
 * configuration policies are reviewed with their type's title, the admin-center labels and words of
 * their own catalog, and app configuration's apps (one list per platform) named by platform.
 */
import type { PreviewRecord, PreviewStep } from "../../provider/review/events";
import { reviewStack } from "../../provider/review/model";
import { renderStack } from "../../provider/review/render";
import { typeToken } from "../../provider/protocol/pulumi";

const SALES = "11111111-1111-4111-8111-111111111111";

const urn = (resourceType: string, name: string) => `urn:pulumi:dev::family::${typeToken(resourceType)}::${name}`;

function step(resourceType: string, name: string, fields: Omit<PreviewStep, "urn" | "type">): PreviewStep {
    return { urn: urn(resourceType, name), type: typeToken(resourceType), ...fields };
}

const record: PreviewRecord = {
    stack: "dev",
    project: "family",
    steps: [
        step("WindowsAppProtectionPolicy", "edge", {
            op: "create",
            new: {
                inputs: {
                    displayName: "Edge on personal devices",
                    allowedOutboundClipboardSharingLevel: "orgDestinationOrgSource",
                    printBlocked: true,
                    periodOfflineBeforeAccessCheck: "PT30M",
                    apps: ["com.microsoft.edge"],
                    assignments: { include: [SALES] },
                },
                outputs: {},
            },
        }),
        step("ManagedAppConfiguration", "outlook", {
            op: "update",
            old: {
                id: "T_1",
                inputs: {},
                outputs: {
                    displayName: "Outlook",
                    appGroupType: "selectedPublicApps",
                    apps: { ios: ["com.microsoft.Office.Outlook"] },
                    customSettings: [{ name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" }],
                },
            },
            new: {
                inputs: {
                    displayName: "Outlook",
                    appGroupType: "selectedPublicApps",
                    apps: { ios: ["com.microsoft.Office.Outlook"], android: ["com.microsoft.office.outlook"] },
                    customSettings: [{ name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" }],
                },
                outputs: {},
            },
        }),
    ],
    refreshes: [],
    violations: [],
    errors: [],
    policyPacks: [],
    digest: false,
};

const review = reviewStack(record);
const edge = review.policies.find((p) => p.name === "edge")!;
const outlook = review.policies.find((p) => p.name === "outlook")!;

it("reviews a Windows policy being created with the Windows labels and the admin center's words", () => {
    expect(edge).toMatchObject({ platform: "Windows", action: "create", appList: ["`com.microsoft.edge`"] });
    expect(edge.settings).toEqual([
        { setting: "displayName", label: "Basics > Name", before: "Not managed", after: "Edge on personal devices" },
        {
            setting: "allowedOutboundClipboardSharingLevel",
            label: "Data protection > Allow cut, copy, and paste for",
            before: "Not managed",
            after: "Org data destinations and org data sources",
        },
        {
            setting: "printBlocked",
            label: "Data protection > Printing Org data",
            before: "Not managed",
            after: "Block",
        },
        {
            setting: "periodOfflineBeforeAccessCheck",
            label: "Health checks > App conditions > Offline grace period (Block access)",
            before: "Not managed",
            after: "30 minutes",
        },
    ]);
});

it("reviews an app configuration update: its pairs, and its apps named by platform", () => {
    expect(outlook).toMatchObject({ platform: "iOS/iPadOS and Android", action: "update" });
    expect(outlook.settings).toEqual([
        {
            setting: "customSettings",
            label: "Settings > General configuration settings (Name, Value)",
            before: "com.microsoft.outlook.Mail.FocusedInbox (`true`)",
            after: "com.microsoft.outlook.Mail.FocusedInbox (`false`)",
        },
    ]);
    expect(outlook.apps).toEqual({ added: ["android: `com.microsoft.office.outlook`"], removed: [] });
});

it("renders both under their type's title", () => {
    const markdown = renderStack(review);
    expect(markdown).toContain("Edge on personal devices (`edge`): Windows, created");
    expect(markdown).toContain("Outlook (`outlook`): iOS/iPadOS and Android, updated");
});

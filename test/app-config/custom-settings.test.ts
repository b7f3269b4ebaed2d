/**
 * The helpers' pairs as the ManagedAppConfiguration resource takes them: accepted by its
 * `customSettings` kind, unchanged by its normalization and its way to Graph and back, and read
 * back into the same options. So a policy exported from Graph and brought `up` again writes nothing.
 */
import {
    edgeConfiguration,
    outlookConfiguration,
    readEdgeConfiguration,
    readOutlookConfiguration,
    type AppConfigPair,
} from "../../provider/app-config";
import { appConfigurationSettings } from "../../provider/settings/app-configuration";
import type { KeyValuePair } from "../../provider/settings/kinds";

const kind = appConfigurationSettings.customSettings.kind;

const outlook = { focusedInbox: false, saveContacts: true, ldapHostName: "contoso.com:636" } as const;
const edge = {
    homepage: "https://intranet.contoso.com",
    bookmarks: [{ title: "Contoso", url: "https://www.contoso.com" }],
    disabledFeatures: ["inprivate" as const, "password" as const],
    cookieControlsMode: 1 as const,
};
const declared = [
    ...outlookConfiguration(outlook),
    ...edgeConfiguration(edge),
    { name: "IntuneMAMUPN", value: "{{userprincipalname}}" },
];

it("the customSettings kind accepts the helpers' pairs together with a pair of one's own", () => {
    expect(kind.problem(declared)).toBeUndefined();
});

it("Graph's copy of the declared pairs reads back as the declared value and the same options", () => {
    const normalized = kind.normalize(declared);
    const graph = kind.toGraph(normalized) as KeyValuePair[];
    expect(kind.fromGraph(graph)).toEqual(normalized);

    const readOutlook = readOutlookConfiguration(graph);
    const readEdge = readEdgeConfiguration(readOutlook.otherSettings);
    expect(readOutlook.options).toEqual(outlook);
    expect(readEdge.options).toEqual(edge);
    expect(readEdge.otherSettings).toEqual([{ name: "IntuneMAMUPN", value: "{{userprincipalname}}" }]);

    const exported = [
        ...outlookConfiguration(readOutlook.options),
        ...edgeConfiguration(readEdge.options),
        ...(readEdge.otherSettings as AppConfigPair[]), // all text, as asserted above
    ];
    expect(kind.normalize(exported)).toEqual(normalized);
});

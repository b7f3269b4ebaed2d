/**
 * Typed, documented helpers for the app configuration keys Microsoft documents for Outlook and
 * Microsoft Edge on iOS and Android, delivered by app configuration policies for managed apps
 * (Graph `targetedManagedAppConfiguration`, whose `customSettings` is a list of `{ name, value }`
 * string pairs).
 *
 * A helper turns typed options into those pairs. Spread several into one list, with any other
 * pair of your own:
 *
 * ```ts
 * import * as intune from "pulumi-intune-app-protection";
 *
 * customSettings: [
 *     ...intune.appConfig.outlookConfiguration({ focusedInbox: false, saveContacts: true }),
 *     ...intune.appConfig.edgeConfiguration({ homepage: "https://intranet.contoso.com" }),
 * ],
 * ```
 *
 * Each option is one documented key (its TSDoc names the key; `OUTLOOK_KEYS` / `EDGE_KEYS` give
 * each key's learn.microsoft.com section). What an option leaves out writes no pair: unset means
 * unmanaged. A bad value throws at preview, naming the option, its key, the value and what is
 * allowed. Keys and values are case sensitive and written exactly as documented: booleans as
 * `"true"` / `"false"`, numbered choices as their digits, lists joined by `|`.
 *
 * `readOutlookConfiguration` and `readEdgeConfiguration` go the other way: the typed options a
 * policy's pairs hold, and every other pair unchanged, so that writing the options back plus the
 * other pairs gives exactly the pairs read.
 *
 * Sources (page, snapshot and sections) are in the header of `outlook.ts` and `edge.ts`.
 *
 * @module
 */
export { outlookConfiguration, readOutlookConfiguration, OUTLOOK_KEYS, type OutlookConfiguration } from "./outlook";
export {
    edgeConfiguration,
    readEdgeConfiguration,
    EDGE_KEYS,
    EDGE_DISABLEABLE_FEATURES,
    type EdgeConfiguration,
    type EdgeDisableableFeature,
    type EdgeNewTabPagePart,
} from "./edge";
export type { AppConfigPair, ConfigKey, KeyTable, ReadSettings } from "./keys";
export type { TitledUrl, ValueCodec } from "./values";

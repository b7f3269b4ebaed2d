/**
 * Presets of Microsoft's data protection framework for app protection policies ("secure
 * defaults"): Level 1 enterprise basic, Level 2 enterprise enhanced and Level 3 enterprise high,
 * for iOS/iPadOS and Android.
 *
 * A preset is a plain, frozen object of typed settings. Spread it into a policy's args, add the
 * policy's `displayName` (and `description`, assignments, apps) and override what you need; every
 * override is type-checked like any other arg:
 *
 * ```ts
 * import * as intune from "pulumi-intune-app-protection";
 *
 * new intune.IosAppProtectionPolicy("enhanced", {
 *     ...intune.baselines.ios.level2EnterpriseEnhanced,
 *     displayName: "iOS enhanced data protection",
 *     assignments: { include: [groupId] },
 *     minimumPinLength: 8,
 * });
 * ```
 *
 * Which level: Level 1 is the minimum Microsoft recommends for any enterprise device; Level 2 is
 * for users with access to sensitive information (most mobile users of work or school data);
 * Level 3 is for high-risk users who handle highly sensitive data.
 *
 * Like every arg, what a preset sets is managed and what it leaves out is not: settings the
 * published policies leave "not configured" are left out and keep whatever the tenant has.
 *
 * How the presets differ from the files Microsoft publishes (each also commented where it occurs):
 *
 * - `displayName` and `description` are left out: they are yours. Microsoft's are in
 *   `baselines.ios.published` / `baselines.android.published`.
 * - `isAssigned` (read-only, computed by Graph) is left out; assign groups with `assignments`.
 * - `appGroupType: "allCoreMicrosoftApps"` is kept, as published (the framework is defined for the
 *   Core Microsoft Apps). To list your own apps, override `appGroupType: "selectedPublicApps"`
 *   together with `apps`.
 * - Android Level 3 keeps `biometricAuthenticationBlocked: false` as published, although Level 2
 *   sets it true.
 * - iOS Level 3 keeps `dialerRestrictionLevel: "customApp"` but not Microsoft's placeholder
 *   `customDialerAppProtocol: "replace_with_dialer_app_url_scheme"` (not a URL scheme): until you
 *   set `customDialerAppProtocol`, preview fails with
 *   `customDialerAppProtocol is required when dialerRestrictionLevel is "customApp"`.
 * - Level 3 leaves out the published `maximumRequiredOsVersion` ("15.0" on iOS, "11.0" on
 *   Android, the newest releases of February 2022): kept, it would block every current device.
 *
 * Source: microsoft/Intune-Config-Frameworks, `AppProtectionPolicies/` (MIT License, Copyright (c)
 * Microsoft Corporation), as last changed there in February 2022. The OS minimums are from then
 * too; raise them with an override.
 *
 * @module
 */
export * as ios from "./ios";
export * as android from "./android";
export type { AndroidBaseline, IosBaseline, PlainSettings, PublishedPolicy, UserOwnedSettings } from "./types";

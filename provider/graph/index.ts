/**
 * Microsoft Graph access layer: connection settings, national clouds, credentials, sessions with
 * pacing and retries, and actionable errors.
 *
 * Typical use inside a dynamic provider:
 * ```ts
 * configure(req) { this.settings = readConnectionSettings(req.config, process.env); }
 * async create(inputs) {
 *     const { openSession } = require("pulumi-intune-app-protection/dist/provider/graph");
 *     const graph = openSession(this.settings);
 *     const res = await graph.send({ method: "POST", path: "/deviceAppManagement/iosManagedAppProtections", body, idempotent: false });
 * }
 * ```
 *
 * @packageDocumentation
 */

export {
    CLOUDS,
    CLOUD_NAMES,
    DEFAULT_CLOUD,
    type CloudName,
    type CloudEndpoints,
    type EndpointOverrides,
    type ResolvedEndpoints,
    cloudOfGraphEndpoint,
    isCloudName,
    isMicrosoftAuthorityHost,
    resolveEndpoints,
} from "./clouds";
export {
    CONFIG_NAMESPACE,
    CREDENTIAL_KINDS,
    ConnectionSettingsError,
    DEFAULT_MAX_RETRY_DURATION_SECONDS,
    DEFAULT_REQUESTS_PER_20_SECONDS,
    DEFAULT_WRITES_PER_20_SECONDS,
    type ConnectionSettings,
    type CredentialKind,
    type SettingName,
    configKey,
    describeConnection,
    effectiveCredentialKind,
    readConnectionSettings,
    settingLabel,
    validateConnectionSettings,
} from "./connection";
export { type CredentialPlan, createCredential, planCredential } from "./credentials";
export {
    GraphRequestError,
    REQUIRED_PERMISSION,
    type GraphErrorKind,
    isNotFound,
    redactSecrets,
    unwrapIntuneMessage,
} from "./errors";
export { Pacer, type PacerLimits, type Clock, isWriteMethod, limitsFromSettings } from "./pacer";
export { type RetryPolicy, backoffDelayMs, decideRetry, parseRetryAfter, policyFromSettings } from "./retry";
export {
    type GraphLogger,
    type GraphMethod,
    type GraphRequest,
    type GraphResponse,
    type GraphSession,
    openSession,
    resetGraphSessions,
    setGraphLogger,
} from "./session";

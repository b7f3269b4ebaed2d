/**
 * Microsoft Graph access layer: national clouds, credentials, sessions with pacing and retries,
 * the endpoints the provider calls with the permission each needs, and actionable errors. The
 * connection config it takes comes from `provider/config`.
 *
 * Typical use inside a dynamic provider:
 * ```ts
 * configure(req) { this.connection = readConnectionConfig(req.config, process.env); } // provider/config
 * async create(inputs) {
 *     const { openSession } = require("pulumi-intune-app-protection/dist/provider/graph");
 *     const graph = openSession(this.connection);
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
} from "../config/clouds";
export { type CredentialPlan, createCredential, planCredential } from "./credentials";
export { GRAPH_ENDPOINTS, type GraphEndpoint, endpointOf, permissionFor } from "./permissions";
export { GraphRequestError, type GraphErrorKind, isNotFound, redactSecrets, unwrapIntuneMessage } from "./errors";
export { Pacer, type PacerLimits, type Clock, isWriteMethod, limitsFromConfig } from "./pacer";
export { type RetryPolicy, backoffDelayMs, decideRetry, parseRetryAfter, policyFromConfig } from "./retry";
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

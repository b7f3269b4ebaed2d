/**
 * Microsoft Graph access layer: credentials (`credentials.ts`, `tokens.ts`), sessions with
 * per-tenant pacing and retries (`session.ts`, `pacer.ts`, `retry.ts`), the endpoints the provider
 * calls with the permission each needs (`permissions.ts`), the request trace (`trace.ts`), and
 * errors translated into sentences (`errors/`, with `redaction.ts` and `causes.ts`). The connection
 * config it takes comes from `provider/config`.
 *
 * Loading this module loads neither `@azure/identity` nor the Graph client: both are required
 * inside {@link openSession}.
 *
 * @packageDocumentation
 */

export { openSession, resetGraphSessions } from "./session";

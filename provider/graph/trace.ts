/**
 * Graph request trace: with the environment variable `INTUNE_GRAPH_TRACE` set to a file path,
 * every Graph request a session sends is appended to that file as one JSON line (method, path,
 * request body, status, response body, Graph's request-id). It works in every process that opens
 * a session — the provider host the engine starts, the export command — so an acceptance run can
 * count the writes sent to a real tenant.
 *
 * A trace holds no headers (so no bearer token), and the secret values of the connection
 * settings are redacted; token requests go through the credential, never through a session, and
 * are not traced. Policy settings, ids and display names are written as Graph sent them.
 *
 * @packageDocumentation
 */
import * as fs from "fs";
import type { ConnectionConfig } from "../config";
import { redactSecrets } from "./redaction";

/** The environment variable naming the trace file. */
export const GRAPH_TRACE_ENV = "INTUNE_GRAPH_TRACE";

/** One traced request and its answer. */
export interface GraphTraceEntry {
    /** When the answer arrived (ISO-8601). */
    time: string;
    tenantId: string;
    method: string;
    /** Path relative to the Graph beta root, with query. */
    path: string;
    requestBody?: unknown;
    /** HTTP status of the final attempt; `null` when no answer arrived (network failure, token failure). */
    status: number | null;
    /** Parsed JSON body, or the text when it is not JSON. */
    responseBody?: unknown;
    requestId?: string;
    /** Attempts made (retries included). */
    attempts: number;
}

/** Appends one entry (built only when tracing is on) to the trace file; never throws. */
export function traceGraphRequest(settings: Partial<ConnectionConfig>, entry: () => GraphTraceEntry): void {
    const file = process.env[GRAPH_TRACE_ENV];
    if (!file) return;
    try {
        fs.appendFileSync(file, `${redactSecrets(JSON.stringify(entry()), settings)}\n`);
    } catch {
        // A trace that cannot be written must not fail the request it describes.
    }
}

/** A response body for the trace: parsed JSON when it is JSON, else the text; absent when empty. */
export function traceBody(text: string): unknown {
    if (text.trim() === "") return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

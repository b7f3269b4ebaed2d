/**
 * Reading the Graph trace the provider writes when `INTUNE_GRAPH_TRACE` names a file
 * (provider/graph/trace.ts): what the suite counts writes with, against any tenant.
 */
import * as fs from "fs";
import type { GraphTraceEntry } from "../../provider/graph/trace";

export type { GraphTraceEntry } from "../../provider/graph/trace";

/** The entries of a trace file, in the order they were written; none when the file does not exist. */
export function readTrace(file: string): GraphTraceEntry[] {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as GraphTraceEntry);
}

/** Requests that change the tenant (every method but GET; token requests are never traced). */
export function writes(entries: readonly GraphTraceEntry[]): GraphTraceEntry[] {
    return entries.filter((e) => e.method !== "GET");
}

/** `METHOD /path` without the query, for readable assertions. */
export function requestLine(entry: GraphTraceEntry): string {
    return `${entry.method} ${entry.path.split("?")[0]}`;
}

/**
 * Sanitizing traced Graph exchanges into fixtures that may be committed: no headers (so no
 * Authorization), no tokens or credential secrets, tenant, client and every other object id
 * replaced by stable placeholders (`{{tenant}}`, `{{client}}`, `{{id:3}}`: the same id gets the
 * same placeholder everywhere in a recording), the run id by `{{run}}`, the Graph root by
 * `{{graph}}`, e-mail addresses by `{{user:N}}`, and policies that are not the run's own
 * dropped from list answers (a real tenant's other policies never reach a fixture).
 */
import { redactSecrets } from "../../provider/graph/redaction";
import type { GraphTraceEntry } from "./trace";

/** One request and its answer, as a fixture holds it. */
export interface Exchange {
    /** The suite step that sent it. */
    step: string;
    method: string;
    /** Relative to the Graph beta root. */
    path: string;
    requestBody?: unknown;
    status: number;
    responseBody?: unknown;
}

/** What the sanitizer must know to find a recording's identifying values. */
export interface SanitizeContext {
    tenantId: string;
    clientId: string;
    /** The run id (8 hex digits) of the recorded run. */
    runId: string;
    /** The Graph root the run used (e.g. `https://graph.microsoft.com`). */
    graphRoot: string;
    /** Credential secrets to remove wherever they appear. */
    secrets: string[];
}

/** Object keys whose values are never kept (credentials and tokens). */
const SECRET_KEYS =
    /^(authorization|access_token|refresh_token|id_token|client_secret|client_assertion|password|secret|headers)$/i;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** An e-mail address or UPN; not OData's `apps@odata.context` annotations. */
const EMAIL = /[A-Za-z0-9._%+-]+@(?!odata\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Sanitizes the exchanges of one recording; placeholders are stable across all its calls. */
export class Sanitizer {
    private readonly ids = new Map<string, string>();
    private readonly users = new Map<string, string>();

    constructor(private readonly context: SanitizeContext) {}

    /** A traced entry as a fixture exchange; undefined for requests that got no answer. */
    exchange(step: string, entry: GraphTraceEntry): Exchange | undefined {
        if (entry.status === null) return undefined;
        const exchange: Exchange = { step, method: entry.method, path: this.text(entry.path), status: entry.status };
        if (entry.requestBody !== undefined) exchange.requestBody = this.value(entry.requestBody);
        if (entry.responseBody !== undefined) exchange.responseBody = this.value(entry.responseBody);
        return exchange;
    }

    /** A JSON value with secrets removed, ids replaced and other policies dropped from lists. */
    value(value: unknown): unknown {
        if (typeof value === "string") return this.text(value);
        if (Array.isArray(value)) return value.filter((item) => this.isKept(item)).map((item) => this.value(item));
        if (value && typeof value === "object") {
            const out: Record<string, unknown> = {};
            for (const [key, item] of Object.entries(value)) {
                if (SECRET_KEYS.test(key)) continue;
                out[this.text(key)] = this.value(item);
            }
            return out;
        }
        return value;
    }

    /** A string with secrets removed and identifying values replaced. */
    text(text: string): string {
        const { tenantId, clientId, runId, graphRoot, secrets } = this.context;
        let out = text;
        for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
        out = redactSecrets(out);
        if (graphRoot) out = out.replace(new RegExp(escape(graphRoot.replace(/\/+$/, "")), "gi"), "{{graph}}");
        out = out.replace(EMAIL, (email) => this.placeholder(this.users, "user", email.toLowerCase()));
        out = out.replace(new RegExp(escape(tenantId), "gi"), "{{tenant}}");
        out = out.replace(new RegExp(escape(clientId), "gi"), "{{client}}");
        out = out.replace(GUID, (guid) => this.placeholder(this.ids, "id", guid.toLowerCase()));
        out = out.replace(new RegExp(`pulumi-live-${escape(runId)}-`, "g"), "pulumi-live-{{run}}-");
        return out;
    }

    /** Items of other policies (a display name without the run's prefix) are left out. */
    private isKept(item: unknown): boolean {
        if (!item || typeof item !== "object" || Array.isArray(item)) return true;
        const name = (item as Record<string, unknown>).displayName;
        const policyLike = "@odata.type" in item || "id" in item;
        return !(policyLike && typeof name === "string" && !name.startsWith(`pulumi-live-${this.context.runId}-`));
    }

    private placeholder(map: Map<string, string>, kind: string, key: string): string {
        let name = map.get(key);
        if (!name) map.set(key, (name = `{{${kind}:${map.size + 1}}}`));
        return name;
    }
}

/**
 * Reads what the Pulumi engine produces for a preview into one shape: the engine event log
 * (`pulumi preview --event-log FILE`, JSON lines; also what the Automation API's `onEvent`
 * receives, as lines or one JSON array) and the preview digest (`pulumi preview --json`).
 *
 * The digest leaves out policy pack findings (the engine does not put them in it); the event log
 * has everything, so CI should keep the event log.
 */

/** One resource state as the engine reports it. */
export interface ResourceState {
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    retainOnDelete?: boolean;
}

/** One planned resource operation. */
export interface PreviewStep {
    /** The engine's operation: `create`, `update`, `delete`, `same`, `replace`, ... */
    op: string;
    urn: string;
    type: string;
    old?: ResourceState;
    new?: ResourceState;
}

/** What `--refresh` found for one resource: the tenant differs from the state (`update`) or lost it (`delete`). */
export interface RefreshResult {
    op: "update" | "delete";
    urn: string;
    type: string;
    old?: ResourceState;
    new?: ResourceState;
}

/** A policy pack finding. */
export interface PolicyViolation {
    urn?: string;
    policyName: string;
    policyPackName: string;
    level: "mandatory" | "advisory";
    message: string;
}

/** An error the engine or a provider reported. */
export interface PreviewError {
    urn?: string;
    message: string;
}

/** One stack's preview, whatever the input format. */
export interface PreviewRecord {
    stack: string;
    project: string;
    steps: PreviewStep[];
    refreshes: RefreshResult[];
    violations: PolicyViolation[];
    errors: PreviewError[];
    /** Policy packs that ran, when the input says so. */
    policyPacks: string[];
    /** The input was a digest (`--json`), which carries no policy findings. */
    digest: boolean;
}

/** A user-facing problem with an input file. */
export class InputError extends Error {}

type Json = Record<string, any>;

const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function stateOf(value: unknown): ResourceState | undefined {
    if (!value || typeof value !== "object") return undefined;
    const state = value as Json;
    return {
        id: typeof state.id === "string" && state.id ? state.id : undefined,
        inputs: asRecord(state.inputs),
        outputs: asRecord(state.outputs),
        retainOnDelete: state.retainOnDelete === true || undefined,
    };
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → stack, project and name. */
export function parseUrn(urn: string): { stack: string; project: string; name: string } {
    const match = /^urn:pulumi:([^:]+)::([^:]+)::.*::([^:]*)$/.exec(urn);
    if (!match) return { stack: "", project: "", name: urn };
    return { stack: match[1], project: match[2], name: match[3] };
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Strips the `error: ` prefixes and colour codes the engine adds to diagnostics. */
function cleanMessage(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\x1b\[[0-9;]*m|<\{%[^%]*%\}>/g, "").trim();
}

function levelOf(value: unknown): PolicyViolation["level"] {
    return value === "mandatory" ? "mandatory" : "advisory";
}

function withIdentity(record: Omit<PreviewRecord, "stack" | "project">, urns: string[]): PreviewRecord {
    const urn = urns.find((u) => parseUrn(u).stack) ?? "";
    const { stack, project } = parseUrn(urn);
    return { stack, project, ...record };
}

/** Reads an engine event log: one event per line, or a JSON array of events. */
export function fromEventLog(events: readonly Json[]): PreviewRecord {
    const steps: PreviewStep[] = [];
    const refreshes: RefreshResult[] = [];
    const violations: PolicyViolation[] = [];
    const errors: PreviewError[] = [];
    const policyPacks = new Set<string>();
    const urns: string[] = [];
    for (const event of events) {
        const pre = event.resourcePreEvent?.metadata as Json | undefined;
        const outs = event.resOutputsEvent?.metadata as Json | undefined;
        if (pre) {
            urns.push(pre.urn);
            if (pre.op !== "refresh")
                steps.push({ op: pre.op, urn: pre.urn, type: pre.type, old: stateOf(pre.old), new: stateOf(pre.new) });
        } else if (outs?.op === "refresh") {
            // What refresh read: no new state when the resource is gone from the tenant.
            const old = stateOf(outs.old);
            const now = stateOf(outs.new);
            if (!now) refreshes.push({ op: "delete", urn: outs.urn, type: outs.type, old });
            else if (JSON.stringify(old?.outputs) !== JSON.stringify(now.outputs))
                refreshes.push({ op: "update", urn: outs.urn, type: outs.type, old, new: now });
        } else if (event.policyEvent) {
            const p = event.policyEvent as Json;
            policyPacks.add(p.policyPackName);
            violations.push({
                urn: p.resourceUrn || undefined,
                policyName: p.policyName,
                policyPackName: p.policyPackName,
                level: levelOf(p.enforcementLevel),
                message: cleanMessage(String(p.message ?? "")),
            });
        } else if (event.diagnosticEvent?.severity === "error") {
            const d = event.diagnosticEvent as Json;
            errors.push({ urn: d.urn || undefined, message: cleanMessage(String(d.message ?? "")) });
        } else if (event.summaryEvent) {
            for (const name of Object.keys(asRecord(event.summaryEvent.policyPacks))) policyPacks.add(name);
        }
    }
    return withIdentity({ steps, refreshes, violations, errors, policyPacks: [...policyPacks], digest: false }, urns);
}

/**
 * Reads a `pulumi preview --json` digest. It lists only resources that change (no unchanged
 * ones), and neither policy findings nor what a refresh read: the event log has those.
 */
export function fromDigest(digest: Json): PreviewRecord {
    const list = Array.isArray(digest.steps) ? (digest.steps as Json[]) : [];
    const steps: PreviewStep[] = list
        .filter((step) => step.op !== "refresh")
        .map((step) => ({
            op: String(step.op),
            urn: String(step.urn),
            type: String(step.newState?.type ?? step.oldState?.type ?? ""),
            old: stateOf(step.oldState),
            new: stateOf(step.newState),
        }));
    const errors = (Array.isArray(digest.diagnostics) ? (digest.diagnostics as Json[]) : [])
        .filter((d) => d.severity === "error")
        .map((d) => ({ urn: d.urn || undefined, message: cleanMessage(String(d.message ?? "")) }));
    return withIdentity(
        { steps, refreshes: [], violations: [], errors, policyPacks: [], digest: true },
        list.map((s) => String(s.urn)),
    );
}

/** Whether a step is the stack itself rather than one of its resources. */
export const isStackStep = (step: { type: string }) => step.type === ROOT_STACK_TYPE;

/**
 * Parses one input file's text: an event log (JSON lines or an array of events) or a digest.
 * `source` names the file in errors.
 */
export function parsePreview(text: string, source: string): PreviewRecord {
    const trimmed = text.trim();
    if (!trimmed)
        throw new InputError(`${source} is empty: expected a Pulumi event log or \`pulumi preview --json\` output`);
    let whole: unknown;
    try {
        whole = JSON.parse(trimmed);
    } catch {
        whole = undefined;
    }
    if (Array.isArray(whole)) return fromEventLog(whole as Json[]);
    if (whole && typeof whole === "object") {
        const object = whole as Json;
        if ("steps" in object || "changeSummary" in object) return fromDigest(object);
        if ("sequence" in object || "timestamp" in object) return fromEventLog([object]);
        throw new InputError(
            `${source} is JSON but neither a Pulumi event log nor \`pulumi preview --json\` output (no "steps", no events)`,
        );
    }
    const events: Json[] = [];
    for (const [index, line] of trimmed.split("\n").entries()) {
        if (!line.trim()) continue;
        try {
            events.push(JSON.parse(line));
        } catch {
            throw new InputError(
                `${source} line ${index + 1} is not JSON: expected a Pulumi event log (one JSON event per line, from \`pulumi preview --event-log FILE\`) or \`pulumi preview --json\` output`,
            );
        }
    }
    return fromEventLog(events);
}

/**
 * Per-tenant state (clients, groups, policies) and issued tokens, with optional JSON persistence
 * (`dataFile`: written after each change, loaded at start).
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ROLES } from "./spec-facts";

/** An app registration that can get tokens. */
export interface ClientSpec {
    clientId: string;
    secret?: string;
    /** The secret has passed its end date: Entra ID answers AADSTS7000222 when it is used. */
    secretExpired?: boolean;
    /** Public certificate (PEM) registered on the app, for `client_assertion` JWTs signed with its key. */
    certificatePem?: string;
    /** Federated tokens accepted verbatim as `client_assertion` (workload identity). */
    federatedTokens?: string[];
    /** Application permissions. Default `["DeviceManagementApps.ReadWrite.All"]`. */
    roles?: string[];
}

/** A tenant to serve. */
export interface TenantSpec {
    tenantId: string;
    /** Has an Intune licence (default true); otherwise Intune endpoints answer 403. */
    licensed?: boolean;
    clients: ClientSpec[];
    groups?: { id: string; displayName: string }[];
}

/** Stored Graph JSON of a policy (incl. `@odata.type`, `apps`, `assignments`). */
export type StoredPolicy = Record<string, unknown> & {
    "@odata.type": string;
    id: string;
    apps: Array<Record<string, unknown>>;
    assignments: Array<Record<string, unknown>>;
};

/** A tenant's live state. */
export interface TenantState {
    tenantId: string;
    licensed: boolean;
    clients: Map<string, ClientSpec>;
    groups: Map<string, { id: string; displayName: string }>;
    /** Insertion order = creation order. */
    policies: Map<string, StoredPolicy>;
}

/** An issued access token. */
export interface IssuedToken {
    token: string;
    tenantId: string;
    clientId: string;
    roles: string[];
    expiresAt: number;
}

interface PersistedState {
    format: "intune-graph-emulator/1";
    tenants: Array<{
        tenantId: string;
        licensed: boolean;
        clients: ClientSpec[];
        groups: { id: string; displayName: string }[];
        policies: StoredPolicy[];
    }>;
    tokens: IssuedToken[];
}

/** All tenants and tokens. */
export class Store {
    private readonly tenants = new Map<string, TenantState>();
    readonly tokens = new Map<string, IssuedToken>();
    private loading = false;

    constructor(private readonly dataFile?: string) {
        if (dataFile && fs.existsSync(dataFile)) this.load(dataFile);
    }

    /** Tenant by id (case-insensitive). */
    tenant(tenantId: string | undefined): TenantState | undefined {
        return tenantId === undefined ? undefined : this.tenants.get(tenantId.toLowerCase());
    }

    allTenants(): TenantState[] {
        return [...this.tenants.values()];
    }

    /** Adds a tenant, or merges clients/groups/licence into an existing one (policies are kept). */
    addTenant(spec: TenantSpec): TenantState {
        if (!spec.tenantId || !/^[0-9a-zA-Z-.]+$/.test(spec.tenantId))
            throw new Error(`invalid tenantId '${spec.tenantId}'`);
        let t = this.tenant(spec.tenantId);
        if (!t) {
            t = { tenantId: spec.tenantId, licensed: true, clients: new Map(), groups: new Map(), policies: new Map() };
            this.tenants.set(spec.tenantId.toLowerCase(), t);
        }
        if (spec.licensed !== undefined) t.licensed = spec.licensed;
        for (const c of spec.clients ?? []) {
            t.clients.set(c.clientId.toLowerCase(), { ...c, roles: c.roles ?? [...DEFAULT_ROLES] });
        }
        for (const g of spec.groups ?? []) t.groups.set(g.id.toLowerCase(), { ...g });
        this.save();
        return t;
    }

    addGroup(tenantId: string, group: { id: string; displayName: string }): void {
        const t = this.require(tenantId);
        t.groups.set(group.id.toLowerCase(), { ...group });
        this.save();
    }

    require(tenantId: string): TenantState {
        const t = this.tenant(tenantId);
        if (!t) throw new Error(`unknown tenant '${tenantId}'`);
        return t;
    }

    addToken(t: IssuedToken): void {
        this.tokens.set(t.token, t);
        // forget long-expired tokens so the file does not grow without bound
        const cutoff = Date.now() - 3_600_000;
        for (const [k, v] of this.tokens) if (v.expiresAt < cutoff) this.tokens.delete(k);
        this.save();
    }

    /** Writes the state to `dataFile` (atomically) if persistence is on. */
    save(): void {
        if (!this.dataFile || this.loading) return;
        const state: PersistedState = {
            format: "intune-graph-emulator/1",
            tenants: this.allTenants().map((t) => ({
                tenantId: t.tenantId,
                licensed: t.licensed,
                clients: [...t.clients.values()],
                groups: [...t.groups.values()],
                policies: [...t.policies.values()],
            })),
            tokens: [...this.tokens.values()],
        };
        fs.mkdirSync(path.dirname(path.resolve(this.dataFile)), { recursive: true });
        const tmp = `${this.dataFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(state, null, 1));
        fs.renameSync(tmp, this.dataFile);
    }

    private load(file: string): void {
        const state = JSON.parse(fs.readFileSync(file, "utf8")) as PersistedState;
        if (state.format !== "intune-graph-emulator/1") throw new Error(`${file}: not an emulator data file`);
        for (const t of state.tenants) {
            const tenant = this.addTenantNoSave(t);
            for (const p of t.policies) tenant.policies.set(p.id.toLowerCase(), p);
        }
        for (const tok of state.tokens ?? []) this.tokens.set(tok.token, tok);
    }

    private addTenantNoSave(spec: TenantSpec): TenantState {
        this.loading = true;
        try {
            return this.addTenant(spec);
        } finally {
            this.loading = false;
        }
    }
}

/**
 * Microsoft Graph (Intune managed-app policies, beta) + Azure AD token emulator over HTTPS on loopback.
 *
 * ```ts
 * const emu = await startEmulator({ tenants: [{ tenantId: T, clients: [{ clientId: C, secret: S }] }] });
 * trustEmulatorCa(emu.caCertPem);            // or NODE_EXTRA_CA_CERTS=emu.caCertPath in child processes
 * new ClientSecretCredential(T, C, S, { authorityHost: emu.url, disableInstanceDiscovery: true });
 * Client.initWithMiddleware({ authProvider, baseUrl: emu.url, defaultVersion: "beta", customHosts: new Set(["127.0.0.1"]) });
 * ```
 *
 * The model of the policy types comes from Microsoft's beta SDK models (`schema.ts`) plus the facts
 * no model states (`spec-facts.ts`) — never from the provider. Where Graph's behaviour is uncertain,
 * `fidelity` picks one (`fidelity.ts`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CertAndKey, generateCa, issueServerCert } from "./certs";
import { Faults, FaultRule } from "./faults";
import { DEFAULT_FIDELITY, Fidelity } from "./fidelity";
import { EmulatorContext } from "./graph-handler";
import { PolicyService } from "./policies";
import { CountFilter, LoggedRequest, RequestLog } from "./request-log";
import { graphModel } from "./schema";
import { createServer, listen } from "./server";
import { StoredPolicy, Store, TenantSpec } from "./store";
import { Throttle, ThrottleLimits } from "./throttle";
import { trustEmulatorCa } from "./trust";
import { resolveOdataType } from "./validation";
import { BASE_SET, POLICY_SETS } from "./spec-facts";

export type { ClientSpec, TenantSpec } from "./store";
export type { FaultRule } from "./faults";
export type { Fidelity } from "./fidelity";
export { DEFAULT_FIDELITY } from "./fidelity";
export type { LoggedRequest, RequestKind, CountFilter } from "./request-log";
export type { ThrottleLimits } from "./throttle";
export { INTUNE_LIMITS } from "./throttle";
export { trustEmulatorCa, trustMechanism } from "./trust";
export { generateClientCertificate, generateCa, issueServerCert } from "./certs";
export type { CertAndKey } from "./certs";
export { canonicalDuration } from "./durations";
export { GraphError } from "./errors";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
    /** Port on 127.0.0.1; 0 (default) picks a free one. */
    port?: number;
    /** Intune throttling limits (defaults: Intune's documented ones); `false` disables throttling. */
    throttle?: Partial<ThrottleLimits> | false;
    /** Send `Retry-After` with 429s (default true); false emulates Intune's header-less 429. */
    retryAfterHeader?: boolean;
    /** Delay added to every request. */
    latencyMs?: number;
    /** Persist all tenant state (and issued tokens) as JSON after each change; loaded at start. */
    dataFile?: string;
    tenants?: TenantSpec[];
    /** Page size of list responses (default 100). */
    pageSize?: number;
    /**
     * Directory holding `ca.pem` + `ca-key.pem`: reused if present, created otherwise, so restarts keep
     * the same CA (clients started with NODE_EXTRA_CA_CERTS keep working). Default: a fresh CA in a
     * temporary directory removed on close.
     */
    caDir?: string;
    /** Call `trustEmulatorCa(caCertPem)` for this process (default false). */
    trustCa?: boolean;
    /** Behaviours where Graph's sources disagree (default `DEFAULT_FIDELITY`); see `fidelity.ts`. */
    fidelity?: Partial<Fidelity>;
}

/** A running emulator. */
export interface Emulator {
    /** `https://127.0.0.1:PORT`: both Graph base URL and authority host. */
    readonly url: string;
    readonly port: number;
    readonly caCertPem: string;
    readonly caCertPath: string;
    addTenant(spec: TenantSpec): void;
    addGroup(tenantId: string, group: { id: string; displayName: string }): void;
    /** Raw stored Graph JSON of every policy (all sets) incl. `@odata.type`, `apps` and `assignments`. */
    policies(tenantId: string): any[];
    policy(tenantId: string, id: string): any | undefined;
    /** Create as if through Graph (validates, applies defaults); `@odata.type` required. Not logged. */
    seedPolicy(tenantId: string, body: any): any;
    /** Change behind the provider's back (bumps version/lastModified). Accepts structural properties, `apps` (+`appGroupType`) and `assignments` in Graph shape. */
    modifyPolicy(tenantId: string, id: string, patch: any): void;
    deletePolicy(tenantId: string, id: string): void;
    readonly requests: readonly LoggedRequest[];
    clearLog(): void;
    count(filter?: CountFilter): number;
    /** Counts of logged requests by kind. */
    countsByKind(): Record<string, number>;
    injectFault(rule: FaultRule): void;
    clearFaults(): void;
    setThrottle(limits: Partial<ThrottleLimits> | false): void;
    /** Changes fidelity switches from now on (other switches keep their value). */
    setFidelity(fidelity: Partial<Fidelity>): void;
    close(): Promise<void>;
}

function loadOrCreateCa(caDir: string | undefined): { ca: CertAndKey; dir: string; temporary: boolean } {
    if (caDir) {
        fs.mkdirSync(caDir, { recursive: true });
        const certFile = path.join(caDir, "ca.pem");
        const keyFile = path.join(caDir, "ca-key.pem");
        if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
            return {
                ca: { certPem: fs.readFileSync(certFile, "utf8"), keyPem: fs.readFileSync(keyFile, "utf8") },
                dir: caDir,
                temporary: false,
            };
        }
        const ca = generateCa();
        fs.writeFileSync(keyFile, ca.keyPem, { mode: 0o600 });
        fs.writeFileSync(certFile, ca.certPem);
        return { ca, dir: caDir, temporary: false };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-graph-emulator-"));
    const ca = generateCa();
    fs.writeFileSync(path.join(dir, "ca.pem"), ca.certPem);
    return { ca, dir, temporary: true };
}

/** Starts the emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const model = graphModel();
    // Build the policy types now, so that no request pays for reading the model.
    for (const p of POLICY_SETS) model.type(p.typeName);
    const store = new Store(options.dataFile);
    for (const t of options.tenants ?? []) store.addTenant(t);
    const { ca, dir, temporary } = loadOrCreateCa(options.caDir);
    const serverCert = issueServerCert(ca);
    const caCertPath = path.join(dir, "ca.pem");
    let baseUrl = "";
    const fidelity: Fidelity = { ...DEFAULT_FIDELITY, ...options.fidelity };
    const policyService = new PolicyService(model, fidelity);
    const log = new RequestLog();
    const ctx: EmulatorContext = {
        store,
        model,
        policies: policyService,
        throttle: new Throttle(options.throttle ?? {}),
        faults: new Faults(),
        log,
        baseUrl: () => baseUrl,
        options: {
            retryAfterHeader: options.retryAfterHeader ?? true,
            latencyMs: options.latencyMs ?? 0,
            pageSize: options.pageSize ?? 100,
            fidelity,
        },
    };
    const server = createServer(ctx, { key: serverCert.keyPem, cert: serverCert.certPem });
    const port = await listen(server, options.port ?? 0);
    baseUrl = `https://127.0.0.1:${port}`;
    if (options.trustCa) trustEmulatorCa(ca.certPem);

    const stored = (tenantId: string, id: string): StoredPolicy => {
        const p = store.require(tenantId).policies.get(id.toLowerCase());
        if (!p) throw new Error(`no policy '${id}' in tenant '${tenantId}'`);
        return p;
    };

    return {
        url: baseUrl,
        port,
        caCertPem: ca.certPem,
        caCertPath,
        addTenant: (spec) => void store.addTenant(spec),
        addGroup: (tenantId, group) => store.addGroup(tenantId, group),
        policies: (tenantId) => [...store.require(tenantId).policies.values()].map((p) => structuredClone(p)),
        policy: (tenantId, id) => {
            const p = store.require(tenantId).policies.get(id.toLowerCase());
            return p ? structuredClone(p) : undefined;
        },
        seedPolicy: (tenantId, body) => {
            const type = resolveOdataType(model, body?.["@odata.type"], BASE_SET.typeName);
            const p = policyService.create(store.require(tenantId), type, body);
            store.save();
            return structuredClone(p);
        },
        modifyPolicy: (tenantId, id, patch) => {
            policyService.modify(stored(tenantId, id), patch);
            store.save();
        },
        deletePolicy: (tenantId, id) => {
            const p = stored(tenantId, id);
            store.require(tenantId).policies.delete(p.id.toLowerCase());
            store.save();
        },
        get requests() {
            return log.entries;
        },
        clearLog: () => log.clear(),
        count: (filter) => log.count(filter),
        countsByKind: () => log.countsByKind(),
        injectFault: (rule) => ctx.faults.add(rule),
        clearFaults: () => ctx.faults.clear(),
        setThrottle: (limits) => ctx.throttle.set(limits),
        setFidelity: (changes) => void Object.assign(fidelity, changes),
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => {
                    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
                    resolve();
                });
                server.closeAllConnections();
            }),
    };
}

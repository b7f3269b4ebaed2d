/**
 * Behaviours where Microsoft's sources disagree or are silent. Each is a switch so that tests can
 * run the provider against either behaviour; the defaults are what captures of the real service
 * show (see the emulator README, "Fidelity switches").
 */

/** The emulator's choices where Graph's behaviour is uncertain. */
export interface Fidelity {
    /**
     * Answer to a successful PATCH of a policy: `204` No Content (observed on the service, default) or
     * `200` with the updated entity (what the beta docs' "Update" pages show).
     */
    patchStatus: 200 | 204;
    /**
     * Separator between the members of a flags enum in responses: `","` (observed, default) or `", "`
     * (.NET `Enum.ToString()` form, as in `"unmanaged, mdm"`).
     */
    flagsSeparator: "," | ", ";
    /**
     * Values a create gives properties it was not sent: `"spec"` (the observed defaults, default) or
     * `"peers"`, which also sets the defaults peer tools model for `appActionIfAccountIsClockedOut`
     * and `pinRequiredInsteadOfBiometricTimeout` (`PEER_CREATE_DEFAULTS`).
     */
    createDefaults: "spec" | "peers";
    /**
     * Whether each item of a read of a typed collection (`iosManagedAppProtections`, `apps`,
     * `assignments`) carries `@odata.type`. Off by default (OData minimal metadata omits it when the
     * item's type is the collection's); items of the polymorphic `managedAppPolicies` always carry it.
     */
    odataTypeOnTypedItems: boolean;
    /**
     * An assignment filter on an exclusion group: `"reject"` (400, default; the admin center offers
     * filters on included groups only) or `"accept"` (stored as sent).
     */
    exclusionFilters: "reject" | "accept";
}

/** The defaults: the behaviour captures of the real service show. */
export const DEFAULT_FIDELITY: Readonly<Fidelity> = {
    patchStatus: 204,
    flagsSeparator: ",",
    createDefaults: "spec",
    odataTypeOnTypedItems: false,
    exclusionFilters: "reject",
};

/** Allowed values of each switch. */
const CHOICES: { readonly [K in keyof Fidelity]: readonly Fidelity[K][] } = {
    patchStatus: [200, 204],
    flagsSeparator: [",", ", "],
    createDefaults: ["spec", "peers"],
    odataTypeOnTypedItems: [false, true],
    exclusionFilters: ["reject", "accept"],
};

/**
 * Parses switches from JSON text (the CLI's `--fidelity '{"patchStatus":200}'`); throws naming the
 * switch, the value and what is allowed.
 */
export function parseFidelity(text: string): Partial<Fidelity> {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== "object" || doc === null || Array.isArray(doc))
        throw new Error("fidelity must be a JSON object");
    for (const [key, value] of Object.entries(doc)) {
        const allowed = (CHOICES as Record<string, readonly unknown[]>)[key];
        if (!allowed) throw new Error(`unknown fidelity switch '${key}' (known: ${Object.keys(CHOICES).join(", ")})`);
        if (!allowed.includes(value))
            throw new Error(
                `fidelity ${key} ${JSON.stringify(value)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`,
            );
    }
    return doc as Partial<Fidelity>;
}

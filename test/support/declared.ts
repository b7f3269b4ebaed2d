/**
 * One policy as a test program declares it: the JSON-driven program (test/e2e/program) reads a
 * list of these from the file named by `E2E_POLICIES`, and the in-process stacks take the same.
 */
import type { PolicyTypeName } from "../../provider/settings/policy-type";

export interface Declared {
    /** The policy type (its resource class): "ios", "android", "windows" or "appConfiguration". */
    platform: PolicyTypeName;
    /** Pulumi resource name. */
    name: string;
    /** The resource's arguments, as the program passes them. */
    args: Record<string, unknown>;
}

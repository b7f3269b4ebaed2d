/**
 * Pulumi's mocks for suites that look at what a program registers (no engine, no provider): every
 * resource is recorded and created with its inputs as its state.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Registers a beforeAll hook that sets the mocks for `project` and `stack` (and `organization`);
 * returns the list every registered resource's arguments are added to.
 */
export function useRegistrationMocks(
    project: string,
    stack: string,
    organization?: string,
): pulumi.runtime.MockResourceArgs[] {
    const registered: pulumi.runtime.MockResourceArgs[] = [];
    beforeAll(() =>
        pulumi.runtime.setMocks(
            {
                newResource(args) {
                    registered.push(args);
                    return { id: `${args.name}-id`, state: { ...args.inputs } };
                },
                call: (args) => args.inputs,
            },
            project,
            stack,
            false,
            organization,
        ),
    );
    return registered;
}

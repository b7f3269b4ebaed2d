/**
 * One table of endpoints and permissions, and one table of config keys: the export's help and
 * flags are derived from them (the README's copies are checked in connection.test.ts).
 */
import { CONFIG_FIELDS, configEntry, configKey } from "../../provider/config";
import { connectionFlags } from "../../provider/config/flags";
import { main } from "../../provider/cli";
import { GRAPH_ENDPOINTS, endpointOf, permissionFor } from "../../provider/graph/permissions";

async function help(): Promise<string> {
    let stdout = "";
    await main(["export", "--help"], {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => true, isTTY: false },
        env: {},
    });
    return stdout;
}

describe("the endpoint table", () => {
    it("maps each path the provider and the export call to its endpoint", () => {
        expect(endpointOf("/deviceAppManagement/iosManagedAppProtections/T_1/assign")).toBe(GRAPH_ENDPOINTS.policies);
        expect(endpointOf("/groups?$filter=displayName%20eq%20'Sales'")).toBe(GRAPH_ENDPOINTS.groups);
        expect(endpointOf("/groups/0b7f?$select=id,displayName")).toBe(GRAPH_ENDPOINTS.groups);
        expect(endpointOf("/groupsSomethingElse")).toBeUndefined();
        expect(endpointOf("/deviceManagement/assignmentFilters?$top=1")).toBe(GRAPH_ENDPOINTS.assignmentFilters);
    });

    it("asks for the write permission for policies and the least privileged read permission elsewhere", () => {
        expect(permissionFor("POST", "/deviceAppManagement/androidManagedAppProtections").permission).toBe(
            "DeviceManagementApps.ReadWrite.All",
        );
        expect(permissionFor("GET", "/deviceAppManagement/iosManagedAppProtections?$top=1").permission).toBe(
            "DeviceManagementApps.ReadWrite.All",
        );
        expect(permissionFor("GET", "/groups?$filter=x").permission).toBe("GroupMember.Read.All");
        expect(permissionFor("GET", "/deviceManagement/assignmentFilters").permission).toBe(
            "DeviceManagementConfiguration.Read.All",
        );
    });

    it("is what the export's help lists", async () => {
        const text = await help();
        for (const endpoint of Object.values(GRAPH_ENDPOINTS)) {
            expect(text).toContain(endpoint.read);
            for (const also of endpoint.alsoReads) expect(text).toContain(also);
        }
    });
});

describe("the export's connection flags", () => {
    it("are the config keys the table gives a flag, with their environment variables and allowed values", async () => {
        const flags = connectionFlags();
        expect(Object.values(flags)).toEqual(CONFIG_FIELDS.filter((f) => configEntry(f).flag));
        const text = await help();
        for (const [flag, field] of Object.entries(flags)) {
            expect([configKey(field), text.includes(`--${flag} <`)]).toEqual([configKey(field), true]);
            const entry = configEntry(field);
            if (entry.env) expect(text).toContain(`[${entry.env}]`);
            if (entry.kind.type === "enum") expect(text.replace(/\s+/g, " ")).toContain(entry.kind.members.join(" | "));
        }
    });
});

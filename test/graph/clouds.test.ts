import { CLOUDS, cloudOfGraphEndpoint, isMicrosoftAuthorityHost, resolveEndpoints } from "../../provider/config/clouds";

describe("national clouds", () => {
    it("has the documented endpoints", () => {
        expect(CLOUDS.global).toMatchObject({
            graphEndpoint: "https://graph.microsoft.com",
            authorityHost: "https://login.microsoftonline.com",
            scope: "https://graph.microsoft.com/.default",
        });
        expect(CLOUDS.usGovernment).toMatchObject({
            graphEndpoint: "https://graph.microsoft.us",
            authorityHost: "https://login.microsoftonline.us",
            scope: "https://graph.microsoft.us/.default",
        });
        expect(CLOUDS.usGovernmentDoD).toMatchObject({
            graphEndpoint: "https://dod-graph.microsoft.us",
            authorityHost: "https://login.microsoftonline.us",
            scope: "https://dod-graph.microsoft.us/.default",
        });
        expect(CLOUDS.china).toMatchObject({
            graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
            authorityHost: "https://login.chinacloudapi.cn",
            scope: "https://microsoftgraph.chinacloudapi.cn/.default",
        });
    });

    it("resolves the global cloud by default", () => {
        expect(resolveEndpoints({})).toEqual({
            cloud: "global",
            graphEndpoint: "https://graph.microsoft.com",
            graphBetaRoot: "https://graph.microsoft.com/beta",
            authorityHost: "https://login.microsoftonline.com",
            scope: "https://graph.microsoft.com/.default",
            disableInstanceDiscovery: false,
        });
    });

    it("resolves a named national cloud", () => {
        const r = resolveEndpoints({ cloud: "china" });
        expect(r.graphBetaRoot).toBe("https://microsoftgraph.chinacloudapi.cn/beta");
        expect(r.authorityHost).toBe("https://login.chinacloudapi.cn");
        expect(r.disableInstanceDiscovery).toBe(false);
    });

    it("infers the cloud from a known Graph endpoint", () => {
        expect(cloudOfGraphEndpoint("https://dod-graph.microsoft.us/")).toBe("usGovernmentDoD");
        const r = resolveEndpoints({ graphEndpoint: "https://graph.microsoft.us" });
        expect(r).toMatchObject({
            cloud: "usGovernment",
            authorityHost: "https://login.microsoftonline.us",
            scope: "https://graph.microsoft.us/.default",
        });
    });

    it("keeps the production scope for an emulator endpoint", () => {
        const r = resolveEndpoints({
            graphEndpoint: "https://127.0.0.1:44321/",
            authorityHost: "https://127.0.0.1:44321",
        });
        expect(r).toMatchObject({
            cloud: "global",
            graphEndpoint: "https://127.0.0.1:44321",
            graphBetaRoot: "https://127.0.0.1:44321/beta",
            authorityHost: "https://127.0.0.1:44321",
            scope: "https://graph.microsoft.com/.default",
            disableInstanceDiscovery: true,
        });
        expect(resolveEndpoints({ cloud: "usGovernment", graphEndpoint: "https://proxy.example" }).scope).toBe(
            "https://graph.microsoft.us/.default",
        );
    });

    it("knows Microsoft authority hosts", () => {
        expect(isMicrosoftAuthorityHost("https://login.microsoftonline.com")).toBe(true);
        expect(isMicrosoftAuthorityHost("https://login.chinacloudapi.cn/")).toBe(true);
        expect(isMicrosoftAuthorityHost("https://localhost:8443")).toBe(false);
    });
});

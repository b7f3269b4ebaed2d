/**
 * The provider is serialized by Pulumi: loading the Graph layer must not load @azure/identity or
 * the Graph client (they are required lazily inside functions). Checked in a separate Node process
 * so Jest's module registry does not interfere.
 */
import { execFileSync } from "child_process";
import * as path from "path";

it("loads provider/graph without loading @azure/identity or the Graph client", () => {
    const root = path.resolve(__dirname, "../..");
    const script = `
        require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
        const graph = require("./provider/graph");
        const loaded = () => Object.keys(require.cache).filter((k) => /@azure[\\\\/]identity|microsoft-graph-client/.test(k)).length;
        const before = loaded();
        require("./provider/config").readConnectionConfig({ get: (k) => ({ "intune:tenantId": "t", "intune:clientId": "c", "intune:clientSecret": "s" })[k] }, {});
        graph.openSession({ tenantId: "t", clientId: "c", clientSecret: "s" });
        console.log(JSON.stringify({ before, after: loaded() }));
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    const { before, after } = JSON.parse(out.trim().split("\n").pop()!);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
});

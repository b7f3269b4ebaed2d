/**
 * Import rules of the tree, checked by `npm run lint`: no cycles, and the layers of `provider/`
 * only point down (README "How it works"):
 *
 *   cli.ts, index.ts                       entry points
 *   export/ review/ recover/ assess/       commands
 *   zero-trust/ baselines/ app-config/     what a program uses
 *   resources/
 *   engine/                                the dynamic provider
 *   graph/                                 Graph access
 *   config/ settings/ protocol/            ground floor: facts with no dependency upward
 *
 * The product never imports tests, scripts, benchmarks or the emulator; the emulator imports nothing of
 * the product or the tests.
 */
const layer = (name, below) => ({
    name: `${name}-points-down`,
    comment: `provider/${name} may import only the layers below it`,
    severity: "error",
    from: { path: `^provider/${name}/` },
    to: { path: "^provider/", pathNot: [`^provider/${name}/`, ...below.map((b) => `^provider/${b}/`)] },
});

const GROUND = ["protocol", "settings", "config"];

module.exports = {
    forbidden: [
        { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
        {
            name: "product-stands-alone",
            comment: "provider/ and policy-pack/ never import tests, scripts or benchmarks",
            severity: "error",
            from: { path: "^(provider|policy-pack)/" },
            to: { path: "^(test|scripts|bench|examples|emulator)/" },
        },
        {
            name: "emulator-stands-alone",
            comment: "the emulator's model comes from Microsoft's models, never from the provider or the tests",
            severity: "error",
            from: { path: "^emulator/" },
            to: { path: "^(provider|policy-pack|test|scripts|bench|examples)/" },
        },
        layer("protocol", []),
        layer("settings", ["protocol"]),
        layer("config", ["protocol"]),
        layer("graph", GROUND),
        layer("engine", [...GROUND, "graph"]),
        layer("resources", [...GROUND, "graph", "engine"]),
        layer("app-config", GROUND),
        layer("baselines", [...GROUND, "resources"]),
        layer("zero-trust", [...GROUND, "resources", "baselines"]),
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(node_modules|dist)/" },
        tsConfig: { fileName: "tsconfig.json" },
        tsPreCompilationDeps: true,
    },
};

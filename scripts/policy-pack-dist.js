#!/usr/bin/env node
// Completes the installable copy of the Zero Trust policy pack in dist/policy-pack (tsc compiled
// its JavaScript there): the PulumiPolicy.yaml, README.md and a package.json whose `main` is the
// compiled index.js. The package ships that folder, so users run
//   pulumi preview --policy-pack node_modules/pulumi-intune-app-protection/dist/policy-pack
// and the pack resolves @pulumi/policy and @pulumi/pulumi from their project's node_modules.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const source = path.join(root, "policy-pack");
const target = path.join(root, "dist", "policy-pack");
if (!fs.existsSync(path.join(target, "index.js"))) {
    throw new Error(`${target}/index.js not found: tsc -p tsconfig.build.json compiles the pack there first`);
}
const pack = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
const manifest = {
    name: pack.name,
    version: require(path.join(root, "package.json")).version,
    description:
        "Zero Trust policy pack for Intune app protection policies, as installed with pulumi-intune-app-protection.",
    license: pack.license,
    private: true,
    main: "index.js",
};
fs.writeFileSync(path.join(target, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
for (const file of ["PulumiPolicy.yaml", "README.md"])
    fs.copyFileSync(path.join(source, file), path.join(target, file));

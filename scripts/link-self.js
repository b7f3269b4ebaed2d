#!/usr/bin/env node
// Makes this package resolvable by its own name from the repository root
// (node_modules/pulumi-intune-app-protection -> ..), the way `npm link` would.
// The serialized dynamic provider loads its engine with
// require("pulumi-intune-app-protection/..."), resolved from the program directory;
// users get that from their own install, the repository's examples and tests from this link.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const name = require(path.join(root, "package.json")).name;
const link = path.join(root, "node_modules", name);
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
    if (fs.readlinkSync(link) === "..") process.exit(0);
} catch {}
fs.rmSync(link, { recursive: true, force: true });
fs.symlinkSync("..", link, "dir");

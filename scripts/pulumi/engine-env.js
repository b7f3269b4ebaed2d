// Environment for running the Pulumi engine (CLI built/located by ensure-pulumi.sh)
// offline, from Node (plain scripts, Jest tests, examples). Plain CommonJS, no build step.
//
//   const { ensurePulumi, engineEnv, localWorkspaceOptions } = require("<repo>/scripts/pulumi/engine-env");
//   const engineDir = ensurePulumi();                 // ".../pulumi-v3.259.0/bin"
//   const env = engineEnv({ engineDir, pulumiHome }); // extra env vars for the CLI
//
// PULUMI_CONFIG_PASSPHRASE / PULUMI_CONFIG_PASSPHRASE_FILE are deliberately left to callers.
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");

const repoRoot = path.resolve(__dirname, "..", "..");
const ensureScript = path.join(__dirname, "ensure-pulumi.sh");
// node_modules/.bin holds the Node 22 binary from the `node` npm package: the
// dynamic-provider host script (pulumi-resource-pulumi-nodejs) runs `node` from PATH.
const nodeBinDir = path.join(repoRoot, "node_modules", ".bin");

/** Version of the installed @pulumi/pulumi SDK (the CLI is pinned to it). */
function pinnedPulumiVersion() {
    const pkg = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json");
    return JSON.parse(fs.readFileSync(pkg, "utf8")).version;
}

let ensured;
/**
 * Runs ensure-pulumi.sh (instant when cached, a Go build of several minutes when cold)
 * and returns the absolute directory holding `pulumi` and `pulumi-resource-pulumi-nodejs`.
 * Progress is written to this process's stderr. Memoized per process.
 */
function ensurePulumi({ env = process.env } = {}) {
    if (ensured) return ensured;
    const out = childProcess.execFileSync("bash", [ensureScript], {
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1 << 20,
    });
    const lines = out.trim().split("\n");
    const dir = lines[lines.length - 1];
    if (!dir || !path.isAbsolute(dir) || !fs.existsSync(path.join(dir, "pulumi"))) {
        throw new Error(`ensure-pulumi.sh printed no usable directory: ${JSON.stringify(out)}`);
    }
    ensured = dir;
    return dir;
}

/**
 * Env vars that make the engine run offline and find the right binaries.
 *
 * - PULUMI_SKIP_UPDATE_CHECK=true: no background version check against api.pulumi.com.
 * - PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true: never download plugins (GitHub /
 *   get.pulumi.com); a missing plugin fails fast instead of retrying the network.
 * - PULUMI_HOME: isolated dir for plugins, credentials, logs, workspace settings.
 * - PATH: engine dir first (bundled plugin pulumi-resource-pulumi-nodejs), then
 *   node_modules/.bin (so that plugin's `node` is Node 22), then the base PATH.
 * - PULUMI_BACKEND_URL only when `backendUrl` is given (e.g. "file:///tmp/x").
 *
 * PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK is not set: the CLI is built with its version
 * string, so the Automation API's `pulumi version` check passes.
 */
function engineEnv({ engineDir, pulumiHome, backendUrl, basePath = process.env.PATH || "" } = {}) {
    if (!engineDir) engineDir = ensurePulumi();
    if (!pulumiHome) throw new Error("engineEnv: pulumiHome is required (use a temp dir)");
    const env = {
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: pulumiHome,
        PATH: [engineDir, nodeBinDir, basePath].filter(Boolean).join(path.delimiter),
    };
    if (backendUrl) env.PULUMI_BACKEND_URL = backendUrl;
    return env;
}

/**
 * Options for LocalWorkspace.createOrSelectStack({ stackName, projectName, program }, opts)
 * with an inline program, a file:// backend in `stateDir` and this repository as `main`
 * (the dynamic-provider process resolves require()s of serialized providers from `main`;
 * without it the temp workDir is used and module resolution fails).
 * `extraEnv` is merged last (put PULUMI_CONFIG_PASSPHRASE there).
 */
async function localWorkspaceOptions({ projectName, stateDir, pulumiHome, extraEnv = {}, engineDir } = {}) {
    if (!projectName || !stateDir || !pulumiHome) {
        throw new Error("localWorkspaceOptions: projectName, stateDir and pulumiHome are required");
    }
    engineDir = engineDir || ensurePulumi();
    const { PulumiCommand } = require(require.resolve("@pulumi/pulumi/automation", { paths: [repoRoot] }));
    fs.mkdirSync(stateDir, { recursive: true });
    fs.mkdirSync(pulumiHome, { recursive: true });
    const backendUrl = "file://" + path.resolve(stateDir);
    return {
        pulumiCommand: await PulumiCommand.get({ root: path.dirname(engineDir) }),
        pulumiHome,
        envVars: { ...engineEnv({ engineDir, pulumiHome }), ...extraEnv },
        projectSettings: { name: projectName, runtime: "nodejs", main: repoRoot, backend: { url: backendUrl } },
    };
}

module.exports = {
    repoRoot,
    nodeBinDir,
    ensureScript,
    pinnedPulumiVersion,
    ensurePulumi,
    engineEnv,
    localWorkspaceOptions,
};

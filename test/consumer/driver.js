// The stack driver of a consumer project: copied into the fresh project and run there, so that
// everything it loads (@pulumi/pulumi and its Automation API, pulumi-intune-app-protection, the
// program) resolves from that project's node_modules, as in a user's own project.
//
//   node driver.js <preview|up> <spec.json>
//
// Runs the compiled program (index.js) inline through the real engine and prints one JSON line:
// { ok, changes, output } or { ok: false, error }. The environment (PATH with the Pulumi CLI,
// PULUMI_HOME, passphrase, NODE_EXTRA_CA_CERTS) comes from the test.
"use strict";
const fs = require("fs");
const path = require("path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function main(command, specFile) {
    const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
    const projectDir = __dirname;
    const stack = await LocalWorkspace.createOrSelectStack(
        {
            stackName: spec.stack,
            projectName: spec.project,
            program: async () => require(path.join(projectDir, "index.js")),
        },
        {
            workDir: projectDir,
            pulumiCommand: await PulumiCommand.get({ root: path.dirname(spec.engineDir) }),
            projectSettings: {
                name: spec.project,
                runtime: "nodejs",
                main: projectDir,
                backend: { url: `file://${spec.stateDir}` },
            },
        },
    );
    const config = {};
    for (const [key, value] of Object.entries(spec.config)) config[key] = { value };
    for (const [key, value] of Object.entries(spec.secrets)) config[key] = { value, secret: true };
    await stack.setAllConfig(config);
    let output = "";
    const onOutput = (text) => (output += text);
    const options = { onOutput, policyPacks: spec.policyPacks };
    const changes =
        command === "up"
            ? (await stack.up(options)).summary.resourceChanges
            : (await stack.preview(options)).changeSummary;
    return { ok: true, changes, output };
}

main(process.argv[2], process.argv[3]).then(
    (result) => process.stdout.write("\n" + JSON.stringify(result) + "\n"),
    (err) =>
        process.stdout.write(
            "\n" + JSON.stringify({ ok: false, error: String(err && err.message ? err.message : err) }) + "\n",
        ),
);

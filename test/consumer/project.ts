/**
 * A user's own project, made the way a user makes one: a fresh folder outside the repository, the
 * package installed from the tarball `npm pack` makes, next to the `@pulumi/pulumi` the user picks.
 * npm's own cache keeps repeated installs fast.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.join(__dirname, "..", "..");
/** The repository's Node.js 22 (`node` npm package), on PATH for npm, tsc, the driver and the provider host. */
export const NODE_BIN = path.join(REPO_ROOT, "node_modules", ".bin");

export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs a command to its end; never rejects for a non-zero exit. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd,
            env: { ...process.env, PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH}`, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
}

/** Like {@link run}, but throws with the command's own words when it fails. */
export async function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
    const result = await run(command, args, cwd, env);
    if (result.code !== 0)
        throw new Error(
            `${command} ${args.join(" ")} failed (exit ${result.code}):\n${result.stderr}\n${result.stdout}`,
        );
    return result;
}

/** Packs the repository (already built) into `dir`; returns the tarball's path. */
export async function packRepository(dir: string): Promise<string> {
    // --ignore-scripts: the build already ran (npm test's pretest); `prepare` would rebuild it.
    const { stdout } = await mustRun(
        "npm",
        ["pack", "--ignore-scripts", "--json", "--pack-destination", dir],
        REPO_ROOT,
    );
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    return path.join(dir, filename);
}

/** The lowest `@pulumi/pulumi` the package's peer range admits (`>=X.Y.Z <4`). */
export function lowestSupportedSdk(): string {
    const range: string = require(path.join(REPO_ROOT, "package.json")).peerDependencies["@pulumi/pulumi"];
    const lowest = /^>=(\d+\.\d+\.\d+)\b/.exec(range)?.[1];
    if (!lowest) throw new Error(`peer range of @pulumi/pulumi has no lower bound: ${range}`);
    return lowest;
}

/** The version of a package installed in `projectDir`. */
export function installedVersion(projectDir: string, name: string): string {
    return JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules", name, "package.json"), "utf8")).version;
}

export interface ConsumerProject {
    dir: string;
}

/**
 * A new project in `parent` (a temp folder outside the repository): `package.json`, the tsconfig `pulumi new typescript`
 * writes (no `skipLibCheck`: the package's declarations are checked too), `index.ts`, the
 * package and `extra` packages installed with npm.
 */
export async function consumerProject(options: {
    parent: string;
    name: string;
    tarball: string;
    program: string;
    packages: string[];
}): Promise<ConsumerProject> {
    const dir = fs.mkdtempSync(path.join(options.parent, `${options.name}-`));
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: options.name, version: "1.0.0", private: true, main: "index.js" }, null, 2),
    );
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify(
            {
                compilerOptions: {
                    strict: true,
                    target: "es2020",
                    module: "commonjs",
                    moduleResolution: "node",
                    sourceMap: true,
                    experimentalDecorators: true,
                    pretty: false,
                    noFallthroughCasesInSwitch: true,
                    noImplicitReturns: true,
                    forceConsistentCasingInFileNames: true,
                },
                files: ["index.ts"],
            },
            null,
            2,
        ),
    );
    fs.writeFileSync(path.join(dir, "index.ts"), options.program);
    fs.copyFileSync(path.join(__dirname, "driver.js"), path.join(dir, "driver.js"));
    await mustRun(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", options.tarball, ...options.packages],
        dir,
    );
    return { dir };
}

/** The first TypeScript block of the README section `heading`. */
export function readmeExample(heading: string): string {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`README.md has no section "${heading}"`);
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
    if (!block) throw new Error(`README.md has no TypeScript example under "${heading}"`);
    return block[1];
}

// Start-up marks of the benchmark's Node.js processes (`npm run bench -- --trace-startup`).
//
// Loaded with NODE_OPTIONS=--require into every Node.js process of a traced stack: the stack
// process (scripts/stack.ts, which runs the program inline), the dynamic provider host, and the `node -e require.resolve`
// that the host's launcher script runs first. Each process appends one JSON line per mark to
// BENCH_TRACE_DIR/<pid>.jsonl as it happens (the engine kills the provider host at the end, so
// nothing is left for an exit handler): epoch milliseconds and the CPU the process has used so
// far, so time spent waiting for a core shows as wall minus CPU. At its first Graph request the
// provider host also records the CPU of the processes above it (launcher shell, CLI, stack process).
//
// Plain CommonJS: the provider host runs without ts-node, and loading ts-node there would
// distort what is measured.
"use strict";

const dir = process.env.BENCH_TRACE_DIR;
if (dir) {
    const fs = require("fs");
    const path = require("path");
    const Module = require("module");
    const diagnostics = require("diagnostics_channel");
    const { performance } = require("perf_hooks");

    const main = process.argv[1] ?? "";
    const role = main.includes("dynamic-provider")
        ? "provider"
        : main.endsWith("stack.ts")
          ? "program"
          : process.argv.includes("-e") || !main
            ? "launcher"
            : "other";
    const file = path.join(dir, `${process.pid}.jsonl`);
    const write = (line) => fs.appendFileSync(file, JSON.stringify({ role, pid: process.pid, ...line }) + "\n");
    const cpuMs = () => {
        const { user, system } = process.cpuUsage();
        return Math.round((user + system) / 1000);
    };
    const seen = new Set();
    /** Records a mark of this process once. */
    const mark = (name, extra = {}) => {
        if (seen.has(name)) return;
        seen.add(name);
        write({ name, at: Math.round(performance.timeOrigin + performance.now()), cpuMs: cpuMs(), ...extra });
    };
    write({ name: "process start", at: Math.round(performance.timeOrigin), cpuMs: 0 });
    mark("preload");

    /** Modules whose first load is timed: a name and the end of the resolved path. */
    const watched = [
        ["@pulumi/pulumi", /node_modules\/@pulumi\/pulumi\/index\.js$/],
        ["@pulumi/pulumi/automation", /node_modules\/@pulumi\/pulumi\/automation\/index\.js$/],
        ["@pulumi/pulumi/runtime", /node_modules\/@pulumi\/pulumi\/runtime\/index\.js$/],
        ["typescript", /node_modules\/typescript\/lib\/typescript\.js$/],
        ["ts-node", /node_modules\/ts-node\/dist\/index\.js$/],
        ["program", /bench\/program\/index\.ts$/],
        ["package", /dist\/provider\/index\.js$/],
        ["engine runtime", /dist\/provider\/engine\/runtime\.js$/],
        ["zod", /node_modules\/zod\/index\.c?js$/],
        ["@azure/identity", /node_modules\/@azure\/identity\/dist\/commonjs\/index\.js$/],
        ["graph client", /node_modules\/@microsoft\/microsoft-graph-client\/lib\/src\/index\.js$/],
        ["host main", /cmd\/dynamic-provider\/index\.js$/],
    ];
    // Module.prototype.load runs once per module file, the first time it is required.
    const originalLoad = Module.prototype.load;
    Module.prototype.load = function (filename) {
        const hit = watched.find(([, pattern]) => pattern.test(filename));
        if (!hit) return originalLoad.apply(this, arguments);
        mark(`${hit[0]} load start`);
        try {
            return originalLoad.apply(this, arguments);
        } finally {
            mark(`${hit[0]} loaded`);
        }
    };

    /** CPU used so far by the processes above this one (Linux /proc; empty elsewhere). */
    const ancestors = () => {
        const found = [];
        const tick = 1000 / 100; // USER_HZ
        let pid = process.ppid;
        for (let depth = 0; depth < 4 && pid > 1; depth++) {
            try {
                const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
                const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
                found.push({ pid, command, cpuMs: (Number(fields[11]) + Number(fields[12])) * tick });
                pid = Number(fields[1]);
            } catch {
                break;
            }
        }
        return found;
    };

    // @azure/identity sends through node:https, the Graph client through the global fetch (undici).
    const onRequest = (target) => {
        if (/oauth2|openid|discovery/.test(target)) mark("first token request");
        else mark("first Graph request", role === "provider" ? { ancestors: ancestors() } : {});
    };
    diagnostics.subscribe("http.client.request.start", ({ request }) => onRequest(String(request.path ?? "")));
    diagnostics.subscribe("undici:request:create", ({ request }) => onRequest(String(request.path ?? "")));
}

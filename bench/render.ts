/**
 * Re-renders the table and the charts of a results file without running anything:
 *   node -r ts-node/register/transpile-only bench/render.ts bench/results/latest.json
 */
import * as fs from "fs";
import * as path from "path";
import { renderTable, svgFloorChart, svgTimeline } from "./report";
import type { BenchResults } from "./model";

const file = process.argv[2] ?? path.join(__dirname, "results", "latest.json");
const results: BenchResults = JSON.parse(fs.readFileSync(file, "utf8"));
const base = file.replace(/\.json$/, "");
fs.writeFileSync(`${base}.svg`, svgFloorChart(results));
if (results.timeline)
    fs.writeFileSync(path.join(path.dirname(file), `timeline-${path.basename(base)}.svg`), svgTimeline(results));
process.stdout.write(renderTable(results) + "\n");

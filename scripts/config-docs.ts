/**
 * Writes the README's generated tables: the `intune:*` configuration (from the config table) and
 * the Graph endpoints with their permissions (from the permission table).
 * Run: `node -r ts-node/register/transpile-only scripts/config-docs.ts`.
 */
import * as fs from "fs";
import * as path from "path";
import { configMarkdown, replaceBlock } from "../provider/config/markdown";
import { permissionsMarkdown } from "../provider/graph/permissions";

/** The README with both generated blocks brought up to date. */
export function renderReadme(readme: string): string {
    return replaceBlock(
        replaceBlock(readme, "config-table", configMarkdown()),
        "permissions-table",
        permissionsMarkdown(),
    );
}

if (require.main === module) {
    const file = path.join(__dirname, "..", "README.md");
    fs.writeFileSync(file, renderReadme(fs.readFileSync(file, "utf8")));
}

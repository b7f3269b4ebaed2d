/**
 * Microsoft's data protection framework policies, as published (vendored unchanged in
 * `data/data-protection-framework`, MIT-licensed; source and licence in its README).
 */
import * as fs from "fs";
import * as path from "path";

/** The folder of the six JSON files, inside this repository. */
export const FRAMEWORK_DIR = path.join(__dirname, "..", "..", "data", "data-protection-framework");

export interface FrameworkPolicy {
    file: string;
    platform: "ios" | "android";
    level: 1 | 2 | 3;
    json: Record<string, any>;
}

/** The six published policies. */
export function frameworkPolicies(): FrameworkPolicy[] {
    return fs
        .readdirSync(FRAMEWORK_DIR)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => ({
            file,
            platform: file.includes("-iOS") ? "ios" : "android",
            level: Number(/level-(\d)/.exec(file)![1]) as 1 | 2 | 3,
            json: JSON.parse(fs.readFileSync(path.join(FRAMEWORK_DIR, file), "utf8")),
        }));
}

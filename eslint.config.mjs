// ESLint: typescript-eslint's recommended rules over the whole tree (formatting is Prettier's job).
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "dist/**",
            "node_modules/**",
            "bench/results/**",
            ".demo/**",
            "**/*.js",
            "**/*.cjs",
            "**/*.mjs",
            "test/e2e/.tmp-*/**",
        ],
    },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        // The resource classes declare their outputs by merging an interface into the class.
        files: ["provider/resources/policies.ts"],
        rules: { "@typescript-eslint/no-unsafe-declaration-merging": "off" },
    },
);

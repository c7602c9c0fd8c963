// ESLint for Sash: Next.js's own flat config (React, hooks, a11y, import, @next/next rules, typescript-eslint's
// recommended set) plus a few type-aware rules that catch real bugs in async server code. `npm run lint` runs it with
// --max-warnings 0, so a warning fails as surely as an error.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    ".data/**",
    ".data-*/**",
    "coverage/**",
    "test-results/**",
    "bench/.cache/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
  {
    // Type-aware rules, limited to the ones that pay for the type program: promises nobody awaits and async functions
    // passed where a void callback is expected (a rejected promise there is an unhandled rejection, not an error page).
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new URL(".", import.meta.url)) },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      // Unused variables are an error, except the conventional `_`-prefixed ones (a deliberately ignored parameter or
      // the rest-sibling trick to drop a key from an object).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
]);

// ESLint for Sash: Next.js's own flat config (React, hooks, a11y, import, @next/next rules, typescript-eslint's
// recommended set) plus a few type-aware rules that catch real bugs in async server code. `npm run lint` runs it with
// --max-warnings 0, so a warning fails as surely as an error.
import eslintComments from "@eslint-community/eslint-plugin-eslint-comments";
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
    // A finding is fixed, or disabled on its own line for one named rule with the reason after `--`; never for a whole
    // file or block, and a disable that no longer silences anything is itself reported.
    plugins: { "@eslint-community/eslint-comments": eslintComments },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@eslint-community/eslint-comments/require-description": "error",
      "@eslint-community/eslint-comments/no-unlimited-disable": "error",
      "@eslint-community/eslint-comments/no-use": [
        "error",
        { allow: ["eslint-disable-line", "eslint-disable-next-line"] },
      ],
    },
  },
  {
    // One way to open the database (issue #19): the server, `npm start` and the CLI all call openDatabase in
    // server/db.ts (migrate, then seed and back-fill as asked); only that module calls db/client.ts's openDb.
    files: ["app/**", "server/**", "cli/**", "scripts/**", "lib/**", "data/**", "*.ts"],
    ignores: ["server/db.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/client", "**/db/client"],
              importNames: ["openDb"],
              message:
                "Open the database with openDatabase() from server/db.ts (the one way, with or without seeding).",
            },
          ],
        },
      ],
    },
  },
  {
    // One error hierarchy (issue #19 §4): every error Sash raises extends AppError (lib/errors.ts), with a code from
    // the closed list in lib/errors/codes.ts. A new `class X extends Error` is refused here.
    files: ["{app,server,lib,db,cli,scripts,data}/**/*.{ts,tsx,mts,cts,js,mjs}", "*.ts"],
    ignores: ["lib/errors.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ClassDeclaration[superClass.name=/^(Error|TypeError|RangeError)$/], ClassExpression[superClass.name=/^(Error|TypeError|RangeError)$/]",
          message:
            "Errors extend AppError from @/lib/errors, with a code from ERROR_CODES (lib/errors/codes.ts) and an expose flag.",
        },
      ],
    },
  },
  {
    // Every route handler goes through the one wrapper (server/http/route.ts: session, same-origin check for
    // state-changing methods, coded JSON errors), like server actions go through authedAction: a route.ts exports each
    // HTTP method as `export const GET = route({ auth, sameOrigin, where }, handler)`. next-auth's own route is its own.
    files: ["app/**/route.ts", "app/**/route.tsx"],
    ignores: ["app/api/auth/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ExportNamedDeclaration > FunctionDeclaration",
          message:
            "Export route handlers as `export const GET = route({ auth, sameOrigin, where }, handler)` (server/http).",
        },
        {
          selector:
            "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[id.name=/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/]:not([init.type='CallExpression'][init.callee.name='route'])",
          message: "A route handler is `route({ auth, sameOrigin, where }, handler)` from @/server/http.",
        },
        {
          selector: "ExportSpecifier[exported.name=/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/]",
          message: "A route handler is `export const GET = route(…)` from @/server/http, not a re-export.",
        },
      ],
    },
  },
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

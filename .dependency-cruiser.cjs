// Layer rules for Sash (issue #15), checked by `npm run lint` (depcruise). The layers, bottom to top:
//
//   lib/     pure domain (Open Badges, skills, fit, jobs parsing, the fetcher): no database, no framework
//   data/    reference data and the script that builds it (may use lib/)
//   db/      schema, driver-only client, migrations, queries (uses lib/ for TYPES only)
//   server/  server-only services combining db/, lib/ and Next (the only layer that may use next/cache)
//   app/     thin pages, route handlers and server actions that call server/ (and may use pure lib/)
//
// cli/ and scripts/ are entry points beside app/; tests/ and bench/ sit on top and share only tests/support/.
// Each rule's comment says why it exists; `npm run lint -- layers` lists what breaks them.

/** Packages that tie code to a framework, a database driver or React: none of them belongs in lib/. */
const FRAMEWORK_PACKAGES = [
  "next",
  "next-auth",
  "drizzle-orm",
  "drizzle-kit",
  "react",
  "react-dom",
  "server-only",
  "pg",
  "@electric-sql/pglite",
  "@vercel/postgres",
];
const frameworkPath = `^node_modules/(${FRAMEWORK_PACKAGES.map((p) => p.replace(/[./]/g, "\\$&")).join("|")})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules that import each other (directly or through others) cannot be understood, tested or moved on their own, " +
        "and their load order decides what is undefined at startup. Cycles made only of `import type` edges are left " +
        "alone: TypeScript erases them, and a module naming a type of its caller (db/migrate.ts taking client.ts's Db) " +
        "is not a layering problem.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "lib-is-pure",
      severity: "error",
      comment:
        "lib/ is the pure domain: it imports nothing from db/, server/, app/, cli/, scripts/, tests/ or bench/ (not even " +
        "types; reference data from data/ is fine). Move code that needs the database or Next into server/, and queries " +
        "into db/queries.",
      from: { path: "^lib/" },
      to: { path: "^(db|server|app|cli|scripts|tests|bench)/" },
    },
    {
      name: "lib-has-no-framework",
      severity: "error",
      comment:
        "lib/ must run anywhere (CLI, tests, another app): no Next.js, next-auth, React, drizzle or database drivers.",
      from: { path: "^lib/" },
      to: { path: frameworkPath },
    },
    {
      name: "data-is-reference-data",
      severity: "error",
      comment: "data/ holds reference data and its build script; it may use lib/ but nothing above it.",
      from: { path: "^data/" },
      to: { path: "^(db|server|app|cli|scripts|tests|bench)/" },
    },
    {
      name: "sql-only-in-db",
      severity: "error",
      comment:
        "Queries live in db/ (db/queries/*): nothing else imports drizzle-orm or db/schema.ts, so every statement Sash " +
        "runs can be found, reviewed and tested in one place. Services call named query functions. (tests/ and bench/ " +
        "may build fixtures with drizzle directly.)",
      from: { path: "^(app|server|lib|cli|scripts|data)/|^(instrumentation|proxy|middleware)\\.ts$" },
      to: { path: "^(node_modules/drizzle-orm/|db/schema\\.ts$)" },
    },
    {
      name: "db-uses-lib-types-only",
      severity: "error",
      comment:
        "db/ stores and fetches; domain logic lives in lib/ and is combined with queries in server/. " +
        "db/ may import TYPES from lib/ (`import type …`), never values — except lib/errors, the one error " +
        "hierarchy (issue #19 §4), so db's errors (QuotaExceededError, DatabaseUnavailableError, …) are AppErrors.",
      from: { path: "^db/" },
      to: { path: "^lib/", pathNot: "^lib/errors(\\.ts$|/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "db-is-below-services",
      severity: "error",
      comment:
        "db/ is below the services and the app: it imports nothing from server/, app/, cli/, scripts/, tests/ or bench/.",
      from: { path: "^db/" },
      to: { path: "^(server|app|cli|scripts|tests|bench)/" },
    },
    {
      name: "server-is-below-app",
      severity: "error",
      comment: "server/ is called by app/ (and cli/), never the other way round.",
      from: { path: "^server/" },
      to: { path: "^(app|cli|scripts|tests|bench)/" },
    },
    {
      name: "app-goes-through-server",
      severity: "error",
      comment:
        "Pages, routes and actions (and Next's root hooks, instrumentation.ts and proxy.ts) stay thin: they call " +
        "server/ (or pure lib/) and never run queries themselves.",
      from: { path: "^(app/|instrumentation\\.ts$|proxy\\.ts$|middleware\\.ts$)" },
      to: { path: "^(db|cli|scripts|tests|bench)/" },
    },
    {
      name: "app-uses-area-index",
      severity: "error",
      comment:
        "Each server area (a folder under server/) has one app-facing module, server/<area>/index.ts, which only " +
        "re-exports what pages, routes and actions may call; app/ (and Next's root hooks) import server/<area> through " +
        "it, or a single-file area (server/db.ts, server/actions.ts, …) directly. Add a name to the area's index.ts " +
        "rather than reaching into its modules.",
      from: { path: "^(app/|instrumentation\\.ts$|proxy\\.ts$|middleware\\.ts$)" },
      to: { path: "^server/[^/]+/", pathNot: "^server/[^/]+/index\\.ts$" },
    },
    {
      name: "area-index-is-for-app",
      severity: "error",
      comment:
        "server/<area>/index.ts is the app's door to an area: everything else (other server modules, the CLI, " +
        "scripts, tests, benchmarks) imports the named module it needs. That keeps areas free of cycles through their " +
        "indexes, and the CLI and tests free of server-only modules an index re-exports for the app.",
      from: { pathNot: "^(app/|instrumentation\\.ts$|proxy\\.ts$|middleware\\.ts$)" },
      to: { path: "^server/[^/]+/index\\.ts$" },
    },
    {
      name: "only-server-uses-next-cache",
      severity: "error",
      comment: "Caching and revalidation (next/cache) are a service concern: only server/ may import next/cache.",
      from: { pathNot: "^server/" },
      to: { path: "^node_modules/next/cache(\\.js)?$" },
    },
    {
      name: "entry-points-stay-out-of-app",
      severity: "error",
      comment:
        "The CLI and scripts call server/, db/ and lib/ like the app does; they never reach into app/, tests/ or bench/.",
      from: { path: "^(cli|scripts)/" },
      to: { path: "^(app|tests|bench)/" },
    },
    {
      name: "tests-do-not-import-bench",
      severity: "error",
      comment: "Tests and benchmarks share fixtures and builders through tests/support/ only.",
      from: { path: "^tests/" },
      to: { path: "^bench/" },
    },
    {
      name: "bench-imports-only-tests-support",
      severity: "error",
      comment: "Benchmarks may use tests/support/ (shared fixtures and builders) but no test file.",
      from: { path: "^bench/" },
      to: { path: "^tests/", pathNot: "^tests/support/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    exclude: {
      path: [
        "^(\\.next|\\.next-[^/]+|\\.data|\\.data-[^/]+|coverage|test-results|docs|public|bench/\\.cache)/",
        "^db/migrations/",
      ],
    },
    // Keep `import type` edges (TypeScript erases them) so that db-uses-lib-types-only can tell types from values.
    tsPreCompilationDeps: true,
    // Resolve the `@/…` alias exactly as TypeScript and Next do.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    skipAnalysisNotInRules: true,
  },
};

// One configuration (issue #19 §3): every environment variable the code reads is in
// README's Configuration table (or, for tests, benchmarks and CI only, in the table of
// test variables under "Tests"); process.env is read in server/config.ts only, apart
// from the few places listed below with their reason; lib/ never reads it.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { CONFIG_VARIABLES } from "@/server/config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** The app, its entry points and its build: what runs when Sash runs. */
const APP_DIRS = ["app", "server", "lib", "db", "cli", "scripts", "data"];
const APP_FILES = ["instrumentation.ts", "proxy.ts", "middleware.ts", "next.config.ts", "drizzle.config.ts"];
/** Tests, benchmarks and their configs. */
const TEST_DIRS = ["tests", "bench"];
const TEST_FILES = ["vitest.config.ts", "vitest.e2e.config.ts", "vitest.instances.config.ts", "playwright.config.ts"];

/**
 * process.env outside server/config.ts, each with its reason. Reads are by variable;
 * "spread" passes the whole environment on to a child process; "write" sets a variable.
 */
const ALLOWED_OUTSIDE_CONFIG: Record<string, { reads?: string[]; spread?: true; write?: string[]; why: string }> = {
  "instrumentation.ts": {
    reads: ["NEXT_RUNTIME"],
    why: "Next.js replaces process.env.NEXT_RUNTIME with a constant per bundle, which keeps the Node-only imports out of the edge bundle",
  },
  "proxy.ts": {
    reads: ["NODE_ENV"],
    why: "Next.js replaces process.env.NODE_ENV with a constant when it builds the proxy",
  },
  "next.config.ts": {
    reads: ["SASH_DIST_DIR", "SASH_TYPECHECK_DONE"],
    why: "Next.js loads its own config before any app code, in its own loader (no @/ alias)",
  },
  "scripts/start.ts": {
    spread: true,
    write: ["NEXT_TELEMETRY_DISABLED"],
    why: "npm start passes its environment on to `next start` (values are read through server/config.ts)",
  },
  "scripts/share-server.ts": {
    write: ["SASH_SEED"],
    why: "the share server opens the app's database to read it: it never seeds, whatever the app's setting",
  },
  "scripts/build-state.ts": {
    spread: true,
    why: "passes the environment on to `next build`",
  },
};

function filesUnder(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return SOURCE.test(rel) ? [rel] : [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...filesUnder(child));
    else if (SOURCE.test(e.name)) out.push(child);
  }
  return out;
}

/** Source without comments (a rough strip: enough for `process.env` named in prose). */
function code(rel: string): string {
  return fs
    .readFileSync(path.join(ROOT, rel), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

interface EnvUse {
  file: string;
  kind: "read" | "write" | "spread" | "whole";
  name?: string;
}

function envUses(files: string[]): EnvUse[] {
  const uses: EnvUse[] = [];
  for (const file of files) {
    const src = code(file);
    const re =
      /(\.\.\.\s*)?process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\])?(\s*=(?!=))?/g;
    for (const m of src.matchAll(re)) {
      const name = m[2] ?? m[3];
      if (m[1]) uses.push({ file, kind: "spread" });
      else if (name) uses.push({ file, kind: m[4] ? "write" : "read", name });
      else uses.push({ file, kind: "whole" });
    }
  }
  return uses;
}

/** Variable names in the first column of the markdown tables of README's `## heading` section. */
function readmeTable(heading: string): Set<string> {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 4);
  const names = new Set<string>();
  for (const line of readme.slice(start, end < 0 ? undefined : end).split("\n")) {
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const first = line.split("|")[1] ?? "";
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!);
  }
  return names;
}

const appFiles = [...APP_DIRS.flatMap(filesUnder), ...APP_FILES.flatMap(filesUnder)];
const testFiles = [...TEST_DIRS.flatMap(filesUnder), ...TEST_FILES.flatMap(filesUnder)];
const configTable = readmeTable("Configuration");
const testTable = readmeTable("Tests");

describe("README documents every environment variable Sash reads", () => {
  it("finds the sources and both tables", () => {
    expect(appFiles).toContain("server/config.ts");
    expect(appFiles.length).toBeGreaterThan(100);
    expect(configTable.has("NEXTAUTH_URL")).toBe(true);
    expect(testTable.has("TEST_DATABASE_URL")).toBe(true);
  });

  it("every key of the configuration schema (server/config.ts) is in the Configuration table", () => {
    expect(CONFIG_VARIABLES.filter((name) => !configTable.has(name))).toEqual([]);
  });

  it("every variable the app, CLI, scripts and build read from process.env is in the Configuration table", () => {
    const missing = envUses(appFiles)
      .filter((u) => u.kind === "read" && !configTable.has(u.name!))
      .map((u) => `${u.file}: ${u.name}`);
    expect(missing, "document these in README's Configuration table").toEqual([]);
  });

  it("every variable tests and benchmarks read from process.env is in one of the two tables", () => {
    const missing = envUses(testFiles)
      .filter((u) => u.kind === "read" && !configTable.has(u.name!) && !testTable.has(u.name!))
      .map((u) => `${u.file}: ${u.name}`);
    expect(missing, "document these in README's table of test variables (under Tests)").toEqual([]);
  });

  it("the Configuration table lists nothing Sash doesn't read", () => {
    const read = new Set<string>([...CONFIG_VARIABLES, ...envUses(appFiles).flatMap((u) => (u.name ? [u.name] : []))]);
    expect([...configTable].filter((name) => !read.has(name))).toEqual([]);
  });
});

describe("one configuration: process.env is read in server/config.ts only", () => {
  it("nothing else touches process.env, except the listed places for their reason", () => {
    const stray = envUses(appFiles)
      .filter((u) => u.file !== "server/config.ts")
      .filter((u) => {
        const allowed = ALLOWED_OUTSIDE_CONFIG[u.file];
        if (!allowed) return true;
        if (u.kind === "read") return !allowed.reads?.includes(u.name!);
        if (u.kind === "write") return !allowed.write?.includes(u.name!);
        if (u.kind === "spread") return !allowed.spread;
        return true;
      })
      .map((u) => `${u.file}: ${u.kind}${u.name ? ` ${u.name}` : ""}`);
    expect(stray, "read the value through config() from server/config.ts (or take it as a parameter)").toEqual([]);
  });

  it("lib/ never reads process.env (it receives values as parameters)", () => {
    const inLib = filesUnder("lib").filter((f) => /\bprocess\.env\b/.test(code(f)));
    expect(inLib).toEqual([]);
  });
});

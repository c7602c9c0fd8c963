// The checks that keep CI honest: the list of PostgreSQL-capable test files is
// complete, SASH_REQUIRE_FIXTURES turns a missing corpus into a failure, and the
// CI summary fails on a skip that is not on its allow-list.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveFixtures, MissingFixtureError } from "../support/fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

function listTestFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.posix.join(dir, d.name);
    // Browser tests and the two-instance test (tests/instances) have their own CI steps.
    if (d.isDirectory()) return rel === "tests/e2e" || rel === "tests/instances" ? [] : listTestFiles(rel);
    return rel.endsWith(".test.ts") ? [rel] : [];
  });
}

function postgresSuites(): string[] {
  return fs
    .readFileSync(path.join(ROOT, "tests/postgres-suites.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

describe("tests/postgres-suites.txt (the files CI runs again on PostgreSQL)", () => {
  const usesDatabase = (rel: string) =>
    /\bcreateTestDb\(|process\.env\.TEST_DATABASE_URL/.test(fs.readFileSync(path.join(ROOT, rel), "utf8"));

  it("lists every test file that opens a test database or reads TEST_DATABASE_URL", () => {
    const listed = new Set(postgresSuites());
    const missing = listTestFiles("tests").filter((f) => usesDatabase(f) && !listed.has(f));
    expect(missing, "add these to tests/postgres-suites.txt").toEqual([]);
  });

  it("lists only files that exist and use the database, each once, including the concurrent-migration test", () => {
    const listed = postgresSuites();
    expect(new Set(listed).size).toBe(listed.length);
    for (const f of listed) {
      expect(fs.existsSync(path.join(ROOT, f)), `${f} does not exist`).toBe(true);
      expect(usesDatabase(f), `${f} never touches the test database`).toBe(true);
    }
    expect(listed).toContain("tests/db/migrate.test.ts");
  });

  it("is what .ci/run's PostgreSQL step runs", () => {
    const ci = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8");
    expect(ci).toMatch(/tests\/postgres-suites\.txt/);
    expect(ci).toMatch(/export SASH_REQUIRE_FIXTURES=1/);
  });
});

describe("tests/ and bench/ meet only in tests/support/", () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = path.posix.join(dir, d.name);
      if (d.isDirectory()) return sources(rel);
      return /\.(ts|tsx|mts)$/.test(d.name) ? [rel] : [];
    });
  // Module specifiers of static imports, re-exports and dynamic imports.
  const specifiers = (rel: string) =>
    [
      ...fs
        .readFileSync(path.join(ROOT, rel), "utf8")
        .matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm),
    ].map((m) => m[1]);
  const target = (rel: string, spec: string) =>
    spec.startsWith("@/")
      ? spec.slice(2)
      : spec.startsWith(".")
        ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec))
        : null;

  it("no test imports from bench/", () => {
    const bad = sources("tests").flatMap((f) =>
      specifiers(f)
        .filter((s) => target(f, s)?.startsWith("bench/"))
        .map((s) => `${f} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("benches import from tests/ only through tests/support/", () => {
    const bad = sources("bench").flatMap((f) =>
      specifiers(f)
        .filter((s) => {
          const t = target(f, s);
          return t?.startsWith("tests/") && !t.startsWith("tests/support/");
        })
        .map((s) => `${f} → ${s}`),
    );
    expect(bad).toEqual([]);
  });
});

describe("fixtures: skip locally, fail under SASH_REQUIRE_FIXTURES=1", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-fixtures-"));
  fs.writeFileSync(path.join(dir, "expected.json"), "{}");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("every test reaches the real corpus through tests/support/fixtures.ts (so the rule applies to all of them)", () => {
    const direct = listTestFiles("tests")
      .concat(
        fs
          .readdirSync(path.join(ROOT, "tests/e2e"))
          .filter((f) => f.endsWith(".ts"))
          .map((f) => `tests/e2e/${f}`),
      )
      .filter((f) => /["'`][^"'`]*shared\/fixtures/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(direct).toEqual([]);
  });

  it("reports present files as present either way", () => {
    expect(haveFixtures(dir, ["expected.json"], false)).toBe(true);
    expect(haveFixtures(dir, ["expected.json"], true)).toBe(true);
  });

  it("returns false for a missing file or folder when fixtures are optional", () => {
    expect(haveFixtures(dir, ["expected.json", "SOURCES.md"], false)).toBe(false);
    expect(haveFixtures(path.join(dir, "nope"), [], false)).toBe(false);
  });

  it("throws a MissingFixtureError naming exactly what is missing when they are required", () => {
    expect(() => haveFixtures(dir, ["expected.json", "SOURCES.md"], true)).toThrowError(MissingFixtureError);
    try {
      haveFixtures(dir, ["expected.json", "png/a.png"], true);
      expect.unreachable();
    } catch (e) {
      expect((e as MissingFixtureError).missing).toEqual([path.join(dir, "png/a.png")]);
      expect((e as Error).message).toMatch(/SASH_REQUIRE_FIXTURES=1/);
    }
    expect(() => haveFixtures(path.join(dir, "nope"), ["x"], true)).toThrowError(/nope/);
  });
});

describe("scripts/ci-summary.mjs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-summary-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const SCRIPT = path.join(ROOT, "scripts/ci-summary.mjs");
  type Allowed = { report: string; test: string; why: string };
  let allowed: Allowed[] = [];
  beforeAll(async () => {
    // The real list, whatever it holds today (imported as data; the script's CLI part does not run on import).
    allowed = ((await import(pathToFileURL(SCRIPT).href)) as { ALLOWED_SKIPS: Allowed[] }).ALLOWED_SKIPS;
  });

  type Assertion = { status: string; title: string; ancestorTitles?: string[] };
  function report(name: string, files: Array<{ name: string; status?: string; message?: string; tests: Assertion[] }>) {
    const all = files.flatMap((f) => f.tests);
    const r = {
      numPassedTests: all.filter((a) => a.status === "passed").length,
      numFailedTests: all.filter((a) => a.status === "failed").length,
      numPendingTests: all.filter((a) => a.status === "skipped").length,
      testResults: files.map((f) => ({
        name: path.join(ROOT, f.name),
        status: f.status ?? (f.tests.some((a) => a.status === "failed") ? "failed" : "passed"),
        message: f.message ?? "",
        assertionResults: f.tests.map((a) => ({ ...a, fullName: [...(a.ancestorTitles ?? []), a.title].join(" ") })),
      })),
    };
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(r));
    return file;
  }
  async function summary(...files: string[]) {
    try {
      const { stdout } = await run(process.execPath, [SCRIPT, ...files], { cwd: ROOT });
      return { code: 0, out: stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string };
      return { code: err.code, out: err.stdout };
    }
  }
  /** unit.json where exactly the allowed unit.json tests skip, plus `extra`. */
  const unitWith = (...extra: Assertion[]) =>
    report("unit.json", [
      {
        name: "tests/allowed.test.ts",
        tests: allowedIn("unit.json").map((a) => ({ status: "skipped", title: a.test })),
      },
      { name: "tests/x.test.ts", tests: [{ status: "passed", title: "ok" }, ...extra] },
    ]);
  const allowedIn = (name: string) => allowed.filter((a) => a.report === name);

  it("names at least the concurrent-migration test, each entry with a reason", () => {
    expect(allowed.map((a) => a.test)).toContain(
      "migrations three processes' worth of concurrent migrations on one fresh PostgreSQL succeed once",
    );
    for (const a of allowed) expect(a.why.length, a.test).toBeGreaterThan(10);
  });

  it("passes with only the allowed skips and prints the plain totals line last", async () => {
    const n = allowedIn("unit.json").length;
    const r = await summary(unitWith());
    expect(r.code, r.out).toBe(0);
    expect(r.out.trim().split("\n").at(-1)).toBe(`1 passed, 0 failed, ${n} skipped`);
  });

  it("fails on one skip more than the allow-list, naming it", async () => {
    const n = allowedIn("unit.json").length;
    const r = await summary(unitWith({ status: "skipped", title: "real corpus vanished" }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/skipped and not in ALLOWED_SKIPS: real corpus vanished/);
    expect(r.out).toContain(`skipped: ${n + 1} (allowed: ${n})`);
  });

  it("fails when an allowed skip no longer skips (the list must shrink with it)", async () => {
    const [first, ...rest] = allowedIn("unit.json");
    const unit = report("unit.json", [
      {
        name: "tests/allowed.test.ts",
        tests: [{ status: "passed", title: first.test }, ...rest.map((a) => ({ status: "skipped", title: a.test }))],
      },
    ]);
    const r = await summary(unit);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`in ALLOWED_SKIPS but did not skip (remove it): ${first.test}`);
  });

  it("counts a test file that failed to load (no tests at all) as a failure", async () => {
    const broken = report("e2e.json", [
      {
        name: "tests/badges/real-corpus.test.ts",
        status: "failed",
        message: "MissingFixtureError: SASH_REQUIRE_FIXTURES=1 but …",
        tests: [],
      },
    ]);
    const r = await summary(unitWith(), broken);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/tests\/badges\/real-corpus\.test\.ts failed to run: MissingFixtureError/);
    expect(r.out.trim().split("\n").at(-1)).toBe(`1 passed, 1 failed, ${allowedIn("unit.json").length} skipped`);
  });
});

describe("index.ts files only re-export (issue #19)", () => {
  const indexFiles = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = path.posix.join(dir, d.name);
      if (d.isDirectory()) return d.name === "node_modules" ? [] : indexFiles(rel);
      return d.name === "index.ts" || d.name === "index.tsx" ? [rel] : [];
    });

  it("every index.ts under app/, server/, lib/, db/ and cli/ holds nothing but `export … from` statements", async () => {
    const ts = (await import("typescript")).default;
    const files = ["app", "server", "lib", "db", "cli"]
      .filter((d) => fs.existsSync(path.join(ROOT, d)))
      .flatMap(indexFiles);
    expect(files).toContain("server/wallet/index.ts");
    const bad = files.flatMap((rel) => {
      const src = ts.createSourceFile(rel, fs.readFileSync(path.join(ROOT, rel), "utf8"), ts.ScriptTarget.Latest);
      return src.statements
        .filter((s) => !(ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined))
        .map((s) => `${rel}:${src.getLineAndCharacterOfPosition(s.getStart(src)).line + 1} ${ts.SyntaxKind[s.kind]}`);
    });
    expect(bad, "move the code into a named module beside the index.ts and re-export it").toEqual([]);
  });
});

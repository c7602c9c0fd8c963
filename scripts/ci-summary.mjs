// Totals vitest JSON reports into the plain "N passed, N failed" line CI reads,
// and fails CI when a test file failed to load or more tests skipped than the
// allow-list below permits.
//
//   node scripts/ci-summary.mjs unit.json postgres.json e2e.json
//   node scripts/ci-summary.mjs --step=lint:1 --step=unit:0:unit.json --step=e2e:1:e2e.json …
//
// With --step=<name>:<exit code>[:<report>] (what .ci/run passes, one per step, in
// order) a step that failed counts as one failure unless its report already counts
// a failing test: a step that stopped before writing a report (lint, the build, a
// crash), or one whose report is missing or unreadable, is never silent. A report
// given but absent is skipped with a line saying so.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Every test CI may skip, by report file and vitest's full name (describe
// titles and test title joined by spaces). A skip hides a check, so each entry
// says why that test cannot run in that step. Any other skip fails CI; so does
// an entry here that no longer skips (the list must not outlive its reason).
export const ALLOWED_SKIPS = [
  {
    report: "unit.json",
    test: "migrations three processes' worth of concurrent migrations on one fresh PostgreSQL succeed once",
    // Needs TEST_DATABASE_URL: PGlite is a single process and has no advisory
    // locks to race. The same test runs, and must pass, in postgres.json.
    why: "PostgreSQL only; runs in the PostgreSQL step",
  },
  {
    report: "unit.json",
    test: "pg-boss on PostgreSQL: several instances, each pass once two app instances share one queue; a queued pass runs in exactly one of them",
    // pg-boss keeps its queue in PostgreSQL; the embedded database runs the
    // in-process scheduler instead (tested in the same file). Runs in postgres.json.
    why: "PostgreSQL only; runs in the PostgreSQL step",
  },
  {
    report: "unit.json",
    test: "the process's share listener on PostgreSQL keeps the cache off until LISTEN is in place, then drops a link's entries when the commit's NOTIFY arrives",
    // LISTEN/NOTIFY between processes is what this checks; the embedded database
    // has one process (its trigger half runs in the same file). Runs in postgres.json.
    why: "PostgreSQL only; runs in the PostgreSQL step",
  },
  {
    report: "postgres.json",
    test: "the process's share listener on PGlite drops a link's cached entries when any code path changes it (the trigger's NOTIFY, heard in process)",
    // PGlite's in-process listen; on PostgreSQL the LISTEN connection test above runs instead.
    why: "PGlite only; runs in the PGlite step",
  },
  {
    report: "unit.json",
    test: "pg pool errors logs a terminated idle connection and keeps serving",
    // Starts and stops a PostgreSQL cluster of its own: \`npm test\` needs no database
    // server, so it runs in the PostgreSQL step, where the binaries are known to be.
    why: "PostgreSQL only; runs in the PostgreSQL step",
  },
  {
    report: "unit.json",
    test: "pg pool errors a stopped server fails queries with a database-down error, not a crash",
    why: "PostgreSQL only; runs in the PostgreSQL step (same file as above)",
  },
  {
    report: "unit.json",
    test: "Verified fit and a catalogue that changes (issue #14) two database handles on one PostgreSQL (two app instances) see each other's imports in the next search",
    // Two handles on one database need a server: an in-memory PGlite belongs to one
    // handle. The same file's single-handle freshness test runs on both. Runs in postgres.json.
    why: "PostgreSQL only; runs in the PostgreSQL step",
  },
];

const SKIPPED = new Set(["skipped", "pending", "todo", "disabled"]);

/** Totals and problems of parsed vitest JSON reports ({ name, report } pairs). */
export function summarise(reports, allowed = ALLOWED_SKIPS) {
  let passed = 0,
    failed = 0,
    skipped = 0;
  const lines = [];
  const problems = [];
  const skips = [];
  for (const { name, report: r } of reports) {
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    lines.push(`${name}: ${r.numPassedTests ?? 0} passed, ${r.numFailedTests ?? 0} failed`);
    for (const file of r.testResults ?? []) {
      // A file that throws while loading (e.g. SASH_REQUIRE_FIXTURES=1 and a fixture
      // missing) has no tests at all: count it as a failure, not as nothing.
      if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed")) {
        failed++;
        problems.push(
          `${name}: ${path.relative(process.cwd(), file.name)} failed to run: ${String(file.message ?? "").split("\n")[0]}`,
        );
      }
      for (const a of file.assertionResults ?? [])
        if (SKIPPED.has(a.status)) skips.push({ report: name, test: a.fullName });
    }
  }
  skipped = skips.length;
  const key = (s) => `${s.report}\u0000${s.test}`;
  const allowedKeys = new Set(allowed.map(key));
  const seen = new Set(skips.map(key));
  for (const s of skips)
    if (!allowedKeys.has(key(s))) problems.push(`${s.report}: skipped and not in ALLOWED_SKIPS: ${s.test}`);
  for (const a of allowed) {
    if (reports.some((r) => r.name === a.report) && !seen.has(key(a)))
      problems.push(`${a.report}: in ALLOWED_SKIPS but did not skip (remove it): ${a.test}`);
  }
  const allowedCount = allowed.filter((a) => reports.some((r) => r.name === a.report)).length;
  lines.push(`skipped: ${skipped} (allowed: ${allowedCount})`);
  lines.push(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { passed, failed, skipped, lines, problems, ok: failed === 0 && problems.length === 0 };
}

/**
 * Reads what exists of a CI run: `args` are report paths and `--step=name:code[:report]`.
 * Returns the summary of summarise() with failed steps added (their lines before the last).
 */
export function summariseRun(args, readFile = (f) => fs.readFileSync(f, "utf8")) {
  const steps = [];
  const files = [];
  for (const a of args) {
    if (a.startsWith("--step=")) {
      const [name, code, ...rest] = a.slice("--step=".length).split(":");
      steps.push({ name, code: Number(code), report: rest.length ? rest.join(":") : null });
      if (rest.length) files.push(rest.join(":"));
    } else files.push(a);
  }
  const reports = [];
  const unreadable = new Set();
  for (const file of files) {
    try {
      reports.push({ file, name: path.basename(file), report: JSON.parse(readFile(file)) });
    } catch {
      unreadable.add(file);
    }
  }
  const s = summarise(reports);
  const stepLines = [];
  let stepFailures = 0;
  for (const step of steps) {
    if (step.code === 0 && !(step.report && unreadable.has(step.report))) continue;
    const r = step.report ? reports.find((x) => x.file === step.report) : undefined;
    const countedTests = r ? (r.report.numFailedTests ?? 0) + failedToLoad(r.report) : 0;
    if (r && countedTests > 0) continue; // its failing tests are in the count already
    stepFailures++;
    const why = !step.report ? "it writes no report" : !r ? "no readable report" : "its report counts no failing test";
    stepLines.push(`step ${step.name} failed (exit ${step.code}; ${why}): counted as 1 failed`);
  }
  for (const file of unreadable)
    if (!steps.some((st) => st.report === file)) stepLines.push(`no readable report ${path.basename(file)}`);
  const failed = s.failed + stepFailures;
  const lines = [...s.lines.slice(0, -1), ...stepLines, `${s.passed} passed, ${failed} failed, ${s.skipped} skipped`];
  return { ...s, failed, lines, ok: s.ok && stepFailures === 0 && unreadable.size === 0 };
}

function failedToLoad(report) {
  return (report.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const s = summariseRun(process.argv.slice(2));
  for (const p of s.problems) console.log(`CI: ${p}`);
  for (const l of s.lines) console.log(l);
  process.exit(s.ok ? 0 : 1);
}

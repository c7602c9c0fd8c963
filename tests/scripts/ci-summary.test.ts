// .ci/run always ends with the "N passed, N failed" line, also when a step failed:
// scripts/ci-summary.mjs gets every step's exit code and report (--step=name:code[:report])
// and counts a failed step without a failing test in a report as one failure.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/ci-summary.mjs");
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-ci-steps-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A vitest JSON report (no skips, so the allow-list of another report name is not consulted). */
function report(name: string, passed: number, failed: number): string {
  const file = path.join(dir, name);
  const tests = [
    ...Array.from({ length: passed }, (_, i) => ({ status: "passed", title: `p${i}`, fullName: `p${i}` })),
    ...Array.from({ length: failed }, (_, i) => ({ status: "failed", title: `f${i}`, fullName: `f${i}` })),
  ];
  fs.writeFileSync(
    file,
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      testResults: [
        { name: path.join(ROOT, "tests/x.test.ts"), status: failed ? "failed" : "passed", assertionResults: tests },
      ],
    }),
  );
  return file;
}

async function summary(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...args], { cwd: ROOT });
    return { code: 0, lines: stdout.trim().split("\n") };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, lines: err.stdout.trim().split("\n") };
  }
}

describe("ci-summary with --step (what .ci/run passes)", () => {
  it("all steps passed: the totals of the reports, exit 0", async () => {
    const e2e = report("e2e.json", 3, 0);
    const r = await summary("--step=lint:0", `--step=e2e:0:${e2e}`);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toBe("3 passed, 0 failed, 0 skipped");
  });

  it("a step that failed without a report (lint, the build) counts as one failure, named", async () => {
    const e2e = report("e2e.json", 3, 0);
    const r = await summary("--step=lint:1", "--step=build:2", `--step=e2e:0:${e2e}`);
    expect(r.code).toBe(1);
    expect(r.lines).toContain("step lint failed (exit 1; it writes no report): counted as 1 failed");
    expect(r.lines).toContain("step build failed (exit 2; it writes no report): counted as 1 failed");
    expect(r.lines.at(-1)).toBe("3 passed, 2 failed, 0 skipped");
  });

  it("a step whose report counts its failing tests adds nothing more; a missing report is one failure", async () => {
    const e2e = report("e2e.json", 2, 3);
    const r = await summary(`--step=e2e:1:${e2e}`, `--step=instances:1:${path.join(dir, "never-written.json")}`);
    expect(r.code).toBe(1);
    expect(r.lines).toContain("step instances failed (exit 1; no readable report): counted as 1 failed");
    expect(r.lines.at(-1)).toBe("2 passed, 4 failed, 0 skipped");
  });

  it("a step that exited non-zero with an all-green report (e.g. an unhandled error) still fails", async () => {
    const e2e = report("e2e.json", 5, 0);
    const r = await summary(`--step=e2e:1:${e2e}`);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe("5 passed, 1 failed, 0 skipped");
  });

  it("with no report at all (npm ci failed) it still prints the line", async () => {
    const r = await summary("--step=npm-ci:1");
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe("0 passed, 1 failed, 0 skipped");
  });
});

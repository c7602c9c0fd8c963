// `npm start` rebuilds when anything that goes into the build changed since the
// build in the dist folder (scripts/build-state.ts, issue #19 item 7): the inputs
// are derived from the checkout, so server/, data/, proxy.ts and files nobody
// listed count, and only the documented exclusions (tests/, docs/, …) don't.
// Each case is a scratch repository (once as a git checkout, once as a plain
// folder) with a dist folder whose BUILD_ID has a set time; files are dated by
// utimes relative to it, so no case depends on the clock.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildInputs, isBuildInput, needsBuild, repoRoot } from "@/scripts/build-state";

const BUILT = new Date("2026-01-01T12:00:00Z");
const BEFORE = new Date(BUILT.getTime() - 3_600_000);
const AFTER = new Date(BUILT.getTime() + 3_600_000);

const FILES = [
  "app/page.tsx",
  "lib/x.ts",
  "server/wallet/import.ts",
  "data/skills.json",
  "proxy.ts",
  "package.json",
  "tests/wallet/import.test.ts",
  "docs/benchmarks.md",
  "README.md",
  "bench/fit.ts",
];

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

const hasGit = spawnSync("git", ["--version"]).status === 0;

/** A scratch checkout, every file and folder dated before the build in `dist`. */
function scratch(git: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sash-build-state-"));
  roots.push(root);
  for (const f of FILES) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), `// ${f}\n`);
  }
  if (git) {
    fs.writeFileSync(path.join(root, ".gitignore"), "/dist/\nnode_modules/\n");
    const r = spawnSync("git", ["init", "-q", root]);
    expect(r.status).toBe(0);
    expect(spawnSync("git", ["-C", root, "add", "."]).status).toBe(0);
  }
  fs.mkdirSync(path.join(root, "dist"));
  fs.writeFileSync(path.join(root, "dist/BUILD_ID"), "test-build");
  datePast(root);
  fs.utimesSync(path.join(root, "dist/BUILD_ID"), BUILT, BUILT);
  return root;
}

/** Dates every file and folder of the checkout (not .git, not dist) before the build. */
function datePast(root: string, rel = ""): void {
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (e.name === ".git" || e.name === "dist") continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) datePast(root, r);
    fs.utimesSync(path.join(root, r), BEFORE, BEFORE);
  }
}

function touch(root: string, rel: string): void {
  fs.utimesSync(path.join(root, rel), AFTER, AFTER);
}

function create(root: string, rel: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), "new\n");
  fs.utimesSync(path.join(root, rel), AFTER, AFTER);
}

for (const git of [true, false]) {
  describe.runIf(!git || hasGit)(`npm start's build freshness (${git ? "git checkout" : "plain folder"})`, () => {
    it("a build newer than every input is fresh; no BUILD_ID needs a build", () => {
      const root = scratch(git);
      expect(needsBuild("dist", root)).toBe(false);
      expect(needsBuild(path.join(root, "dist"), root)).toBe(false); // an absolute dist folder too
      expect(needsBuild("dist-missing", root)).toBe(true);
    });

    it.each(["server/wallet/import.ts", "data/skills.json", "proxy.ts", "app/page.tsx", "package.json"])(
      "a change to %s after the build needs a build",
      (file) => {
        const root = scratch(git);
        touch(root, file);
        expect(needsBuild("dist", root)).toBe(true);
      },
    );

    it("a new file anywhere outside the exclusions needs a build (new folder or existing one)", () => {
      const a = scratch(git);
      create(a, "server/share/new-route.ts");
      expect(needsBuild("dist", a)).toBe(true);
      const b = scratch(git);
      create(b, "features/new-area/index.ts");
      expect(needsBuild("dist", b)).toBe(true);
    });

    it("a deleted input needs a build (its folder changed)", () => {
      const root = scratch(git);
      fs.rmSync(path.join(root, "server/wallet/import.ts"));
      fs.utimesSync(path.join(root, "server/wallet"), AFTER, AFTER);
      expect(needsBuild("dist", root)).toBe(true);
    });

    it("changes to tests, docs, benchmarks and Markdown, and a new test file, don't", () => {
      const root = scratch(git);
      touch(root, "tests/wallet/import.test.ts");
      touch(root, "docs/benchmarks.md");
      touch(root, "README.md");
      touch(root, "bench/fit.ts");
      create(root, "tests/wallet/another.test.ts");
      fs.utimesSync(path.join(root, "tests/wallet"), AFTER, AFTER);
      expect(needsBuild("dist", root)).toBe(false);
    });

    it("the dist folder's own files and the repository root's time don't count", () => {
      const root = scratch(git);
      create(root, "dist/server/chunk.js");
      fs.utimesSync(root, AFTER, AFTER); // e.g. .next-a copied beside the build
      expect(needsBuild("dist", root)).toBe(false);
    });
  });
}

describe("the build inputs of this repository", () => {
  it("include server/, data/, proxy.ts, app/, lib/, db/ and public/, and leave out tests/, docs/ and bench/", () => {
    const inputs = buildInputs(repoRoot);
    for (const dir of ["server/", "data/", "app/", "lib/", "db/", "public/"])
      expect(
        inputs.some((f) => f.startsWith(dir)),
        dir,
      ).toBe(true);
    for (const f of ["proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "package-lock.json"])
      expect(inputs).toContain(f);
    expect(inputs.filter((f) => /^(tests|docs|bench|\.ci)\//.test(f) || f.endsWith(".md"))).toEqual([]);
  });

  it("isBuildInput: the exclusion list by folder and by name", () => {
    expect(isBuildInput("server/x.ts")).toBe(true);
    expect(isBuildInput("tsconfig.json")).toBe(true);
    expect(isBuildInput("postcss.config.mjs")).toBe(true);
    expect(isBuildInput("tests/x.test.ts")).toBe(false);
    expect(isBuildInput("app/README.md")).toBe(false);
    expect(isBuildInput("vitest.e2e.config.ts")).toBe(false);
    expect(isBuildInput("scripts/start.ts")).toBe(false);
  });
});

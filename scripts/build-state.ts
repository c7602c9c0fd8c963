// Whether the production build in a dist folder is older than the sources, and
// building it. Used by `npm start`, the benchmarks that run `next start` and the
// tests that need a build.
//
// The build's inputs are derived, not hand-listed: every file of the checkout
// (`git ls-files --cached --others --exclude-standard` in a git checkout: tracked
// files and new ones git doesn't ignore; outside git a walk of the repository
// that skips node_modules, dot-folders and what .gitignore lists for build output)
// minus NOT_BUILD_INPUTS below. A file anywhere else — app/, server/, data/,
// proxy.ts, a folder added next year — counts, so a change there rebuilds.
// The folders holding inputs count too (a deleted or renamed file changes its
// folder's time), except the repository root itself, which every build and test
// run touches (.next, test-results).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..");

/**
 * What never goes into `next build`: tests, benchmarks, docs, CI, the npm start /
 * lint / CI helper scripts, the CLI (its own tsx entry point, not imported by the
 * app), and tool configuration the build doesn't read. Folder entries end in "/".
 * Keep it short: anything not listed here rebuilds when it changes.
 */
export const NOT_BUILD_INPUTS: readonly string[] = [
  "tests/",
  "bench/",
  "docs/",
  ".ci/",
  "scripts/",
  "cli/",
  "*.md",
  ".gitignore",
  ".prettierignore",
  ".dependency-cruiser.cjs",
  "eslint.config.mjs",
  "prettier.config.mjs",
  "drizzle.config.ts",
  "vitest.config.ts",
  "vitest.*.config.ts",
];

/** Files and folders a walk outside git skips (what .gitignore keeps out of git: build output, data, caches). */
const WALK_SKIP = new Set(["node_modules", "test-results", "coverage", "next-env.d.ts"]);

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
  return new RegExp(`^${body}$`);
}

const EXCLUDED_DIRS = NOT_BUILD_INPUTS.filter((e) => e.endsWith("/"));
const EXCLUDED_FILES = NOT_BUILD_INPUTS.filter((e) => !e.endsWith("/")).map(globToRegExp);

/** Whether a repository-relative path (forward slashes) is a build input. */
export function isBuildInput(rel: string): boolean {
  if (EXCLUDED_DIRS.some((d) => rel.startsWith(d))) return false;
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  return !EXCLUDED_FILES.some((re) => re.test(base));
}

function gitFiles(root: string): string[] | null {
  if (!fs.existsSync(path.join(root, ".git"))) return null;
  const r = spawnSync("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || r.error) return null;
  return r.stdout.split("\0").filter(Boolean);
}

/** Files and folders under root (repository-relative), skipping dot-entries, WALK_SKIP and `skip`. */
function walk(root: string, skip: (rel: string) => boolean): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const visit = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || WALK_SKIP.has(e.name) || e.name.endsWith(".tsbuildinfo")) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      if (e.isDirectory()) {
        folders.push(r);
        visit(r);
      } else if (e.isFile()) files.push(r);
    }
  };
  visit("");
  return { files, folders };
}

function dister(root: string, distDir: string): (rel: string) => boolean {
  const dist = path.relative(root, path.resolve(root, distDir)).split(path.sep).join("/");
  return (rel) => dist !== "" && !dist.startsWith("..") && (rel === dist || rel.startsWith(`${dist}/`));
}

/**
 * The build inputs under `root` (repository-relative, forward slashes, sorted): `files`,
 * and the `folders` whose listing a new, deleted or renamed input changes (not the root).
 * `distDir` (relative to root or absolute) is left out however it is named.
 */
export function buildInputPaths(root = repoRoot, distDir = ".next"): { files: string[]; folders: string[] } {
  const inDist = dister(root, distDir);
  const keep = (rel: string) => isBuildInput(rel) && !inDist(rel);
  const tracked = gitFiles(root);
  if (tracked === null) {
    const w = walk(root, (rel) => !isBuildInput(`${rel}/`) || inDist(rel));
    return { files: w.files.filter(keep).sort(), folders: w.folders.filter((d) => keep(`${d}/`)).sort() };
  }
  const files = tracked.filter(keep).sort();
  const folders = new Set<string>();
  for (const f of files)
    for (let d = path.posix.dirname(f); d !== "." && !folders.has(d); d = path.posix.dirname(d)) folders.add(d);
  return { files, folders: [...folders].sort() };
}

/** Every build input file under `root` (see buildInputPaths). */
export function buildInputs(root = repoRoot, distDir = ".next"): string[] {
  return buildInputPaths(root, distDir).files;
}

function mtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0; // deleted since git listed it: its folder's time says so
  }
}

/** The newest modification time of any build input or folder holding inputs, and whose it is. */
export function newestInput(root = repoRoot, distDir = ".next"): { path: string; mtimeMs: number } | null {
  const { files, folders } = buildInputPaths(root, distDir);
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const rel of [...files, ...folders]) {
    const m = mtime(path.join(root, rel));
    if (newest === null || m > newest.mtimeMs) newest = { path: rel, mtimeMs: m };
  }
  return newest;
}

/** True when distDir (relative to root, or absolute) has no build, or any build input changed after it was built. */
export function needsBuild(distDir: string, root = repoRoot): boolean {
  const buildId = path.resolve(root, distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newest = newestInput(root, distDir);
  return newest !== null && newest.mtimeMs > built;
}

/** Runs `next build` into distDir; returns whether it succeeded. */
export function runBuild(distDir: string): boolean {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, SASH_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return r.status === 0;
}

// Whether the production build in a dist folder is older than the sources, and
// building it. Used by `npm start` and the benchmarks that run `next start`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..");

const SOURCES = [
  "app",
  "lib",
  "db",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === "node_modules" || e.startsWith(".")) continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** True when distDir has no build, or any source changed after it was built. */
export function needsBuild(distDir: string): boolean {
  const buildId = path.join(repoRoot, distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(repoRoot, s)) > built);
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

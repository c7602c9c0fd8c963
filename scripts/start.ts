// `npm start`: build if needed, migrate + seed the database (one clear line and
// exit 1 if it can't be opened), then serve the production app on PORT (3000).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDb, redactUrl, driverKind, dataDir } from "../db/client";
import { seedIfEmpty } from "../db/seed/index";
import { authSecret } from "../lib/auth/secret";

const root = path.resolve(import.meta.dirname, "..");
process.env.NEXT_TELEMETRY_DISABLED = "1";

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

function needsBuild(): boolean {
  if (process.env.SASH_SKIP_BUILD === "1") return false;
  const buildId = path.join(root, process.env.SASH_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "db", "public", "instrumentation.ts", "next.config.ts", "package.json", "package-lock.json"];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

async function main() {
  if (needsBuild()) {
    console.log("sash: building the app (first start or sources changed)…");
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) {
      console.error("sash: build failed");
      process.exit(1);
    }
  }

  const kind = driverKind();
  const where = kind === "pglite" ? dataDir() : redactUrl(process.env.DATABASE_URL || process.env.POSTGRES_URL || "");
  try {
    const h = await openDb();
    const seeded = await seedIfEmpty(h.db);
    if (seeded) console.log(`sash: demo data loaded (demo learner ${seeded.demoUser}, ${seeded.skills} skills, ${seeded.jobs} jobs)`);
    await h.close();
  } catch (e) {
    console.error(`sash: cannot open the database (${kind}, ${where}): ${(e as Error).message}`);
    process.exit(1);
  }

  const port = process.env.PORT || "3000";
  const env = {
    ...process.env,
    AUTH_SECRET: authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    SASH_SEED: "0", // seeded above
  };
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();

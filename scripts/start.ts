// `npm start`: build if needed, migrate + seed the database (one clear line and
// exit 1 if it can't be opened), then serve the production app on PORT (3000).
import path from "node:path";
import { redactUrl } from "../db/client";
import { config, ConfigError, dataDirOf, driverKindOf, publicOriginOf } from "../server/config";
import { openDatabase } from "../server/db";
import { authSecret } from "../server/auth/secret";
import { needsBuild, repoRoot as root, runBuild } from "./build-state";
import { buildCli, freshBundle } from "./build-cli.mjs";
import { superviseChild } from "./supervise";

process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  let c;
  try {
    c = config();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`sash: ${e.message}`);
    process.exit(1);
  }
  const distDir = c.SASH_DIST_DIR;
  if (!c.SASH_SKIP_BUILD && needsBuild(distDir)) {
    console.log("sash: building the app (first start or sources changed)…");
    if (!runBuild(distDir)) {
      console.error("sash: build failed");
      process.exit(1);
    }
  }

  // The command line's bundle (scripts/build-cli.mjs), so the first `npm run sash` doesn't build it. A failure
  // only warns: the launcher builds it again, or runs the sources through tsx.
  if (!freshBundle()) {
    try {
      await buildCli();
    } catch (e) {
      console.error(`sash: building the command-line bundle failed (npm run sash will retry): ${(e as Error).message}`);
    }
  }

  const kind = driverKindOf(c);
  const where = kind === "pglite" ? dataDirOf(c) : redactUrl(c.DATABASE_URL ?? c.POSTGRES_URL ?? "");
  try {
    const { handle: h, seeded } = await openDatabase({ seed: true });
    if (seeded) {
      const demo =
        seeded.demoUser === "off" ? "no demo learner (SASH_DEMO=1 adds one)" : `demo learner ${seeded.demoUser}`;
      console.log(`sash: reference data loaded (${demo}, ${seeded.skills} skills, ${seeded.jobs} jobs)`);
    }
    await h.close();
  } catch (e) {
    console.error(`sash: cannot open the database (${kind}, ${where}): ${(e as Error).message}`);
    process.exit(1);
  }

  const port = String(c.PORT);
  const env = {
    ...process.env,
    AUTH_SECRET: authSecret(),
    NEXTAUTH_URL: c.NEXTAUTH_URL ?? publicOriginOf(c),
    NEXT_TELEMETRY_DISABLED: "1",
    SASH_SEED: "0", // seeded above
  };
  superviseChild(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
    cwd: root,
    env,
    stdio: "inherit",
  });
}

void main();

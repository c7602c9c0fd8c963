// `npm run start:share`: the public share links (/c/…, /r/…) served by a process of their own, without
// Next.js (server/share/standalone.ts), on SASH_SHARE_PORT. PostgreSQL only: the embedded database belongs
// to the app's process. Run it beside `npm start` (same DATABASE_URL and NEXTAUTH_URL) and send /c/ and
// /r/ to it from the reverse proxy in front of both.
import { ConfigError, driverKindOf, freezeConfig, publicOriginOf } from "../server/config";
import { getDbHandle } from "../server/db";
import { shareCacheReady } from "../server/share/invalidation";
import { createShareServer } from "../server/share/standalone";
import { renderOgImage } from "../server/share/og";
import { redactUrl } from "../db/client";

process.env.SASH_SEED = "0"; // the app's start seeds; this process only reads (read back through config())

async function main() {
  let c;
  try {
    c = freezeConfig(); // this process's environment is fixed: every config() after this reads nothing
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`sash share server: ${e.message}`);
    process.exit(1);
  }
  if (driverKindOf(c) !== "postgres") {
    console.error(
      "sash share server: needs PostgreSQL (set DATABASE_URL): the embedded database is opened by the app's own process only, and on Vercel the app serves its share links itself",
    );
    process.exit(1);
  }
  try {
    await getDbHandle();
  } catch (e) {
    console.error(
      `sash share server: cannot open the database (${redactUrl(c.DATABASE_URL!)}): ${(e as Error).message}`,
    );
    process.exit(1);
  }
  shareCacheReady(); // starts listening for changes to links (nothing is cached until it listens)
  // The card renderer's first use loads its WebAssembly and font (about 0.8 s here): done before the first
  // visitor, not during their request.
  try {
    await renderOgImage({ title: "Sash", learnerName: "", issuerName: null, badge: null });
  } catch (e) {
    console.error(
      `sash share server: the Open Graph renderer did not start (${(e as Error).message}); cards will try again`,
    );
  }
  const server = createShareServer();
  server.on("error", (e) => {
    console.error(`sash share server: ${e.message}`);
    process.exit(1);
  });
  server.listen(c.SASH_SHARE_PORT, () =>
    console.log(`sash share server: share links of ${publicOriginOf(c)} on port ${c.SASH_SHARE_PORT}`),
  );
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();

// vitest.config.ts setupFiles: the whole unit suite runs with the network blocked
// except loopback (tests/support/offline.ts): a test can start HTTP servers and
// reach PostgreSQL on 127.0.0.1, but a connection to any other host, or a DNS
// lookup of any other name, fails with NetworkBlockedError (code network_blocked).
// Installed once per worker process; a file may add the strict block on top.
import { blockNetwork } from "./offline";

const KEY = Symbol.for("sash.tests.offlineSuite");
const g = globalThis as { [KEY]?: boolean };
if (!g[KEY]) {
  g[KEY] = true;
  blockNetwork({ allowLoopback: true });
}

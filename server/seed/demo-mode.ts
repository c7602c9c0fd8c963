// Is demo data on here? One answer for everything demo (issue #24): the demo
// learner and their wallet (server/seed/seed.ts, demo-wallet.ts), the "Sash demo
// issuers" registry and the demo issuers' hosted documents (demo-issuers.ts).
// Small on purpose (config only), so server/net.ts and the registry loader can
// ask it without importing the seed.
import { configFrom, driverKindOf, type Env } from "@/server/config";

/**
 * The demo learner (a published password) belongs only on the embedded database a
 * developer starts on their own machine: on by default there, off by default on
 * DATABASE_URL and on Vercel. SASH_DEMO=1 turns it on anywhere, SASH_DEMO=0 off.
 */
export function demoEnabled(env?: Env): boolean {
  const c = configFrom(env);
  if (c.SASH_DEMO !== undefined) return c.SASH_DEMO;
  // The embedded default: no DATABASE_URL, and not on Vercel.
  return driverKindOf(c) === "pglite" && !c.VERCEL;
}

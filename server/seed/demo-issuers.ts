// The demo issuers (issue #24), only where demo data is on (server/seed/demo-mode.ts):
// - their hosted OB 2.0 documents (issuer profile, public key, badge classes) under
//   https://issuers.sash-demo.example, answered from data/demo/hosted.json instead of
//   the network. `.example` is reserved (RFC 2606), so no real site is shadowed; the
//   demo's OB 2.0 badges and samples/ verify offline.
// The "Sash demo issuers" registry that lists them (server/seed/registries/sash-demo-issuers.json,
// DCC format) is loaded by server/trust/registries.ts (DEMO_REGISTRY_FILES), also only where
// demo data is on, so their credentials read "known issuer · Sash demo issuers".
// The keys that signed all of it are published in data/demo/issuers.keys.json:
// DEMO ONLY. Nothing here is used where demo data is off.
import type { Fetcher, FetchedDocument } from "@/lib/badges/types";
import { DEMO_ORIGIN } from "@/data/demo/demo";
import hosted from "@/data/demo/hosted.json";

const HOSTED: Readonly<Record<string, unknown>> = hosted;

/** Is `url` one of the demo issuers' addresses? */
export function isDemoIssuerUrl(url: string): boolean {
  try {
    return new URL(url).origin === DEMO_ORIGIN;
  } catch {
    return false;
  }
}

/** The demo issuers' documents answered locally (404 for any other demo address); everything else goes to `inner`. */
export function withDemoDocuments(inner: Fetcher): Fetcher {
  return async (url: string): Promise<FetchedDocument> => {
    if (!isDemoIssuerUrl(url)) return inner(url);
    const key = url.split("#")[0]!;
    const doc = HOSTED[key];
    if (doc === undefined) return { url: key, status: 404, contentType: "application/json", text: "{}" };
    return { url: key, status: 200, contentType: "application/ld+json", text: JSON.stringify(doc) };
  };
}

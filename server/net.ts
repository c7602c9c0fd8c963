// The outside world as configured (server/config.ts): the SSRF-safe fetcher with the
// SASH_ALLOW_FETCH_HOSTS exceptions, and the issuer registries SASH_ISSUER_REGISTRIES
// names. lib/ takes both as parameters; server/ and cli/ get them here.
import { createFetcher, type FetcherOptions, type HttpFetcher } from "@/lib/net/fetcher";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import { currentIssuerRegistries } from "@/server/trust/registries";
import { config } from "@/server/config";
import { demoEnabled } from "@/server/seed/demo-mode";
import { withDemoDocuments } from "@/server/seed/demo-issuers";

/**
 * A fresh fetcher (one per import or request) that may also reach the configured allow-listed hosts.
 * Where demo data is on, the demo issuers' hosted documents are answered locally (server/seed/demo-issuers.ts);
 * a POST (OpenID4VCI, issue #22) always goes to the network through the same policy.
 */
export function appFetcher(options: FetcherOptions = {}): HttpFetcher {
  const fetcher = createFetcher({ allowHosts: config().SASH_ALLOW_FETCH_HOSTS, ...options });
  if (!demoEnabled()) return fetcher;
  const demo = withDemoDocuments(fetcher);
  return (url, request) => (request ? fetcher(url, request) : demo(url));
}

/**
 * The known-issuer registries verification uses now (issue #20): in the server, the copies
 * start-up loaded and each refresh replaced; elsewhere local files and bundled snapshots
 * (server/trust/registries.ts).
 */
export async function configuredIssuerRegistries(): Promise<IssuerRegistries> {
  return currentIssuerRegistries();
}

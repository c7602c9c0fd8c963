// Issuer identity tiers (issue #20 item 1). No imports: lib/trust/status.ts (also in client
// components) reads stored reports with these helpers.
function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

// ---- Issuer identity tiers (issue #20 item 1) ------------------------------------
// Once the key or host is bound to the issuer id, HOW is the issuer identified?
//   registry: its id is listed in a configured known-issuer registry; the registry's
//             name for it is the confirmed name, the credential's own name only a claim.
//   domain:   its id is an https URL or a did:web (or the badge is hosted on its website):
//             the website vouches for it, and is named beside the issuer's name.
//   key:      did:key, did:jwk, urn:… — anyone can make one, so the name is the issuer's
//             own claim; never `valid` (the issuer check is `warn`).

export type IssuerTier = "registry" | "domain" | "key";

/** The host of a did:web identifier (did:web:example.org%3A8443:path → example.org:8443), lower case. */
export function didWebHost(id: string | null | undefined): string | null {
  if (!id || !id.startsWith("did:web:")) return null;
  const first = id.split("#")[0]!.slice("did:web:".length).split(":")[0];
  if (!first) return null;
  try {
    return decodeURIComponent(first).toLowerCase();
  } catch {
    return null;
  }
}

/** A host as shown beside a name: without a leading "www." ("www.credly.com" → "credly.com"). */
export function shownDomain(host: string): string {
  return host.replace(/^www\./i, "");
}

/**
 * The website the issuer is bound to, or null when only a key identifies it: the host a
 * hosted badge was confirmed on, else the host of an https issuer id, else a did:web host.
 */
export function issuerDomain(issuerId: string | null, hostedUrl: string | null = null): string | null {
  if (hostedUrl && /^https?:\/\//i.test(hostedUrl)) {
    const h = hostOf(hostedUrl);
    if (h) return shownDomain(h);
  }
  if (issuerId && /^https?:\/\//i.test(issuerId)) {
    const h = hostOf(issuerId);
    if (h) return shownDomain(h);
  }
  const web = didWebHost(issuerId);
  return web ? shownDomain(web) : null;
}

/** The sentence added to a passed issuer check for a key-only issuer (which makes it `warn`). */
export const KEY_ONLY_MESSAGE =
  "Nothing ties this key to a website or a known-issuer registry, so the issuer's name is only its own claim.";

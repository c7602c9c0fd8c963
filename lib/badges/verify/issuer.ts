// Is the named issuer the one behind the verification material? (issue #11)
// - OB 2.0 hosted (§HostedBadge): the assertion and badge class URLs must be on
//   the issuer's origin, or allowed by `verification.allowedOrigins` /
//   `startsWith` of the ISSUER PROFILE, never by the assertion's own claim.
// - OB 2.0 signed: see ob2KeyBinding in jws.ts.
// - Data Integrity: CredentialIssuancePurpose, see data-integrity.ts.
// - VC-JWT / VC-JOSE: `iss` equals the issuer; the key comes from the issuer's
//   own DID or from a key set on the issuer's origin.
import type { JwsOutcome } from "./jws";
import { didJwkDocument, multikeyToJwk } from "./keys";
import { asArray, isObject, str, withoutFragment, type Json, type Outcome } from "./util";

function urlHost(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** An allowedOrigins entry ("example.org", "example.org:8443" or a URL) matches a URL's host. */
function originAllows(entry: string, host: string): boolean {
  const parsed = urlHost(entry.includes("://") ? entry : `https://${entry}`);
  if (!parsed) return false;
  if (parsed === host) return true;
  const hasPort = /:\d+$/.test(entry.replace(/^[a-z]+:\/\//i, "").split("/")[0]!);
  return !hasPort && parsed === host.replace(/:\d+$/, "");
}

export interface HostedIssuer {
  /** The issuer profile as loaded (its `verification` is the only policy Sash honours). */
  profile: Json | null;
  issuerId: string | null;
  /** OB 1.0 badge class `issuer.origin`. */
  ob1Origin: string | null;
}

export function checkHostedOrigin(hostedUrl: string, badgeClassUrl: string | null, issuer: HostedIssuer): Outcome {
  const policy = isObject(issuer.profile?.verification) ? (issuer.profile!.verification as Json) : {};
  const startsWith = asArray(policy.startsWith).filter((s): s is string => typeof s === "string" && s.length > 0);
  const allowedOrigins = asArray(policy.allowedOrigins).filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
  let allowed: string[] = allowedOrigins;
  if (allowed.length === 0) {
    const own =
      issuer.issuerId && /^https?:\/\//i.test(issuer.issuerId)
        ? urlHost(issuer.issuerId)
        : issuer.ob1Origin
          ? urlHost(issuer.ob1Origin.includes("://") ? issuer.ob1Origin : `https://${issuer.ob1Origin}`)
          : null;
    if (!own)
      return {
        status: "warn",
        message: "Sash couldn't load the issuer's profile to confirm the badge is hosted on the issuer's own website.",
      };
    allowed = [own];
  }
  const label = allowed.join(", ");
  for (const [what, url] of [
    ["badge", hostedUrl],
    ["badge's description", badgeClassUrl],
  ] as const) {
    if (!url || !/^https?:\/\//i.test(url)) continue;
    const host = urlHost(url);
    if (!host || !allowed.some((a) => originAllows(a, host))) {
      return {
        status: "fail",
        message: `The ${what} is hosted at ${host ?? url}, which isn't the issuer's website (${label}), so it can't speak for the issuer.`,
      };
    }
  }
  if (startsWith.length && !startsWith.some((p) => hostedUrl.startsWith(p))) {
    return { status: "fail", message: "The badge is hosted at an address its issuer doesn't allow for its badges." };
  }
  return { status: "pass", message: `The badge is hosted on the issuer's own website (${urlHost(hostedUrl)}).` };
}

function sameJwk(a: Json | null | undefined, b: Json | null | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.kty === b.kty &&
    a.crv === b.crv &&
    a.x === b.x &&
    (a.y ?? null) === (b.y ?? null) &&
    (a.n ?? null) === (b.n ?? null) &&
    (a.e ?? null) === (b.e ?? null)
  );
}

/** The public key a did:key / did:jwk issuer identifier stands for, as a JWK. */
function issuerDidJwk(issuerId: string): Json | null {
  if (issuerId.startsWith("did:key:"))
    return (multikeyToJwk(withoutFragment(issuerId).slice("did:key:".length)) as Json | null) ?? null;
  if (issuerId.startsWith("did:jwk:")) {
    const doc = didJwkDocument(withoutFragment(issuerId));
    const method = doc ? (asArray(doc.verificationMethod)[0] as Json) : null;
    return method && isObject(method.publicKeyJwk) ? method.publicKeyJwk : null;
  }
  return null;
}

/** VC-JWT (VC 1.1 §6.3.1) and VC-JOSE: who signed, and is that the issuer? Call only when the signature passed. */
export function checkJwtIssuer(issuerId: string | null, claims: Json | null, sig: JwsOutcome): Outcome {
  if (!issuerId) return { status: "fail", message: "The credential doesn't name its issuer." };
  const iss = str(claims?.iss);
  if (iss && iss !== issuerId)
    return {
      status: "fail",
      message: `The signed credential names ${iss} as its issuer, but the credential says ${issuerId}.`,
    };
  if (!iss && isObject(claims?.vc))
    return {
      status: "warn",
      message:
        "The signed credential doesn't name its issuer in the `iss` claim, so Sash can't tie the key to the issuer.",
    };
  switch (sig.keySource) {
    case "did:key":
    case "did:web":
    case "did:jwk":
      if (sig.keyController === issuerId)
        return {
          status: "pass",
          message: `The credential was signed with a key from its issuer's own identifier (${sig.keySource}).`,
        };
      return {
        status: "fail",
        message: `The credential names ${issuerId} as its issuer, but it was signed with a key belonging to ${sig.keyController}.`,
      };
    case "https": {
      const keyHost = sig.keyUrl ? urlHost(sig.keyUrl) : null;
      const issuerHost = /^https?:\/\//i.test(issuerId) ? urlHost(issuerId) : null;
      if (keyHost && issuerHost && keyHost === issuerHost)
        return {
          status: "pass",
          message: `The credential was signed with a key published on its issuer's website (${issuerHost}).`,
        };
      return {
        status: "fail",
        message: `The signing key is published at ${keyHost ?? "another address"}, not on the issuer's website${issuerHost ? ` (${issuerHost})` : ""}.`,
      };
    }
    case "header-jwk": {
      const own = issuerDidJwk(issuerId);
      if (own && sameJwk(own, sig.jwk as Json | null))
        return {
          status: "pass",
          message: "The credential was signed with the key its issuer's identifier stands for.",
        };
      if (own)
        return {
          status: "fail",
          message: `The credential names ${issuerId} as its issuer, but it was signed with a different key.`,
        };
      return {
        status: "warn",
        message:
          "The signing key is carried inside the credential rather than published by the issuer, so Sash can't confirm who the issuer really is.",
      };
    }
    default:
      return {
        status: "warn",
        message: "Sash couldn't tell where the signing key comes from, so it can't confirm who the issuer really is.",
      };
  }
}

// ---- Issuer identity tiers (issue #20 item 1): see ./identity.ts (pure, also read by lib/trust) ----
export { didWebHost, issuerDomain, KEY_ONLY_MESSAGE, shownDomain, type IssuerTier } from "./identity";

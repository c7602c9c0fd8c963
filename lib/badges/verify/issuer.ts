// Is the named issuer the one behind the verification material?
// OB 2.0 §HostedBadge: the hosted URL must be on an allowed origin
// (`verification.allowedOrigins`, default the issuer id's host) and start with
// `verification.startsWith` when given. OB 3.0: the signing key should be
// published under the issuer's own identifier.
import type { ResolvedKey } from "./keys";
import { asArray, hostOf, sameResource, str, withoutFragment, type Json, type Outcome } from "./util";

export function checkHostedOrigin(hostedUrl: string, verification: Json, issuerId: string | null, issuerOrigin: string | null): Outcome {
  const host = hostOf(hostedUrl);
  const startsWith = asArray(verification.startsWith).filter((s): s is string => typeof s === "string");
  if (startsWith.length && !startsWith.some((p) => hostedUrl.startsWith(p))) {
    return { status: "fail", message: "The badge is hosted at an address its issuer doesn't allow for its badges." };
  }
  let allowed = asArray(verification.allowedOrigins).filter((s): s is string => typeof s === "string").map((s) => hostOf(s.includes("://") ? s : `https://${s}`));
  if (allowed.length === 0) {
    const fallback = issuerId ? hostOf(issuerId) : issuerOrigin ? hostOf(issuerOrigin.includes("://") ? issuerOrigin : `https://${issuerOrigin}`) : null;
    if (!fallback) return { status: "warn", message: "Sash couldn't load the issuer's profile to confirm the badge is hosted on the issuer's own website." };
    allowed = [fallback];
  }
  if (host && allowed.includes(host)) return { status: "pass", message: `The badge is hosted on the issuer's own website (${host}).` };
  return { status: "fail", message: `The badge is hosted at ${host ?? hostedUrl}, which isn't the issuer's website (${allowed.filter(Boolean).join(", ")}).` };
}

export function checkOb2KeyOwner(owner: string | null, issuerId: string | null): Outcome {
  if (!owner || !issuerId) return { status: "warn", message: "Sash couldn't confirm that the signing key belongs to the issuer." };
  if (sameResource(owner, issuerId)) return { status: "pass", message: "The badge was signed with a key that belongs to its issuer." };
  return { status: "fail", message: `The badge claims to be from ${issuerId}, but it was signed with a key belonging to ${owner}.` };
}

function keyBelongsTo(key: ResolvedKey, issuerId: string): boolean {
  const methodId = str(key.method.id) ?? "";
  return key.controller === issuerId || withoutFragment(methodId) === issuerId || sameResource(withoutFragment(key.controller), issuerId);
}

export function checkOb3Signer(
  issuerId: string | null,
  signers: ResolvedKey[],
  jwt: { iss: string | null; keyController: string | null; headerJwk: boolean } | null,
): Outcome {
  if (!issuerId) return { status: "fail", message: "The credential doesn't name its issuer." };
  if (jwt) {
    if (jwt.iss && jwt.iss !== issuerId) return { status: "fail", message: `The signed credential names ${jwt.iss} as its issuer, but the credential says ${issuerId}.` };
    if (jwt.headerJwk) return { status: "warn", message: "The signing key is carried inside the credential rather than published by the issuer, so Sash can't confirm who the issuer really is." };
    if (jwt.keyController && sameResource(withoutFragment(jwt.keyController), issuerId)) return { status: "pass", message: "The credential was signed with a key the issuer publishes." };
    return { status: "warn", message: "The signing key isn't published under the issuer's identifier, so Sash can't confirm who the issuer really is." };
  }
  if (signers.some((k) => keyBelongsTo(k, issuerId))) return { status: "pass", message: "The credential was signed with a key the issuer publishes." };
  const via = signers[0]?.via;
  return {
    status: "warn",
    message: via === "did:key"
      ? "The credential was signed with a standalone key (did:key) rather than one published by the issuer, so Sash can't confirm who the issuer really is."
      : "The signing key isn't published under the issuer's identifier, so Sash can't confirm who the issuer really is.",
  };
}

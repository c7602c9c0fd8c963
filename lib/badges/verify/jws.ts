// Compact JWS signatures: OB 2.0 signed assertions (OB 2.0 §Signed Badges:
// RS256, key from verification.creator → CryptographicKey.publicKeyPem, whose
// owner must be the issuer) and OB 3.0 VC-JWT (OB 3.0 §8.2: ES256, RS256,
// EdDSA; key from the `jwk` header or the `kid`).
import { compactVerify, decodeProtectedHeader, importJWK, importSPKI, errors as joseErrors, type JWK } from "jose";
import { didJwkDocument, methodToJwk, multikeyToJwk, resolveVerificationMethod, short } from "./keys";
import {
  asArray,
  describeFailure,
  idOf,
  isObject,
  sameResource,
  str,
  withoutFragment,
  type Json,
  type Network,
  type Outcome,
} from "./util";

/** Every asymmetric JWS algorithm jose verifies (RFC 7518 §3.1, RFC 8037, RFC 9864). Symmetric ones can't name an issuer. */
const VC_JWT_ALGS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

export interface JwsOutcome extends Outcome {
  /** Who the verifying key belongs to, when known (key owner / DID / JWKS document). */
  keyController: string | null;
  /** Where the key came from, for the issuer check. */
  keySource: "header-jwk" | "did:key" | "did:web" | "did:jwk" | "https" | "ob2-key" | null;
  /** The https URL the key was fetched from (JWKS, JWK or controller document). */
  keyUrl?: string | null;
  /** The public key that verified (for comparing a header `jwk` with the issuer's DID). */
  jwk?: JWK | null;
  /** OB 2.0: is the key bound to the issuer (listed in its profile, owned by it)? */
  binding?: Outcome;
}

function jwsFailure(err: unknown, what: string): JwsOutcome {
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return {
      status: "fail",
      message: `The ${what} signature is not valid: the credential was changed after it was signed, or signed with a different key.`,
      keyController: null,
      keySource: null,
    };
  }
  const msg = err instanceof Error ? err.message : String(err);
  return {
    status: "fail",
    message: `The ${what} signature couldn't be checked because it is malformed (${msg}).`,
    keyController: null,
    keySource: null,
  };
}

// ---- OB 2.0 signed ------------------------------------------------------------

export interface Ob2Context {
  assertion: Json;
  /** Issuer profile, if the unbaker or we could load it. */
  issuer: Json | null;
  issuerId: string | null;
}

export async function verifyOb2Jws(jws: string, ctx: Ob2Context, net: Network): Promise<JwsOutcome> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch (err) {
    return jwsFailure(err, "badge");
  }
  if (header.alg !== "RS256") {
    return {
      status: "fail",
      message: `Signed Open Badges 2.0 must use RS256; this one says ${String(header.alg)}.`,
      keyController: null,
      keySource: null,
    };
  }
  const verification = isObject(ctx.assertion.verification) ? ctx.assertion.verification : {};
  const creators = str(verification.creator)
    ? [verification.creator as string]
    : asArray(ctx.issuer?.publicKey)
        .map(idOf)
        .filter((x): x is string => !!x);
  if (creators.length === 0) {
    return {
      status: "warn",
      message:
        "The badge is signed but doesn't say where the issuer's public key is, so the signature can't be checked.",
      keyController: null,
      keySource: null,
    };
  }
  let lastProblem = "";
  for (const creator of creators) {
    const got = await net.get(creator);
    if (got.kind !== "ok" || !isObject(got.json)) {
      lastProblem = describeFailure(got, "the issuer's public key");
      continue;
    }
    const keyDoc = got.json;
    const pem = str(keyDoc.publicKeyPem);
    if (!pem) {
      lastProblem = "The issuer's key document has no public key in it.";
      continue;
    }
    let key: CryptoKey;
    try {
      key = await importSPKI(pem, "RS256");
    } catch {
      lastProblem = "The issuer's public key can't be read.";
      continue;
    }
    try {
      await compactVerify(jws, key, { algorithms: ["RS256"] });
    } catch (err) {
      return jwsFailure(err, "badge");
    }
    const owner = str(keyDoc.owner);
    const binding = ob2KeyBinding(creator, str(keyDoc.id), owner, ctx);
    if (!owner) {
      return {
        status: "warn",
        message:
          "The signature matches, but the key doesn't say who owns it, so Sash can't confirm it belongs to the issuer.",
        keyController: null,
        keySource: "ob2-key",
        binding,
      };
    }
    if (!ctx.issuerId) {
      return {
        status: "warn",
        message: "The signature matches, but the issuer's profile couldn't be loaded to confirm the key is theirs.",
        keyController: owner,
        keySource: "ob2-key",
        binding,
      };
    }
    if (!sameResource(owner, ctx.issuerId)) {
      return {
        status: "fail",
        message: `The badge was signed with a key that belongs to ${owner}, not to its issuer ${ctx.issuerId}.`,
        keyController: owner,
        keySource: "ob2-key",
        binding,
      };
    }
    return {
      status: "pass",
      message: "The signature is valid: the badge hasn't been changed since it was signed.",
      keyController: owner,
      keySource: "ob2-key",
      binding,
    };
  }
  return {
    status: "warn",
    message: `The signature can't be checked: ${lastProblem}`,
    keyController: null,
    keySource: null,
  };
}

/**
 * OB 2.0 §Signed Badges: "do not trust a key that is not properly linked from the
 * issuer Profile". The key must be listed in the profile's `publicKey` (never just
 * claim the issuer as `owner`) and name that issuer as its owner.
 */
function ob2KeyBinding(creator: string, keyId: string | null, owner: string | null, ctx: Ob2Context): Outcome {
  if (!ctx.issuer) {
    return {
      status: "warn",
      message:
        "Sash couldn't load the issuer's profile, so it can't confirm the signing key is one the issuer publishes.",
    };
  }
  const listed = asArray(ctx.issuer.publicKey)
    .map(idOf)
    .filter((x): x is string => !!x);
  if (!listed.some((k) => sameResource(k, creator) || (keyId !== null && sameResource(k, keyId)))) {
    return {
      status: "fail",
      message: `The issuer's profile doesn't list the key the badge was signed with (${short(creator)}), so that key can't speak for the issuer.`,
    };
  }
  if (!owner || !ctx.issuerId)
    return { status: "warn", message: "Sash couldn't confirm that the signing key belongs to the issuer." };
  if (!sameResource(owner, ctx.issuerId)) {
    return {
      status: "fail",
      message: `The badge claims to be from ${ctx.issuerId}, but it was signed with a key belonging to ${owner}.`,
    };
  }
  return { status: "pass", message: "The badge was signed with a key its issuer's profile lists as its own." };
}

// ---- OB 3.0 VC-JWT ------------------------------------------------------------

type FoundKey = { jwk: JWK; controller: string; source: JwsOutcome["keySource"]; keyUrl: string | null };

async function keyFromKid(kid: string, net: Network): Promise<FoundKey | { status: "warn" | "fail"; message: string }> {
  if (kid.startsWith("did:jwk:")) {
    const doc = didJwkDocument(withoutFragment(kid));
    const method = doc ? (asArray(doc.verificationMethod)[0] as Json) : null;
    if (!doc || !method || !isObject(method.publicKeyJwk))
      return { status: "fail", message: `The signing key ${short(kid)} isn't a well-formed did:jwk.` };
    return { jwk: method.publicKeyJwk as JWK, controller: withoutFragment(kid), source: "did:jwk", keyUrl: null };
  }
  if (kid.startsWith("did:key:")) {
    const mb = withoutFragment(kid).slice("did:key:".length);
    const jwk = multikeyToJwk(mb);
    if (!jwk) return { status: "warn", message: `Sash can't read the key type of ${short(kid)}.` };
    return { jwk: jwk as JWK, controller: withoutFragment(kid), source: "did:key", keyUrl: null };
  }
  if (kid.startsWith("did:web:") || /^https?:\/\//i.test(kid)) {
    const url = kid;
    if (/^https?:\/\//i.test(url)) {
      // An https kid may name a JWKS (RFC 7517 §5), a single JWK, or a controller document.
      const got = await net.get(url);
      if (got.kind !== "ok" || !isObject(got.json))
        return {
          status: "warn",
          message: `The signature can't be checked: ${describeFailure(got, "the issuer's key set")}`,
        };
      const doc = got.json;
      if (Array.isArray(doc.keys)) {
        const frag = kid.includes("#") ? kid.slice(kid.indexOf("#") + 1) : null;
        const keys = doc.keys.filter(isObject);
        const match =
          keys.find((k) => k.kid === kid || (frag !== null && k.kid === frag)) ??
          (keys.length === 1 ? keys[0] : undefined);
        if (!match) return { status: "fail", message: `The issuer's key set doesn't contain the key ${short(kid)}.` };
        const { d: _d, ...pub } = match as JWK;
        return { jwk: pub, controller: withoutFragment(got.url), source: "https", keyUrl: got.url };
      }
      if (typeof doc.kty === "string") {
        const { d: _d, ...pub } = doc as JWK;
        return { jwk: pub, controller: withoutFragment(got.url), source: "https", keyUrl: got.url };
      }
    }
    const resolved = await resolveVerificationMethod(kid, net);
    if (!resolved.ok) return resolved;
    const jwk = methodToJwk(resolved.key.method);
    if (!jwk) return { status: "warn", message: `Sash can't read the format of the key ${short(kid)}.` };
    return {
      jwk: jwk as JWK,
      controller: resolved.key.controller,
      source: resolved.key.via,
      keyUrl: resolved.key.via === "https" ? withoutFragment(kid) : null,
    };
  }
  return { status: "warn", message: `The signing key ${short(kid)} uses a method Sash can't look up.` };
}

export async function verifyVcJwt(jwt: string, net: Network): Promise<JwsOutcome> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch (err) {
    return jwsFailure(err, "credential");
  }
  const alg = String(header.alg);
  if (!VC_JWT_ALGS.includes(alg)) {
    return {
      status: "fail",
      message: `The credential is signed with ${alg}, which isn't a public-key signature algorithm, so it can't show who issued it.`,
      keyController: null,
      keySource: null,
    };
  }
  let jwk: JWK;
  let controller: string | null = null;
  let source: JwsOutcome["keySource"];
  let keyUrl: string | null = null;
  const headerJwk = isObject(header.jwk) ? (header.jwk as JWK) : null;
  if (headerJwk && "d" in headerJwk)
    return {
      status: "fail",
      message: "The credential's header contains a private key; it can't be trusted.",
      keyController: null,
      keySource: null,
    };
  // A key the issuer publishes (kid) comes first; a key the credential carries itself proves integrity only.
  const found = typeof header.kid === "string" && header.kid ? await keyFromKid(header.kid, net) : null;
  if (found && !("status" in found)) {
    ({ jwk, controller, source, keyUrl } = found);
  } else if (found && found.status === "fail") {
    return { ...found, keyController: null, keySource: null };
  } else if (headerJwk) {
    jwk = headerJwk;
    source = "header-jwk";
  } else if (found) {
    return { ...found, keyController: null, keySource: null };
  } else {
    return {
      status: "warn",
      message: "The credential is signed, but it doesn't say which key signed it, so the signature can't be checked.",
      keyController: null,
      keySource: null,
    };
  }
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, alg);
  } catch {
    return {
      status: "fail",
      message: `The signing key doesn't fit the ${alg} algorithm the credential names.`,
      keyController: controller,
      keySource: source,
    };
  }
  try {
    await compactVerify(jwt, key, { algorithms: [alg] });
  } catch (err) {
    return jwsFailure(err, "credential");
  }
  const where =
    source === "header-jwk" ? "a key embedded in the credential itself" : `the key ${short(String(header.kid))}`;
  return {
    status: "pass",
    message: `The signature is valid (checked with ${where}): the credential hasn't been changed since it was signed.`,
    keyController: controller,
    keySource: source,
    keyUrl,
    jwk,
  };
}

/** The JWT claims (iss, nbf, exp, …) of a VC-JWT, without verifying. */
export function jwtClaims(jwt: string): Json | null {
  const part = jwt.split(".")[1];
  if (!part) return null;
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

// Compact JWS signatures: OB 2.0 signed assertions (OB 2.0 §Signed Badges:
// RS256, key from verification.creator → CryptographicKey.publicKeyPem, whose
// owner must be the issuer) and OB 3.0 VC-JWT (OB 3.0 §8.2: ES256, RS256,
// EdDSA; key from the `jwk` header or the `kid`).
import { compactVerify, decodeProtectedHeader, importJWK, importSPKI, errors as joseErrors, type JWK } from "jose";
import { methodToJwk, multikeyToJwk, resolveVerificationMethod, short } from "./keys";
import { asArray, describeFailure, idOf, isObject, sameResource, str, withoutFragment, type Json, type Network, type Outcome } from "./util";

const VC_JWT_ALGS = ["ES256", "RS256", "EdDSA"];

export interface JwsOutcome extends Outcome {
  /** Who the verifying key belongs to, when known (key owner / DID / JWKS document). */
  keyController: string | null;
  /** Where the key came from, for the issuer check. */
  keySource: "header-jwk" | "did:key" | "did:web" | "https" | "ob2-key" | null;
}

function jwsFailure(err: unknown, what: string): JwsOutcome {
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return { status: "fail", message: `The ${what} signature is not valid: the credential was changed after it was signed, or signed with a different key.`, keyController: null, keySource: null };
  }
  const msg = err instanceof Error ? err.message : String(err);
  return { status: "fail", message: `The ${what} signature couldn't be checked because it is malformed (${msg}).`, keyController: null, keySource: null };
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
    return { status: "fail", message: `Signed Open Badges 2.0 must use RS256; this one says ${String(header.alg)}.`, keyController: null, keySource: null };
  }
  const verification = isObject(ctx.assertion.verification) ? ctx.assertion.verification : {};
  const creators = str(verification.creator) ? [verification.creator as string] : asArray(ctx.issuer?.publicKey).map(idOf).filter((x): x is string => !!x);
  if (creators.length === 0) {
    return { status: "warn", message: "The badge is signed but doesn't say where the issuer's public key is, so the signature can't be checked.", keyController: null, keySource: null };
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
    if (!owner) {
      return { status: "warn", message: "The signature matches, but the key doesn't say who owns it, so Sash can't confirm it belongs to the issuer.", keyController: null, keySource: "ob2-key" };
    }
    if (!ctx.issuerId) {
      return { status: "warn", message: "The signature matches, but the issuer's profile couldn't be loaded to confirm the key is theirs.", keyController: owner, keySource: "ob2-key" };
    }
    if (!sameResource(owner, ctx.issuerId)) {
      return { status: "fail", message: `The badge was signed with a key that belongs to ${owner}, not to its issuer ${ctx.issuerId}.`, keyController: owner, keySource: "ob2-key" };
    }
    return { status: "pass", message: "The issuer's signature is valid: the badge hasn't been changed since it was signed.", keyController: owner, keySource: "ob2-key" };
  }
  return { status: "warn", message: `The signature can't be checked: ${lastProblem}`, keyController: null, keySource: null };
}

// ---- OB 3.0 VC-JWT ------------------------------------------------------------

async function keyFromKid(kid: string, net: Network): Promise<{ jwk: JWK; controller: string; source: JwsOutcome["keySource"] } | { status: "warn" | "fail"; message: string }> {
  if (kid.startsWith("did:key:")) {
    const mb = withoutFragment(kid).slice("did:key:".length);
    const jwk = multikeyToJwk(mb);
    if (!jwk) return { status: "warn", message: `Sash can't read the key type of ${short(kid)}.` };
    return { jwk: jwk as JWK, controller: withoutFragment(kid), source: "did:key" };
  }
  if (kid.startsWith("did:web:") || /^https?:\/\//i.test(kid)) {
    const url = kid;
    if (/^https?:\/\//i.test(url)) {
      // An https kid may name a JWKS (RFC 7517 §5), a single JWK, or a controller document.
      const got = await net.get(url);
      if (got.kind !== "ok" || !isObject(got.json)) return { status: "warn", message: `The signature can't be checked: ${describeFailure(got, "the issuer's key set")}` };
      const doc = got.json;
      if (Array.isArray(doc.keys)) {
        const frag = kid.includes("#") ? kid.slice(kid.indexOf("#") + 1) : null;
        const keys = doc.keys.filter(isObject);
        const match = keys.find((k) => k.kid === kid || (frag !== null && k.kid === frag)) ?? (keys.length === 1 ? keys[0] : undefined);
        if (!match) return { status: "fail", message: `The issuer's key set doesn't contain the key ${short(kid)}.` };
        const { d: _d, ...pub } = match as JWK;
        return { jwk: pub, controller: withoutFragment(got.url), source: "https" };
      }
      if (typeof doc.kty === "string") {
        const { d: _d, ...pub } = doc as JWK;
        return { jwk: pub, controller: withoutFragment(got.url), source: "https" };
      }
    }
    const resolved = await resolveVerificationMethod(kid, net);
    if (!resolved.ok) return resolved;
    const jwk = methodToJwk(resolved.key.method);
    if (!jwk) return { status: "warn", message: `Sash can't read the format of the key ${short(kid)}.` };
    return { jwk: jwk as JWK, controller: resolved.key.controller, source: resolved.key.via };
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
    return { status: "fail", message: `The credential is signed with ${alg}; Open Badges 3.0 allows ES256, RS256 or EdDSA.`, keyController: null, keySource: null };
  }
  let jwk: JWK;
  let controller: string | null = null;
  let source: JwsOutcome["keySource"];
  if (isObject(header.jwk)) {
    if ("d" in header.jwk) return { status: "fail", message: "The credential's header contains a private key; it can't be trusted.", keyController: null, keySource: null };
    jwk = header.jwk as JWK;
    source = "header-jwk";
  } else if (typeof header.kid === "string" && header.kid) {
    const found = await keyFromKid(header.kid, net);
    if ("status" in found) return { ...found, keyController: null, keySource: null };
    ({ jwk, controller, source } = found);
  } else {
    return { status: "warn", message: "The credential is signed, but it doesn't say which key signed it, so the signature can't be checked.", keyController: null, keySource: null };
  }
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, alg);
  } catch {
    return { status: "fail", message: `The signing key doesn't fit the ${alg} algorithm the credential names.`, keyController: controller, keySource: source };
  }
  try {
    await compactVerify(jwt, key, { algorithms: [alg] });
  } catch (err) {
    return jwsFailure(err, "credential");
  }
  const where = source === "header-jwk" ? "a key embedded in the credential itself" : `the key ${short(String(header.kid))}`;
  return { status: "pass", message: `The issuer's signature is valid (checked with ${where}): the credential hasn't been changed since it was signed.`, keyController: controller, keySource: source };
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

// Compact JWS signatures: OB 2.0 signed assertions (OB 2.0 §Signed Badges:
// RS256, key from verification.creator → CryptographicKey.publicKeyPem, whose
// owner must be the issuer) and OB 3.0 VC-JWT (OB 3.0 §8.2: ES256, RS256,
// EdDSA; key from the `jwk` header or the `kid`).
import { compactVerify, decodeProtectedHeader, importJWK, importSPKI, errors as joseErrors, type JWK } from "jose";
import { didJwkDocument, didWebUrl, methodToJwk, multikeyToJwk, resolveVerificationMethod, short } from "./keys";
import {
  asArray,
  describeFailure,
  formatDate,
  idOf,
  isObject,
  parseDate,
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

export interface VcJwtContext {
  /** The issuer id the credential inside the token names (`issuer` / `issuer.id`). */
  issuerId?: string | null;
  /** Check an https key against the issuer's published keys (default true; off only for the bench's baseline). */
  binding?: boolean;
}

/**
 * A relative `kid` ("#z6Mk…") names a key of the token's issuer: it is resolved against `iss`
 * (else the credential's issuer id). Null when there is nothing to resolve it against.
 */
export function absoluteKid(kid: string, iss: string | null, issuerId: string | null): string | null {
  if (!kid.startsWith("#")) return kid;
  const base = iss ?? issuerId;
  return base ? withoutFragment(base) + kid : null;
}

export async function verifyVcJwt(jwt: string, net: Network, ctx: VcJwtContext = {}): Promise<JwsOutcome> {
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
  const iss = str(jwtClaims(jwt)?.iss);
  const rawKid = typeof header.kid === "string" && header.kid ? header.kid : null;
  const kid = rawKid ? absoluteKid(rawKid, iss, ctx.issuerId ?? null) : null;
  // A key the issuer publishes (kid) comes first; a key the credential carries itself proves integrity only.
  const found: Awaited<ReturnType<typeof keyFromKid>> | null = kid
    ? await keyFromKid(kid, net)
    : rawKid
      ? {
          status: "warn",
          message: `The signing key is named relative to its issuer (${short(rawKid)}), but the token doesn't name its issuer, so the key can't be found.`,
        }
      : null;
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
  const where = source === "header-jwk" ? "a key embedded in the credential itself" : `the key ${short(String(kid))}`;
  return {
    status: "pass",
    message: `The signature is valid (checked with ${where}): the credential hasn't been changed since it was signed.`,
    keyController: controller,
    keySource: source,
    keyUrl,
    jwk,
    // Issue #20: an https key speaks for the issuer only when the issuer's own document lists it.
    binding:
      source === "https" && kid && ctx.binding !== false
        ? await httpsKeyBinding(kid, jwk, iss, ctx.issuerId ?? null, net)
        : undefined,
  };
}

function sameKey(a: JWK | null | undefined, b: JWK | null | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.kty === b.kty &&
    (a.crv ?? null) === (b.crv ?? null) &&
    (a.x ?? null) === (b.x ?? null) &&
    (a.y ?? null) === (b.y ?? null) &&
    (a.n ?? null) === (b.n ?? null) &&
    (a.e ?? null) === (b.e ?? null)
  );
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * VC-JWT with an https `kid` (issue #20 item 4): the key is the issuer's only when the issuer's
 * own published document (its profile at its https id, or its did:web DID document) lists it
 * among its verification methods — by id, or by the same public key — with the issuer as its
 * controller and, when the document says which keys may issue, among those. Sharing a host
 * with the issuer is not enough (anyone who can put a file on that host could sign).
 */
export async function httpsKeyBinding(
  kid: string,
  jwk: JWK,
  iss: string | null,
  issuerId: string | null,
  net: Network,
): Promise<Outcome> {
  if (!issuerId) return { status: "fail", message: "The credential doesn't name its issuer." };
  if (iss && iss !== issuerId)
    return {
      status: "fail",
      message: `The signed credential names ${iss} as its issuer, but the credential says ${issuerId}.`,
    };
  const docUrl = /^https?:\/\//i.test(issuerId)
    ? issuerId
    : issuerId.startsWith("did:web:")
      ? didWebUrl(issuerId)
      : null;
  if (!docUrl)
    return {
      status: "fail",
      message: `The signing key is published at ${hostOfUrl(kid)}, but the issuer ${short(issuerId)} has no website or did:web document that could list it, so the key can't speak for the issuer.`,
    };
  const got = await net.get(docUrl);
  if ((got.kind !== "ok" || !isObject(got.json)) && hostOfUrl(kid).toLowerCase() !== hostOfUrl(docUrl).toLowerCase())
    return {
      status: "fail",
      message: `The signing key is published at ${hostOfUrl(kid)}, not on the issuer's website (${hostOfUrl(docUrl)}), and the issuer's own document couldn't be loaded to show it lists that key.`,
    };
  if (got.kind !== "ok" || !isObject(got.json))
    return {
      status: "warn",
      message: `Sash couldn't load the issuer's own document to confirm the signing key is one it publishes: ${describeFailure(got, "the issuer's profile")}`,
    };
  const doc = got.json;
  const docId = str(doc.id);
  const authentic = issuerId.startsWith("did:web:")
    ? docId === issuerId
    : sameResource(docId, issuerId) || (!docId && sameResource(withoutFragment(got.url), issuerId));
  if (!authentic)
    return {
      status: "warn",
      message: `The document at the issuer's address claims to be ${short(docId ?? "nothing")}, not ${short(issuerId)}, so Sash can't use it to confirm the signing key.`,
    };
  const base = docId ?? issuerId;
  const abs = (ref: string) => (ref.startsWith("#") ? withoutFragment(base) + ref : ref);
  const methods: Json[] = [];
  for (const field of ["verificationMethod", "assertionMethod", "publicKey"])
    for (const m of asArray(doc[field])) if (isObject(m)) methods.push(m);
  const matches = (m: Json) => {
    const id = str(m.id);
    if (id && abs(id) === kid) return true;
    const own = methodToJwk(m);
    return sameKey(own as JWK | null, jwk);
  };
  const listedById = asArray(doc.verificationMethod)
    .concat(asArray(doc.assertionMethod), asArray(doc.publicKey))
    .some((ref) => typeof ref === "string" && abs(ref) === kid);
  // The issuer's own document may itself be a key set (RFC 7517 §5): its keys are the issuer's.
  if (asArray(doc.keys).some((k) => isObject(k) && sameKey(k as JWK, jwk))) {
    return {
      status: "pass",
      message: `The credential was signed with a key in its issuer's own key set (${hostOfUrl(docUrl)}).`,
    };
  }
  const method = methods.find(matches) ?? null;
  if (!method && !listedById)
    return {
      status: "fail",
      message: `The issuer's ${issuerId.startsWith("did:web:") ? "DID document" : "profile"} doesn't list the key the credential was signed with (${short(kid)}), so that key can't speak for the issuer, even though it is published at ${hostOfUrl(kid)}.`,
    };
  const declared = method ? (idOf(method.controller) ?? null) : null;
  if (declared && !sameResource(abs(declared), issuerId) && abs(declared) !== issuerId)
    return {
      status: "fail",
      message: `The issuer's document lists the signing key, but names another controller for it (${short(declared)}), so it can't speak for ${short(issuerId)}.`,
    };
  if ("assertionMethod" in doc) {
    const methodId = method && str(method.id) ? abs(method.id as string) : kid;
    const allowed = asArray(doc.assertionMethod).some((ref) => {
      if (typeof ref === "string") return abs(ref) === methodId || abs(ref) === kid;
      return isObject(ref) && matches(ref);
    });
    if (!allowed)
      return {
        status: "fail",
        message: `The issuer's document lists the key ${short(kid)}, but not among the keys it uses to issue credentials.`,
      };
  }
  return {
    status: "pass",
    message: `The credential was signed with a key its issuer's own ${issuerId.startsWith("did:web:") ? "DID document" : "profile"} lists (${hostOfUrl(docUrl)}).`,
  };
}

// ---- VC-JWT registered claims against the credential ---------------------------

/** Clocks disagree a little (as in expiry.ts). */
const CLAIM_SKEW_MS = 5 * 60 * 1000;

function epochSeconds(v: unknown): number | null {
  const d = parseDate(v);
  return d ? Math.floor(d.getTime() / 1000) : null;
}

function firstSubject(credential: Json): Json | null {
  const s = asArray(credential.credentialSubject)[0];
  return isObject(s) ? s : null;
}

/**
 * OB 3.0 §8.2 (VC-JWT) / VC-JOSE: the registered claims stand for properties of the credential —
 * `iss` = issuer id, `jti` = id, `sub` = credentialSubject.id, `nbf` = validFrom (issuanceDate),
 * `exp` = validUntil (expirationDate). Once the signature passed, a claim that disagrees with the
 * credential fails the signature check (what was signed contradicts itself) and `exp`/`nbf` that
 * disagree fail the expiry check; `exp`/`nbf` that say the token is expired or not yet valid fail
 * the expiry check in any case. A claim left out where the
 * credential has the property is a `warn` on the signature check: the token is not what OB 3.0
 * requires, so the credential is not verified. Nothing here weakens a failing check.
 */
export function applyJwtClaims(
  claims: Json | null,
  credential: Json,
  now: Date,
  checks: { signature: Outcome; expiry: Outcome },
): { signature: Outcome; expiry: Outcome } {
  if (!claims) return checks;
  const signed = checks.signature.status === "pass";
  const mismatches: string[] = [];
  const missing: string[] = [];
  const issuerId = idOf(credential.issuer);
  const subjectId = str(firstSubject(credential)?.id);
  const pairs: Array<[string, unknown, string | null, string]> = [
    ["iss", claims.iss, issuerId, "issuer"],
    ["jti", claims.jti, str(credential.id), "id"],
    ["sub", claims.sub, subjectId, "credentialSubject.id"],
  ];
  for (const [claim, value, body, prop] of pairs) {
    if (value === undefined || value === null) {
      if (body !== null) missing.push(claim);
    } else if (typeof value !== "string") {
      mismatches.push(`its \`${claim}\` isn't a string`);
    } else if (body !== null && value !== body) {
      mismatches.push(`its \`${claim}\` is ${short(value)} but the credential's ${prop} is ${short(body)}`);
    }
  }
  const expiryProblems: string[] = [];
  const dates: Array<[string, unknown, unknown, string]> = [
    ["exp", claims.exp, credential.validUntil ?? credential.expirationDate, "validUntil"],
    ["nbf", claims.nbf, credential.validFrom ?? credential.issuanceDate, "validFrom"],
  ];
  const nowMs = now.getTime();
  for (const [claim, value, bodyValue, prop] of dates) {
    const body = bodyValue === undefined || bodyValue === null || bodyValue === "" ? null : epochSeconds(bodyValue);
    if (value === undefined || value === null) {
      if (body !== null) missing.push(claim);
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      expiryProblems.push(
        `The signed token's \`${claim}\` isn't a date, so Sash can't tell when the credential is valid.`,
      );
      continue;
    }
    const at = new Date(value * 1000);
    // A disagreement counts only when the token's signer made both statements (the signature passed).
    if (signed && body !== null && Math.floor(value) !== body)
      expiryProblems.push(
        `The signed token's \`${claim}\` (${formatDate(at)}) disagrees with the credential's ${prop} (${formatDate(new Date(body * 1000))}).`,
      );
    if (claim === "exp" && at.getTime() < nowMs - CLAIM_SKEW_MS)
      expiryProblems.unshift(`This credential expired on ${formatDate(at)} (the signed token's \`exp\`).`);
    if (claim === "nbf" && at.getTime() > nowMs + CLAIM_SKEW_MS)
      expiryProblems.unshift(
        `This credential isn't valid yet: the signed token only takes effect on ${formatDate(at)} (its \`nbf\`).`,
      );
  }
  let { signature, expiry } = checks;
  if (expiryProblems.length && expiry.status !== "fail") expiry = { status: "fail", message: expiryProblems.join(" ") };
  if (signature.status === "pass") {
    if (mismatches.length)
      signature = {
        status: "fail",
        message: `The signed token contradicts the credential inside it: ${mismatches.join("; ")}.`,
      };
    else if (missing.length)
      signature = {
        status: "warn",
        message: `${signature.message} But the token leaves out the registered claim${missing.length > 1 ? "s" : ""} ${missing.map((c) => `\`${c}\``).join(", ")} that Open Badges 3.0 requires to match the credential, so Sash can't confirm the token and the credential say the same thing.`,
      };
  }
  return { signature, expiry };
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

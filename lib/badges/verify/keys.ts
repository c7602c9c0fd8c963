// Finding the public key a proof or JWT names: did:key (offline), did:web and
// https documents (through the injected fetcher). A key is never "derived"
// from the fragment of an unresolvable URL (that is the did:web trap in the
// DCC fixtures: the fragment is attacker-chosen).
import { createPublicKey, ECDH, type JsonWebKey } from "node:crypto";
import { driver as didKeyDriver } from "@digitalbazaar/did-method-key";
import { BoundedCache, deepFreeze } from "./process-cache";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import * as EcdsaMultikey from "@digitalbazaar/ecdsa-multikey";
import {
  asArray,
  base58btcDecode,
  base64url,
  describeFailure,
  idOf,
  isObject,
  sameResource,
  str,
  withoutFragment,
  type Json,
  type Network,
} from "./util";

export interface ResolvedKey {
  /** The verification method document (Multikey, Ed25519VerificationKey2020, JsonWebKey…). */
  method: Json;
  /** Who published the key: the DID, or the id of the https document. */
  controller: string;
  via: "did:key" | "did:web" | "did:jwk" | "https";
  /**
   * The controller's own document (DID document or https controller document), as
   * fetched for this verification: what CredentialIssuancePurpose checks the
   * `assertionMethod` relationship against.
   */
  controllerDocument: Json | null;
}

export type KeyResolution =
  | { ok: true; key: ResolvedKey }
  /** `warn`: couldn't get the key (offline, unreachable); `fail`: the key exists but may not sign this. */
  | { ok: false; status: "warn" | "fail"; message: string };

const didKey = didKeyDriver();
/** did:key documents (derived from the DID alone), once per process (issue #23 §4). */
const didKeyDocuments = new BoundedCache<Json>(256);
didKey.use({
  multibaseMultikeyHeader: "z6Mk",
  fromMultibase: Ed25519Multikey.from as (o: { publicKeyMultibase: string }) => Promise<unknown>,
});
// P-256 (multicodec 0x1200) and P-384 (0x1201) compressed keys: every such key starts `zDna` / `z82L`.
for (const header of ["zDna", "z82L"]) {
  didKey.use({
    multibaseMultikeyHeader: header,
    fromMultibase: EcdsaMultikey.from as (o: { publicKeyMultibase: string }) => Promise<unknown>,
  });
}

/**
 * A did:key's DID document, or for a DID URL with a fragment its verification method
 * (Ed25519, P-256, P-384); computed offline. Throws for any other key.
 */
export async function didKeyDocument(url: string): Promise<Json> {
  return (await didKey.get({ url })) as Json;
}

/** did:web method spec §3.2.2: did:web:host%3Aport:path → https://host:port/path/did.json. */
export function didWebUrl(did: string): string | null {
  const parts = did.split(":");
  if (parts.length < 3 || parts[0] !== "did" || parts[1] !== "web") return null;
  const [host, ...path] = parts.slice(2).map((p) => decodeURIComponent(p));
  if (!host || /[/?#@]/.test(host)) return null;
  return path.length ? `https://${host}/${path.join("/")}/did.json` : `https://${host}/.well-known/did.json`;
}

function absolute(ref: string, base: string): string {
  return ref.startsWith("#") ? base + ref : ref;
}

/** Looks a method up in a DID document / controller document, and checks it may be used for `purpose`. */
function findMethod(doc: Json, methodId: string, purpose: string | null): { method: Json | null; authorised: boolean } {
  const base = str(doc.id) ?? withoutFragment(methodId);
  const candidates: Json[] = [];
  for (const field of ["verificationMethod", "assertionMethod", "publicKey", "authentication"]) {
    for (const m of asArray(doc[field])) if (isObject(m)) candidates.push(m);
  }
  let method = candidates.find((m) => str(m.id) && absolute(m.id as string, base) === methodId) ?? null;
  // The document may itself be the key (an https URL that serves one Multikey).
  if (!method && str(doc.id) === methodId && (doc.publicKeyMultibase || doc.publicKeyJwk)) method = doc;
  if (!method) return { method: null, authorised: false };
  if (!purpose || !(purpose in doc))
    return { method: { ...method, id: methodId }, authorised: purpose === null || !("assertionMethod" in doc) };
  const authorised = asArray(doc[purpose]).some((ref) => {
    const id = idOf(ref);
    return id !== null && absolute(id, base) === methodId;
  });
  return { method: { ...method, id: methodId }, authorised };
}

export async function resolveVerificationMethod(
  methodId: string,
  net: Network,
  purpose = "assertionMethod",
): Promise<KeyResolution> {
  if (methodId.startsWith("did:key:")) {
    try {
      const did = withoutFragment(methodId);
      const doc = await didKeyDocuments.get(did, async () => deepFreeze((await didKey.get({ did })) as Json));
      // A bare did:key names its one key.
      const id = methodId.includes("#") ? methodId : (idOf(asArray(doc.assertionMethod)[0]) ?? methodId);
      const found = findMethod(doc, id, purpose);
      if (!found.method)
        return { ok: false, status: "fail", message: `The key ${methodId} isn't part of its own did:key document.` };
      return { ok: true, key: { method: found.method, controller: did, via: "did:key", controllerDocument: doc } };
    } catch {
      return {
        ok: false,
        status: "warn",
        message: `Sash can't read the key ${short(methodId)}: Sash reads did:key keys on Ed25519, P-256 and P-384 only.`,
      };
    }
  }
  if (methodId.startsWith("did:web:")) {
    const did = withoutFragment(methodId);
    const url = didWebUrl(did);
    if (!url)
      return { ok: false, status: "warn", message: `The issuer's identifier ${did} isn't a well-formed did:web.` };
    const got = await net.get(url);
    if (got.kind !== "ok" || !isObject(got.json)) {
      return {
        ok: false,
        status: "warn",
        message: `The signature can't be checked: ${describeFailure(got, `the issuer's key document (${did})`)}`,
      };
    }
    // did:web §3.2.2 / DID Resolution: a document whose id isn't the DID is a resolution error
    // (the DID can't be resolved), not proof that the signature is wrong (issue #20).
    if (got.json.id !== did)
      return {
        ok: false,
        status: "warn",
        message: `Sash couldn't resolve the issuer's identifier ${did}: the document at ${url} is for ${short(String(got.json.id ?? "no identifier"))}, not for ${did}, so the signature can't be checked.`,
      };
    const resolved = fromDocument(got.json, methodId, purpose, did, "did:web", got.json);
    // W3C CID 1.0 §3.3: a method's controller must be the document that lists it; anything else is an error.
    if (resolved.ok && resolved.key.controller !== did) {
      return {
        ok: false,
        status: "fail",
        message: `The key ${short(methodId)} in ${did}'s DID document names another controller (${short(resolved.key.controller)}), so it can't speak for ${did}.`,
      };
    }
    return resolved;
  }
  if (methodId.startsWith("did:jwk:")) {
    const doc = didJwkDocument(withoutFragment(methodId));
    if (!doc) return { ok: false, status: "fail", message: `The key ${short(methodId)} isn't a well-formed did:jwk.` };
    return fromDocument(
      doc,
      methodId.includes("#") ? methodId : `${methodId}#0`,
      purpose,
      str(doc.id)!,
      "did:jwk",
      doc,
    );
  }
  if (/^https:\/\//i.test(methodId) || /^http:\/\//i.test(methodId)) {
    const got = await net.get(methodId);
    if (got.kind !== "ok" || !isObject(got.json)) {
      return {
        ok: false,
        status: "warn",
        message: `The signature can't be checked: ${describeFailure(got, `the issuer's key at ${hostLabel(methodId)}`)}`,
      };
    }
    // A document speaks only for the address it was fetched from: one at the attacker's URL
    // that declares the university's id must not become the university's controller document.
    const requested = withoutFragment(methodId);
    const declared = str(got.json.id);
    if (declared && !sameResource(declared, requested) && !sameResource(declared, withoutFragment(got.url))) {
      return {
        ok: false,
        status: "fail",
        message: `The key document at ${hostLabel(methodId)} claims to be ${short(declared)}, which isn't the address it was fetched from.`,
      };
    }
    const docId = declared ?? requested;
    const resolved = fromDocument(got.json, methodId, purpose, docId, "https", null);
    if (!resolved.ok) return resolved;
    // The controller document is the one fetched, unless the method names another one.
    const controller = resolved.key.controller;
    if (controller === docId || controller === requested)
      return { ok: true, key: { ...resolved.key, controllerDocument: got.json } };
    if (!/^https:\/\//i.test(controller)) return resolved;
    const other = await net.get(controller);
    const authentic =
      other.kind === "ok" &&
      isObject(other.json) &&
      (sameResource(str(other.json.id), controller) || sameResource(str(other.json.id), withoutFragment(other.url)));
    return { ok: true, key: { ...resolved.key, controllerDocument: authentic ? (other.json as Json) : null } };
  }
  const scheme = methodId.split(":").slice(0, 2).join(":");
  return {
    ok: false,
    status: "warn",
    message: `The signing key uses ${scheme || "an unknown method"}, which Sash can't look up.`,
  };
}

function fromDocument(
  doc: Json,
  methodId: string,
  purpose: string,
  docId: string,
  via: ResolvedKey["via"],
  controllerDocument: Json | null,
): KeyResolution {
  const found = findMethod(doc, methodId, purpose);
  if (!found.method)
    return {
      ok: false,
      status: "fail",
      message: `The issuer's key document doesn't contain the key ${short(methodId)} the credential says it was signed with.`,
    };
  if (!found.authorised)
    return {
      ok: false,
      status: "fail",
      message: `The key ${short(methodId)} isn't one the issuer allows for issuing credentials.`,
    };
  const controller = str(found.method.controller) ?? idOf(found.method.controller) ?? docId;
  return { ok: true, key: { method: { ...found.method, controller }, controller, via, controllerDocument } };
}

/** did:jwk (did-jwk spec §2.3): the DID is the base64url JSON of one public JWK; its one method is `#0`. */
export function didJwkDocument(did: string): Json | null {
  if (!did.startsWith("did:jwk:")) return null;
  let jwk: unknown;
  try {
    jwk = JSON.parse(Buffer.from(did.slice("did:jwk:".length), "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isObject(jwk) || typeof jwk.kty !== "string" || "d" in jwk) return null;
  const id = `${did}#0`;
  const method = { id, type: "JsonWebKey2020", controller: did, publicKeyJwk: jwk };
  return {
    "@context": ["https://www.w3.org/ns/did/v1"],
    id: did,
    verificationMethod: [method],
    assertionMethod: [id],
    authentication: [id],
    capabilityInvocation: [id],
    capabilityDelegation: [id],
  };
}

function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function short(id: string): string {
  return id.length > 72 ? `${id.slice(0, 60)}…` : id;
}

// ---- JWK conversion for VC-JWT ------------------------------------------------

/** A multibase public key (Ed25519 `z6Mk…`, P-256 `zDn…`, P-384 `z82…`) as a JWK. */
export function multikeyToJwk(multibase: string): JsonWebKey | null {
  if (!multibase.startsWith("z")) return null;
  let bytes: Uint8Array;
  try {
    bytes = base58btcDecode(multibase.slice(1));
  } catch {
    return null;
  }
  if (bytes[0] === 0xed && bytes[1] === 0x01 && bytes.length === 34) {
    return { kty: "OKP", crv: "Ed25519", x: base64url(bytes.slice(2)) };
  }
  if (bytes[0] === 0x80 && bytes[1] === 0x24 && bytes.length === 35)
    return ecJwk(bytes.slice(2), "prime256v1", "P-256", 32);
  if (bytes[0] === 0x81 && bytes[1] === 0x24 && bytes.length === 51)
    return ecJwk(bytes.slice(2), "secp384r1", "P-384", 48);
  return null;
}

/** The JWK of a verification method, whatever form it is published in. */
export function methodToJwk(method: Json): JsonWebKey | null {
  if (isObject(method.publicKeyJwk)) {
    const { d: _private, ...pub } = method.publicKeyJwk as JsonWebKey & { d?: string };
    return pub;
  }
  const mb = str(method.publicKeyMultibase);
  if (mb) return multikeyToJwk(mb);
  const pem = str(method.publicKeyPem);
  if (pem) {
    try {
      return createPublicKey(pem).export({ format: "jwk" });
    } catch {
      return null;
    }
  }
  return null;
}

/** A compressed EC point (multikey) as a public JWK with both coordinates. */
function ecJwk(compressed: Uint8Array, opensslCurve: string, crv: string, size: number): JsonWebKey {
  const point = ECDH.convertKey(Buffer.from(compressed), opensslCurve, undefined, undefined, "uncompressed") as Buffer;
  return {
    kty: "EC",
    crv,
    x: base64url(point.subarray(1, 1 + size)),
    y: base64url(point.subarray(1 + size, 1 + 2 * size)),
  };
}

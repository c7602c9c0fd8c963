// OB 3.0 §8.3 embedded proofs: DataIntegrityProof with the eddsa-rdfc-2022
// cryptosuite (W3C VC-DI-EdDSA §3.3; legacy name `eddsa-2022`), ecdsa-rdfc-2019
// (VC-DI-ECDSA §3.2, P-256 and P-384) and ecdsa-sd-2023 derived proofs
// (VC-DI-ECDSA §3.3), and Ed25519Signature2020. Canonicalisation (RDFC-1.0) runs
// on bundled contexts only (document-loader.ts).
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { cryptosuite as ecdsaRdfc2019 } from "@digitalbazaar/ecdsa-rdfc-2019-cryptosuite";
import {
  createDiscloseCryptosuite,
  createVerifyCryptosuite as ecdsaSd2023,
} from "@digitalbazaar/ecdsa-sd-2023-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { CredentialIssuancePurpose, derive } from "@digitalbazaar/vc";
import { staticDocumentLoader, UnknownContextError } from "./document-loader";
import { resolveVerificationMethod, short, type ResolvedKey } from "./keys";
import { asArray, isObject, str, type Json, type Network, type Outcome } from "./util";

const DI_V1 = "https://w3id.org/security/data-integrity/v1";

export interface ProofResult {
  type: string;
  status: "pass" | "fail" | "warn" | "unsupported";
  message: string;
  key?: ResolvedKey;
  /** For a verified proof: does its key speak for the credential's issuer (CredentialIssuancePurpose)? */
  binding?: Outcome;
}

export interface EmbeddedProofOutcome extends Outcome {
  /** Keys of the proofs that verified. */
  signers: ResolvedKey[];
  proofs: ProofResult[];
  /**
   * The issuer check (issue #11): pass when a verified proof's key is controlled by
   * the issuer and listed for issuing; fail when proven otherwise; warn when unknown.
   */
  issuer: Outcome;
}

export interface EmbeddedProofOptions {
  /**
   * Check the issuer binding with CredentialIssuancePurpose (default true). Off for
   * status lists, which another party may sign, and for the benchmark's baseline.
   */
  issuerPurpose?: boolean;
}

function suiteFor(proof: Json, document: Json): DataIntegrityProof | Ed25519Signature2020 | null {
  if (proof.type === "Ed25519Signature2020") return new Ed25519Signature2020();
  if (proof.type !== "DataIntegrityProof") return null;
  const name = proof.cryptosuite;
  const cryptosuite =
    name === "eddsa-rdfc-2022" || name === "eddsa-2022"
      ? { ...eddsaRdfc2022, name }
      : name === "ecdsa-rdfc-2019"
        ? ecdsaRdfc2019
        : name === "ecdsa-sd-2023"
          ? ecdsaSd2023()
          : null;
  if (!cryptosuite) return null;
  const contexts = asArray(document["@context"]);
  // The 2022 drafts used data-integrity/v1; adding v2 beside it would redefine protected terms.
  const legacyContext = contexts.includes(DI_V1);
  return new DataIntegrityProof({ cryptosuite, legacyContext });
}

/**
 * ecdsa-sd-2023 (VC-DI-ECDSA §3.3.2): a base proof's value starts with the CBOR tag
 * 0xd9 0x5d 0x00 (multibase `u2V0A`), a derived (disclosure) proof's with 0xd9 0x5d 0x01.
 */
function isSdBaseProof(proof: Json): boolean {
  return (
    proof.cryptosuite === "ecdsa-sd-2023" &&
    typeof proof.proofValue === "string" &&
    proof.proofValue.startsWith("u2V0A")
  );
}

function proofLabel(proof: Json): string {
  const type = str(proof.type) ?? "unknown";
  return proof.cryptosuite ? `${type} (${String(proof.cryptosuite)})` : type;
}

/** VC-DI §4 / VC DM: the verification method's controller must be the issuer and list the method under assertionMethod. */
async function issuerBinding(
  proof: Json,
  document: Json,
  suite: unknown,
  key: ResolvedKey,
  methodId: string,
): Promise<Outcome> {
  if (!key.controllerDocument) {
    return {
      status: "warn",
      message: `Sash couldn't load the document of the key's controller (${short(key.controller)}), so it can't confirm the key speaks for the issuer.`,
    };
  }
  // The controller's document wins: a bare did:key names both the DID and its one key.
  const loader = staticDocumentLoader(
    new Map<string, unknown>([
      [methodId, key.method],
      [key.controller, key.controllerDocument],
    ]),
  );
  let result: { valid: boolean; error?: Error };
  try {
    result = await new CredentialIssuancePurpose().validate(proof, {
      document,
      suite,
      verificationMethod: key.method,
      documentLoader: loader,
    });
  } catch (err) {
    result = { valid: false, error: err as Error };
  }
  if (result.valid)
    return {
      status: "pass",
      message: `The credential was signed with a key its issuer controls (${short(key.controller)}).`,
    };
  const unknown = findUnknownContext(result.error);
  if (unknown)
    return {
      status: "warn",
      message: `The key's controller document uses a vocabulary Sash doesn't have (${unknown}), so Sash can't confirm the key speaks for the issuer.`,
    };
  const why = result.error?.message ?? "";
  if (/issuer must match/i.test(why)) {
    // Issue #20: an issuer id nobody can resolve (urn:uuid:…, a bare name) isn't proven wrong by a
    // key it doesn't control; it is only unbound, so the issuer is unconfirmed, not forged.
    const issuerId = str(document.issuer) ?? (isObject(document.issuer) ? str(document.issuer.id) : null);
    if (issuerId && !/^(did:|https?:\/\/)/i.test(issuerId))
      return {
        status: "warn",
        message: `The credential's issuer (${short(issuerId)}) is an identifier that can't be looked up, so nothing ties the signing key (${short(key.controller)}) to it: who issued it is unconfirmed.`,
      };
    return {
      status: "fail",
      message: `The credential names an issuer that doesn't control the signing key: the key belongs to ${short(key.controller)}.`,
    };
  }
  if (/issuer is required/i.test(why))
    return {
      status: "fail",
      message: "The credential doesn't name its issuer, so its signature can't be tied to anyone.",
    };
  if (/not authorized/i.test(why)) {
    return {
      status: "fail",
      message: `The key's controller (${short(key.controller)}) doesn't list this key for issuing credentials.`,
    };
  }
  return { status: "warn", message: "Sash couldn't confirm that the signing key speaks for the issuer." };
}

async function verifyOne(
  proof: Json,
  unsigned: Json,
  net: Network,
  options: EmbeddedProofOptions,
): Promise<ProofResult> {
  const type = proofLabel(proof);
  const suite = suiteFor(proof, unsigned);
  if (!suite) return { type, status: "unsupported", message: `Sash can't check ${type} signatures.` };
  if (isSdBaseProof(proof)) return verifyBaseProof(proof, unsigned, net, options, type);
  if (proof.proofPurpose !== "assertionMethod") {
    return {
      type,
      status: "fail",
      message: `The ${type} signature was made for "${String(proof.proofPurpose)}", not for issuing a credential.`,
    };
  }
  const methodId =
    str(proof.verificationMethod) ?? (isObject(proof.verificationMethod) ? str(proof.verificationMethod.id) : null);
  if (!methodId) return { type, status: "fail", message: `The ${type} signature doesn't say which key made it.` };
  const resolved = await resolveVerificationMethod(methodId, net);
  if (!resolved.ok) return { type, status: resolved.status, message: resolved.message };
  const loader = staticDocumentLoader(new Map([[methodId, resolved.key.method]]));
  let result: { verified: boolean; error?: Error };
  try {
    result = await suite.verifyProof({ proof, document: unsigned, documentLoader: loader });
  } catch (err) {
    result = { verified: false, error: err as Error };
  }
  if (result.verified) {
    const binding =
      options.issuerPurpose === false ? undefined : await issuerBinding(proof, unsigned, suite, resolved.key, methodId);
    return { type, status: "pass", message: `Signed with ${short(methodId)}.`, key: resolved.key, binding };
  }
  const unknown = findUnknownContext(result.error);
  if (unknown)
    return {
      type,
      status: "warn",
      message: `The credential uses a vocabulary Sash doesn't have (${unknown}), so its signature can't be checked.`,
    };
  // Issue #20: JSON-LD safe mode refused the document (a term its contexts don't define, a bad
  // @type or date): a problem in how the document is written, not proof it was changed.
  const unsafe = findSafeModeError(result.error);
  if (unsafe)
    return {
      type,
      status: "warn",
      message: `The credential can't be processed to check its ${type} signature: ${unsafe} This is a problem in how the document is written, not proof that it was changed.`,
    };
  return {
    type,
    status: "fail",
    message: `The ${type} signature doesn't match the credential's contents: it was changed after it was signed, or signed with another key.`,
  };
}

/** A JSON-LD safe-mode refusal (jsonld.js ValidationError) in an error's chain, in words; null when there is none. */
function findSafeModeError(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 6; depth++) {
    const name = (e as { name?: unknown }).name;
    const message = e instanceof Error ? e.message : "";
    if (name === "jsonld.ValidationError" || /safe mode/i.test(message)) {
      const event = (e as { details?: { event?: { code?: unknown; details?: Record<string, unknown> } } }).details
        ?.event;
      const term = event?.details?.property ?? event?.details?.term ?? event?.details?.type;
      const what = typeof term === "string" ? ` ("${term.length > 60 ? `${term.slice(0, 60)}…` : term}")` : "";
      const code = typeof event?.code === "string" ? event.code : "";
      const kind = /property/i.test(code)
        ? "a property"
        : /type/i.test(code)
          ? "a type"
          : /iri|reference/i.test(code)
            ? "an address"
            : "a term";
      return `it uses ${kind} its JSON-LD contexts don't define${what}, which JSON-LD's safe mode refuses.`;
    }
    e = (e as { cause?: unknown }).cause ?? (e as { details?: { cause?: unknown } }).details?.cause;
  }
  return null;
}

/**
 * An ecdsa-sd-2023 base proof is meant for the holder, who derives disclosed copies from it
 * (VC-DI-ECDSA §3.3). Sash holds the credential as its holder, so it derives a copy that
 * discloses every statement and verifies that: the issuer's base signature and the
 * signature of each statement, on exactly the document the learner has.
 */
async function verifyBaseProof(
  proof: Json,
  unsigned: Json,
  net: Network,
  options: EmbeddedProofOptions,
  type: string,
): Promise<ProofResult> {
  const everything = Object.keys(unsigned)
    .filter((k) => k !== "@context")
    .map((k) => `/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  let derived: Json;
  try {
    derived = await derive({
      verifiableCredential: { ...unsigned, proof },
      suite: new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers: everything }) }),
      documentLoader: staticDocumentLoader(),
    });
  } catch (err) {
    const unknown = findUnknownContext(err);
    return unknown
      ? {
          type,
          status: "warn",
          message: `The credential uses a vocabulary Sash doesn't have (${unknown}), so its signature can't be checked.`,
        }
      : { type, status: "fail", message: `The ${type} base proof is malformed, so it can't be checked.` };
  }
  const { proof: disclosed, ...document } = derived;
  if (!isObject(disclosed)) return { type, status: "fail", message: `The ${type} base proof can't be checked.` };
  const result = await verifyOne(disclosed, document, net, options);
  return result.status === "pass"
    ? { ...result, message: `${result.message} (the issuer's base proof, checked with every statement disclosed)` }
    : result;
}

function findUnknownContext(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof UnknownContextError) return e.url;
    const details = (e as { details?: { cause?: unknown; url?: string } }).details;
    if (details?.cause instanceof UnknownContextError) return details.cause.url;
    e = (e as { cause?: unknown }).cause ?? details?.cause;
  }
  const msg = error instanceof Error ? error.message : "";
  const m = /Sash doesn't have a copy of: (\S+)/.exec(msg);
  return m ? m[1]! : null;
}

/**
 * Verifies every proof on a credential (a proof set, VC-DI §2.1: each proof
 * signs the document without `proof`). Any failing proof fails; otherwise one
 * verified proof passes.
 */
export async function verifyEmbeddedProofs(
  credential: Json,
  net: Network,
  options: EmbeddedProofOptions = {},
): Promise<EmbeddedProofOutcome> {
  const proofs = asArray(credential.proof).filter(isObject);
  const noIssuer: Outcome = {
    status: "skip",
    message: "The signature couldn't be confirmed, so the signing key can't be compared with the issuer.",
  };
  if (proofs.length === 0) {
    return {
      status: "warn",
      message: "This credential carries no signature, so Sash can't confirm who issued it.",
      signers: [],
      proofs: [],
      issuer: noIssuer,
    };
  }
  if (!net.takeProofs(proofs.length)) {
    const max = net.limits.proofs;
    return {
      status: "warn",
      message:
        proofs.length > max
          ? `This credential carries ${proofs.length} signatures, more than the ${max} Sash checks for one credential, so they weren't checked.`
          : `Sash has already checked ${max} signatures for this credential, the most it checks for one credential, so this one wasn't checked.`,
      signers: [],
      proofs: [],
      issuer: noIssuer,
    };
  }
  const { proof: _proof, ...unsigned } = credential;
  const results: ProofResult[] = [];
  for (const proof of proofs) results.push(await verifyOne(proof, unsigned, net, options));
  const failed = results.find((r) => r.status === "fail");
  const passed = results.filter((r) => r.status === "pass");
  const signers = passed.map((r) => r.key!).filter(Boolean);
  if (failed)
    return {
      status: "fail",
      message: `The signature is not valid. ${failed.message}`,
      signers: [],
      proofs: results,
      issuer: noIssuer,
    };
  if (passed.length) {
    const others = results.filter((r) => r.status !== "pass").map((r) => r.message);
    const what =
      passed.length === 1 ? `The ${passed[0]!.type} signature is valid` : `All ${passed.length} signatures are valid`;
    // One proof by the issuer binds it; other proofs (endorsers, co-signers) don't unbind it.
    const bindings = passed.map((r) => r.binding).filter((b): b is Outcome => !!b);
    const issuer = bindings.find((b) => b.status === "pass") ??
      bindings.find((b) => b.status === "fail") ??
      bindings[0] ?? { status: "skip" as const, message: "The issuer binding wasn't checked." };
    return {
      status: "pass",
      message: `${what}: the credential hasn't been changed since it was signed.${others.length ? ` (${others.join(" ")})` : ""}`,
      signers,
      proofs: results,
      issuer,
    };
  }
  const warn = results.find((r) => r.status === "warn");
  if (warn) return { status: "warn", message: warn.message, signers: [], proofs: results, issuer: noIssuer };
  return {
    status: "warn",
    message: results.map((r) => r.message).join(" "),
    signers: [],
    proofs: results,
    issuer: noIssuer,
  };
}

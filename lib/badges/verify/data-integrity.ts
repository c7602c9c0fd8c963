// OB 3.0 §8.3 embedded proofs: DataIntegrityProof with the eddsa-rdfc-2022
// cryptosuite (W3C VC-DI-EdDSA §3.3; legacy name `eddsa-2022`) and
// Ed25519Signature2020. Canonicalisation (RDFC-1.0) runs on bundled contexts
// only (document-loader.ts).
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { staticDocumentLoader, UnknownContextError } from "./document-loader";
import { resolveVerificationMethod, short, type ResolvedKey } from "./keys";
import { asArray, isObject, str, type Json, type Network, type Outcome } from "./util";

const DI_V1 = "https://w3id.org/security/data-integrity/v1";

export interface ProofResult {
  type: string;
  status: "pass" | "fail" | "warn" | "unsupported";
  message: string;
  key?: ResolvedKey;
}

export interface EmbeddedProofOutcome extends Outcome {
  /** Keys of the proofs that verified. */
  signers: ResolvedKey[];
  proofs: ProofResult[];
}

function suiteFor(proof: Json, document: Json): DataIntegrityProof | Ed25519Signature2020 | null {
  if (proof.type === "Ed25519Signature2020") return new Ed25519Signature2020();
  if (proof.type !== "DataIntegrityProof") return null;
  const name = proof.cryptosuite;
  if (name !== "eddsa-rdfc-2022" && name !== "eddsa-2022") return null;
  const contexts = asArray(document["@context"]);
  // The 2022 drafts used data-integrity/v1; adding v2 beside it would redefine protected terms.
  const legacyContext = contexts.includes(DI_V1);
  return new DataIntegrityProof({ cryptosuite: { ...eddsaRdfc2022, name }, legacyContext });
}

function proofLabel(proof: Json): string {
  const type = str(proof.type) ?? "unknown";
  return proof.cryptosuite ? `${type} (${String(proof.cryptosuite)})` : type;
}

async function verifyOne(proof: Json, unsigned: Json, net: Network): Promise<ProofResult> {
  const type = proofLabel(proof);
  const suite = suiteFor(proof, unsigned);
  if (!suite) return { type, status: "unsupported", message: `Sash can't check ${type} signatures.` };
  if (proof.proofPurpose !== "assertionMethod") {
    return { type, status: "fail", message: `The ${type} signature was made for "${String(proof.proofPurpose)}", not for issuing a credential.` };
  }
  const methodId = str(proof.verificationMethod) ?? (isObject(proof.verificationMethod) ? str(proof.verificationMethod.id) : null);
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
  if (result.verified) return { type, status: "pass", message: `Signed with ${short(methodId)}.`, key: resolved.key };
  const unknown = findUnknownContext(result.error);
  if (unknown) return { type, status: "warn", message: `The credential uses a vocabulary Sash doesn't have (${unknown}), so its signature can't be checked.` };
  return { type, status: "fail", message: `The ${type} signature doesn't match the credential's contents: it was changed after it was signed, or signed with another key.` };
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
export async function verifyEmbeddedProofs(credential: Json, net: Network): Promise<EmbeddedProofOutcome> {
  const proofs = asArray(credential.proof).filter(isObject);
  if (proofs.length === 0) {
    return { status: "warn", message: "This credential carries no signature, so Sash can't confirm who issued it.", signers: [], proofs: [] };
  }
  const { proof: _proof, ...unsigned } = credential;
  const results: ProofResult[] = [];
  for (const proof of proofs) results.push(await verifyOne(proof, unsigned, net));
  const failed = results.find((r) => r.status === "fail");
  const passed = results.filter((r) => r.status === "pass");
  const signers = passed.map((r) => r.key!).filter(Boolean);
  if (failed) return { status: "fail", message: `The signature is not valid. ${failed.message}`, signers: [], proofs: results };
  if (passed.length) {
    const others = results.filter((r) => r.status !== "pass").map((r) => r.message);
    const what = passed.length === 1 ? `The ${passed[0]!.type} signature is valid` : `All ${passed.length} signatures are valid`;
    return { status: "pass", message: `${what}: the credential hasn't been changed since the issuer signed it.${others.length ? ` (${others.join(" ")})` : ""}`, signers, proofs: results };
  }
  const warn = results.find((r) => r.status === "warn");
  if (warn) return { status: "warn", message: warn.message, signers: [], proofs: results };
  return { status: "warn", message: results.map((r) => r.message).join(" "), signers: [], proofs: results };
}

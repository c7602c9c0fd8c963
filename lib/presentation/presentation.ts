// W3C Verifiable Presentations (VCDM 2.0 §4.12, issue #13 §6): a learner's chosen
// credentials, as issued, signed by the learner's own Ed25519 did:key with a
// DataIntegrityProof (eddsa-rdfc-2022). A VCDM 2.0 presentation can carry VCDM 1.1
// and 2.0 credentials alike (each keeps its own @context).
//
// A presentation downloaded for no particular verifier has no challenge to answer, so it
// is signed for `assertionMethod` (the holder asserts it), not `authentication`: it can't
// be replayed as someone's log-in proof.
//
// verifyPresentationDocument checks the presentation's proof with @digitalbazaar/vc, that
// its key belongs to the named holder, and every credential inside with Sash's own
// verifier (lib/badges/verify: the same checks as any credential).
import { createPresentation, signPresentation, verify as vcVerify } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import jsigs from "jsonld-signatures";
import { importPayload } from "../badges/unbake";
import { verifyCredential, type VerifyOptions } from "../badges/verify/verify";
import type { CheckStatus, VerificationCheck, VerificationResult } from "../badges/verify/types";
import { staticDocumentLoader, type DocumentLoader } from "../badges/verify/document-loader";
import { didKeyDocument } from "../badges/verify/keys";
import { asArray, idOf, isObject, str, withoutFragment, type Json } from "../badges/verify/util";

/** Most credentials Sash puts into, or checks inside, one presentation. */
export const MAX_PRESENTATION_CREDENTIALS = 50;

export interface HolderSigner {
  /** did:key:z6Mk… */
  did: string;
  /** did:key:z6Mk…#z6Mk… */
  methodId: string;
  /** A signer from @digitalbazaar/ed25519-multikey (`key.signer()`). */
  signer: { id: string; algorithm: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> };
}

/** Bundled contexts plus did:key documents (computed offline); nothing is fetched. */
export function presentationDocumentLoader(): DocumentLoader {
  const base = staticDocumentLoader();
  return async (url: string) => {
    if (url.startsWith("did:key:")) return { contextUrl: null, documentUrl: url, document: await didKeyDocument(url) };
    return base(url);
  };
}

/** Builds and signs a presentation of `credentials` (as issued) for the holder. */
export async function signHolderPresentation(
  credentials: Json[],
  holder: HolderSigner,
  options: { id: string; now?: Date; challenge?: string; domain?: string },
): Promise<Json> {
  if (credentials.length === 0 || credentials.length > MAX_PRESENTATION_CREDENTIALS) {
    throw new RangeError(`a presentation holds 1 to ${MAX_PRESENTATION_CREDENTIALS} credentials`);
  }
  const presentation = createPresentation({
    verifiableCredential: credentials.map((c) => structuredClone(c)),
    holder: holder.did,
    id: options.id,
    version: 2,
  });
  const suite = new DataIntegrityProof({ signer: holder.signer, cryptosuite: eddsaRdfc2022, date: options.now });
  return signPresentation({
    presentation,
    suite,
    documentLoader: presentationDocumentLoader(),
    // Answering a verifier (OpenID4VP, issue #22 §3): authentication over its nonce and client_id.
    ...(options.challenge !== undefined
      ? {
          challenge: options.challenge,
          domain: options.domain,
          purpose: new jsigs.purposes.AuthenticationProofPurpose({
            challenge: options.challenge,
            domain: options.domain,
          }),
        }
      : { purpose: new jsigs.purposes.AssertionProofPurpose() }),
  });
}

export function isPresentation(doc: unknown): doc is Json {
  return isObject(doc) && asArray(doc.type).includes("VerifiablePresentation");
}

/** The presentation in a file's bytes (UTF-8 JSON whose type is VerifiablePresentation), else null. */
export function presentationIn(bytes: Uint8Array): Json | null {
  if (bytes.length === 0 || bytes.length > 10 * 1024 * 1024) return null;
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (!text.startsWith("{")) return null;
  try {
    const doc: unknown = JSON.parse(text);
    return isPresentation(doc) ? doc : null;
  } catch {
    return null;
  }
}

export type PresentationCheckId = "signature" | "holder" | "credentials";

export interface PresentationCheck {
  id: PresentationCheckId;
  status: CheckStatus;
  message: string;
}

export interface PresentationReport {
  type: "presentation";
  holder: string | null;
  result: VerificationResult;
  checks: PresentationCheck[];
  credentials: Array<{
    id: string | null;
    title: string | null;
    result: VerificationResult;
    checks: VerificationCheck[];
  }>;
}

async function checkProof(vp: Json): Promise<{ signature: PresentationCheck; signer: string | null }> {
  const proofs = asArray(vp.proof).filter(isObject);
  if (proofs.length === 0) {
    return {
      signature: { id: "signature", status: "fail", message: "The presentation isn't signed by its holder." },
      signer: null,
    };
  }
  if (proofs.length > 1) {
    return {
      signature: {
        id: "signature",
        status: "warn",
        message: "The presentation carries several signatures; Sash checks presentations with one.",
      },
      signer: null,
    };
  }
  const proof = proofs[0]!;
  const method = str(proof.verificationMethod) ?? idOf(proof.verificationMethod);
  if (!method?.startsWith("did:key:")) {
    return {
      signature: {
        id: "signature",
        status: "warn",
        message: "The presentation is signed with a key Sash can't read (Sash reads did:key holders).",
      },
      signer: null,
    };
  }
  const purpose =
    proof.proofPurpose === "authentication"
      ? new jsigs.purposes.AuthenticationProofPurpose({
          challenge: str(proof.challenge) ?? "",
          domain: str(proof.domain) ?? undefined,
        })
      : new jsigs.purposes.AssertionProofPurpose();
  let verified = false;
  try {
    // The presentation's own proof, with @digitalbazaar/vc. (It checks the credentials too, resolving
    // did:key only; what Sash reports for them comes from its own checks below.)
    const result = await vcVerify({
      presentation: vp,
      suite: [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()],
      documentLoader: presentationDocumentLoader(),
      presentationPurpose: purpose,
      challenge: str(proof.challenge) ?? undefined,
      domain: str(proof.domain) ?? undefined,
    });
    verified = result.presentationResult?.verified === true;
  } catch {
    verified = false;
  }
  return verified
    ? {
        signature: {
          id: "signature",
          status: "pass",
          message: "The presentation's signature is valid: nothing in it was changed.",
        },
        signer: withoutFragment(method),
      }
    : {
        signature: {
          id: "signature",
          status: "fail",
          message: "The presentation's signature doesn't match its contents: it was changed after it was signed.",
        },
        signer: null,
      };
}

/** Verifies a presentation and every credential in it. Never throws for bad input. */
export async function verifyPresentationDocument(vp: Json, opts: VerifyOptions = {}): Promise<PresentationReport> {
  const holder = idOf(vp.holder);
  const { signature, signer } = await checkProof(vp);
  const holderCheck: PresentationCheck = !holder
    ? { id: "holder", status: "warn", message: "The presentation doesn't name its holder." }
    : signature.status !== "pass"
      ? { id: "holder", status: "skip", message: "Without a valid signature the holder can't be confirmed." }
      : signer === holder
        ? { id: "holder", status: "pass", message: `Presented by ${holder}, who signed it.` }
        : { id: "holder", status: "fail", message: `It names ${holder} as its holder, but someone else signed it.` };

  const all = asArray(vp.verifiableCredential);
  const list = all.slice(0, MAX_PRESENTATION_CREDENTIALS);
  const credentials: PresentationReport["credentials"] = [];
  for (const c of list) {
    const text = typeof c === "string" ? c : JSON.stringify(c);
    const id = isObject(c) ? str(c.id) : null;
    try {
      const record = await importPayload(text, { fetcher: opts.fetcher });
      const report = await verifyCredential(record, opts);
      credentials.push({ id: id ?? record.id, title: record.title, result: report.result, checks: report.checks });
    } catch {
      credentials.push({
        id,
        title: null,
        result: "indeterminate",
        checks: [{ id: "signature", status: "warn", message: "Sash couldn't read this credential." }],
      });
    }
  }
  const counts = { valid: 0, invalid: 0, indeterminate: 0 };
  for (const c of credentials) counts[c.result]++;
  const credentialsCheck: PresentationCheck =
    credentials.length === 0
      ? { id: "credentials", status: "warn", message: "The presentation holds no credentials." }
      : all.length > list.length
        ? {
            id: "credentials",
            status: "warn",
            message: `The presentation holds ${all.length} credentials; Sash checked the first ${list.length}.`,
          }
        : counts.invalid
          ? {
              id: "credentials",
              status: "fail",
              message: `${counts.invalid} of ${credentials.length} credentials failed their checks.`,
            }
          : counts.indeterminate
            ? {
                id: "credentials",
                status: "warn",
                message: `${counts.indeterminate} of ${credentials.length} credentials couldn't be fully confirmed.`,
              }
            : { id: "credentials", status: "pass", message: `All ${credentials.length} credentials are valid.` };
  const checks = [signature, holderCheck, credentialsCheck];
  const result: VerificationResult = checks.some((c) => c.status === "fail")
    ? "invalid"
    : checks.every((c) => c.status === "pass")
      ? "valid"
      : "indeterminate";
  return { type: "presentation", holder, result, checks, credentials };
}

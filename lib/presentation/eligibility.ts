// Which stored credentials can go into a W3C Verifiable Presentation as they are
// (issue #13 §6). A presentation embeds JSON-LD credentials whose Data Integrity
// proofs survive re-serialisation (the signature covers the canonical RDF, not the
// bytes). What can't be embedded as-is is listed with the reason, never altered.
import { isObject, type Json } from "../badges/verify/util";

export interface StoredCredentialForPresentation {
  spec: string | null;
  raw: string | null;
}

export type Eligibility = { ok: true; credential: Json } | { ok: false; reason: string };

const asTypes = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((t): t is string => typeof t === "string");

export function presentationEligibility(c: StoredCredentialForPresentation): Eligibility {
  if (c.spec === null || !c.raw) {
    return { ok: false, reason: "You entered it by hand, so there is nothing signed by an issuer to present." };
  }
  if (c.spec === "ob1" || c.spec === "ob2") {
    return {
      ok: false,
      reason:
        "Open Badges 1.0 and 2.0 badges aren't Verifiable Credentials; share their link or download the badge instead.",
    };
  }
  const text = c.raw.replace(/^\uFEFF/, "").trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) {
    return {
      ok: false,
      reason:
        "It is signed as a JWT, whose signature covers its exact text; a presentation can't carry it in a form verifiers check, so share its link instead.",
    };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: "Its stored data isn't a JSON credential." };
  }
  if (!isObject(doc) || !asTypes(doc.type).includes("VerifiableCredential") || !doc["@context"]) {
    return { ok: false, reason: "Its stored data isn't a Verifiable Credential." };
  }
  if (!doc.proof) {
    return { ok: false, reason: "It carries no signature from its issuer, so a verifier couldn't check it." };
  }
  return { ok: true, credential: doc };
}

// Which stored credentials can go into a W3C Verifiable Presentation as they are
// (issue #13 §6). A presentation embeds JSON-LD credentials whose Data Integrity
// proofs survive re-serialisation (the signature covers the canonical RDF, not the
// bytes). What can't be embedded as-is is listed with the reason, never altered.
// The learner signs the presentation as its holder, so it may carry only credentials
// issued to them (issue #25 §5a): the recipient is checked again, now, against the
// learner's verified addresses or their holder DID; and nothing whose last check
// proved it wrong (tampered, revoked, expired, another's key) goes in.
import { recipientOf } from "../badges/normalize/ob3";
import { checkRecipient } from "../badges/verify/recipient";
import { isObject, type Json } from "../badges/verify/util";

export interface StoredCredentialForPresentation {
  spec: string | null;
  raw: string | null;
  /** The stored learner-level result of its last check (valid | invalid | indeterminate), null if never checked. */
  verificationResult?: string | null;
}

/** Who is presenting: what may show a credential was issued to them. */
export interface PresentingLearner {
  /** The learner's verified email addresses (never unverified ones). */
  emails: string[];
  /** The learner's own DIDs (their holder did:key), matched against the credential subject's id. */
  dids: string[];
}

export type Eligibility = { ok: true; credential: Json } | { ok: false; reason: string };

const asTypes = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((t): t is string => typeof t === "string");

const withoutFragment = (id: string) => id.split("#")[0]!;

/** Null when the credential names this learner as its subject; else why not, for the learner. */
function notIssuedToLearner(doc: Record<string, unknown>, learner: PresentingLearner): string | null {
  const subjects = Array.isArray(doc.credentialSubject) ? doc.credentialSubject : [doc.credentialSubject];
  const subject = subjects.find(isObject) ?? null;
  const recipient = recipientOf(subject as Parameters<typeof recipientOf>[0]);
  if (recipient?.subjectId && learner.dids.some((d) => withoutFragment(d) === withoutFragment(recipient.subjectId!)))
    return null;
  const outcome = checkRecipient(recipient, learner.emails);
  if (outcome.status === "pass") return null;
  return (
    `${outcome.message} A presentation is signed as yours, so it carries only credentials issued to you` +
    (outcome.status === "fail" || learner.emails.length === 0
      ? "; if this one is yours, add and verify the address it was issued to on your account page."
      : ".")
  );
}

export function presentationEligibility(c: StoredCredentialForPresentation, learner: PresentingLearner): Eligibility {
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
  if (c.verificationResult === "invalid") {
    return {
      ok: false,
      reason:
        "Its last check found it isn't valid (changed, revoked, expired or not signed by its issuer); check it again on its page.",
    };
  }
  const notMine = notIssuedToLearner(doc, learner);
  if (notMine) return { ok: false, reason: notMine };
  return { ok: true, credential: doc };
}

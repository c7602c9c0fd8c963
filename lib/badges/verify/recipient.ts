// Is this credential about the learner? OB 2.0 §IdentityObject (plain or
// `sha256$`/`md5$` hash of identity + salt) and OB 3.0 §B.1.9
// IdentityObject (`identityHash`, `identityType`) against the learner's emails.
import { createHash } from "node:crypto";
import type { Recipient } from "../types";
import type { Outcome } from "./util";

const EMAIL_TYPES = new Set(["email", "emailaddress"]);

function hashMatches(hashed: string, candidate: string, salt: string | null): boolean | null {
  const m = /^(sha256|md5)\$([0-9a-f]+)$/i.exec(hashed.trim());
  if (!m) return null;
  const algo = m[1]!.toLowerCase();
  const want = m[2]!.toLowerCase();
  return (
    createHash(algo)
      .update(candidate + (salt ?? ""), "utf8")
      .digest("hex") === want
  );
}

/** The spellings of an email an issuer may have hashed: as typed, trimmed and lower-cased. */
function spellings(email: string): string[] {
  const t = email.trim();
  return [...new Set([email, t, t.toLowerCase()])];
}

function matchesIdentity(identity: string, hashed: boolean, salt: string | null, emails: string[]): boolean {
  for (const email of emails) {
    for (const candidate of spellings(email)) {
      if (hashed || /^(sha256|md5)\$/i.test(identity)) {
        if (hashMatches(identity, candidate, salt)) return true;
      } else {
        const plain = identity
          .trim()
          .replace(/^mailto:/i, "")
          .toLowerCase();
        if (plain === candidate.toLowerCase()) return true;
      }
    }
  }
  return false;
}

/**
 * `dids`: the learner's own DIDs (the did:key that signs their OpenID4VCI proofs of possession and
 * presentations, issue #22). A subject id equal to one of them was issued to this learner's wallet,
 * beside their verified email addresses.
 */
export function checkRecipient(recipient: Recipient | null, emails: string[], dids: readonly string[] = []): Outcome {
  if (!recipient)
    return { status: "warn", message: "The credential doesn't say who earned it, so Sash can't confirm it's yours." };
  if (recipient.kind === "identifiers" && recipient.subjectId && dids.includes(recipient.subjectId)) {
    return { status: "pass", message: `Issued to your wallet's key ${recipient.subjectId}.` };
  }
  const candidates: Array<{ type: string; identity: string; hashed: boolean; salt: string | null }> = [];
  if (recipient.kind === "identity") {
    candidates.push({
      type: (recipient.type || "email").toLowerCase(),
      identity: recipient.identity,
      hashed: recipient.hashed,
      salt: recipient.salt,
    });
  } else {
    for (const id of recipient.identifiers) {
      candidates.push({
        type: id.identityType.toLowerCase(),
        identity: id.identityHash,
        hashed: id.hashed,
        salt: id.salt,
      });
    }
    if (recipient.subjectId && /^mailto:/i.test(recipient.subjectId)) {
      candidates.push({ type: "email", identity: recipient.subjectId, hashed: false, salt: null });
    }
  }
  const emailIds = candidates.filter((c) => EMAIL_TYPES.has(c.type));
  if (emailIds.length === 0) {
    const kinds = [...new Set(candidates.map((c) => c.type))].join(", ");
    return {
      status: "warn",
      message: kinds
        ? `The credential identifies its earner by ${kinds}, not by email, so Sash can't compare it with your addresses.`
        : "The credential doesn't say who earned it, so Sash can't confirm it's yours.",
    };
  }
  if (emails.length === 0)
    return {
      status: "warn",
      message: "The credential was issued to an email address, but there's no email address to compare it with.",
    };
  if (emailIds.some((c) => matchesIdentity(c.identity, c.hashed, c.salt, emails))) {
    return { status: "pass", message: "The credential was issued to one of your email addresses." };
  }
  return { status: "fail", message: "The credential was issued to an email address that isn't one of yours." };
}

/**
 * OB 3.0 §B.1.3 AchievementSubject (and CLR 2.0 ClrSubject): "either id or at least one
 * identifier MUST be supplied". A subject with neither doesn't say who earned the credential:
 * the credential isn't conformant. Returns the problem, or null when the subject is fine.
 */
export function subjectProblem(credential: Record<string, unknown>): string | null {
  const subjects = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject
    : [credential.credentialSubject];
  for (const s of subjects) {
    if (typeof s !== "object" || s === null) continue;
    const subject = s as Record<string, unknown>;
    const hasId = typeof subject.id === "string" && subject.id.length > 0;
    const ids = Array.isArray(subject.identifier) ? subject.identifier : subject.identifier ? [subject.identifier] : [];
    const hasIdentifier = ids.some(
      (i) => typeof i === "object" && i !== null && typeof (i as Record<string, unknown>).identityHash === "string",
    );
    if (!hasId && !hasIdentifier)
      return "The credential's subject has neither an id nor an identifier, which Open Badges 3.0 requires, so it doesn't say who earned it: it isn't a conformant credential.";
  }
  return null;
}

type Identifier = { identityType: string; identityHash: string; hashed: boolean; salt: string | null };

function typeKey(t: string): string {
  const k = t.toLowerCase();
  return k === "email" ? "emailaddress" : k;
}

function plainValue(v: string): string {
  return v
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
}

/** Do two IdentityObjects name the same identity (same type; equal value, or a plain value matching a salted hash)? */
function sameIdentity(a: Identifier, b: Identifier): boolean {
  if (typeKey(a.identityType) !== typeKey(b.identityType)) return false;
  const aHashed = a.hashed || /^(sha256|md5)\$/i.test(a.identityHash);
  const bHashed = b.hashed || /^(sha256|md5)\$/i.test(b.identityHash);
  if (!aHashed && !bHashed) return plainValue(a.identityHash) === plainValue(b.identityHash);
  if (aHashed && bHashed)
    return a.identityHash.trim().toLowerCase() === b.identityHash.trim().toLowerCase() && a.salt === b.salt;
  const [hashed, plain] = aHashed ? [a, b] : [b, a];
  return spellings(plain.identityHash.trim().replace(/^mailto:/i, "")).some(
    (candidate) => hashMatches(hashed.identityHash, candidate, hashed.salt) === true,
  );
}

function identifiersOf(r: Recipient): Identifier[] {
  if (r.kind === "identifiers") return r.identifiers;
  return [{ identityType: r.type || "email", identityHash: r.identity, hashed: r.hashed, salt: r.salt }];
}

/**
 * CLR 2.0 (issue #20 item 4): a credential nested in a learner record must be about the record's
 * subject — the same subject `id` (a DID or any URI), or an identifier that matches one of the
 * record subject's. Otherwise `warn` (flagged, so neither the credential nor the record is
 * valid): when both name their subject and nothing matches, the message says whom each names;
 * when they can't be compared (nothing in common, hashes with different salts), it says so.
 * Never `fail`: two different identifiers don't prove two different people.
 */
export function checkSubjectTie(record: Recipient | null, nested: Recipient | null): Outcome {
  if (!record)
    return {
      status: "warn",
      message: "The learner record doesn't say whom it is about, so Sash can't tie this credential to its learner.",
    };
  if (!nested)
    return {
      status: "warn",
      message: "This credential doesn't say who earned it, so Sash can't tie it to the learner the record is about.",
    };
  const recordId = record.kind === "identifiers" ? record.subjectId : null;
  const nestedId = nested.kind === "identifiers" ? nested.subjectId : null;
  if (recordId && nestedId && recordId === nestedId)
    return {
      status: "pass",
      message: "This credential is about the learner the record is about (the same subject id).",
    };
  const recordIds = identifiersOf(record);
  const nestedIds = identifiersOf(nested);
  if (recordIds.some((a) => nestedIds.some((b) => sameIdentity(a, b))))
    return {
      status: "pass",
      message: "This credential is about the learner the record is about (the same identifier).",
    };
  const comparable =
    (recordId !== null && nestedId !== null) ||
    recordIds.some((a) =>
      nestedIds.some(
        (b) =>
          typeKey(a.identityType) === typeKey(b.identityType) &&
          !(a.hashed && b.hashed && a.salt !== b.salt && a.identityHash !== b.identityHash),
      ),
    );
  if (comparable)
    return {
      status: "warn",
      message: `This credential was issued to ${nestedId ? short(nestedId) : "another identity"}, not to the learner the record is about${recordId ? ` (${short(recordId)})` : ""}, so Sash can't confirm it belongs to this record.`,
    };
  return {
    status: "warn",
    message:
      "This credential and the learner record name their learner in ways that can't be compared, so Sash can't confirm it belongs to the record's learner.",
  };
}

function short(id: string): string {
  return id.length > 72 ? `${id.slice(0, 60)}…` : id;
}

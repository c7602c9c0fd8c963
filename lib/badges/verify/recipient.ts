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

export function checkRecipient(recipient: Recipient | null, emails: string[]): Outcome {
  if (!recipient)
    return { status: "warn", message: "The credential doesn't say who earned it, so Sash can't confirm it's yours." };
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

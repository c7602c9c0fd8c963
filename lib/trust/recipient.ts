// How a credential names its earner, for reconciliation (issue #11 §2): a plain
// email address the learner can add in one click, a hashed one they must name
// themselves, or something that isn't an email. Pure.
import type { Recipient } from "../badges/types";

export type RecipientHint =
  { kind: "plain-email"; email: string } | { kind: "hashed-email" } | { kind: "other" } | { kind: "none" };

const EMAIL_TYPES = new Set(["email", "emailaddress"]);
const HASHED = /^(sha256|md5)\$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function recipientHint(recipient: Recipient | null | undefined): RecipientHint {
  if (!recipient) return { kind: "none" };
  const ids: Array<{ type: string; value: string; hashed: boolean }> = [];
  if (recipient.kind === "identity") {
    ids.push({ type: (recipient.type || "email").toLowerCase(), value: recipient.identity, hashed: recipient.hashed });
  } else {
    for (const i of recipient.identifiers)
      ids.push({ type: i.identityType.toLowerCase(), value: i.identityHash, hashed: i.hashed });
    if (recipient.subjectId && /^mailto:/i.test(recipient.subjectId))
      ids.push({ type: "email", value: recipient.subjectId, hashed: false });
  }
  const emails = ids.filter((i) => EMAIL_TYPES.has(i.type));
  const plain = emails.find((i) => !i.hashed && !HASHED.test(i.value));
  if (plain) {
    const email = plain.value.trim().replace(/^mailto:/i, "");
    if (EMAIL.test(email)) return { kind: "plain-email", email };
  }
  if (emails.length) return { kind: "hashed-email" };
  return ids.length ? { kind: "other" } : { kind: "none" };
}

/** Whether every identity the credential names is hashed (so the baked file doesn't show the address). */
export function recipientIsHashed(recipient: Recipient | null | undefined): boolean {
  if (!recipient) return false;
  const ids =
    recipient.kind === "identity"
      ? [{ value: recipient.identity, hashed: recipient.hashed }]
      : [
          ...recipient.identifiers.map((i) => ({ value: i.identityHash, hashed: i.hashed })),
          ...(recipient.subjectId && /^mailto:/i.test(recipient.subjectId)
            ? [{ value: recipient.subjectId, hashed: false }]
            : []),
        ];
  return ids.length > 0 && ids.every((i) => i.hashed || HASHED.test(i.value));
}

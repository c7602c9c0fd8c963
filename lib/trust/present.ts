// What a verification report means, in plain words (issue #11 §3). One summary
// line that starts with "Verified" exactly when the result is `valid` and with
// "Not verified" otherwise, and three statements: who issued it, to whom, and
// whether it still holds. "Failed" (red) is kept for what is proven wrong —
// tampered, revoked, expired, or a key that isn't the issuer's; anything merely
// not confirmed is neutral. Never names the recipient's address. Pure.
import {
  notVerifiedReason,
  readIssuerIdentity,
  readReport,
  type IssuerIdentity,
  verifiedStatus,
  type ReadChecks,
  type StatusOptions,
  type VerifiedReason,
  type VerifiedStatus,
} from "./status";

export type TrustTone = "ok" | "neutral" | "failed";

export interface TrustStatement {
  id: "issuer" | "recipient" | "status";
  /** Short label: "Issuer", "Recipient", "Still valid". */
  label: string;
  tone: TrustTone;
  text: string;
}

export interface TrustView {
  /** The one status (lib/trust/status.ts) these words say. */
  status: VerifiedStatus;
  verified: boolean;
  /** "Verified — …" or "Not verified — …". */
  summary: string;
  tone: TrustTone;
  statements: TrustStatement[];
  checkedAt: Date | null;
}

export interface TrustFacts {
  issuerName?: string | null;
  issuedOn?: Date | null;
  expires?: Date | null;
}

type Checks = ReadChecks;

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
export const formatTrustDate = (d: Date) => dateFormat.format(d);

/** A check message may be a "Known issuer · <registry>" note from the issuer registry. */
function knownIssuer(message: string | undefined): string | null {
  const m = /Known issuer\s*[·:-]\s*([^.\n]+)/i.exec(message ?? "");
  return m ? m[1]!.trim() : null;
}

/** Two names for one issuer, compared loosely (case, spaces, punctuation). */
function sameName(a: string, b: string): boolean {
  const norm = (x: string) =>
    x
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return norm(a) === norm(b);
}

/**
 * Issue #20: a name is written as confirmed only when someone vouched for it — a known-issuer
 * registry (its name for the issuer; the credential's own name is shown as a claim) or the
 * website the issuer is bound to (named beside it). A key-only issuer's name is its own claim.
 */
function issuerStatement(checks: Checks, facts: TrustFacts, identity: IssuerIdentity | null): TrustStatement {
  const c = checks.issuer;
  const claimed = facts.issuerName?.trim() || identity?.claimedName || null;
  const who = claimed || "the issuer";
  const base = { id: "issuer" as const, label: "Issuer" };
  if (c?.status === "fail") {
    return {
      ...base,
      tone: "failed",
      text: `Failed: the credential was signed or hosted by someone other than ${who}.`,
    };
  }
  if (c?.status === "pass") {
    if (identity?.tier === "registry" && identity.registeredName) {
      const registry = identity.registry ?? knownIssuer(c.message) ?? "a known-issuer registry";
      const own =
        claimed && !sameName(claimed, identity.registeredName)
          ? ` The credential calls its issuer ${claimed}; that name is only the issuer's own claim.`
          : "";
      return {
        ...base,
        tone: "ok",
        text: `Confirmed: issued by ${identity.registeredName}, a known issuer (${registry}).${own}`,
      };
    }
    if (identity?.tier === "domain" && identity.domain) {
      return { ...base, tone: "ok", text: `Confirmed: issued by ${who}, through ${identity.domain}.` };
    }
    return {
      ...base,
      tone: "ok",
      text: `Confirmed: the key or website it came from belongs to its issuer; the name ${who} is as the credential gives it.`,
    };
  }
  if (identity?.tier === "key") {
    return {
      ...base,
      tone: "neutral",
      text: claimed
        ? `Not confirmed: ${claimed} is only the name the issuer gives itself; no known-issuer registry or website vouches for it.`
        : "Not confirmed: the issuer is known only by its key; no known-issuer registry or website vouches for it.",
    };
  }
  const known = knownIssuer(c?.message);
  if (known)
    return {
      ...base,
      tone: "neutral",
      text: `Known issuer (${known}), but this copy could not be tied to ${who}.`,
    };
  return {
    ...base,
    tone: "neutral",
    text: `Not confirmed: Sash could not tie this credential to ${who}.`,
  };
}

function recipientStatement(checks: Checks): TrustStatement {
  if (checks.recipient?.status === "pass") {
    return {
      id: "recipient",
      label: "Recipient",
      tone: "ok",
      text: "Confirmed: issued to this learner, through an email address they have verified.",
    };
  }
  return {
    id: "recipient",
    label: "Recipient",
    tone: "neutral",
    text: "Not confirmed: Sash could not match whom it was issued to with a verified address of this learner.",
  };
}

function statusStatement(checks: Checks, facts: TrustFacts, checkedAt: Date | null, now: Date): TrustStatement {
  const asOf = checkedAt ? ` as of ${formatTrustDate(checkedAt)}` : "";
  if (checks.revocation?.status === "fail") {
    return {
      id: "status",
      label: "Still valid",
      tone: "failed",
      text: `Failed: the issuer has revoked it${asOf ? ` (checked${asOf.replace(" as of", "")})` : ""}.`,
    };
  }
  const expired = checks.expiry?.status === "fail" || (!!facts.expires && facts.expires.getTime() < now.getTime());
  if (expired) {
    return {
      id: "status",
      label: "Still valid",
      tone: "failed",
      text: facts.expires
        ? `Failed: it expired on ${formatTrustDate(facts.expires)}.`
        : "Failed: it has expired or is not yet valid.",
    };
  }
  const dates = [
    facts.issuedOn ? `issued ${formatTrustDate(facts.issuedOn)}` : null,
    facts.expires ? `valid until ${formatTrustDate(facts.expires)}` : "no expiry date",
  ]
    .filter(Boolean)
    .join(", ");
  const rev = checks.revocation?.status;
  const revoked =
    rev === "pass"
      ? `not revoked${asOf}`
      : rev === "skip"
        ? "the issuer offers no way to check for revocation"
        : `whether it was revoked could not be checked${asOf}`;
  return {
    id: "status",
    label: "Still valid",
    tone: checks.revocation?.status === "pass" ? "ok" : "neutral",
    text: `${cap(dates)}; ${revoked}.`,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Why it is not verified, in words, for each not-verified reason. */
const NOT_VERIFIED: Partial<Record<VerifiedReason, string>> = {
  // Issue #13: a credential that doesn't follow the JSON Schema it names is malformed (never Verified).
  SCHEMA_INVALID: "its contents don't have the structure its own schema requires, so Sash can't rely on them.",
  RECIPIENT_NOT_CONFIRMED: "Sash could not confirm it was issued to this learner.",
  CONTENT_NOT_CONFIRMED: "Sash could not confirm the contents with the issuer.",
  ISSUER_NOT_CONFIRMED: "Sash could not confirm who issued it.",
};

function reason(
  status: VerifiedStatus,
  checks: Checks,
  statements: TrustStatement[],
  identity: IssuerIdentity | null,
): string {
  if (status.verified) {
    // Issue #20: say who vouched for the issuer — the registry or the website.
    const issuer =
      identity?.tier === "registry" && identity.registry
        ? `the issuer (a known issuer, ${identity.registry})`
        : identity?.tier === "domain" && identity.domain
          ? `the issuer's website (${identity.domain})`
          : "the issuer";
    return checks.recipient?.status === "pass"
      ? `${issuer}, the contents and the learner are all confirmed.`
      : `${issuer} and the contents are confirmed.`;
  }
  if (status.state === "not-verified" && status.reason === "ISSUER_NOT_CONFIRMED" && identity?.tier === "key")
    return "nothing vouches for who issued it: its issuer's name is only its own claim.";
  const wrong = status.failedCheck;
  if (wrong?.message) return `Failed: ${wrong.message.replace(/\.?$/, ".")}`;
  const failed = statements.find((s) => s.tone === "failed");
  if (failed) return failed.text;
  // A failed check without a message or statement of its own: say what could not be confirmed.
  const code = status.state === "not-verified" ? status.reason : notVerifiedReason(checks);
  return NOT_VERIFIED[code] ?? "not every check could be completed.";
}

/** The summary and three statements for a stored report (jsonb or typed), at `now`. */
export function presentTrust(
  report: unknown,
  facts: TrustFacts = {},
  now: Date = new Date(),
  options: StatusOptions = {},
): TrustView {
  const status = verifiedStatus({ report }, { expires: facts.expires }, now, options);
  const parsed = readReport(report);
  if (!parsed) {
    return {
      status,
      verified: false,
      summary: "Not verified — this credential has not been checked.",
      tone: "neutral",
      statements: [],
      checkedAt: null,
    };
  }
  const { checks, checkedAt } = parsed;
  const identity = readIssuerIdentity(report);
  const statements = [
    issuerStatement(checks, facts, identity),
    recipientStatement(checks),
    statusStatement(checks, facts, checkedAt, now),
  ];
  // A stored `valid` that has since passed its expiry date is no longer valid (status.ts decides so at `now`).
  const verified = status.verified;
  return {
    status,
    verified,
    summary: `${verified ? "Verified" : "Not verified"} — ${reason(status, checks, statements, identity)}`,
    tone: toneOf(status),
    statements,
    checkedAt,
  };
}

/** The colour of a status: green verified, red failed (proven wrong), neutral otherwise. */
export function toneOf(status: VerifiedStatus): TrustTone {
  return status.verified ? "ok" : status.state === "failed" ? "failed" : "neutral";
}

/**
 * For a card (the wallet, a learner record's credentials, the add and re-check screens): one line
 * and its tone. "Verified"; "Failed: <the failed check's message>" (or "Failed: it expired on <date>."
 * when its expiry date has passed since its last check); "Not verified".
 */
export function statusWords(status: VerifiedStatus): { words: string; tone: TrustTone } {
  if (status.verified) return { words: "Verified", tone: "ok" };
  if (status.state === "failed") {
    if (status.failedCheck?.message) return { words: `Failed: ${status.failedCheck.message}`, tone: "failed" };
    if (status.expiredOn)
      return { words: `Failed: it expired on ${formatTrustDate(status.expiredOn)}.`, tone: "failed" };
    return { words: "Failed", tone: "failed" };
  }
  return { words: "Not verified", tone: "neutral" };
}

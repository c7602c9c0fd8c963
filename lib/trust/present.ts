// What a verification report means, in plain words (issue #11 §3). One summary
// line that starts with "Verified" exactly when the result is `valid` and with
// "Not verified" otherwise, and three statements: who issued it, to whom, and
// whether it still holds. "Failed" (red) is kept for what is proven wrong —
// tampered, revoked, expired, or a key that isn't the issuer's; anything merely
// not confirmed is neutral. Never names the recipient's address. Pure.
import type { CheckStatus, VerificationCheck, VerificationReport, VerificationResult } from "../badges/verify/types";
import { learnerResult } from "./result";

export type TrustTone = "ok" | "neutral" | "failed";

export interface TrustStatement {
  id: "issuer" | "recipient" | "status";
  /** Short label: "Issuer", "Recipient", "Still valid". */
  label: string;
  tone: TrustTone;
  text: string;
}

export interface TrustView {
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

type Checks = Partial<Record<string, { status: CheckStatus; message: string }>>;

/** Checks whose failure proves something wrong with the credential itself. */
const PROVEN_WRONG = ["signature", "hosted", "issuer", "revocation", "expiry"] as const;

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
export const formatTrustDate = (d: Date) => dateFormat.format(d);

function checksOf(report: unknown): { result: string; checks: Checks; checkedAt: Date | null } | null {
  if (!report || typeof report !== "object") return null;
  const r = report as Partial<VerificationReport>;
  const checks: Checks = {};
  if (Array.isArray(r.checks)) {
    for (const c of r.checks.slice(0, 20)) {
      if (!c || typeof c !== "object" || typeof c.id !== "string") continue;
      const st = c.status === "pass" || c.status === "fail" || c.status === "warn" ? c.status : "skip";
      checks[c.id] = { status: st, message: typeof c.message === "string" ? c.message.slice(0, 500) : "" };
    }
  }
  const at = typeof r.checkedAt === "string" ? new Date(r.checkedAt) : null;
  const result = r.result === "valid" || r.result === "invalid" ? r.result : "indeterminate";
  return { result, checks, checkedAt: at && !Number.isNaN(at.getTime()) ? at : null };
}

/** A check message may be a "Known issuer · <registry>" note from the issuer registry. */
function knownIssuer(message: string | undefined): string | null {
  const m = /Known issuer\s*[·:-]\s*([^.\n]+)/i.exec(message ?? "");
  return m ? m[1]!.trim() : null;
}

function issuerStatement(checks: Checks, facts: TrustFacts): TrustStatement {
  const c = checks.issuer;
  const who = facts.issuerName?.trim() || "the issuer";
  const known = knownIssuer(c?.message);
  if (c?.status === "fail") {
    return {
      id: "issuer",
      label: "Issuer",
      tone: "failed",
      text: `Failed: the credential was signed or hosted by someone other than ${who}.`,
    };
  }
  if (c?.status === "pass") {
    return {
      id: "issuer",
      label: "Issuer",
      tone: "ok",
      text: known ? `Confirmed: issued by ${who}, a known issuer (${known}).` : `Confirmed: issued by ${who}.`,
    };
  }
  if (known)
    return {
      id: "issuer",
      label: "Issuer",
      tone: "neutral",
      text: `Known issuer (${known}), but this copy could not be tied to ${who}.`,
    };
  return {
    id: "issuer",
    label: "Issuer",
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

function reason(verified: boolean, checks: Checks, statements: TrustStatement[]): string {
  if (verified) {
    return checks.recipient?.status === "pass"
      ? "the issuer, the contents and the learner are all confirmed."
      : "the issuer and the contents are confirmed.";
  }
  const wrong = PROVEN_WRONG.map((id) => checks[id]).find((c) => c?.status === "fail");
  if (wrong?.message) return `Failed: ${wrong.message.replace(/\.?$/, ".")}`;
  const failed = statements.find((s) => s.tone === "failed");
  if (failed) return failed.text;
  // Issue #13: a credential that doesn't follow the JSON Schema it names is malformed (never Verified).
  if (checks.schema?.status === "fail") {
    return "its contents don't have the structure its own schema requires, so Sash can't rely on them.";
  }
  if (
    checks.recipient?.status !== "pass" &&
    (checks.signature?.status === "pass" || checks.hosted?.status === "pass") &&
    checks.issuer?.status === "pass"
  ) {
    return "Sash could not confirm it was issued to this learner.";
  }
  if (checks.signature?.status !== "pass" && checks.hosted?.status !== "pass") {
    return "Sash could not confirm the contents with the issuer.";
  }
  if (checks.issuer?.status !== "pass") return "Sash could not confirm who issued it.";
  if (checks.recipient?.status !== "pass") return "Sash could not confirm it was issued to this learner.";
  return "not every check could be completed.";
}

/** The summary and three statements for a stored report (jsonb or typed). */
export function presentTrust(report: unknown, facts: TrustFacts = {}, now: Date = new Date()): TrustView {
  const parsed = checksOf(report);
  if (!parsed) {
    return {
      verified: false,
      summary: "Not verified — this credential has not been checked.",
      tone: "neutral",
      statements: [],
      checkedAt: null,
    };
  }
  const { result, checks, checkedAt } = parsed;
  const statements = [
    issuerStatement(checks, facts),
    recipientStatement(checks),
    statusStatement(checks, facts, checkedAt, now),
  ];
  const provenWrong =
    PROVEN_WRONG.some((id) => checks[id]?.status === "fail") || statements.some((s) => s.tone === "failed");
  // A stored `valid` that has since passed its expiry date is no longer valid (the next re-check will say so too).
  const learner = learnerResult({
    result: result as VerificationResult,
    checks: Object.entries(checks).map(([id, c]) => ({
      id: id as VerificationCheck["id"],
      status: c!.status,
      message: c!.message,
    })),
  });
  const verified = learner === "valid" && !statements.some((s) => s.tone === "failed");
  return {
    verified,
    summary: `${verified ? "Verified" : "Not verified"} — ${reason(verified, checks, statements)}`,
    tone: verified ? "ok" : provenWrong ? "failed" : "neutral",
    statements,
    checkedAt,
  };
}

/** For a wallet card: one word and tone (the learner's own list). */
export function trustBadge(report: unknown, now: Date = new Date()): { words: string; tone: TrustTone } {
  const v = presentTrust(report, {}, now);
  if (v.verified) return { words: "Verified", tone: "ok" };
  if (v.tone === "failed") return { words: `Failed: ${v.summary.replace(/^Not verified — /, "")}`, tone: "failed" };
  return { words: "Not verified", tone: "neutral" };
}

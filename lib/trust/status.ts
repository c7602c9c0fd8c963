// The one verified status (issue #19 item 2). Every surface that says whether a
// credential is verified — the wallet card, the credential page, the share page,
// the whole-wallet record page and its share, Verified fit, `sash fit
// --verified-only` — asks this function, with the time it reads at: a badge whose
// expiry date has passed since its last check is failed (expired) now, not at the
// next re-check. Pure; the words are lib/trust/present.ts's.
import type { CheckStatus, VerificationCheck, VerificationResult } from "../badges/verify/types";
import { issuerDomain, type IssuerTier } from "../badges/verify/identity";
import { learnerResult, PROVEN_WRONG, type ProvenWrongCheck } from "./result";

export { PROVEN_WRONG, type ProvenWrongCheck };

/** Verified, not verified (not confirmed: neutral), or failed (proven wrong: red). */
export type VerifiedState = "verified" | "not-verified" | "failed";

/** Why: one stable code per state. */
export type VerifiedReason =
  // verified
  | "CONFIRMED"
  // failed: a check proved it wrong, or its expiry date has passed since
  | "SIGNATURE_FAILED"
  | "HOSTED_COPY_FAILED"
  | "ISSUER_FAILED"
  | "REVOKED"
  | "EXPIRED"
  /** A stored `invalid` result with no report saying which check. */
  | "INVALID"
  // not verified
  | "NOT_CHECKED"
  | "SCHEMA_INVALID"
  | "RECIPIENT_NOT_CONFIRMED"
  | "CONTENT_NOT_CONFIRMED"
  | "ISSUER_NOT_CONFIRMED"
  | "INCOMPLETE";

const FAILED_REASON: Record<ProvenWrongCheck, VerifiedReason> = {
  signature: "SIGNATURE_FAILED",
  hosted: "HOSTED_COPY_FAILED",
  issuer: "ISSUER_FAILED",
  revocation: "REVOKED",
  expiry: "EXPIRED",
};

export interface VerifiedStatus {
  state: VerifiedState;
  /** `state === "verified"`. */
  verified: boolean;
  reason: VerifiedReason;
  /** When a check proved it wrong: that check and the report's own message for it. */
  failedCheck: { id: ProvenWrongCheck; message: string } | null;
  /** When its expiry date had passed at the time asked (reason EXPIRED without a failed check, or with one). */
  expiredOn: Date | null;
  /** When the stored report's checks ran; null without a report. */
  checkedAt: Date | null;
}

/** What is known about a credential's verification: its stored report (untrusted jsonb) and/or stored result column. */
export interface VerifiedEvidence {
  report?: unknown;
  /** The stored result column; used only when there is no report. */
  result?: string | null;
}

/** Facts of the credential itself, evaluated against `now`. */
export interface VerifiedFacts {
  /** The credential's expiry (validUntil / expires), as stored. */
  expires?: Date | null;
}

/**
 * How the recipient counts: "learner" (default: a wallet's credential is verified only when it was
 * issued to one of the learner's verified addresses) or "apart" (the public verifier, /verify and
 * `sash verify`: "Verified" when issuer, contents and standing hold; whom it was issued to is said
 * on its own line, so the verifier is run without emails and the recipient check decides nothing).
 */
export interface StatusOptions {
  recipient?: "learner" | "apart";
}

/** One check as read from a stored report. */
export interface ReadCheck {
  status: CheckStatus;
  message: string;
}
export type ReadChecks = Partial<Record<string, ReadCheck>>;

/**
 * How a report's issuer is identified (issue #20): `registry` (a configured registry lists it:
 * `registeredName` is the confirmed name, `registry` the registry's), `domain` (bound to a
 * website, `domain`) or `key` (key only: its name, `claimedName`, is only its own claim).
 */
export interface IssuerIdentity {
  tier: IssuerTier;
  id: string | null;
  domain: string | null;
  registry: string | null;
  registeredName: string | null;
  claimedName: string | null;
}

const text200 = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);

/**
 * The report's issuer identity (untrusted jsonb), or null when the report names none (the issuer
 * binding didn't pass). A report stored before issue #20 has no `tier`: it is worked out from the
 * registry entry and the issuer id the same way the verifier does now.
 */
export function readIssuerIdentity(report: unknown): IssuerIdentity | null {
  if (!report || typeof report !== "object") return null;
  const issuer = (report as { issuer?: unknown }).issuer;
  if (!issuer || typeof issuer !== "object") return null;
  const i = issuer as Record<string, unknown>;
  const id = text200(i.id);
  const known = i.knownIssuer && typeof i.knownIssuer === "object" ? (i.knownIssuer as Record<string, unknown>) : null;
  const registry = text200(known?.registry);
  const registeredName = text200(known?.name);
  // Before issue #20 a hosted badge's website was only in the issuer check's message.
  const checks = (report as { checks?: unknown }).checks;
  const issuerMessage = Array.isArray(checks)
    ? (checks as Array<{ id?: unknown; message?: unknown } | null>).find((c) => c?.id === "issuer")?.message
    : undefined;
  const hostedOn =
    typeof issuerMessage === "string"
      ? /hosted on the issuer's own website \(([^()\s]+)\)/.exec(issuerMessage)?.[1]
      : undefined;
  const domain = text200(i.domain) ?? issuerDomain(id, hostedOn ? `https://${hostedOn}` : null);
  const stored = i.tier === "registry" || i.tier === "domain" || i.tier === "key" ? i.tier : null;
  const tier: IssuerTier =
    stored === "registry" && registeredName
      ? "registry"
      : stored === "domain" && domain
        ? "domain"
        : stored
          ? "key"
          : registeredName
            ? "registry"
            : domain
              ? "domain"
              : "key";
  return {
    tier,
    id,
    domain: tier === "domain" ? domain : text200(i.domain),
    registry: tier === "registry" ? registry : null,
    registeredName: tier === "registry" ? registeredName : null,
    claimedName: text200(i.claimedName),
  };
}

/**
 * A stored report (jsonb, untrusted) read defensively: its result, checks by id and when they ran.
 * Issue #20: a key-only issuer never confirms the issuer — a passed issuer check of a key-only
 * issuer (a report stored before the tiers) reads as `warn`, and a `valid` result as indeterminate.
 */
export function readReport(
  report: unknown,
): { result: VerificationResult; checks: ReadChecks; checkedAt: Date | null } | null {
  const parsed = readReportAsStored(report);
  if (!parsed) return null;
  const issuerCheck = parsed.checks.issuer;
  if (issuerCheck?.status === "pass" && readIssuerIdentity(report)?.tier === "key") {
    parsed.checks.issuer = { status: "warn", message: issuerCheck.message };
    if (parsed.result === "valid") parsed.result = "indeterminate";
  }
  return parsed;
}

function readReportAsStored(
  report: unknown,
): { result: VerificationResult; checks: ReadChecks; checkedAt: Date | null } | null {
  if (!report || typeof report !== "object") return null;
  const r = report as { result?: unknown; checks?: unknown; checkedAt?: unknown };
  const checks: ReadChecks = {};
  if (Array.isArray(r.checks)) {
    for (const c of r.checks.slice(0, 20) as Array<Partial<VerificationCheck> | null>) {
      if (!c || typeof c !== "object" || typeof c.id !== "string") continue;
      const st = c.status === "pass" || c.status === "fail" || c.status === "warn" ? c.status : "skip";
      checks[c.id] = { status: st, message: typeof c.message === "string" ? c.message.slice(0, 500) : "" };
    }
  }
  const at = typeof r.checkedAt === "string" ? new Date(r.checkedAt) : null;
  const result = r.result === "valid" || r.result === "invalid" ? r.result : "indeterminate";
  return { result, checks, checkedAt: at && !Number.isNaN(at.getTime()) ? at : null };
}

/** The first proven-wrong check that failed (in PROVEN_WRONG order), with its message. */
export function failedProvenWrong(checks: ReadChecks): { id: ProvenWrongCheck; message: string } | null {
  for (const id of PROVEN_WRONG) {
    const c = checks[id];
    if (c?.status === "fail") return { id, message: c.message };
  }
  return null;
}

const validDate = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Why a credential that isn't proven wrong is still not verified. */
export function notVerifiedReason(checks: ReadChecks): VerifiedReason {
  const pass = (id: string) => checks[id]?.status === "pass";
  if (checks.schema?.status === "fail") return "SCHEMA_INVALID";
  if (!pass("recipient") && (pass("signature") || pass("hosted")) && pass("issuer")) return "RECIPIENT_NOT_CONFIRMED";
  if (!pass("signature") && !pass("hosted")) return "CONTENT_NOT_CONFIRMED";
  if (!pass("issuer")) return "ISSUER_NOT_CONFIRMED";
  if (!pass("recipient")) return "RECIPIENT_NOT_CONFIRMED";
  return "INCOMPLETE";
}

/**
 * The status of one credential at `now`: from its stored report when there is one (else its
 * stored result), failed when a proven-wrong check failed or its expiry date has passed by `now`,
 * verified only when the learner-level result is `valid` and nothing failed.
 */
export function verifiedStatus(
  evidence: VerifiedEvidence,
  facts: VerifiedFacts = {},
  now: Date = new Date(),
  options: StatusOptions = {},
): VerifiedStatus {
  const expiredOn = validDate(facts.expires) && facts.expires.getTime() < now.getTime() ? facts.expires : null;
  const parsed = readReport(evidence.report);
  if (!parsed) {
    const stored = evidence.result;
    const base = { failedCheck: null, expiredOn, checkedAt: null };
    if (stored !== "valid" && stored !== "invalid" && stored !== "indeterminate") {
      return { ...base, state: "not-verified", verified: false, reason: "NOT_CHECKED" };
    }
    if (expiredOn) return { ...base, state: "failed", verified: false, reason: "EXPIRED" };
    if (stored === "valid") return { ...base, state: "verified", verified: true, reason: "CONFIRMED" };
    if (stored === "invalid") return { ...base, state: "failed", verified: false, reason: "INVALID" };
    return { ...base, state: "not-verified", verified: false, reason: "INCOMPLETE" };
  }
  const { checkedAt } = parsed;
  const checks: ReadChecks =
    options.recipient === "apart" && parsed.checks.recipient?.status !== "fail"
      ? { ...parsed.checks, recipient: { status: "pass", message: "" } }
      : parsed.checks;
  const failedCheck = failedProvenWrong(checks);
  if (failedCheck) {
    return {
      state: "failed",
      verified: false,
      reason: FAILED_REASON[failedCheck.id],
      failedCheck,
      expiredOn,
      checkedAt,
    };
  }
  if (expiredOn)
    return { state: "failed", verified: false, reason: "EXPIRED", failedCheck: null, expiredOn, checkedAt };
  const learner = learnerResult({
    result: parsed.result,
    checks: Object.entries(checks).map(([id, c]) => ({
      id: id as VerificationCheck["id"],
      status: c!.status,
      message: c!.message,
    })),
  });
  if (learner === "valid") {
    return { state: "verified", verified: true, reason: "CONFIRMED", failedCheck: null, expiredOn: null, checkedAt };
  }
  return {
    state: "not-verified",
    verified: false,
    reason: notVerifiedReason(checks),
    failedCheck: null,
    expiredOn: null,
    checkedAt,
  };
}

/** A credential's or learner record's stored columns, as db/queries returns them (raw: nothing decided in SQL). */
export interface StoredVerification {
  /** The stored report (jsonb). */
  verification: unknown;
  /** The stored result column. */
  verificationResult: string | null;
  expires: Date | null;
}

/** verifiedStatus over a stored row: its report (else its result column) and its expiry date at `now`. */
export function storedStatus(row: StoredVerification, now: Date = new Date()): VerifiedStatus {
  return verifiedStatus({ report: row.verification, result: row.verificationResult }, { expires: row.expires }, now);
}

/** A stored row with its status at `now` (what the wallet's cards and a learner record's page show). */
export function withStatus<T extends StoredVerification>(row: T, now: Date): T & { status: VerifiedStatus } {
  return { ...row, status: storedStatus(row, now) };
}

// The result Sash stores and shows for a credential in a learner's wallet
// (issue #11): "valid" means the issuer, the content AND the learner are
// confirmed. The verifier's own result (lib/badges/verify, also `sash verify`)
// confirms issuer and content; here a recipient that isn't matched to one of the
// learner's verified addresses keeps it from being "valid", and a recipient
// mismatch alone is "not confirmed" (indeterminate), never "invalid" — invalid
// is kept for what is proven wrong (tampered, revoked, expired, wrong issuer key).
import type { VerificationReport, VerificationResult } from "../badges/verify/types";

/**
 * Checks whose failure proves something wrong with the credential itself (tampered, revoked,
 * expired, another's key). The one list: lib/trust/status.ts and lib/trust/present.ts read it here.
 */
export const PROVEN_WRONG = ["signature", "hosted", "issuer", "revocation", "expiry"] as const;
export type ProvenWrongCheck = (typeof PROVEN_WRONG)[number];
const PROVEN_WRONG_IDS: ReadonlySet<string> = new Set(PROVEN_WRONG);

export function learnerResult(report: Pick<VerificationReport, "result" | "checks">): VerificationResult {
  if (report.checks.some((c) => c.status === "fail" && PROVEN_WRONG_IDS.has(c.id))) return "invalid";
  if (report.result === "invalid") {
    // Failed only on checks outside the proven-wrong set (the recipient, the schema): not confirmed.
    return report.checks.some((c) => c.status === "fail" && c.id !== "recipient" && c.id !== "schema")
      ? "invalid"
      : "indeterminate";
  }
  if (report.result !== "valid") return report.result;
  return report.checks.some((c) => c.id === "recipient" && c.status === "pass") ? "valid" : "indeterminate";
}

/** The report with its result replaced by the learner-level result. */
export function forLearner(report: VerificationReport): VerificationReport {
  const result = learnerResult(report);
  return result === report.result ? report : { ...report, result };
}

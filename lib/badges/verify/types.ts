// The verification report (issue #4): a list of named checks, each with a
// status and a reason a learner or employer can read, plus one overall result.

export type CheckId = "signature" | "hosted" | "recipient" | "expiry" | "revocation" | "issuer";
export type CheckStatus = "pass" | "fail" | "warn" | "skip";
export type VerificationResult = "valid" | "invalid" | "indeterminate";

export interface VerificationCheck {
  id: CheckId;
  status: CheckStatus;
  message: string;
}

export interface VerificationReport {
  result: VerificationResult;
  checks: VerificationCheck[];
  /** ISO 8601 time the checks ran. */
  checkedAt: string;
}

export const CHECK_ORDER: readonly CheckId[] = ["signature", "hosted", "recipient", "expiry", "revocation", "issuer"];

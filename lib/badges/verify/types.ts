// The verification report (issue #4): a list of named checks, each with a
// status and a reason a learner or employer can read, plus one overall result.

import type { IssuerTier } from "./identity";
import type { KnownIssuer } from "./registries";

export type CheckId = "signature" | "hosted" | "recipient" | "expiry" | "revocation" | "issuer" | "schema";
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
  /**
   * Set when the key or host was bound to the issuer id (issue #11): that id, the known-issuer
   * registry entry listing it (null when not listed), and how the issuer is identified
   * (issue #20): `registry` (listed: the registry's name is the confirmed one), `domain` (an
   * https origin or did:web host, in `domain`) or `key` (key only: the issuer check is `warn`,
   * never valid). `claimedName` is the name the credential gives its issuer (its own claim).
   */
  issuer?: {
    id: string | null;
    knownIssuer: KnownIssuer | null;
    tier: IssuerTier;
    domain: string | null;
    claimedName: string | null;
  };
  /** One entry per endorsement found on the credential (lib/badges/verify/endorsements.ts); never changes `result`. */
  endorsements?: EndorsementCheck[];
  /**
   * CLR 2.0 only: one entry per nested credential, in document order, each verified on its
   * own against its own issuer (clr.ts); `result` is valid only when all of them and the
   * record's own proof are.
   */
  credentials?: Array<{
    id: string | null;
    title: string | null;
    result: VerificationResult;
    checks: VerificationCheck[];
  }>;
}

/**
 * The outcome of one endorsement of the credential (issue #13 item 3), `index` into
 * ParsedCredential.endorsements. Reported beside the checks and never part of `result`.
 */
export interface EndorsementCheck {
  index: number;
  /** verified: signed (or hosted) by the endorser; failed: proven wrong (tampered, expired, revoked, another's key); unverified: couldn't be confirmed. */
  status: "verified" | "failed" | "unverified";
  message: string;
}

export const CHECK_ORDER: readonly CheckId[] = [
  "signature",
  "hosted",
  "recipient",
  "expiry",
  "revocation",
  "issuer",
  "schema",
];

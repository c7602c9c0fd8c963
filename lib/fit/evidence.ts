// How much weight an employer can give a credential behind a matched skill.

export type EvidenceStatus = "verified" | "self-asserted" | "manual";

/** Verified (its checks passed), self-asserted (imported, not verified) or manual (typed in by the learner). */
export function evidenceStatus(origin: string, verificationResult: string | null): EvidenceStatus {
  if (origin === "manual") return "manual";
  return verificationResult === "valid" ? "verified" : "self-asserted";
}

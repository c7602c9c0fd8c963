// How much weight an employer can give a credential behind a matched skill.

export type EvidenceStatus = "verified" | "self-asserted" | "manual";

/** Verified (its checks passed), self-asserted (imported, not verified) or manual (typed in by the learner). */
export function evidenceStatus(origin: string, verificationResult: string | null): EvidenceStatus {
  if (origin === "manual") return "manual";
  return verificationResult === "valid" ? "verified" : "self-asserted";
}

/** A wallet credential as fit sees it: what it is, how it was checked, which skills it carries. */
export interface CredentialSkillsEvidence {
  id: string;
  title: string;
  status: EvidenceStatus;
  skillKeys: readonly string[];
}

/** The learner's skills for the two scores: all of them, and those backed by at least one verified credential. */
export interface LearnerSkillSets {
  /** Opportunity Fit counts these: every skill in the wallet. */
  all: string[];
  /** Verified fit counts only these: skills carried by a credential whose verification is `valid`. */
  verified: string[];
}

export function learnerSkillSets(credentials: readonly CredentialSkillsEvidence[]): LearnerSkillSets {
  const all = new Set<string>();
  const verified = new Set<string>();
  for (const c of credentials)
    for (const k of c.skillKeys) {
      all.add(k);
      if (c.status === "verified") verified.add(k);
    }
  return { all: [...all], verified: [...verified] };
}

export interface SkillEvidence {
  /** The credentials that carry the skill, verified ones first. */
  credentials: Array<{ credentialId: string; title: string; status: EvidenceStatus }>;
  /** At least one of them is verified: the skill counts toward Verified fit. */
  verified: boolean;
}

const STATUS_ORDER: Record<EvidenceStatus, number> = { verified: 0, "self-asserted": 1, manual: 2 };

/** Which of the learner's credentials back one skill, and whether that makes it verified. */
export function skillEvidence(key: string, credentials: readonly CredentialSkillsEvidence[]): SkillEvidence {
  const backing = credentials
    .filter((c) => c.skillKeys.includes(key))
    .map((c) => ({ credentialId: c.id, title: c.title, status: c.status }))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { credentials: backing, verified: backing.some((c) => c.status === "verified") };
}

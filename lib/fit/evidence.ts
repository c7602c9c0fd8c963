// How much weight an employer can give a credential behind a matched skill.
import { storedStatus, type StoredVerification } from "../trust/status";

export type EvidenceStatus = "verified" | "self-asserted" | "manual";

/**
 * Verified (lib/trust/status.ts says so at `now`: a badge whose expiry date has passed since its
 * last check is not), self-asserted (imported, not verified) or manual (typed in by the learner).
 */
export function evidenceStatus(c: { origin: string } & StoredVerification, now: Date): EvidenceStatus {
  if (c.origin === "manual") return "manual";
  return storedStatus(c, now).verified ? "verified" : "self-asserted";
}

/** A wallet credential as fit sees it: what it is, how it was checked, which skills it carries. */
export interface CredentialSkillsEvidence {
  id: string;
  title: string;
  status: EvidenceStatus;
  skillKeys: readonly string[];
  /**
   * The keys the badge itself carries (its issuer's skills). A skill the learner added to a verified
   * credential is theirs, not the issuer's: it is self-asserted. Absent: every key is the badge's.
   */
  badgeKeys?: readonly string[];
}

/** How well one credential backs one of its skills: verified only when the issuer's signed badge names it. */
export function statusFor(c: CredentialSkillsEvidence, key: string): EvidenceStatus {
  if (c.status === "verified" && c.badgeKeys && !c.badgeKeys.includes(key)) return "self-asserted";
  return c.status;
}

/** The learner's skills for the two scores: all of them, and those backed by at least one verified credential. */
export interface LearnerSkillSets {
  /** Opportunity Fit counts these: every skill in the wallet. */
  all: string[];
  /** Verified fit counts only these: skills carried by a credential lib/trust/status.ts calls verified. */
  verified: string[];
}

export function learnerSkillSets(credentials: readonly CredentialSkillsEvidence[]): LearnerSkillSets {
  const all = new Set<string>();
  const verified = new Set<string>();
  for (const c of credentials)
    for (const k of c.skillKeys) {
      all.add(k);
      if (statusFor(c, k) === "verified") verified.add(k);
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
    .map((c) => ({ credentialId: c.id, title: c.title, status: statusFor(c, key) }))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { credentials: backing, verified: backing.some((c) => c.status === "verified") };
}

// One job with the learner's Opportunity Fit, the credentials behind each
// matched skill, and the courses that close the gap (issue #8).
import type { Db } from "@/db/client";
import { coursesTeaching, getJob, listJobSkills, type CatalogueOffering, type JobRow } from "@/db/queries/jobs/detail";
import { learnerCredentialRows } from "@/db/queries/jobs/learner";
import type { JobSkillRef } from "@/db/queries/jobs/search";
import {
  credentialContributions,
  opportunityFit,
  rankRecommendations,
  skillFacts,
  type Contribution,
  type JobSkill,
  type Recommendation,
  type SkillOffering,
} from "@/lib/fit";
import { evidenceStatus, learnerSkillSets, skillEvidence, type EvidenceStatus } from "@/lib/fit/evidence";
import { getSkillIndex } from "@/server/skills/skill-index";
import { badgeKeysOf } from "./search";

export type { CatalogueOffering } from "@/db/queries/jobs/detail";
export type { EvidenceStatus } from "@/lib/fit/evidence";

export interface LearnerCredentialSkills extends SkillOffering {
  status: EvidenceStatus;
  /** The skills the badge itself names (the issuer's); others on a verified credential are self-asserted. */
  badgeKeys: string[];
  skillNames: Record<string, string>;
}

export interface MatchedSkill extends JobSkillRef {
  required: boolean;
  /** The learner's credentials that carry this skill, verified ones first. */
  evidence: Array<{ credentialId: string; title: string; status: EvidenceStatus }>;
  /** At least one of them is verified: the skill counts toward Verified fit. */
  verified: boolean;
}

export interface JobDetail {
  job: JobRow;
  /** Opportunity Fit: from every skill in the wallet. */
  fit: number;
  /** Verified fit: only skills backed by a credential verified now (lib/trust/status.ts). */
  verifiedFit: number;
  /** How many counted skills the verified credentials cover. */
  verifiedCount: number;
  requiredCount: number;
  /** True when the posting marks no skill required, so all listed skills count. */
  allSkillsCount: boolean;
  matched: MatchedSkill[];
  missing: Array<JobSkillRef & { required: boolean }>;
  /** Preferred skills of a job that also has required ones (they never change the score). */
  preferred: Array<JobSkillRef & { held: boolean }>;
  /** Courses and credentials that teach missing skills, best first. */
  recommendations: Array<Recommendation<CatalogueOffering>>;
  /** The learner's own credentials that already count toward this job. */
  contributions: Array<Contribution<LearnerCredentialSkills>>;
}

/** Each of the learner's credentials with the skill keys it carries and how much an employer can trust it. */
export async function learnerCredentialSkills(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<LearnerCredentialSkills[]> {
  const rows = await learnerCredentialRows(db, userId);
  const index = rows.some((r) => r.badgeSkills.length) ? await getSkillIndex(db) : null;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: evidenceStatus(r, now),
    skillKeys: r.skillKeys,
    badgeKeys: index ? badgeKeysOf(r, index) : [],
    skillNames: r.skillNames,
  }));
}

export async function getJobDetail(
  db: Db,
  jobId: string,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<JobDetail | null> {
  const job = await getJob(db, jobId);
  if (!job) return null;
  const listed = await listJobSkills(db, jobId);
  return { job, ...(await postingFitDetail(db, listed, who)) };
}

/** Everything the job page shows about fit, for any posting's skills (the catalogue's, or a pasted one on /jobs/check). */
export type PostingFitDetail = Omit<JobDetail, "job">;

/**
 * Opportunity Fit, evidence per matched skill and close-the-gap for a list of posting skills.
 * Shared by getJobDetail and /jobs/check (server/jobs/check.ts), so both score and suggest alike.
 */
export async function postingFitDetail(
  db: Db,
  listed: ReadonlyArray<{ key: string; name: string; required: boolean }>,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<PostingFitDetail> {
  const creds = who.userId ? await learnerCredentialSkills(db, who.userId) : [];
  const held = new Set(who.skillKeys ?? creds.flatMap((c) => c.skillKeys));
  const jobSkillList: JobSkill[] = listed.map((s) => ({ key: s.key, name: s.name, required: s.required }));
  const fit = opportunityFit(held, jobSkillList);
  // Typed-in skill keys (CLI, tests) are self-asserted: only wallet credentials can be verified.
  const vfit = opportunityFit(who.skillKeys ? [] : learnerSkillSets(creds).verified, jobSkillList);

  const matched: MatchedSkill[] = fit.matched.map((s) => {
    const e = skillEvidence(s.key, creds);
    return { key: s.key, name: s.name, required: s.required, evidence: e.credentials, verified: e.verified };
  });
  const countedKeys = new Set(fit.matched.concat(fit.missing).map((s) => s.key));
  const preferred = listed
    .filter((s) => !countedKeys.has(s.key))
    .map((s) => ({ key: s.key, name: s.name, held: held.has(s.key) }));
  const offerings = await coursesTeaching(
    db,
    fit.missing.map((s) => s.key),
  );

  return {
    fit: fit.fit,
    verifiedFit: vfit.fit,
    verifiedCount: vfit.matched.length,
    requiredCount: fit.denominator,
    allSkillsCount: fit.allSkillsCount,
    matched,
    missing: fit.missing.map((s) => ({ key: s.key, name: s.name, required: s.required })),
    preferred,
    recommendations: rankRecommendations(held, jobSkillList, offerings, 8, skillFacts(await getSkillIndex(db))),
    contributions: credentialContributions(jobSkillList, creds),
  };
}

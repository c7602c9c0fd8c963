// One job with the learner's fit, evidence, and the courses that close the gap.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../client";
import { courseSkills, courses, jobSkills, jobs } from "../../schema";
import {
  credentialContributions,
  opportunityFit,
  rankRecommendations,
  type Contribution,
  type JobSkill,
  type Recommendation,
  type SkillOffering,
} from "@/lib/fit";
import { isUuid } from "../sql";
import { learnerCredentialSkills, type EvidenceStatus, type LearnerCredentialSkills } from "./learner";
import type { JobSkillRef } from "./search";

// ---- one job -----------------------------------------------------------------------

export interface MatchedSkill extends JobSkillRef {
  required: boolean;
  /** The learner's credentials that carry this skill. */
  evidence: Array<{ credentialId: string; title: string; status: EvidenceStatus }>;
}

export interface CatalogueOffering extends SkillOffering {
  provider: string;
  kind: string;
  length: string;
  cost: string;
  url: string | null;
}

export interface JobDetail {
  job: {
    id: string;
    title: string;
    employer: string;
    location: string;
    remote: boolean;
    description: string;
    postedAt: Date | null;
    url: string | null;
    source: string;
  };
  fit: number;
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

export async function getJobDetail(
  db: Db,
  jobId: string,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<JobDetail | null> {
  if (!isUuid(jobId)) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  const listed = await db
    .select({ key: jobSkills.skillKey, name: jobSkills.name, required: jobSkills.required, counts: jobSkills.counts })
    .from(jobSkills)
    .where(eq(jobSkills.jobId, jobId))
    .orderBy(asc(jobSkills.name));

  const creds = who.userId ? await learnerCredentialSkills(db, who.userId) : [];
  const held = new Set(who.skillKeys ?? creds.flatMap((c) => c.skillKeys));
  const jobSkillList: JobSkill[] = listed.map((s) => ({ key: s.key, name: s.name, required: s.required }));
  const fit = opportunityFit(held, jobSkillList);

  const matched: MatchedSkill[] = fit.matched.map((s) => ({
    key: s.key,
    name: s.name,
    required: s.required,
    evidence: creds
      .filter((c) => c.skillKeys.includes(s.key))
      .map((c) => ({ credentialId: c.id, title: c.title, status: c.status })),
  }));
  const countedKeys = new Set(fit.matched.concat(fit.missing).map((s) => s.key));
  const preferred = listed.filter((s) => !countedKeys.has(s.key)).map((s) => ({ key: s.key, name: s.name, held: held.has(s.key) }));

  const missingKeys = fit.missing.map((s) => s.key);
  let offerings: CatalogueOffering[] = [];
  if (missingKeys.length) {
    const hits = await db
      .selectDistinct({ id: courseSkills.courseId })
      .from(courseSkills)
      .where(inArray(courseSkills.skillKey, missingKeys));
    const ids = hits.map((h) => h.id);
    if (ids.length) {
      const [rows, skillRows] = await Promise.all([
        db.select().from(courses).where(inArray(courses.id, ids)),
        db.select({ id: courseSkills.courseId, key: courseSkills.skillKey }).from(courseSkills).where(inArray(courseSkills.courseId, ids)),
      ]);
      offerings = rows.map((c) => ({
        id: c.id,
        title: c.title,
        provider: c.provider,
        kind: c.kind,
        length: c.length,
        cost: c.cost,
        url: c.url,
        skillKeys: skillRows.filter((s) => s.id === c.id).map((s) => s.key),
      }));
    }
  }

  return {
    job: {
      id: job.id,
      title: job.title,
      employer: job.employer,
      location: job.location,
      remote: job.remote,
      description: job.description,
      postedAt: job.postedAt,
      url: job.url,
      source: job.source,
    },
    fit: fit.fit,
    requiredCount: fit.denominator,
    allSkillsCount: fit.allSkillsCount,
    matched,
    missing: fit.missing.map((s) => ({ key: s.key, name: s.name, required: s.required })),
    preferred,
    recommendations: rankRecommendations(held, jobSkillList, offerings, 8),
    contributions: credentialContributions(jobSkillList, creds),
  };
}

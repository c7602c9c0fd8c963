// One job as its page shows it: the posting, its listed skills, and the
// catalogue courses that teach some of a set of skills.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../client";
import { courseSkills, courses, jobSkills, jobs } from "../../schema";
import type { SkillOffering } from "@/lib/fit";
import type { JobListingFields } from "@/lib/jobs/types";
import { isUuid } from "../sql";

export interface JobRow extends JobListingFields {
  id: string;
  description: string;
  source: string;
}

export interface ListedJobSkill {
  key: string;
  name: string;
  required: boolean;
  counts: boolean;
}

export interface CatalogueOffering extends SkillOffering {
  provider: string;
  kind: string;
  length: string;
  cost: string;
  url: string | null;
}

/** The posting, or null (unknown or malformed id). */
export async function getJob(db: Db, jobId: string): Promise<JobRow | null> {
  if (!isUuid(jobId)) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  return {
    id: job.id,
    title: job.title,
    employer: job.employer,
    location: job.location,
    remote: job.remote,
    description: job.description,
    postedAt: job.postedAt,
    url: job.url,
    source: job.source,
  };
}

/** Every skill the posting lists, by name. */
export async function listJobSkills(db: Db, jobId: string): Promise<ListedJobSkill[]> {
  return db
    .select({ key: jobSkills.skillKey, name: jobSkills.name, required: jobSkills.required, counts: jobSkills.counts })
    .from(jobSkills)
    .where(eq(jobSkills.jobId, jobId))
    .orderBy(asc(jobSkills.name));
}

/** The courses and credentials that teach at least one of `skillKeys`, each with every key it teaches. */
export async function coursesTeaching(db: Db, skillKeys: readonly string[]): Promise<CatalogueOffering[]> {
  if (!skillKeys.length) return [];
  const hits = await db
    .selectDistinct({ id: courseSkills.courseId })
    .from(courseSkills)
    .where(inArray(courseSkills.skillKey, [...skillKeys]));
  const ids = hits.map((h) => h.id);
  if (!ids.length) return [];
  const [rows, skillRows] = await Promise.all([
    db.select().from(courses).where(inArray(courses.id, ids)),
    db
      .select({ id: courseSkills.courseId, key: courseSkills.skillKey })
      .from(courseSkills)
      .where(inArray(courseSkills.courseId, ids)),
  ]);
  return rows.map((c) => ({
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

// Job postings in: insert or update by (source, sourceKey), replacing their
// skills. The caller (server/jobs/catalogue.ts) has resolved skill names to keys.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { jobSkills, jobs, skills } from "../../schema";
import type { JobPostingInput } from "@/lib/jobs/types";

/** The library skill ids present in this database (skill_id is a foreign key; the key alone still matches). */
async function existingSkillIds(db: Pick<Db, "select">, ids: ReadonlyArray<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Set();
  const rows = await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, wanted));
  return new Set(rows.map((r) => r.id));
}

export interface PostingSkillRow {
  skillKey: string;
  name: string;
  skillId: string | null;
  required: boolean;
  /** Counts toward fit (required, or every skill when none is required). */
  counts: boolean;
}

/** A posting ready to store: its columns, search text, fit denominator and resolved skills. */
export interface PostingRow extends Omit<JobPostingInput, "skills"> {
  searchText: string;
  fitDenominator: number;
  skills: PostingSkillRow[];
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates one batch of postings by (source, sourceKey) in one
 * transaction, replacing their skills. Postings must have unique (source, sourceKey).
 */
export async function upsertPostingRows(db: Db, batch: readonly PostingRow[]): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: 0, updated: 0 };
  if (!batch.length) return summary;
  await db.transaction(async (tx) => {
    const returned = await tx
      .insert(jobs)
      .values(
        batch.map((p) => ({
          source: p.source,
          sourceKey: p.sourceKey,
          title: p.title,
          employer: p.employer,
          location: p.location,
          remote: p.remote,
          description: p.description,
          postedAt: p.postedAt,
          url: p.url,
          fitDenominator: p.fitDenominator,
          searchText: p.searchText,
        })),
      )
      .onConflictDoUpdate({
        target: [jobs.source, jobs.sourceKey],
        set: {
          title: sql`excluded.title`,
          employer: sql`excluded.employer`,
          location: sql`excluded.location`,
          remote: sql`excluded.remote`,
          description: sql`excluded.description`,
          postedAt: sql`excluded.posted_at`,
          url: sql`excluded.url`,
          fitDenominator: sql`excluded.fit_denominator`,
          searchText: sql`excluded.search_text`,
        },
      })
      .returning({ id: jobs.id, source: jobs.source, sourceKey: jobs.sourceKey, inserted: sql<boolean>`(xmax = 0)` });
    const idOf = new Map(returned.map((r) => [`${r.source}\u0000${r.sourceKey}`, r.id]));
    for (const r of returned)
      if (r.inserted) summary.inserted++;
      else summary.updated++;
    const ids = returned.map((r) => r.id);
    await tx.delete(jobSkills).where(inArray(jobSkills.jobId, ids));
    const known = await existingSkillIds(
      tx,
      batch.flatMap((p) => p.skills.map((s) => s.skillId)),
    );
    const skillValues = batch.flatMap((p) => {
      const jobId = idOf.get(`${p.source}\u0000${p.sourceKey}`)!;
      return p.skills.map((s) => ({
        jobId,
        fitDenominator: p.fitDenominator,
        name: s.name,
        skillId: s.skillId && known.has(s.skillId) ? s.skillId : null,
        skillKey: s.skillKey,
        required: s.required,
        counts: s.counts,
      }));
    });
    for (let k = 0; k < skillValues.length; k += 2000)
      await tx.insert(jobSkills).values(skillValues.slice(k, k + 2000));
  });
  return summary;
}

/** Deletes the postings of `source` whose key is not in `keep` (with their skills). */
export async function deletePostingsExcept(db: Db, source: string, keep: readonly string[]): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.source, source), notInArray(jobs.sourceKey, [...keep])));
}

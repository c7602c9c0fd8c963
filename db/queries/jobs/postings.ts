// Job postings in: insert or update by (source, sourceKey), skills resolved to keys.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { jobSkills, jobs, skills } from "../../schema";
import { resolveSkill } from "@/lib/fit";
import type { JobPostingInput } from "@/lib/jobs/types";
import { getSkillIndex } from "../skills";

// ---- writes: postings, courses, pathways ---------------------------------------------

/** Lower-cased title, employer, description and skill names: what the keyword search reads. */
export function postingSearchText(p: Pick<JobPostingInput, "title" | "employer" | "description" | "skills">): string {
  return [p.title, p.employer, p.description, p.skills.map((s) => s.name).join(" ")].join(" \n").toLowerCase();
}

/** The library skill ids present in this database (skill_id is a foreign key; the key alone still matches). */
async function existingSkillIds(db: Pick<Db, "select">, ids: ReadonlyArray<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Set();
  const rows = await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, wanted));
  return new Set(rows.map((r) => r.id));
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates postings by (source, sourceKey), replacing their skills.
 * Skill names are matched to library keys here, so a posting's "MS Excel" and a
 * badge's "Microsoft Excel" meet. Postings must have unique (source, sourceKey).
 */
export async function upsertJobPostings(db: Db, postings: readonly JobPostingInput[], batchSize = 250): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: 0, updated: 0 };
  // Library and imported taxonomies (ESCO, O*NET, Lightcast) alike.
  const index = await getSkillIndex(db);
  for (let i = 0; i < postings.length; i += batchSize) {
    const batch = postings.slice(i, i + batchSize);
    const prepared = batch.map((p) => {
      const byKey = new Map<string, { name: string; skillId: string | null; required: boolean }>();
      for (const s of p.skills) {
        const r = resolveSkill(s.name, index);
        const prev = byKey.get(r.key);
        if (!prev) byKey.set(r.key, { name: r.skillId ? r.label : s.name, skillId: r.skillId, required: s.required });
        else if (s.required) prev.required = true;
      }
      const anyRequired = [...byKey.values()].some((s) => s.required);
      const skillRows = [...byKey.entries()].map(([key, s]) => ({ ...s, skillKey: key, counts: anyRequired ? s.required : true }));
      return { p, skillRows, denominator: skillRows.filter((s) => s.counts).length };
    });
    await db.transaction(async (tx) => {
      const returned = await tx
        .insert(jobs)
        .values(
          prepared.map(({ p, denominator }) => ({
            source: p.source,
            sourceKey: p.sourceKey,
            title: p.title,
            employer: p.employer,
            location: p.location,
            remote: p.remote,
            description: p.description,
            postedAt: p.postedAt,
            url: p.url,
            fitDenominator: denominator,
            searchText: postingSearchText(p),
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
      for (const r of returned) if (r.inserted) summary.inserted++;
      else summary.updated++;
      const ids = returned.map((r) => r.id);
      await tx.delete(jobSkills).where(inArray(jobSkills.jobId, ids));
      const denominatorOf = new Map(prepared.map(({ p, denominator }) => [idOf.get(`${p.source}\u0000${p.sourceKey}`)!, denominator]));
      const known = await existingSkillIds(tx, prepared.flatMap((x) => x.skillRows.map((s) => s.skillId)));
      const skillValues = prepared.flatMap(({ p, skillRows }) => {
        const jobId = idOf.get(`${p.source}\u0000${p.sourceKey}`)!;
        return skillRows.map((s) => ({
          jobId,
          fitDenominator: denominatorOf.get(jobId) ?? 0,
          name: s.name,
          skillId: s.skillId && known.has(s.skillId) ? s.skillId : null,
          skillKey: s.skillKey,
          required: s.required,
          counts: s.counts,
        }));
      });
      for (let k = 0; k < skillValues.length; k += 2000) await tx.insert(jobSkills).values(skillValues.slice(k, k + 2000));
    });
  }
  return summary;
}

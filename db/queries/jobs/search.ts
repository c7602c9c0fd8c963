// The /jobs search query (issue #8): one page of postings ranked by Opportunity
// Fit or date, with keyword, location and remote filters. server/jobs/search.ts
// turns the rows into the page (the CLI's `sash fit` and /jobs both go through it).
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { JobListingFields } from "@/lib/jobs/types";
import type { Db } from "../../client";
import { jobSkills } from "../../schema";
import { escapeLike, inList, rowsOf, toDate } from "../sql";

export interface JobSkillRef {
  key: string;
  name: string;
}

export interface JobPageQuery {
  /** The learner's distinct skill keys (empty: every job has fit 0). */
  keys: readonly string[];
  /** A to_tsquery('simple') expression over the posting's search text, or null. */
  tsQuery: string | null;
  location?: string | null;
  remote?: boolean;
  sort: "fit" | "date";
  offset: number;
  pageSize: number;
}

export interface JobPageRow extends JobListingFields {
  id: string;
  fitDenominator: number;
  /** The skills that count toward fit, as stored. */
  counted: JobSkillRef[];
}

interface RawJobRow {
  id: string;
  title: string;
  employer: string;
  location: string;
  remote: boolean;
  posted_at: unknown;
  url: string | null;
  fit_denominator: number;
}

const jobColumns = sql`j.id, j.title, j.employer, j.location, j.remote, j.posted_at, j.url, j.fit_denominator`;

/**
 * One page of jobs ranked by Opportunity Fit (sort "fit" with keys) or date,
 * with `hasNext`. Fit is computed in SQL from the learner's keys:
 *
 *   matched(job) = count of job_skills rows with counts and skill_key ∈ learner keys
 *   fit          = floor((200 · matched + d) / (2 · d)), d = jobs.fit_denominator
 *
 * — the same half-up rounding as `fitPercent` in lib/fit. Sorting by fit reads only
 * jobs that share a skill with the learner (via job_skills_counted_idx); jobs with
 * fit 0 follow, newest first, read in date order from jobs_posted_idx.
 */
export async function searchJobPage(db: Db, q: JobPageQuery): Promise<{ rows: JobPageRow[]; hasNext: boolean }> {
  const { keys, offset, pageSize } = q;
  const filters: SQL[] = [];
  const tsq = q.tsQuery;
  if (tsq) filters.push(sql`to_tsvector('simple', j.search_text) @@ to_tsquery('simple', ${tsq})`);
  const loc = q.location?.trim();
  if (loc) filters.push(sql`j.location ilike ${"%" + escapeLike(loc) + "%"}`);
  if (q.remote) filters.push(sql`j.remote`);
  const where = (extra: SQL[] = []) => {
    const all = [...filters, ...extra];
    return all.length ? sql`where ${sql.join(all, sql` and `)}` : sql``;
  };

  // Ranking reads narrow rows (id, matched); the page's columns are fetched afterwards by id.
  let ranked: Array<{ id: string }> = [];
  if (q.sort === "fit" && keys.length) {
    // MATERIALIZED: aggregate once. Left inline, PostgreSQL may plan a parallel hash join in which
    // every worker recomputes the whole aggregate (measured slower on 2 cores; docs/benchmarks.md § fit).
    // job_skills carries the job's fit_denominator, so fit comes from the index alone.
    // With filters, only the postings that pass them are aggregated (a semi-join on the filtered ids;
    // ~40% faster for a keyword at 100k on PostgreSQL than filtering after the aggregate).
    const onlyFiltered = filters.length ? sql`and job_id in (select j.id from jobs j ${where()})` : sql``;
    const matchedCte = sql`with m as materialized (
      select job_id, coalesce((200 * count(*)::int + fit_denominator) / nullif(2 * fit_denominator, 0), 0) as fit
      from job_skills
      where counts and skill_key in (${inList(keys)}) ${onlyFiltered}
      group by job_id, fit_denominator)`;
    // Without filters, only jobs at or above the fit of the last row wanted can be on this page,
    // so the join to jobs (for the date tie-break) reads a few rows instead of every sharing posting.
    const cut = filters.length
      ? sql``
      : sql`where m.fit >= coalesce((select fit from m order by fit desc limit 1 offset ${offset + pageSize}), 0)`;
    const a = rowsOf<{ id: string; fit: number }>(
      await db.execute(sql`${matchedCte}
        select j.id, m.fit from (select * from m ${cut}) m join jobs j on j.id = m.job_id
        order by m.fit desc, j.posted_at desc nulls last, j.id
        limit ${pageSize + 1} offset ${offset}`),
    );
    ranked = a;
    if (a.length <= pageSize) {
      // The page runs past the jobs that share a skill: continue with the rest, newest first.
      let countA = offset + a.length;
      if (a.length === 0 && offset > 0) {
        const c = rowsOf<{ n: number | string }>(await db.execute(sql`${matchedCte} select count(*)::int as n from m`));
        countA = Number(c[0]?.n ?? 0);
      }
      const bOffset = Math.max(0, offset - countA);
      const bLimit = pageSize - a.length + 1;
      const b = rowsOf<{ id: string }>(
        await db.execute(sql`select j.id from jobs j
          ${where([sql`not exists (select 1 from job_skills js where js.job_id = j.id and js.counts and js.skill_key in (${inList(keys)}))`])}
          order by j.posted_at desc nulls last, j.id
          limit ${bLimit} offset ${bOffset}`),
      );
      ranked = [...a, ...b];
    }
  } else {
    ranked = rowsOf<{ id: string }>(
      await db.execute(sql`select j.id from jobs j ${where()}
        order by j.posted_at desc nulls last, j.id limit ${pageSize + 1} offset ${offset}`),
    );
  }
  const hasNext = ranked.length > pageSize;
  ranked = ranked.slice(0, pageSize);
  const pageRows = ranked.length
    ? rowsOf<RawJobRow>(
        await db.execute(sql`select ${jobColumns} from jobs j where j.id in (${inList(ranked.map((r) => r.id))})`),
      )
    : [];
  const byId = new Map(pageRows.map((r) => [r.id, r]));
  const raw = ranked.map((r) => byId.get(r.id)).filter((r): r is RawJobRow => !!r);

  // Matched and missing names for this page only, from the same rows the SQL counted.
  const ids = raw.map((r) => r.id);
  const skillRows = ids.length
    ? await db
        .select({ jobId: jobSkills.jobId, key: jobSkills.skillKey, name: jobSkills.name })
        .from(jobSkills)
        .where(and(inArray(jobSkills.jobId, ids), eq(jobSkills.counts, true)))
    : [];
  const byJob = new Map<string, JobSkillRef[]>();
  for (const s of skillRows) {
    const list = byJob.get(s.jobId) ?? [];
    list.push({ key: s.key, name: s.name });
    byJob.set(s.jobId, list);
  }
  const rows = raw.map((r): JobPageRow => ({
    id: r.id,
    title: r.title,
    employer: r.employer,
    location: r.location,
    remote: Boolean(r.remote),
    postedAt: toDate(r.posted_at),
    url: r.url,
    fitDenominator: Number(r.fit_denominator),
    counted: byJob.get(r.id) ?? [],
  }));
  return { rows, hasNext };
}

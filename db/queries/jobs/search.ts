// The /jobs search reads (issues #8, #14): the postings that pass a keyword,
// location or remote filter (as jobs.seq, for the fit index to rank), a page of
// postings by date, and the page's columns and counted skills. Ranking by fit is
// done in memory (lib/fit/rank-index.ts via server/jobs/search.ts); the CLI's
// `sash fit` and /jobs both go through server/jobs/search.ts.
import { sql, type SQL } from "drizzle-orm";
import type { JobListingFields } from "@/lib/jobs/types";
import type { Db } from "../../client";
import { byteaOut, escapeLike, rowsOf, toDate } from "../sql";
import { unpackInt4 } from "./fit-index";

export interface JobSkillRef {
  key: string;
  name: string;
}

export interface JobFilters {
  /** A to_tsquery('simple') expression over the posting's search text, or null. */
  tsQuery: string | null;
  location?: string | null;
  remote?: boolean;
}

export interface JobPageRow extends JobListingFields {
  id: string;
  seq: number;
  fitDenominator: number;
  /** The skills that count toward fit, as stored. */
  counted: JobSkillRef[];
}

interface RawJobRow {
  id: string;
  seq: number;
  title: string;
  employer: string;
  location: string;
  remote: boolean;
  posted_at: unknown;
  url: string | null;
  fit_denominator: number;
  counted: Array<[string, string]> | string;
}

function filterSql(f: JobFilters): SQL[] {
  const out: SQL[] = [];
  if (f.tsQuery) out.push(sql`to_tsvector('simple', j.search_text) @@ to_tsquery('simple', ${f.tsQuery})`);
  const loc = f.location?.trim();
  if (loc) out.push(sql`j.location ilike ${"%" + escapeLike(loc) + "%"}`);
  if (f.remote) out.push(sql`j.remote`);
  return out;
}

const whereOf = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

/** True when the filter needs the database (keyword or location); remote alone the fit index knows. */
export function needsRowFilter(f: JobFilters): boolean {
  return !!f.tsQuery || !!f.location?.trim();
}

/** The seqs of every posting that passes the filter (packed: one value for the whole set). */
export async function filteredJobSeqs(db: Db, f: JobFilters): Promise<Int32Array> {
  const [row] = rowsOf<{ b64: string | null }>(
    await db.execute(
      sql`select encode(string_agg(int4send(j.seq), ''::bytea), 'base64') as b64 from jobs j ${whereOf(filterSql(f))}`,
    ),
  );
  return unpackInt4(byteaOut(row?.b64 ?? "") ?? new Uint8Array(0));
}

/** One page of postings newest first (no date last, then id), as seqs, with one more to tell whether a next page exists. */
export async function jobSeqsByDate(db: Db, f: JobFilters, offset: number, limit: number): Promise<number[]> {
  const rows = rowsOf<{ seq: number }>(
    await db.execute(sql`select j.seq from jobs j ${whereOf(filterSql(f))}
      order by j.posted_at desc nulls last, j.id limit ${limit} offset ${offset}`),
  );
  return rows.map((r) => Number(r.seq));
}

/** The page's postings in the order of `seqs`, with the skills that count toward fit (a vanished posting is left out). */
export async function jobPageRows(db: Db, seqs: readonly number[]): Promise<JobPageRow[]> {
  if (!seqs.length) return [];
  const list = sql.raw(seqs.map((s) => String(Math.trunc(Number(s)) | 0)).join(", "));
  // One statement: the columns and each posting's counted skills as a JSON array of [key, name].
  const raw = rowsOf<RawJobRow>(
    await db.execute(sql`select j.id, j.seq, j.title, j.employer, j.location, j.remote, j.posted_at, j.url, j.fit_denominator,
        coalesce((select json_agg(json_build_array(js.skill_key, js.name)) from job_skills js
                  where js.job_id = j.id and js.counts), '[]'::json) as counted
      from jobs j where j.seq in (${list})`),
  );
  const bySeq = new Map(raw.map((r) => [Number(r.seq), r]));
  return seqs
    .map((s) => bySeq.get(s))
    .filter((r): r is RawJobRow => !!r)
    .map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      title: r.title,
      employer: r.employer,
      location: r.location,
      remote: Boolean(r.remote),
      postedAt: toDate(r.posted_at),
      url: r.url,
      fitDenominator: Number(r.fit_denominator),
      counted: (typeof r.counted === "string" ? (JSON.parse(r.counted) as Array<[string, string]>) : r.counted).map(
        ([key, name]) => ({ key, name }),
      ),
    }));
}

/**
 * One page of postings by fit (then newest, then id) computed entirely in SQL, as seqs: the
 * answer while the process's fit index is still loading (issue #23 §2). The same order as the
 * index (lib/fit/rank-index.ts): whole-percent fit rounded half up, 0 when nothing counts.
 */
export async function jobSeqsByFit(
  db: Db,
  skillKeys: readonly string[],
  f: JobFilters,
  offset: number,
  limit: number,
): Promise<number[]> {
  if (!skillKeys.length) return jobSeqsByDate(db, f, offset, limit);
  const keys = sql.join(
    [...new Set(skillKeys)].map((k) => sql`${k}`),
    sql`, `,
  );
  const rows = rowsOf<{ seq: number }>(
    await db.execute(sql`select j.seq from jobs j
      left join (select job_id, count(*) as matched from job_skills where counts and skill_key in (${keys}) group by job_id) m
        on m.job_id = j.id
      ${whereOf(filterSql(f))}
      order by case when j.fit_denominator <= 0 then 0
                    else (200 * least(coalesce(m.matched, 0), j.fit_denominator) + j.fit_denominator) / (2 * j.fit_denominator) end desc,
               j.posted_at desc nulls last, j.id
      limit ${limit} offset ${offset}`),
  );
  return rows.map((r) => Number(r.seq));
}

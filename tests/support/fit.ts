// The fit tests' shared pieces (tests/fit): a seeded random source and the naive top-N query every index answer is
// compared with (fit for every posting, the SQL filters, everything sorted: the search's contract, written plainly).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escapeLike } from "@/db/queries/sql";
import { keywordTsQuery } from "@/lib/jobs/search";

/** A small seeded generator (LCG), so a failing random case can be replayed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The ids of the top `limit` postings by fit for the skill keys `keys`, with the keyword, location and remote filters. */
export async function naiveFitTop(
  db: Db,

  keys: readonly string[],
  q: { query?: string; location?: string; remote?: boolean },
  limit: number,
) {
  const ts = keywordTsQuery(q.query);
  const loc = q.location?.trim();
  const filters = [
    ts ? sql`to_tsvector('simple', j.search_text) @@ to_tsquery('simple', ${ts})` : null,
    loc ? sql`j.location ilike ${"%" + escapeLike(loc) + "%"}` : null,
    q.remote ? sql`j.remote` : null,
  ].filter((x) => x !== null);
  const where = filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
  const res = (await db.execute(sql`
    select j.id from jobs j
    left join (select job_id, count(*) as matched from job_skills where counts and ${
      keys.length
        ? sql`skill_key in (${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : sql`false`
    } group by job_id) m on m.job_id = j.id
    ${where}
    order by case when j.fit_denominator = 0 then 0 else (200 * coalesce(m.matched, 0) + j.fit_denominator) / (2 * j.fit_denominator) end desc,
             j.posted_at desc nulls last, j.id
    limit ${limit}`)) as unknown as { rows: Array<{ id: string }> };
  return res.rows.map((x) => x.id);
}

/** One posting and its counted skills, as the fit tests seed them (posted on 1–3 Nov 2026, or undated). */
export async function insertTestPosting(
  db: Db,
  p: {
    key: string;
    title: string;
    location: string;
    remote: boolean;
    /** 0–2: posted that many days after 1 Nov 2026; 3: no date. */
    day: number;
    skills: readonly string[];
    searchText: string;
  },
): Promise<void> {
  const [j] = (
    (await db.execute(sql`insert into jobs (source, source_key, title, employer, location, remote, description, posted_at, fit_denominator, search_text)
      values ('t', ${p.key}, ${p.title}, 'E', ${p.location}, ${p.remote}, '',
              ${p.day === 3 ? null : new Date(Date.UTC(2026, 10, 1 + p.day)).toISOString()}, ${p.skills.length},
              ${p.searchText}) returning id`)) as unknown as { rows: Array<{ id: string }> }
  ).rows;
  for (const k of p.skills)
    await db.execute(sql`insert into job_skills (job_id, name, skill_key, required, counts, fit_denominator)
      values (${j!.id}, ${k}, ${k}, true, true, ${p.skills.length})`);
}

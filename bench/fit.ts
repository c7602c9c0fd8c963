// `npm run bench:fit` — Opportunity Fit search at scale (issue #8 §7, issue #14 §5).
//
// Generates 10k and 100k postings (and 1M on PostgreSQL, when BENCH_DATABASE_URL
// is set) with 25 skills each, then times `searchJobs` — the search /jobs and
// `sash fit` use — for "top 50 by fit" for a learner with 60 skills, with a keyword,
// a location, remote only, and by Verified fit (a real learner whose 60 skills come
// from one verified and one unverified credential). Baseline in the same run: the
// naive query that computes fit for every posting and sorts them all. Also measured:
// the cold search (the process's fit index loaded from scratch), the first search
// after an import (the index applies the logged change), and the index's memory.
//
//   BENCH_DATABASE_URL=postgres://user@127.0.0.1:55432/postgres npm run bench:fit
//   BENCH_SIZES=10000,100000 BENCH_RUNS=20 npm run bench:fit
//   BENCH_DATABASE_KEEP=1 BENCH_DATABASE_URL=… BENCH_SIZES=1000000 npm run bench:fit
//     (uses that database as it is, generating only the postings it lacks, and keeps them)
//
// The data: 20 job families of 100 skills plus 100 transferable skills. A posting
// takes 20 skills from its family (16 required) and 5 transferable ones (4
// required), so its fit denominator is 20. The learner holds 40 skills of
// family 0 and 20 transferable ones, so about 70% of all postings share at least
// one skill with them — a deliberately heavy case.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { dropFitIndex, fitIndexInfo, fitSnapshotWritten, readyFitIndexes } from "@/server/jobs/fit-index";
import { databaseSnapshotStore, fileSnapshotStore, setFitSnapshotStore } from "@/server/jobs/fit-snapshot";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { searchJobs, type JobSearchParams } from "@/server/jobs/search";

const FAMILIES = 20;
const FAMILY_SKILLS = 100;
const TRANSFERABLE = 100;
const TITLES = [
  "Instructional designer",
  "Data analyst",
  "Financial analyst",
  "IT support technician",
  "Registered nurse",
  "Electrician",
  "Welder",
  "Warehouse associate",
  "Delivery driver",
  "Teacher",
  "Bookkeeper",
  "Customer service representative",
  "Sales representative",
  "Graphic designer",
  "Line cook",
  "Case manager",
  "Front-end developer",
  "Medical assistant",
  "HVAC technician",
  "Project coordinator",
];
const EMPLOYERS = [
  "Brightline",
  "Northwind",
  "Cobalt",
  "Riverbend",
  "Lumen",
  "Harbor",
  "Keystone",
  "Summit",
  "Crossroads",
  "Oakridge",
];

const runs = Number(process.env.BENCH_RUNS || 15);
const pgUrl = process.env.BENCH_DATABASE_URL;
const keepDb = process.env.BENCH_DATABASE_KEEP === "1";
const defaultSizes = pgUrl ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const sizes = (process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(",").map(Number) : defaultSizes).sort(
  (a, b) => a - b,
);

const familyKey = (f: number, s: number) => `bench:f${f}:s${s}`;
const transferableKey = (s: number) => `bench:t${s}`;
/** 40 skills of family 0 and 20 transferable ones. */
export const learner = [
  ...Array.from({ length: 40 }, (_, i) => familyKey(0, i * 2)),
  ...Array.from({ length: 20 }, (_, i) => transferableKey(i * 5)),
];

function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** Appends postings (from+1 … to) with their skills, entirely inside the database. */
export async function grow(h: DbHandle, from: number, to: number) {
  if (from >= to) return;
  const titles = `array[${TITLES.map((t) => `'${t}'`).join(",")}]`;
  const employers = `array[${EMPLOYERS.map((t) => `'${t}'`).join(",")}]`;
  const step = 50_000;
  for (let a = from; a < to; a += step) {
    const b = Math.min(to, a + step);
    await h.db.execute(
      sql.raw(`
      insert into jobs (source, source_key, title, employer, location, remote, description, posted_at, fit_denominator, search_text)
      select 'bench', g::text, t.title, e.employer, 'City ' || (g % 50), g % 7 = 0, '', timestamptz '2026-11-20' - ((g * 37) % 365) * interval '1 day', 20,
             lower(t.title || ' ' || e.employer || ' posting number ' || g)
      from generate_series(${a + 1}, ${b}) g
      cross join lateral (select (${titles})[1 + g % ${FAMILIES}] as title) t
      cross join lateral (select (${employers})[1 + (g / ${FAMILIES}) % ${EMPLOYERS.length}] as employer) e`),
    );
    // 20 family skills, (7g + 13k) mod 100 is distinct for k = 0..19; 5 transferable, (11g + 17k) mod 100.
    await h.db.execute(
      sql.raw(`
      insert into job_skills (job_id, name, skill_key, required, counts, fit_denominator)
      select j.id, 'Skill ' || s.key, s.key, s.req, s.req, 20
      from jobs j
      cross join lateral (
        select 'bench:f' || (j.source_key::int % ${FAMILIES}) || ':s' || ((j.source_key::int * 7 + k * 13) % ${FAMILY_SKILLS}) as key, k < 16 as req
        from generate_series(0, 19) k
        union all
        select 'bench:t' || ((j.source_key::int * 11 + k * 17) % ${TRANSFERABLE}), k < 4
        from generate_series(0, 4) k
      ) s
      where j.source = 'bench' and j.source_key::int between ${a + 1} and ${b}`),
    );
  }
  // Index-only scans need the visibility map set, as autovacuum would leave it on a settled database.
  // A single plain VACUUM right after the load left half of job_skills' pages unmarked on PostgreSQL 15.
  for (const t of ["jobs", "job_skills"]) {
    await h.db.execute(sql.raw(`vacuum (freeze, analyze) ${t}`));
    await h.db.execute(sql.raw(`vacuum ${t}`));
  }
  const [vm] = rowsOf<{ visible: number; pages: number }>(
    await h.db.execute(
      sql.raw("select relallvisible as visible, relpages as pages from pg_class where relname = 'job_skills'"),
    ),
  );
  process.stderr.write(`  job_skills pages all-visible: ${vm.visible} of ${vm.pages}\n`);
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/**
 * The baseline: fit computed for every posting (left join), everything sorted, then the
 * same two follow-up reads searchJobs makes for the page (its columns, its skill names).
 */
async function naive(h: DbHandle, c: BenchCase): Promise<string[]> {
  const keys = sql.join(
    (c.verifiedOnly ? verifiedHalf : learner).map((k) => sql`${k}`),
    sql`, `,
  );
  const filters = [
    c.query ? sql`to_tsvector('simple', j.search_text) @@ to_tsquery('simple', ${c.query + ":*"})` : null,
    c.location ? sql`j.location ilike ${"%" + c.location + "%"}` : null,
    c.remote ? sql`j.remote` : null,
  ].filter((x) => x !== null);
  const where = filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
  const top = rowsOf<{ id: string }>(
    await h.db.execute(sql`
    select j.id, coalesce(m.matched, 0) as matched from jobs j
    left join (select job_id, count(*) as matched from job_skills where counts and skill_key in (${keys}) group by job_id) m on m.job_id = j.id
    ${where}
    order by case when j.fit_denominator = 0 then 0 else (200 * coalesce(m.matched, 0) + j.fit_denominator) / (2 * j.fit_denominator) end desc,
             j.posted_at desc nulls last, j.id
    limit 50`),
  );
  const ids = sql.join(
    top.map((r) => sql`${r.id}`),
    sql`, `,
  );
  await h.db.execute(
    sql`select j.id, j.title, j.employer, j.location, j.remote, j.posted_at, j.url, j.fit_denominator from jobs j where j.id in (${ids})`,
  );
  await h.db.execute(sql`select job_id, skill_key, name from job_skills where counts and job_id in (${ids})`);
  return top.map((r) => String(r.id));
}

/**
 * The cases timed at every size: the learner's 60 skills, with each filter alone and combined, and the
 * same by Verified fit (issue #23 §1: keyword and location with remote and with Verified fit).
 */
interface BenchCase {
  name: string;
  query?: string;
  location?: string;
  remote?: boolean;
  verifiedOnly?: boolean;
}
const CASES: BenchCase[] = [
  { name: "top 50 by fit" },
  { name: 'top 50 by fit, keyword "analyst"', query: "analyst" },
  { name: 'top 50 by fit, location "City 7"', location: "City 7" },
  { name: "top 50 by fit, remote only", remote: true },
  { name: "top 50 by Verified fit (30 of the 60 skills verified)", verifiedOnly: true },
  { name: 'top 50 by fit, keyword "analyst" + location "City 1"', query: "analyst", location: "City 1" },
  { name: 'top 50 by fit, keyword "analyst" + remote', query: "analyst", remote: true },
  { name: 'top 50 by fit, location "City 7" + remote', location: "City 7", remote: true },
  {
    name: 'top 50 by fit, keyword "analyst" + location "City 1" + remote',
    query: "analyst",
    location: "City 1",
    remote: true,
  },
  { name: 'top 50 by Verified fit, keyword "analyst"', query: "analyst", verifiedOnly: true },
  { name: 'top 50 by Verified fit, location "City 7"', location: "City 7", verifiedOnly: true },
  { name: "top 50 by Verified fit, remote only", remote: true, verifiedOnly: true },
  {
    name: 'top 50 by Verified fit, keyword "analyst" + location "City 1"',
    query: "analyst",
    location: "City 1",
    verifiedOnly: true,
  },
  { name: 'top 50 by Verified fit, keyword "analyst" + remote', query: "analyst", remote: true, verifiedOnly: true },
  {
    name: 'top 50 by Verified fit, location "City 7" + remote',
    location: "City 7",
    remote: true,
    verifiedOnly: true,
  },
  {
    name: 'top 50 by Verified fit, keyword "analyst" + location "City 1" + remote',
    query: "analyst",
    location: "City 1",
    remote: true,
    verifiedOnly: true,
  },
];
/** The learner's skills carried by their verified credential; the other 30 come from an unverified one. */
const verifiedHalf = [...learner.slice(0, 20), ...learner.slice(40, 50)];

/** A real learner (user and two credentials) whose wallet holds the bench's 60 skills, half verified. */
async function benchLearner(h: DbHandle): Promise<string> {
  const [u] = rowsOf<{ id: string }>(
    await h.db.execute(
      sql`insert into users (name, email) values ('Bench learner', ${`bench-${randomBytes(4).toString("hex")}@example.org`}) returning id`,
    ),
  );
  const unverified = learner.filter((k) => !verifiedHalf.includes(k));
  for (const [title, result, keys] of [
    ["Verified bench badge", "valid", verifiedHalf],
    ["Unverified bench badge", "indeterminate", unverified],
  ] as const) {
    const [c] = rowsOf<{ id: string }>(
      await h.db.execute(sql`insert into credentials (user_id, origin, title, share_slug, verification_result, record)
        values (${u.id}, 'upload', ${title}, ${`bench-${randomBytes(8).toString("hex")}`}, ${result},
                ${JSON.stringify({ skills: keys })}::jsonb) returning id`),
    );
    for (const [i, k] of keys.entries())
      await h.db.execute(sql`insert into credential_skills (credential_id, user_id, position, name, skill_key)
        values (${c.id}, ${u.id}, ${i}, ${k}, ${k})`);
  }
  return u.id;
}

/** One new posting holding 20 of the learner's skills (fit 100, newest): an import the next search must show first. */
async function importOne(h: DbHandle, n: number): Promise<string> {
  const held = [...learner.slice(0, 16), ...learner.slice(40, 44)];
  return h.db.transaction(async (tx) => {
    const [j] = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into jobs (source, source_key, title, employer, location, remote, description, posted_at, fit_denominator, search_text)
        values ('bench-import', ${String(n)}, 'Imported analyst', 'Brightline', 'City 1', false, '', timestamptz '2026-11-28' + ${n} * interval '1 second', 20, 'imported analyst')
        returning id`),
    );
    await tx.execute(sql`insert into job_skills (job_id, name, skill_key, required, counts, fit_denominator)
      select ${j.id}, 'Skill ' || k, k, true, true, 20 from unnest(${sql.raw(`array[${held.map((k) => `'${k}'`).join(",")}]`)}) k`);
    return j.id;
  });
}

async function indexSizes(h: DbHandle) {
  return rowsOf<{ name: string; size: string }>(
    await h.db.execute(
      sql.raw(`
      select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname in
        ('jobs', 'job_skills', 'jobs_pkey', 'jobs_posted_idx', 'jobs_search_tsv_idx', 'jobs_source_key_idx',
         'jobs_seq_idx', 'job_skills_pkey', 'job_skills_key_idx', 'job_skills_counted_idx', 'job_changes')
      order by c.relname`),
    ),
  );
}

interface Row {
  driver: string;
  postings: number;
  sharing: number;
  case: string;
  p50: number;
  p95: number;
  naiveP50: number;
}

/** Per size: the cold search, the first search after an import, and the index's memory. */
interface ColdRow {
  driver: string;
  postings: number;
  /** The first search after the index was dropped (answered by SQL meanwhile). */
  coldMs: number;
  /** Until the index finished loading in the background. */
  loadMs: number;
  afterImportP50: number;
  afterImportMax: number;
  indexMb: number;
  rssMb: number;
  /** From a dropped index with a snapshot stored until the first search answered by the index (issue #23 §2). */
  snapshotFirstMs: number;
  /** The same from a file store (PostgreSQL runs: the database store above, then a file). */
  fileFirstMs: number;
  /** The snapshot's size and the time its background write took (encode + store). */
  snapshotMb: number;
  snapshotWriteMs: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function benchDriver(
  label: string,
  open: () => Promise<{ h: DbHandle; done: () => Promise<void> }>,
  want: number[],
) {
  const { h, done } = await open();
  const rows: Row[] = [];
  const cold: ColdRow[] = [];
  try {
    await h.db.execute(sql`delete from jobs where source = 'bench-import'`);
    let have = Number(
      rowsOf<{ n: number | string }>(
        await h.db.execute(sql`select count(*)::int as n from jobs where source = 'bench'`),
      )[0].n,
    );
    const userId = await benchLearner(h);
    for (const n of want) {
      const t0 = performance.now();
      await grow(h, have, n);
      have = Math.max(have, n);
      process.stderr.write(
        `${label}: ${n.toLocaleString("en")} postings generated in ${((performance.now() - t0) / 1000).toFixed(1)} s
`,
      );

      // Snapshots in the deployment's store: rows of fit_index_snapshots on PostgreSQL, a file for PGlite.
      const snapDir = mkdtempSync(path.join(tmpdir(), "sash-fit-snap-"));
      const store =
        label === "PGlite" ? fileSnapshotStore(path.join(snapDir, "fit-index.snapshot")) : databaseSnapshotStore(h.db);
      await h.db.execute(sql`delete from fit_index_snapshots`);
      // Cold: this process's index dropped; the first search is answered by SQL while the index
      // loads in the background (issue #23 §2), with the naive query's answer; then the load finishes.
      dropFitIndex(h.db);
      setFitSnapshotStore(h.db, store);
      const rss0 = process.memoryUsage().rss;
      const c0 = performance.now();
      const first = await searchJobs(h.db, { skillKeys: learner, sort: "fit", pageSize: 50 });
      const coldMs = performance.now() - c0;
      if (first.rankedBy !== "sql") throw new Error("the cold search did not answer from SQL while the index loads");
      const firstIds = first.results.map((r) => r.jobId);
      const naiveIds = await naive(h, CASES[0]);
      if (firstIds.join() !== naiveIds.join())
        throw new Error("the search during loading differs from the naive query");
      while (fitIndexInfo(h.db).loading) await new Promise((r) => setTimeout(r, 20));
      const loadMs = performance.now() - c0;
      // The snapshot the full load writes in the background (packed on the worker pool in next start; here, with no pool, on this thread).
      await fitSnapshotWritten(h.db);
      const info = fitIndexInfo(h.db);
      if (info.last?.kind !== "full") throw new Error("the index did not load after the cold search");
      const firstIndexed = await searchJobs(h.db, { skillKeys: learner, sort: "fit", pageSize: 50 });
      if (firstIndexed.rankedBy !== "index" || firstIndexed.results.map((r) => r.jobId).join() !== naiveIds.join())
        throw new Error("the first search after loading is not the index's, or differs from the naive query");
      const rssMb = mb(process.memoryUsage().rss - rss0);
      // The same start with the snapshot the full load wrote in the background: time from nothing
      // loaded to the first search the index answers (searches meanwhile answered by SQL).
      await fitSnapshotWritten(h.db);
      const written = fitIndexInfo(h.db).snapshot?.written;
      if (!written) throw new Error(`no snapshot written: ${fitIndexInfo(h.db).snapshot?.writeError}`);
      dropFitIndex(h.db);
      setFitSnapshotStore(h.db, store);
      // As a restart with SASH_FIT_INDEX_WARM: the load starts at once (searches meanwhile would be
      // answered by SQL, as the cold search above was), then the first search.
      const s0 = performance.now();
      if (await readyFitIndexes(h.db)) throw new Error("the index was not dropped");
      while (fitIndexInfo(h.db).loading) await new Promise((r) => setTimeout(r, 5));
      if (fitIndexInfo(h.db).last?.kind !== "snapshot")
        throw new Error(`the index did not start from the snapshot: ${fitIndexInfo(h.db).snapshot?.skipped}`);
      const fromSnap = await searchJobs(h.db, { skillKeys: learner, sort: "fit", pageSize: 50 });
      if (fromSnap.rankedBy !== "index") throw new Error("the first search after the snapshot load is not the index's");
      const snapshotFirstMs = performance.now() - s0;
      if (fromSnap.results.map((r) => r.jobId).join() !== naiveIds.join())
        throw new Error("the first search from the snapshot differs from the naive query");
      // The same snapshot as a file (one machine's data folder), on the same database.
      let fileFirstMs = snapshotFirstMs;
      if (label !== "PGlite") {
        const v = { epoch: written.epoch, version: written.version };
        const bytes = await store.read({ epoch: v.epoch, minVersion: 0, maxVersion: v.version });
        if (!bytes) throw new Error("the stored snapshot can't be read back");
        const fileStore = fileSnapshotStore(path.join(snapDir, "fit-index.snapshot"));
        await fileStore.write(bytes, v);
        dropFitIndex(h.db);
        setFitSnapshotStore(h.db, fileStore);
        const f0 = performance.now();
        if (await readyFitIndexes(h.db)) throw new Error("the index was not dropped");
        while (fitIndexInfo(h.db).loading) await new Promise((r) => setTimeout(r, 5));
        if (fitIndexInfo(h.db).last?.kind !== "snapshot") throw new Error("the file snapshot was not used");
        const got = await searchJobs(h.db, { skillKeys: learner, sort: "fit", pageSize: 50 });
        fileFirstMs = performance.now() - f0;
        if (got.rankedBy !== "index" || got.results.map((r) => r.jobId).join() !== naiveIds.join())
          throw new Error("the first search from the file snapshot is not the index's or differs from the naive query");
        process.stderr.write(`  the same snapshot from a file: first index-answered search after ${ms(fileFirstMs)}\n`);
      }
      rmSync(snapDir, { recursive: true, force: true });
      process.stderr.write(
        `  snapshot ${mb(written.bytes).toFixed(0)} MB written in ${ms(written.ms)}; from a dropped index to the first index-answered search with it: ${ms(snapshotFirstMs)} (same 50 as the naive query)\n`,
      );
      // The first search after an import: the index applies the logged change, and the new posting is first.
      const afterImport: number[] = [];
      for (let i = 0; i < 7; i++) {
        const id = await importOne(h, n * 10 + i);
        const a0 = performance.now();
        const got = await searchJobs(h.db, { skillKeys: learner, sort: "fit", pageSize: 50 });
        afterImport.push(performance.now() - a0);
        if (got.results[0]?.jobId !== id || got.results[0].fit !== 100)
          throw new Error(`${label}, ${n} postings: an imported posting is not first in the next search`);
        if (fitIndexInfo(h.db).last?.kind !== "changes")
          throw new Error("the search after an import reloaded everything");
      }
      afterImport.sort((a, b) => a - b);
      cold.push({
        driver: label,
        postings: n,
        coldMs,
        loadMs,
        afterImportP50: pct(afterImport, 50),
        afterImportMax: afterImport[afterImport.length - 1],
        indexMb: mb(info.stats?.bytes ?? 0),
        rssMb,
        snapshotFirstMs,
        fileFirstMs,
        snapshotMb: mb(written.bytes),
        snapshotWriteMs: written.ms,
      });
      process.stderr.write(
        `  cold search (answered by SQL, same 50 as the naive query) ${ms(coldMs)}, index loaded after ${ms(loadMs)}, index ${mb(info.stats?.bytes ?? 0).toFixed(1)} MB (rss +${rssMb.toFixed(0)} MB); first search after an import p50 ${ms(pct(afterImport, 50))}\n`,
      );

      const sharing = Number(
        rowsOf<{ n: string | number }>(
          await h.db.execute(
            sql`select count(distinct job_id)::int as n from job_skills where counts and skill_key in (${sql.join(
              learner.map((k) => sql`${k}`),
              sql`, `,
            )})`,
          ),
        )[0].n,
      );
      // BENCH_ONLY=cold: only the cold row (the index loads, the snapshot start, the first search after an import).
      for (const c of process.env.BENCH_ONLY === "cold" ? [] : CASES) {
        const params: JobSearchParams = c.verifiedOnly
          ? {
              userId,
              verifiedOnly: true,
              query: c.query,
              location: c.location,
              remote: c.remote,
              sort: "fit",
              pageSize: 50,
            }
          : { skillKeys: learner, query: c.query, location: c.location, remote: c.remote, sort: "fit", pageSize: 50 };
        const got = await searchJobs(h.db, params);
        if (got.rankedBy !== "index") throw new Error(`${c.name}: not ranked by the fit index`);
        // Before timing anything: the fast query must return exactly the naive query's 50 postings, in its order.
        // (Fewer only where the data has fewer: the narrowest combinations at 10k postings.)
        const fast = got.results.map((r) => r.jobId);
        const slow = await naive(h, c);
        const at = fast.findIndex((id, i) => id !== slow[i]);
        if (fast.length !== slow.length || at !== -1 || (n >= 100_000 && slow.length !== 50)) {
          throw new Error(
            `${label}, ${n} postings, ${c.name}: searchJobs (${fast.length}) and the naive query (${slow.length}) disagree at position ${at + 1} (${fast[at]} vs ${slow[at]})`,
          );
        }
        process.stderr.write(
          `  ${c.name}: searchJobs and the naive query return the same ${slow.length} postings in the same order\n`,
        );
        const opt = await time(() => searchJobs(h.db, params));
        const base = await time(() => naive(h, c));
        rows.push({
          driver: label,
          postings: n,
          sharing,
          case: slow.length === 50 ? c.name : `${c.name} (${slow.length} postings pass)`,
          p50: pct(opt, 50),
          p95: pct(opt, 95),
          naiveP50: pct(base, 50),
        });
        const r = rows[rows.length - 1];
        process.stderr.write(
          `  ${c.name}: p50 ${ms(r.p50)}, p95 ${ms(r.p95)} (naive p50 ${ms(r.naiveP50)}, ×${(r.naiveP50 / r.p50).toFixed(2)})\n`,
        );
      }
    }
    const sizesNow = await indexSizes(h);
    await h.db.execute(sql`delete from jobs where source = 'bench-import'`);
    await h.db.execute(sql`delete from users where id = ${userId}`);
    return { rows, cold, sizes: sizesNow };
  } finally {
    await done();
  }
}

async function main() {
  const results: Array<{
    rows: Row[];
    cold: ColdRow[];
    sizes: Array<{ name: string; size: string }>;
    label: string;
    at: number;
  }> = [];
  // BENCH_SKIP_PGLITE=1: PostgreSQL only (a shared machine: skip generating the PGlite sizes).
  const pgliteSizes = process.env.BENCH_SKIP_PGLITE === "1" ? [] : sizes.filter((n) => n <= 100_000);
  if (pgliteSizes.length) {
    const r = await benchDriver(
      "PGlite",
      async () => {
        const h = await openDb({ dataDir: "memory://" });
        return { h, done: () => h.close() };
      },
      pgliteSizes,
    );
    results.push({ ...r, label: "PGlite", at: pgliteSizes[pgliteSizes.length - 1] });
  }
  if (pgUrl) {
    const r = await benchDriver(
      "PostgreSQL",
      async () => {
        if (keepDb) {
          const h = await openDb({ databaseUrl: pgUrl });
          return { h, done: () => h.close() };
        }
        const { Client } = await import("pg");
        const name = `sash_bench_${randomBytes(5).toString("hex")}`;
        const admin = new Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        const h = await openDb({ databaseUrl: u.toString() });
        return {
          h,
          done: async () => {
            await h.close();
            const a = new Client({ connectionString: pgUrl });
            await a.connect();
            await a.query(`drop database if exists ${name} with (force)`);
            await a.end();
          },
        };
      },
      sizes,
    );
    results.push({ ...r, label: "PostgreSQL", at: sizes[sizes.length - 1] });
  } else {
    process.stderr.write("PostgreSQL skipped: set BENCH_DATABASE_URL to include it (and the 1M size).\n");
  }

  const lines = [
    "| driver | postings | postings sharing a skill | query | p50 | p95 | naive p50 | naive ÷ ours |",
    "|---|---:|---:|---|---:|---:|---:|---:|",
    ...results.flatMap((r) =>
      r.rows.map(
        (x) =>
          `| ${x.driver} | ${x.postings.toLocaleString("en")} | ${x.sharing.toLocaleString("en")} | ${x.case} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.naiveP50)} | ×${(x.naiveP50 / x.p50).toFixed(2)} |`,
      ),
    ),
    "",
    "| driver | postings | first search after a drop (SQL while loading) | index loaded after (full load) | first index-answered search from the snapshot (database store on PostgreSQL) | same, file store | snapshot size | snapshot write | first search after an import, p50 | max | index memory | process RSS growth |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.flatMap((r) =>
      r.cold.map(
        (x) =>
          `| ${x.driver} | ${x.postings.toLocaleString("en")} | ${ms(x.coldMs)} | ${ms(x.loadMs)} | ${ms(x.snapshotFirstMs)} | ${ms(x.fileFirstMs)} | ${x.snapshotMb.toFixed(0)} MB | ${ms(x.snapshotWriteMs)} | ${ms(x.afterImportP50)} | ${ms(x.afterImportMax)} | ${x.indexMb.toFixed(1)} MB | ${x.rssMb.toFixed(0)} MB |`,
      ),
    ),
    "",
    ...results.flatMap((r) => [
      `Sizes on ${r.label} at ${r.at.toLocaleString("en")} postings: ${r.sizes.map((s) => `${s.name} ${s.size}`).join(", ")}`,
      "",
    ]),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

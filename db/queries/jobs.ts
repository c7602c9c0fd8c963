// Named reads and writes for jobs, courses and pathways (issue #8). The /jobs
// pages and `sash fit` both search through `searchJobs`, so the CLI and the
// page rank identically.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import {
  courseSkills,
  courses,
  credentialSkills,
  credentials,
  jobSkills,
  jobs,
  pathwaySteps,
  pathways,
  skills,
} from "../schema";
import {
  credentialContributions,
  opportunityFit,
  pathwayFit,
  rankRecommendations,
  resolveSkill,
  type Contribution,
  type JobSkill,
  type PathwayFit,
  type Recommendation,
  type SkillOffering,
} from "@/lib/fit";
import type { JobPostingInput } from "@/lib/jobs/types";
import { getSkillIndex } from "./skills";
import { escapeLike, inList, isUuid, rowsOf, toDate } from "./sql";

// ---- helpers -------------------------------------------------------------------

/** Prefix-matching tsquery text from free words ("instr design" → "instr:* & design:*"); null when no words. */
export function keywordTsQuery(query: string | undefined | null): string | null {
  const words = (query ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

// ---- the learner's skills -----------------------------------------------------

/** The learner's skill keys: the union over all their wallet credentials. */
export async function learnerSkillKeys(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ key: credentialSkills.skillKey })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId));
  return rows.map((r) => r.key);
}

export type EvidenceStatus = "verified" | "self-asserted" | "manual";

/** How much weight an employer can give a credential: verified, self-asserted (imported, not verified) or manual. */
export function evidenceStatus(origin: string, verificationResult: string | null): EvidenceStatus {
  if (origin === "manual") return "manual";
  return verificationResult === "valid" ? "verified" : "self-asserted";
}

export interface LearnerCredentialSkills extends SkillOffering {
  status: EvidenceStatus;
  skillNames: Record<string, string>;
}

/** Each of the learner's credentials with the skill keys it carries. */
export async function learnerCredentialSkills(db: Db, userId: string): Promise<LearnerCredentialSkills[]> {
  const rows = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      origin: credentials.origin,
      verificationResult: credentials.verificationResult,
      key: credentialSkills.skillKey,
      name: credentialSkills.name,
    })
    .from(credentialSkills)
    .innerJoin(credentials, eq(credentials.id, credentialSkills.credentialId))
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentialSkills.position));
  const byId = new Map<string, LearnerCredentialSkills & { skillKeys: string[] }>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) {
      c = { id: r.id, title: r.title, status: evidenceStatus(r.origin, r.verificationResult), skillKeys: [], skillNames: {} };
      byId.set(r.id, c);
    }
    c.skillKeys.push(r.key);
    c.skillNames[r.key] = r.name;
  }
  return [...byId.values()];
}

// ---- search ----------------------------------------------------------------------

export interface JobSearchParams {
  /** The signed-in learner; their skills are read from their wallet. */
  userId?: string | null;
  /** Skill keys to use instead of a learner's wallet (CLI, tests). */
  skillKeys?: readonly string[];
  query?: string | null;
  location?: string | null;
  remote?: boolean;
  sort?: "fit" | "date";
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface JobSkillRef {
  key: string;
  name: string;
}

export interface JobSearchRow {
  jobId: string;
  title: string;
  employer: string;
  location: string;
  remote: boolean;
  postedAt: Date | null;
  url: string | null;
  fit: number;
  matchedCount: number;
  /** Skills that count toward fit (required ones, or all when none is required). */
  requiredCount: number;
  matched: JobSkillRef[];
  missing: JobSkillRef[];
}

export interface JobSearchResult {
  results: JobSearchRow[];
  page: number;
  pageSize: number;
  hasNext: boolean;
  /** How many distinct skills the learner brings (0 when signed out). */
  learnerSkillCount: number;
}

export const MAX_PAGE_SIZE = 100;

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
 * Jobs ranked by Opportunity Fit (default) or date, with keyword, location and
 * remote filters. Fit is computed in SQL from the learner's keys:
 *
 *   matched(job) = count of job_skills rows with counts and skill_key ∈ learner keys
 *   fit          = floor((200 · matched + d) / (2 · d)), d = jobs.fit_denominator
 *
 * — the same half-up rounding as `fitPercent` in lib/fit. Sorting by fit reads only
 * jobs that share a skill with the learner (via job_skills_counted_idx); jobs with
 * fit 0 follow, newest first, read in date order from jobs_posted_idx.
 */
export async function searchJobs(db: Db, params: JobSearchParams): Promise<JobSearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(params.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const offset = (page - 1) * pageSize;
  const keys = [...new Set(params.skillKeys ?? (params.userId ? await learnerSkillKeys(db, params.userId) : []))];

  const filters: SQL[] = [];
  const tsq = keywordTsQuery(params.query);
  if (tsq) filters.push(sql`to_tsvector('simple', j.search_text) @@ to_tsquery('simple', ${tsq})`);
  const loc = params.location?.trim();
  if (loc) filters.push(sql`j.location ilike ${"%" + escapeLike(loc) + "%"}`);
  if (params.remote) filters.push(sql`j.remote`);
  const where = (extra: SQL[] = []) => {
    const all = [...filters, ...extra];
    return all.length ? sql`where ${sql.join(all, sql` and `)}` : sql``;
  };

  // Ranking reads narrow rows (id, matched); the page's columns are fetched afterwards by id.
  let ranked: Array<{ id: string }> = [];
  if ((params.sort ?? "fit") === "fit" && keys.length) {
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
        const c = rowsOf<{ n: number | string }>(
          await db.execute(sql`${matchedCte} select count(*)::int as n from m`),
        );
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
    ? rowsOf<RawJobRow>(await db.execute(sql`select ${jobColumns} from jobs j where j.id in (${inList(ranked.map((r) => r.id))})`))
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
  const held = new Set(keys);
  const results = raw.map((r): JobSearchRow => {
    const counted = (byJob.get(r.id) ?? []).sort((x, y) => x.name.localeCompare(y.name));
    const fit = opportunityFit(held, counted.map((s) => ({ ...s, required: true })));
    return {
      jobId: r.id,
      title: r.title,
      employer: r.employer,
      location: r.location,
      remote: Boolean(r.remote),
      postedAt: toDate(r.posted_at),
      url: r.url,
      fit: fit.fit,
      matchedCount: fit.matched.length,
      requiredCount: Number(r.fit_denominator),
      matched: fit.matched.map(({ key, name }) => ({ key, name })),
      missing: fit.missing.map(({ key, name }) => ({ key, name })),
    };
  });
  return { results, page, pageSize, hasNext, learnerSkillCount: keys.length };
}

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

// ---- pathways ------------------------------------------------------------------------

export interface PathwayWithFit {
  id: string;
  title: string;
  description: string;
  steps: Array<{ position: number; role: string; description: string; skills: JobSkillRef[] }>;
  fit: PathwayFit;
}

export async function listPathways(
  db: Db,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<PathwayWithFit[]> {
  const keys = who.skillKeys ?? (who.userId ? await learnerSkillKeys(db, who.userId) : []);
  const [paths, steps] = await Promise.all([
    db.select().from(pathways).orderBy(asc(pathways.title)),
    db.select().from(pathwaySteps).orderBy(asc(pathwaySteps.pathwayId), asc(pathwaySteps.position)),
  ]);
  return paths.map((p) => {
    const own = steps
      .filter((s) => s.pathwayId === p.id)
      .map((s) => ({
        position: s.position,
        role: s.role,
        description: s.description,
        skills: s.skills.map((k) => ({ key: k.skillKey, name: k.name })),
      }));
    return { id: p.id, title: p.title, description: p.description, steps: own, fit: pathwayFit(keys, own) };
  });
}

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

export interface CatalogueCourse {
  id: string;
  title: string;
  provider: string;
  kind: "course" | "credential";
  length: string;
  cost: string;
  url: string | null;
  description: string;
  skills: string[];
}

export async function upsertCourses(db: Db, list: readonly CatalogueCourse[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(courses)
      .values(list.map(({ skills: _skills, ...c }) => c))
      .onConflictDoUpdate({
        target: courses.id,
        set: {
          title: sql`excluded.title`,
          provider: sql`excluded.provider`,
          kind: sql`excluded.kind`,
          length: sql`excluded.length`,
          cost: sql`excluded.cost`,
          url: sql`excluded.url`,
          description: sql`excluded.description`,
        },
      });
    await tx.delete(courseSkills).where(inArray(courseSkills.courseId, list.map((c) => c.id)));
    const rows = list.flatMap((c) => {
      const seen = new Map<string, string>();
      for (const name of c.skills) {
        const r = resolveSkill(name, index);
        if (!seen.has(r.key)) seen.set(r.key, r.skillId ? r.label : name);
      }
      return [...seen.entries()].map(([skillKey, name]) => ({ courseId: c.id, skillKey, name }));
    });
    for (let k = 0; k < rows.length; k += 2000) await tx.insert(courseSkills).values(rows.slice(k, k + 2000));
  });
  return list.length;
}

export interface CataloguePathway {
  id: string;
  title: string;
  description: string;
  steps: Array<{ role: string; description: string; skills: string[] }>;
}

export async function upsertPathways(db: Db, list: readonly CataloguePathway[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(pathways)
      .values(list.map(({ id, title, description }) => ({ id, title, description })))
      .onConflictDoUpdate({ target: pathways.id, set: { title: sql`excluded.title`, description: sql`excluded.description` } });
    await tx.delete(pathwaySteps).where(inArray(pathwaySteps.pathwayId, list.map((p) => p.id)));
    await tx.insert(pathwaySteps).values(
      list.flatMap((p) =>
        p.steps.map((st, position) => {
          const seen = new Map<string, string>();
          for (const name of st.skills) {
            const r = resolveSkill(name, index);
            if (!seen.has(r.key)) seen.set(r.key, r.skillId ? r.label : name);
          }
          return {
            pathwayId: p.id,
            position,
            role: st.role,
            description: st.description,
            skills: [...seen.entries()].map(([skillKey, name]) => ({ name, skillKey })),
          };
        }),
      ),
    );
  });
  return list.length;
}

// Imports of reference data (issue #21 §4), the one code path behind both `sash import-jobs` /
// `sash import-skills` / `sash admin import …` and the admin page's file inputs: each function takes
// the file's name and content (or a URL) and returns the CLI's JSON result object, `{ ok: true, … }`
// or `{ ok: false, error: { code, message } }`.
//   jobs       schema.org JobPosting JSON-LD (.json/.jsonld) or CSV (lib/jobs/csv.ts), by (source, identifier)
//   site       a sitemap or careers page URL: its pages' JobPosting JSON-LD (lib/jobs/crawl.ts, SSRF-safe fetcher)
//   skills     ESCO CSV, O*NET text, Lightcast JSON (lib/skills/importers), then custom skills re-linked
//   courses    a JSON array of courses as data/courses.ts describes them (lib/jobs/catalogue.ts CatalogueCourse)
//   pathways   a JSON array of pathways (CataloguePathway: id, title, description, steps [{ role, description, skills }])
import { z } from "zod";
import type { Db } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/client";
import { parseJobPostingFile, type ImportIssue, type JobPostingInput } from "@/lib/jobs";
import { CRAWL_DEFAULTS, CrawlError, crawlJobPostings, type CrawlLimits } from "@/lib/jobs/crawl";
import type { CatalogueCourse, CataloguePathway } from "@/lib/jobs/catalogue";
import { FetchError } from "@/lib/net/errors";
import { IMPORT_FORMATS, parseSkillsFile, type ImportFormat } from "@/lib/skills/importers";
import { upsertCourses, upsertJobPostings, upsertPathways } from "@/server/jobs/catalogue";
import { importSkills } from "@/server/skills/skill-index";
import { relinkCustomSkills } from "@/server/skills/relink";
import { config } from "@/server/config";

export const DEFAULT_SOURCE = "import";

export type ImportKind = "jobs" | "site" | "skills" | "courses" | "pathways";

/** The CLI's JSON result: one object, printed as it is by `sash`, shown as a table by /admin. */
export type ImportResult = { ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>;

/** Opens the database only when there is something to write (the CLI opens and closes it; the app passes its own). */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/** Keeps the last of several postings with the same (source, key) and reports the others. */
export function dedupePostings<T extends JobPostingInput>(postings: T[]): { unique: T[]; duplicates: ImportIssue[] } {
  const last = new Map<string, number>();
  postings.forEach((p, i) => last.set(`${p.source}\u0000${p.sourceKey}`, i));
  const unique: T[] = [];
  const duplicates: ImportIssue[] = [];
  postings.forEach((p, i) => {
    const at = last.get(`${p.source}\u0000${p.sourceKey}`)!;
    if (at === i) unique.push(p);
    else
      duplicates.push({
        record: i + 1,
        message: `"${p.title}": same identifier as posting ${at + 1} ("${p.sourceKey}"); the later one is kept.`,
      });
  });
  return { unique, duplicates };
}

/** A job postings file (JSON-LD or CSV, decided by its name and content as the CLI does). */
export async function importJobPostingsText(
  withDb: WithDb,
  fileName: string,
  content: string,
  source = DEFAULT_SOURCE,
): Promise<ImportResult> {
  const parsed = parseJobPostingFile(fileName, content, source.trim() || DEFAULT_SOURCE);
  if (parsed.fatal) {
    return {
      ok: false,
      inserted: 0,
      updated: 0,
      skipped: 0,
      errors: parsed.errors,
      error: { code: "INVALID_FILE", message: parsed.fatal },
    };
  }
  const { unique, duplicates } = dedupePostings(parsed.postings);
  const errors = [...parsed.errors, ...duplicates].sort((a, b) => a.record - b.record);
  const summary = unique.length ? await withDb((db) => upsertJobPostings(db, unique)) : { inserted: 0, updated: 0 };
  return {
    ok: true,
    inserted: summary.inserted,
    updated: summary.updated,
    skipped: errors.filter((e) => e.record > 0).length,
    errors,
  };
}

/** The JobPostings of a sitemap's pages or a careers page's same-site links. */
export async function importJobsFromSite(
  withDb: WithDb,
  url: string,
  source = DEFAULT_SOURCE,
  limits: Partial<CrawlLimits> = {},
): Promise<ImportResult> {
  let crawl;
  try {
    crawl = await crawlJobPostings(url, {
      source: source.trim() || DEFAULT_SOURCE,
      limits: { ...CRAWL_DEFAULTS, ...limits },
      fetcher: { allowHosts: config().SASH_ALLOW_FETCH_HOSTS },
    });
  } catch (e) {
    if (e instanceof FetchError || e instanceof CrawlError)
      return {
        ok: false,
        inserted: 0,
        updated: 0,
        skipped: 0,
        errors: [],
        error: { code: e.code, message: e.message },
      };
    throw e;
  }
  const { unique, duplicates } = dedupePostings(crawl.postings);
  const errors = [
    ...crawl.issues,
    ...duplicates.map((d) => ({ url: crawl.postings[d.record - 1]!.foundOn, message: d.message })),
  ];
  const summary = unique.length
    ? await withDb((db) =>
        upsertJobPostings(
          db,
          unique.map(({ foundOn: _page, ...p }) => p),
        ),
      )
    : { inserted: 0, updated: 0 };
  return {
    ok: true,
    inserted: summary.inserted,
    updated: summary.updated,
    // Postings found but not imported: unreadable ones and repeats of another.
    skipped: crawl.issues.filter((i) => i.record !== undefined).length + duplicates.length,
    errors,
    kind: crawl.kind,
    pages: crawl.pages,
    bytes: crawl.bytes,
    stoppedBy: crawl.stoppedBy,
  };
}

export function isSkillsFormat(format: string): format is ImportFormat {
  return IMPORT_FORMATS.includes(format as ImportFormat);
}

/** A skills taxonomy file, then (on the same database) the re-link of custom skills that now match. */
export async function importSkillsStream(
  withDb: WithDb,
  format: ImportFormat,
  fileName: string,
  stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onProgress?: (rowsRead: number) => void,
): Promise<ImportResult> {
  const done = await withDb(async (db) => {
    let summary;
    try {
      summary = await importSkills(db, format, parseSkillsFile(format, stream, fileName), { onProgress });
    } catch (e) {
      if (e instanceof DatabaseUnavailableError) throw e;
      // Rows already committed stay; importing again resumes idempotently.
      return { failed: (e as Error).message };
    }
    return { ...summary, relinked: await relinkCustomSkills(db) };
  });
  if ("failed" in done)
    return {
      ok: false,
      error: { code: "INVALID_FILE", message: `${fileName} could not be read as ${format}: ${done.failed}` },
    };
  return { ok: true, ...done };
}

const line = (max: number) => z.string().trim().min(1).max(max);
const courseSchema = z.object({
  id: line(200),
  title: line(500),
  provider: line(500),
  kind: z.enum(["course", "credential"]),
  length: z.string().trim().max(200).default(""),
  cost: z.string().trim().max(200).default(""),
  url: z
    .string()
    .trim()
    .regex(/^https?:\/\//i, "url must start with http:// or https://")
    .max(2000)
    .nullable()
    .default(null),
  description: z.string().trim().max(5000).default(""),
  skills: z.array(line(200)).max(200).default([]),
});
const pathwaySchema = z.object({
  id: line(200),
  title: line(500),
  description: z.string().trim().max(5000).default(""),
  steps: z
    .array(
      z.object({
        role: line(500),
        description: z.string().trim().max(5000).default(""),
        skills: z.array(line(200)).max(200).default([]),
      }),
    )
    .min(1)
    .max(50),
});

function readJsonArray(fileName: string, content: string): unknown[] | ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, error: { code: "INVALID_FILE", message: `${fileName} isn't JSON: ${(e as Error).message}` } };
  }
  if (!Array.isArray(data))
    return { ok: false, error: { code: "INVALID_FILE", message: `${fileName} must hold a JSON array.` } };
  return data;
}

function validateAll<T>(
  items: unknown[],
  schema: z.ZodType<T>,
): { valid: T[]; errors: Array<{ record: number; message: string }> } {
  const valid: T[] = [];
  const errors: Array<{ record: number; message: string }> = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) valid.push(r.data);
    else {
      const issue = r.error.issues[0]!;
      errors.push({ record: i + 1, message: `${issue.path.join(".") || "record"}: ${issue.message}` });
    }
  });
  return { valid, errors };
}

/** Courses (JSON array); idempotent by id. Invalid records are reported and skipped. */
export async function importCoursesText(withDb: WithDb, fileName: string, content: string): Promise<ImportResult> {
  const items = readJsonArray(fileName, content);
  if (!Array.isArray(items)) return items;
  const { valid, errors } = validateAll(items, courseSchema);
  const imported = valid.length ? await withDb((db) => upsertCourses(db, valid as CatalogueCourse[])) : 0;
  return { ok: true, imported, skipped: errors.length, errors };
}

/** Career pathways (JSON array); idempotent by id. Invalid records are reported and skipped. */
export async function importPathwaysText(withDb: WithDb, fileName: string, content: string): Promise<ImportResult> {
  const items = readJsonArray(fileName, content);
  if (!Array.isArray(items)) return items;
  const { valid, errors } = validateAll(items, pathwaySchema);
  const imported = valid.length ? await withDb((db) => upsertPathways(db, valid as CataloguePathway[])) : 0;
  return { ok: true, imported, skipped: errors.length, errors };
}

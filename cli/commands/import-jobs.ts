// `npm run --silent sash -- import-jobs <file|url> [--source NAME]`
// Imports schema.org JobPosting JSON-LD (.json/.jsonld) or CSV (lib/jobs/csv.ts
// documents the header). Idempotent by (source, identifier or url): importing the
// same file again updates rather than duplicates. Bad records are reported and skipped.
// A URL of a sitemap or a careers page imports the JobPosting JSON-LD of the pages it
// lists or links to (lib/jobs/crawl.ts: through the fetcher, bounded by --max-pages,
// --max-mb and --max-seconds).
import fs from "node:fs/promises";
import path from "node:path";
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { withDb } from "../db";
import { parseJobPostingFile, type ImportIssue, type JobPostingInput } from "@/lib/jobs";
import { upsertJobPostings } from "@/server/jobs/catalogue";
import { CRAWL_DEFAULTS, CrawlError, crawlJobPostings, type CrawlLimits } from "@/lib/jobs/crawl";
import { FetchError } from "@/lib/net/errors";
import { config } from "@/server/config";

export const DEFAULT_SOURCE = "import";

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

export const command: CliCommand = {
  summary: "Import job postings from schema.org JobPosting JSON-LD or CSV (idempotent).",
  async run(args) {
    let file: string | undefined;
    let source = DEFAULT_SOURCE;
    const limits: Partial<CrawlLimits> = {};
    let badLimit = false;
    const positive = (v: string | undefined) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) badLimit = true;
      return n;
    };
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--source") source = args[++i] ?? "";
      else if (args[i] === "--max-pages") limits.maxPages = Math.floor(positive(args[++i]));
      else if (args[i] === "--max-mb") limits.totalBytes = Math.floor(positive(args[++i]) * 1024 * 1024);
      else if (args[i] === "--max-seconds") limits.timeMs = Math.floor(positive(args[++i]) * 1000);
      else if (!file) file = args[i];
    }
    if (!file || !source.trim() || badLimit) {
      printJson({
        ok: false,
        error: {
          code: "USAGE",
          message:
            "Usage: sash import-jobs <file.jsonld|file.json|file.csv> [--source NAME] | sash import-jobs <sitemap or careers page URL> [--source NAME] [--max-pages N] [--max-mb N] [--max-seconds N]",
        },
      });
      return 2;
    }
    if (/^https?:\/\//i.test(file)) return importFromSite(file, source.trim(), limits);
    let content: string;
    try {
      content = await fs.readFile(file, "utf8");
    } catch (e) {
      printJson({
        ok: false,
        error: { code: "FILE_NOT_READABLE", message: `Cannot read ${file}: ${(e as Error).message}` },
      });
      return 1;
    }
    const parsed = parseJobPostingFile(path.basename(file), content, source.trim());
    if (parsed.fatal) {
      printJson({
        ok: false,
        inserted: 0,
        updated: 0,
        skipped: 0,
        errors: parsed.errors,
        error: { code: "INVALID_FILE", message: parsed.fatal },
      });
      return 1;
    }
    const { unique, duplicates } = dedupePostings(parsed.postings);
    const errors = [...parsed.errors, ...duplicates].sort((a, b) => a.record - b.record);
    const summary = unique.length ? await withDb((h) => upsertJobPostings(h.db, unique)) : { inserted: 0, updated: 0 };
    printJson({
      ok: true,
      inserted: summary.inserted,
      updated: summary.updated,
      skipped: errors.filter((e) => e.record > 0).length,
      errors,
    });
    return 0;
  },
};

/** `import-jobs <url>`: the JobPostings of a sitemap's pages or a careers page's same-site links. */
async function importFromSite(url: string, source: string, limits: Partial<CrawlLimits>): Promise<number> {
  let crawl;
  try {
    crawl = await crawlJobPostings(url, {
      source,
      limits: { ...CRAWL_DEFAULTS, ...limits },
      fetcher: { allowHosts: config().SASH_ALLOW_FETCH_HOSTS },
    });
  } catch (e) {
    if (e instanceof FetchError || e instanceof CrawlError) {
      printJson({
        ok: false,
        inserted: 0,
        updated: 0,
        skipped: 0,
        errors: [],
        error: { code: e.code, message: e.message },
      });
      return 1;
    }
    throw e;
  }
  const { unique, duplicates } = dedupePostings(crawl.postings);
  const errors = [
    ...crawl.issues,
    ...duplicates.map((d) => ({ url: crawl.postings[d.record - 1]!.foundOn, message: d.message })),
  ];
  const summary = unique.length
    ? await withDb((h) =>
        upsertJobPostings(
          h.db,
          unique.map(({ foundOn: _page, ...p }) => p),
        ),
      )
    : { inserted: 0, updated: 0 };
  printJson({
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
  });
  return 0;
}

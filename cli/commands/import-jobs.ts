// `npm run --silent sash -- import-jobs <file|url> [--source NAME]`
// Imports schema.org JobPosting JSON-LD (.json/.jsonld) or CSV (lib/jobs/csv.ts
// documents the header). Idempotent by (source, identifier or url): importing the
// same file again updates rather than duplicates. Bad records are reported and skipped.
// A URL of a sitemap or a careers page imports the JobPosting JSON-LD of the pages it
// lists or links to (lib/jobs/crawl.ts: through the fetcher, bounded by --max-pages,
// --max-mb and --max-seconds).
// The import itself is server/admin/imports.ts, the code /admin's "Job postings file" and sitemap inputs run too.
import fs from "node:fs/promises";
import path from "node:path";
import type { CliCommand } from "../types";
import { SUMMARIES } from "../summaries";
import { printJson } from "../types";
import { withDb } from "../db";
import type { CrawlLimits } from "@/lib/jobs/crawl";
import { DEFAULT_SOURCE, dedupePostings, importJobPostingsText, importJobsFromSite } from "@/server/admin/imports";
import type { Db } from "@/db/client";

export { DEFAULT_SOURCE, dedupePostings };

const openDb = <T>(fn: (db: Db) => Promise<T>) => withDb((h) => fn(h.db));

export const command: CliCommand = {
  summary: SUMMARIES["import-jobs"],
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
    if (/^https?:\/\//i.test(file)) {
      const result = await importJobsFromSite(openDb, file, source.trim(), limits);
      printJson(result);
      return result.ok ? 0 : 1;
    }
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
    const result = await importJobPostingsText(openDb, path.basename(file), content, source.trim());
    printJson(result);
    return result.ok ? 0 : 1;
  },
};

// `npm run --silent sash -- import-jobs <file> [--source NAME]`
// Imports schema.org JobPosting JSON-LD (.json/.jsonld) or CSV (lib/jobs/csv.ts
// documents the header). Idempotent by (source, identifier or url): importing the
// same file again updates rather than duplicates. Bad records are reported and skipped.
import fs from "node:fs/promises";
import path from "node:path";
import type { CliCommand } from "../types";
import { printJson } from "../types";
import { withDb } from "../db";
import { parseJobPostingFile, type ImportIssue, type JobPostingInput } from "@/lib/jobs";
import { upsertJobPostings } from "@/server/jobs/catalogue";

export const DEFAULT_SOURCE = "import";

/** Keeps the last of several postings with the same (source, key) and reports the others. */
export function dedupePostings(postings: JobPostingInput[]): { unique: JobPostingInput[]; duplicates: ImportIssue[] } {
  const last = new Map<string, number>();
  postings.forEach((p, i) => last.set(`${p.source}\u0000${p.sourceKey}`, i));
  const unique: JobPostingInput[] = [];
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
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--source") source = args[++i] ?? "";
      else if (!file) file = args[i];
    }
    if (!file || !source.trim()) {
      printJson({
        ok: false,
        error: { code: "USAGE", message: "Usage: sash import-jobs <file.jsonld|file.json|file.csv> [--source NAME]" },
      });
      return 2;
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

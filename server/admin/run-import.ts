// One admin import (issue #21 §4), from /admin's file inputs or `sash admin import …`: the shared
// importer (./imports.ts, the CLI's own code) and one audit row saying what it did.
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { audit, type Actor } from "./audit";
import {
  importCoursesText,
  importJobPostingsText,
  importJobsFromSite,
  importPathwaysText,
  importSkillsStream,
  isSkillsFormat,
  type ImportKind,
  type ImportResult,
} from "./imports";

export type ImportRequest =
  | { kind: "jobs"; fileName: string; content: string; source?: string }
  | { kind: "courses" | "pathways"; fileName: string; content: string }
  | { kind: "skills"; format: string; fileName: string; content: Uint8Array }
  | { kind: "site"; url: string; source?: string };

export const IMPORT_KINDS: readonly ImportKind[] = ["jobs", "courses", "pathways", "skills", "site"];

function counts(r: ImportResult): string {
  const parts: string[] = [];
  for (const k of ["inserted", "updated", "imported", "skipped", "relinked"])
    if (typeof r[k] === "number") parts.push(`${r[k]} ${k}`);
  return parts.join(", ");
}

export async function runImport(db: Db, actor: Actor, req: ImportRequest): Promise<ImportResult> {
  const withDb = <T>(fn: (d: Db) => Promise<T>) => fn(db);
  let result: ImportResult;
  let what: string;
  if (req.kind === "site") {
    what = `job postings from ${req.url}`;
    result = await importJobsFromSite(withDb, req.url, req.source);
  } else if (req.kind === "jobs") {
    what = `job postings from ${req.fileName}`;
    result = await importJobPostingsText(withDb, req.fileName, req.content, req.source);
  } else if (req.kind === "skills") {
    if (!isSkillsFormat(req.format))
      throw new AppError("INVALID_INPUT", "Choose the skills file's format: ESCO, O*NET or Lightcast.", {
        expose: true,
        status: 400,
      });
    what = `${req.format} skills from ${req.fileName}`;
    result = await importSkillsStream(withDb, req.format, req.fileName, [req.content]);
  } else if (req.kind === "courses") {
    what = `courses from ${req.fileName}`;
    result = await importCoursesText(withDb, req.fileName, req.content);
  } else {
    what = `pathways from ${req.fileName}`;
    result = await importPathwaysText(withDb, req.fileName, req.content);
  }
  await audit(
    db,
    actor,
    `import.${req.kind}`,
    result.ok ? `Imported ${what}: ${counts(result)}` : `Import of ${what} failed: ${result.error?.code ?? "error"}`,
    { detail: { ok: result.ok, ...(result.error ? { error: result.error.code } : {}) } },
  );
  return result;
}

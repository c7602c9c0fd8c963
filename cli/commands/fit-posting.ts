// `sash fit --posting <file|url> [--skills "a, b"]`: Opportunity Fit for one posting found
// elsewhere, like /jobs/check: a URL is fetched through the SSRF-safe fetcher and its JobPosting
// JSON-LD read (else its text); a file may be HTML, JSON-LD or plain text. Nothing is stored.
import { open } from "node:fs/promises";
import path from "node:path";
import { isExposed } from "@/lib/errors";
import { CHECK_LIMITS, checkPosting, type PostingSource } from "@/server/jobs/check";
import { getSkillResolver } from "@/server/skills/skill-index";
import { withDb } from "../db";
import { fail } from "../files";
import { printJson } from "../types";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".json": "application/ld+json",
  ".jsonld": "application/ld+json",
  ".txt": "text/plain",
};

/** A posting file, refused past the page size /jobs/check accepts. */
async function readPostingFile(file: string): Promise<PostingSource> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > CHECK_LIMITS.pageBytes)
      throw Object.assign(new Error(`${file} is larger than ${CHECK_LIMITS.pageBytes / 1024 / 1024} MiB.`), {
        code: "FILE_TOO_LARGE",
        expose: true,
      });
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    const text = buf.subarray(0, bytesRead).toString("utf8");
    if (text.includes("\u0000"))
      throw Object.assign(new Error(`${file} is not a text, HTML or JSON-LD file.`), {
        code: "FILE_NOT_TEXT",
        expose: true,
      });
    return { text, contentType: TYPES[path.extname(file).toLowerCase()] ?? "" };
  } finally {
    await handle.close();
  }
}

export async function runPostingFit(posting: string, skillNames: readonly string[]): Promise<number> {
  let source: PostingSource;
  if (/^https?:\/\//i.test(posting.trim())) source = { url: posting.trim() };
  else {
    try {
      source = await readPostingFile(posting);
    } catch (e) {
      if (isExposed(e)) return fail(e.code, e.message);
      const code = (e as { code?: string }).code;
      return fail("FILE_NOT_READABLE", code === "ENOENT" ? `No such file: ${posting}` : `Could not read ${posting}.`);
    }
  }
  let result;
  try {
    result = await withDb(async (h) => {
      const resolver = await getSkillResolver(h.db);
      const skillKeys = skillNames.map((s) => resolver.resolve(s).key);
      return checkPosting(h.db, source, { skillKeys });
    });
  } catch (e) {
    if (isExposed(e)) return fail(e.code, e.message);
    throw e;
  }
  const { posting: p, fit } = result;
  printJson({
    ok: true,
    posting: {
      title: p.title,
      employer: p.employer,
      url: p.url,
      from: p.from,
      skills: p.skills.map((s) => s.name),
      notes: p.notes,
    },
    fit: fit.fit,
    matched: fit.matched.map((s) => s.name),
    missing: fit.missing.map((s) => s.name),
    suggestions: fit.recommendations.map((r) => ({
      title: r.offering.title,
      provider: r.offering.provider,
      kind: r.offering.kind,
      fitAfter: r.fitAfter,
      covers: r.covers.map((s) => s.name),
    })),
  });
  return 0;
}

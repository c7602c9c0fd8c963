// CSV importer for job postings. RFC 4180 quoting ("a, b" and "" inside quotes).
//
// Header (first row, any order, case-insensitive; unknown columns are ignored):
//   identifier        optional if url is given; the idempotency key with the source
//   title             required
//   employer          hiring organisation
//   location          free text, e.g. "Leeds, UK"
//   remote            true/yes/1/remote → remote
//   description       plain text or HTML
//   date_posted       ISO 8601 date, e.g. 2026-03-01
//   url               the posting's page
//   required_skills   skills separated by ";" or "|"
//   preferred_skills  skills separated by ";" or "|"
//   source            optional per-row source, overrides the importer's
import { parse } from "csv-parse/sync";
import { MAX_SKILLS_PER_POSTING, type ImportIssue, type JobPostingInput, type ParsedPostings } from "./types";
import { parseDate, plainText, splitSkillList, tidySkills } from "./text";

export const CSV_COLUMNS = [
  "identifier",
  "title",
  "employer",
  "location",
  "remote",
  "description",
  "date_posted",
  "url",
  "required_skills",
  "preferred_skills",
  "source",
] as const;

const HEADER_ALIASES: Record<string, string> = {
  id: "identifier",
  job_id: "identifier",
  company: "employer",
  hiring_organization: "employer",
  posted: "date_posted",
  dateposted: "date_posted",
  skills: "required_skills",
};

const SKILL_SEPARATORS = /[;|\n]+/;

export function parseJobPostingCsv(source: string, input: string): ParsedPostings {
  let rows: string[][];
  const errors: ImportIssue[] = [];
  try {
    rows = parse(input, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err)
          errors.push({
            record: Number((err as unknown as { records?: number }).records ?? 0),
            message: `Unreadable row: ${err.message}`,
          });
        return undefined;
      },
    }) as string[][];
  } catch (e) {
    return { postings: [], errors, fatal: `The file is not readable CSV: ${(e as Error).message}` };
  }
  if (!rows.length) return { postings: [], errors, fatal: "The CSV file is empty." };
  const header = rows[0].map((h) => {
    const k = h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    return HEADER_ALIASES[k] ?? k;
  });
  if (!header.includes("title") || (!header.includes("identifier") && !header.includes("url"))) {
    return {
      postings: [],
      errors,
      fatal: `The CSV header must include "title" and "identifier" or "url" (found: ${rows[0].join(", ")}).`,
    };
  }
  const postings: JobPostingInput[] = [];
  rows.slice(1).forEach((cells, i) => {
    const record = i + 1;
    if (cells.length !== header.length) {
      errors.push({ record, message: `Has ${cells.length} fields; the header has ${header.length}.` });
      return;
    }
    const get = (name: string) => {
      const at = header.indexOf(name);
      return at >= 0 ? (cells[at] ?? "").trim() : "";
    };
    const title = plainText(get("title"));
    if (!title) return void errors.push({ record, message: "Missing title." });
    const url = get("url") || null;
    if (url && !/^https?:\/\//i.test(url))
      return void errors.push({ record, message: `"${title}": url must start with http:// or https://.` });
    const sourceKey = get("identifier") || url;
    if (!sourceKey) return void errors.push({ record, message: `"${title}": needs an identifier or a url.` });
    const datePosted = get("date_posted");
    const postedAt = parseDate(datePosted);
    if (datePosted && !postedAt)
      return void errors.push({ record, message: `"${title}": date_posted "${datePosted}" is not a date.` });
    const skills = tidySkills([
      ...splitSkillList(get("required_skills"), SKILL_SEPARATORS).map((name) => ({ name, required: true })),
      ...splitSkillList(get("preferred_skills"), SKILL_SEPARATORS).map((name) => ({ name, required: false })),
    ]).slice(0, MAX_SKILLS_PER_POSTING);
    const remote = /^(true|yes|y|1|remote)$/i.test(get("remote"));
    postings.push({
      source: get("source") || source,
      sourceKey,
      title,
      employer: get("employer"),
      location: get("location") || (remote ? "Remote" : ""),
      remote,
      description: plainText(get("description")),
      postedAt,
      url,
      skills,
    });
  });
  return { postings, errors };
}

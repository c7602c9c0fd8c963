// "What would my fit be for this posting I found elsewhere?" (issue #14 item 3): /jobs/check and
// `sash fit --posting`. A posting's address is fetched through the SSRF-safe fetcher (bounded
// bytes and time) and its schema.org JobPosting JSON-LD read; pasted text, a file, or a page
// without JSON-LD is searched for the skills it names. The skills are resolved through the
// database's skill index like an import's, and scored by postingFitDetail — the function behind
// /jobs/[id] — so fit, evidence and close-the-gap are the same. Nothing here writes: the posting
// never joins the catalogue.
import type { Db } from "@/db/client";
import { AppError, LEARNER_WORDING, type ErrorCode } from "@/lib/errors";
import { readPostingDocument } from "@/lib/jobs/posting";
import { plainText } from "@/lib/jobs/text";
import { MAX_SKILLS_PER_POSTING, type JobPostingInput } from "@/lib/jobs/types";
import type { FetcherOptions } from "@/lib/net/fetcher";
import { appFetcher } from "@/server/net";
import { FetchError } from "@/lib/net/errors";
import type { SkillIndex } from "@/lib/skills";
import { EXTRACT_LIMITS, findSkillsInText } from "@/lib/skills/extract";
import { getSkillIndex, getSkillResolver } from "@/server/skills/skill-index";
import { resolvePostingSkills } from "./catalogue";
import { postingFitDetail, type PostingFitDetail } from "./detail";

export const CHECK_LIMITS = {
  /** Bytes of one fetched page (job boards' pages run 100–800 KB with their scripts). */
  pageBytes: 3 * 1024 * 1024,
  /** The whole fetch, redirects included. */
  timeoutMs: 8_000,
  /** Characters of pasted text or of a posting file's text. */
  textChars: EXTRACT_LIMITS.textChars,
} as const;

/** Where the posting comes from: its address, or its content (pasted, or a file's). */
export type PostingSource = { url: string } | { text: string; contentType?: string };

export interface CheckedSkill {
  /** Matching key (library skill id or "custom:…"), as job_skills stores it. */
  key: string;
  /** The library label where one matched, else the posting's own words. */
  name: string;
  /** How the posting wrote it, when read from prose ("dashboards" for Dashboard design). */
  written: string | null;
}

export interface CheckNote {
  code: "JSONLD_INVALID" | "TEXT_TRUNCATED" | "MORE_POSTINGS" | "NO_SKILLS";
  message: string;
}

export interface CheckedPosting {
  /** "json-ld": the posting's own skills list; "text": skills found in its words. */
  from: "json-ld" | "text";
  title: string;
  employer: string;
  url: string | null;
  skills: CheckedSkill[];
  notes: CheckNote[];
}

export interface PostingCheck {
  posting: CheckedPosting;
  fit: PostingFitDetail;
}

export interface Who {
  userId?: string | null;
  skillKeys?: readonly string[];
}

const fail = (code: ErrorCode, message: string) => new AppError(code, message, { expose: true });

/** Fetches a posting page; every refusal becomes a coded, learner-worded error. */
export async function fetchPostingPage(
  url: string,
  options: FetcherOptions = {},
): Promise<{ text: string; contentType: string; url: string }> {
  const fetcher = appFetcher({
    timeoutMs: CHECK_LIMITS.timeoutMs,
    maxBytes: CHECK_LIMITS.pageBytes,
    ...options,
    accept: "page",
  });
  let doc;
  try {
    doc = await fetcher(url.trim());
  } catch (e) {
    if (e instanceof FetchError) throw fail(e.code, LEARNER_WORDING[e.code]);
    throw e;
  }
  if (doc.status < 200 || doc.status > 299)
    throw fail("POSTING_HTTP_STATUS", `The job site answered with an error (HTTP ${doc.status}) instead of the page.`);
  return { text: doc.text, contentType: doc.contentType, url: doc.url };
}

function fromJsonLd(p: JobPostingInput, index: SkillIndex): Omit<CheckedPosting, "notes"> {
  const base = { title: p.title, employer: p.employer, url: p.url };
  if (p.skills.length) {
    const skills = [...resolvePostingSkills(p.skills, index)].map(([key, s]) => ({ key, name: s.name, written: null }));
    return { ...base, from: "json-ld", skills };
  }
  // A JobPosting without a skills list: its title and description are the text to search.
  const found = findSkillsInText(`${p.title}\n${plainText(p.description)}`, index);
  return { ...base, from: "text", skills: foundSkills(found.skills) };
}

function foundSkills(found: ReturnType<typeof findSkillsInText>["skills"]): CheckedSkill[] {
  return found.map((f) => ({ key: f.skill.id, name: f.skill.label, written: f.text }));
}

/** Reads a posting (fetching it when given its address) and resolves the skills it asks for. */
export async function readPosting(db: Db, source: PostingSource, fetch: FetcherOptions = {}): Promise<CheckedPosting> {
  let content: string;
  let contentType = "";
  let pageUrl: string | undefined;
  if ("url" in source) {
    if (!source.url.trim()) throw fail("POSTING_EMPTY", "Paste the posting's address or its text.");
    const page = await fetchPostingPage(source.url, fetch);
    ({ text: content, contentType, url: pageUrl } = page);
    const type = contentType.split(";")[0]!.trim().toLowerCase();
    if (type.endsWith("xml") && type !== "application/xhtml+xml")
      throw fail("POSTING_NOT_A_PAGE", "That address returned an XML document, not a job posting's page.");
  } else {
    content = source.text;
    contentType = source.contentType ?? "";
    if (!content.trim()) throw fail("POSTING_EMPTY", "Paste the posting's address or its text.");
  }

  const doc = readPostingDocument(content, { contentType, pageUrl });
  if (doc.invalidJson)
    throw fail("POSTING_INVALID_JSON", "This looks like JSON but can't be read: check that it is complete.");
  const index = await getSkillIndex(db);
  const notes: CheckNote[] = [];
  let read: Omit<CheckedPosting, "notes">;
  const [first] = doc.postings;
  if (first) {
    read = fromJsonLd(first, index);
    if (doc.postings.length > 1)
      notes.push({
        code: "MORE_POSTINGS",
        message: `This page lists ${doc.postings.length} postings; this is the first ("${first.title}").`,
      });
  } else {
    if (doc.kind === "json-ld")
      throw fail(
        "POSTING_NOT_FOUND",
        doc.errors[0]
          ? `The JobPosting can't be read: ${doc.errors[0].message}`
          : "This JSON holds no schema.org JobPosting.",
      );
    const found = findSkillsInText(doc.text, index);
    if (found.truncated)
      notes.push({
        code: "TEXT_TRUNCATED",
        message: `Only the first ${CHECK_LIMITS.textChars.toLocaleString("en")} characters were read.`,
      });
    read = {
      from: "text",
      title: doc.title || firstLine(doc.text),
      employer: "",
      url: pageUrl ?? null,
      skills: foundSkills(found.skills),
    };
  }
  if (doc.brokenJsonLd)
    notes.push({
      code: "JSONLD_INVALID",
      message: first
        ? "Some of the page's posting data (JSON-LD) is malformed and was skipped."
        : "The page's posting data (JSON-LD) is malformed, so its skills were read from the page's text.",
    });
  if (!read.skills.length)
    notes.push({
      code: "NO_SKILLS",
      message: "No skills Sash knows were recognised in this posting.",
    });
  return { ...read, skills: read.skills.slice(0, MAX_SKILLS_PER_POSTING), notes };
}

function firstLine(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * Scores a posting's skills for the learner. A posting from elsewhere marks none required (schema.org
 * has no such mark, prose rarely says), so every skill listed counts — as for such a catalogue posting.
 */
export async function scorePosting(
  db: Db,
  skills: ReadonlyArray<{ key: string; name: string }>,
  who: Who,
): Promise<PostingFitDetail> {
  return postingFitDetail(
    db,
    skills.map((s) => ({ key: s.key, name: s.name, required: false })),
    who,
  );
}

/** Reads and scores a posting: what /jobs/check shows first. */
export async function checkPosting(
  db: Db,
  source: PostingSource,
  who: Who,
  fetch: FetcherOptions = {},
): Promise<PostingCheck> {
  const posting = await readPosting(db, source, fetch);
  return { posting, fit: await scorePosting(db, posting.skills, who) };
}

/**
 * Scores the skills the learner kept (after unticking mistakes) without reading the posting
 * again. Keys come back from the browser, so each is checked: a library key must exist in the
 * index (its label is used); anything else is resolved afresh from its name.
 */
export async function rescorePosting(
  db: Db,
  kept: ReadonlyArray<{ key: string; name: string }>,
  who: Who,
): Promise<{ skills: CheckedSkill[]; fit: PostingFitDetail }> {
  if (kept.length > MAX_SKILLS_PER_POSTING)
    throw fail("POSTING_TOO_MANY_SKILLS", `A posting can list at most ${MAX_SKILLS_PER_POSTING} skills.`);
  // The picker's rule (one vocabulary): a key is trusted only when the index holds it, else the name is resolved.
  const resolver = await getSkillResolver(db);
  const byKey = new Map<string, CheckedSkill>();
  for (const k of kept) {
    const name = k.name.trim().slice(0, 200);
    const r = resolver.resolvePick({ id: k.key, label: name });
    if (!r) continue;
    if (!byKey.has(r.key)) byKey.set(r.key, { key: r.key, name: r.skillId ? r.label : name, written: null });
  }
  const skills = [...byKey.values()];
  return { skills, fit: await scorePosting(db, skills, who) };
}

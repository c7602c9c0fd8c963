// One posting a learner brings from elsewhere (/jobs/check, `sash fit --posting`): a web page, a
// JSON-LD document or plain text, told apart by content type and content. JSON-LD — on its own
// or in the page's <script> blocks — is read by the importer (jsonld.ts, page.ts); anything
// else is text in which the skills matcher looks for skills (lib/skills/extract.ts).
import { looksLikeHtml } from "./html";
import { parseJobPostingJsonLd } from "./jsonld";
import { parseJobPostingPage } from "./page";
import type { ImportIssue, JobPostingInput } from "./types";

export type PostingDocumentKind = "json-ld" | "html" | "text";

export interface PostingDocument {
  kind: PostingDocumentKind;
  /** JobPostings read from JSON-LD (the document itself, or the page's blocks). */
  postings: JobPostingInput[];
  /** Postings found but unreadable. */
  errors: ImportIssue[];
  /** The page's JSON-LD blocks that are not valid JSON. */
  brokenJsonLd: number;
  /** Set when a JSON document as a whole is not valid JSON. */
  invalidJson?: string;
  /** The words to look for skills in when no posting lists them: the page's or the document's text. */
  text: string;
  /** The page's <title>, or "". */
  title: string;
}

/** Source name for postings read here; they are never stored. */
const SOURCE = "check";

function looksLikeJson(content: string, contentType: string): boolean {
  const t = contentType.split(";")[0]!.trim().toLowerCase();
  if (t === "application/json" || t === "application/ld+json" || t.endsWith("+json")) return true;
  return /^\s*[[{]/.test(content.replace(/^\uFEFF/, ""));
}

/** Reads one posting document. `pageUrl` is where it came from (links and postings without url). */
export function readPostingDocument(
  content: string,
  options: { contentType?: string; pageUrl?: string } = {},
): PostingDocument {
  const contentType = options.contentType ?? "";
  if (looksLikeJson(content, contentType)) {
    const parsed = parseJobPostingJsonLd(SOURCE, content, { pageUrl: options.pageUrl, requireKey: false });
    return {
      kind: "json-ld",
      postings: parsed.postings,
      errors: parsed.errors.filter((e) => e.record > 0),
      brokenJsonLd: 0,
      invalidJson: parsed.fatal,
      text: "",
      title: "",
    };
  }
  if (looksLikeHtml(content, contentType)) {
    const page = parseJobPostingPage(SOURCE, content, { pageUrl: options.pageUrl, requireKey: false });
    return {
      kind: "html",
      postings: page.postings,
      errors: page.errors,
      brokenJsonLd: page.brokenBlocks.length,
      text: page.page.text,
      title: page.page.title,
    };
  }
  return { kind: "text", postings: [], errors: [], brokenJsonLd: 0, text: content, title: "" };
}

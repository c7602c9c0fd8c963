// schema.org JobPostings published on a web page: the page's JSON-LD blocks, read with a real
// HTML parser (lib/jobs/html.ts), then each posting through the JSON-LD importer (jsonld.ts).
// A block that is not valid JSON is reported and the others are still read.
import { readHtmlPage, type PageContent } from "./html";
import { readJobPostings, type ReadOptions } from "./jsonld";
import type { ImportIssue, JobPostingInput } from "./types";

export interface PagePostings {
  postings: JobPostingInput[];
  /** Postings that were found but could not be read (record = position on the page). */
  errors: ImportIssue[];
  /** JSON-LD blocks that are not valid JSON, by their 1-based position among the page's blocks. */
  brokenBlocks: Array<{ block: number; message: string }>;
  page: PageContent;
}

/** How deep inside a JSON-LD block a JobPosting is looked for (WebPage.mainEntity, ItemList items …). */
const MAX_DEPTH = 8;
/** Nodes visited per page, so a hostile block can't make the walk slow. */
const MAX_NODES = 20_000;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

function isJobPosting(node: Node): boolean {
  const types = Array.isArray(node["@type"]) ? node["@type"] : [node["@type"]];
  return types.some(
    (t) => typeof t === "string" && (t === "JobPosting" || t.endsWith("/JobPosting") || t.endsWith(":JobPosting")),
  );
}

/** JSON-LD as pages embed it: sometimes wrapped in an HTML comment or CDATA markers. */
function unwrapBlock(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[/, "")
    .replace(/(?:\/\/\s*)?\]\]>$/, "")
    .replace(/^<!--/, "")
    .replace(/-->$/, "")
    .trim();
}

/**
 * Every JobPosting anywhere in the blocks (in a @graph, an array, an ItemList, a WebPage's
 * mainEntity …), plus every node with an @id that a posting may point to (its organisation, its
 * place). Postings are not searched inside postings.
 */
function collectNodes(blocks: unknown[]): Node[] {
  const out: Node[] = [];
  let visited = 0;
  const walk = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH || ++visited > MAX_NODES) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    if (!isNode(v)) return;
    if (isJobPosting(v)) {
      out.push(v);
      return;
    }
    if (typeof v["@id"] === "string" && Object.keys(v).length > 1) out.push(v);
    for (const [k, child] of Object.entries(v)) if (k !== "@context") walk(child, depth + 1);
  };
  for (const b of blocks) walk(b, 0);
  return out;
}

/** The JobPostings a web page publishes as JSON-LD, with its text and links for callers that need them. */
export function parseJobPostingPage(source: string, html: string, options: ReadOptions = {}): PagePostings {
  const page = readHtmlPage(html, options.pageUrl);
  const brokenBlocks: PagePostings["brokenBlocks"] = [];
  const docs: unknown[] = [];
  page.jsonLd.forEach((raw, i) => {
    const body = unwrapBlock(raw);
    if (!body) return;
    try {
      docs.push(JSON.parse(body));
    } catch (e) {
      brokenBlocks.push({ block: i + 1, message: `JSON-LD block ${i + 1} is not valid JSON: ${(e as Error).message}` });
    }
  });
  const { postings, errors } = readJobPostings(source, { "@graph": collectNodes(docs) }, options);
  return { postings, errors, brokenBlocks, page };
}

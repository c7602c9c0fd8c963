// `sash import-jobs <url>`: the JobPosting JSON-LD a site publishes, found from a sitemap
// (sitemaps.org 0.9 <urlset>, or a <sitemapindex> of them) or a careers page (its own postings and
// the same-site pages it links to, one level deep). Every request goes through the SSRF-safe
// fetcher (lib/net/fetcher.ts) in page mode, within bounds on pages, bytes per page, bytes in
// total and time; what was not fetched because of a bound is counted, never silently dropped.
import { XMLParser } from "fast-xml-parser";
import { stripDoctype } from "@/lib/badges/svg";
import type { Fetcher } from "@/lib/badges/types";
import { createFetcher, type FetcherOptions } from "@/lib/net/fetcher";
import { AppError } from "@/lib/errors";
import { FetchError } from "@/lib/net/errors";
import { looksLikeHtml, readHtmlPage } from "./html";
import { parseJobPostingJsonLd } from "./jsonld";
import { parseJobPostingPage } from "./page";
import type { JobPostingInput } from "./types";

export interface CrawlLimits {
  /** Requests in all: the start page, child sitemaps and posting pages. */
  maxPages: number;
  /** Child sitemaps read from a sitemap index. */
  maxSitemaps: number;
  /** Bytes of one page or sitemap. */
  pageBytes: number;
  /** Bytes of every response together. */
  totalBytes: number;
  /** The whole crawl, in milliseconds. */
  timeMs: number;
  /** One request, in milliseconds (never more than what is left of timeMs). */
  requestMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const CRAWL_DEFAULTS: CrawlLimits = {
  maxPages: 200,
  maxSitemaps: 20,
  pageBytes: 3 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  timeMs: 120_000,
  requestMs: 10_000,
  concurrency: 4,
};

/** A page that failed, a JSON-LD block that is not JSON, or a posting that could not be read. */
export interface CrawlIssue {
  url: string;
  /** The posting's position on that page, for a posting that could not be read. */
  record?: number;
  code?: string;
  message: string;
}

export interface CrawlResult {
  /** "sitemap" (urlset or index), "careers" (an HTML page), or "jsonld" (the address served JSON-LD itself). */
  kind: "sitemap" | "careers" | "jsonld";
  postings: Array<JobPostingInput & { foundOn: string }>;
  issues: CrawlIssue[];
  pages: {
    /** Responses read (start page and sitemaps included). */
    fetched: number;
    /** Posting pages that published at least one JobPosting. */
    withPostings: number;
    /** Requests that failed (refused, too large, timed out, HTTP error). */
    failed: number;
    /** Same-site addresses found but not fetched because a bound was reached. */
    notFetched: number;
    /** Addresses skipped for being on another site. */
    offSite: number;
  };
  bytes: number;
  /** The first bound that stopped the crawl early, if any. */
  stoppedBy: "pages" | "bytes" | "time" | null;
}

export type CrawlErrorCode = "CRAWL_BOUNDS" | "HTTP_STATUS" | "NOT_A_SITE_PAGE" | "SITEMAP_INVALID" | "SITEMAP_NESTED";

/** Why a crawl stopped; `sash import-jobs` reports the code and message (not exposed to a learner). */
export class CrawlError extends AppError {
  declare readonly code: CrawlErrorCode;
  constructor(code: CrawlErrorCode, message: string) {
    super(code, message);
    this.name = "CrawlError";
  }
}

// Second-level labels under which a registrable name takes three labels (example.co.uk).
const GENERIC_SLD = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "gob", "govt", "nhs", "sch", "ltd", "plc"]);

/** The site a host belongs to: the host itself for an IP address, else its registrable-looking name. */
export function siteOf(hostname: string): string {
  const h = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (/^[\d.]+$/.test(h) || h.includes(":")) return h;
  const labels = h.split(".");
  const take = labels.length >= 3 && GENERIC_SLD.has(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-take).join(".");
}

export function sameSite(a: URL, b: URL): boolean {
  return siteOf(a.hostname) === siteOf(b.hostname);
}

/** Links a careers page is unlikely to mean as postings. */
const ASSET =
  /\.(?:pdf|jpe?g|png|gif|svg|webp|ico|css|js|mjs|zip|gz|docx?|xlsx?|pptx?|mp4|mp3|woff2?|ttf|xml|rss|atom)$/i;
/** Paths that look like a posting or a list of them: followed first. */
const JOBLIKE = /job|career|position|opening|vacanc|role|posting|requisition|apply|stellen|emploi|empleo/i;

// Entities (issue #25 §5e): a sitemap needs only the five predefined ones (&amp; in URLs). Its
// DOCTYPE is removed before parsing (stripDoctype), so no entity it declares is ever read, let
// alone expanded; a DOCTYPE that can't be removed is refused; and the parser's own bounds on
// declared entities are set as low as it allows, should one still reach it.
const xml = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpansionDepth: 1 },
  htmlEntities: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

function isXml(text: string, contentType: string): boolean {
  const t = contentType.split(";")[0]!.trim().toLowerCase();
  if (t === "application/xml" || t === "text/xml" || (t.endsWith("+xml") && t !== "application/xhtml+xml")) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(urlset|sitemapindex)\b/i.test(text.slice(0, 2048));
}

/** The <loc> addresses of a sitemap, and whether it is an index of sitemaps. */
export function readSitemap(text: string): { index: boolean; locs: string[] } {
  const body = stripDoctype(text);
  if (/<!(DOCTYPE|ENTITY)/i.test(body))
    throw new CrawlError("SITEMAP_INVALID", "The sitemap declares entities, which Sash doesn't read.");
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(body) as Record<string, unknown>;
  } catch (e) {
    throw new CrawlError("SITEMAP_INVALID", `The sitemap is not well-formed XML: ${(e as Error).message}`);
  }
  const locs = (entries: unknown): string[] =>
    (Array.isArray(entries) ? entries : [])
      .map((e) => (e && typeof e === "object" ? (e as { loc?: unknown }).loc : undefined))
      .filter((l): l is string => typeof l === "string")
      .map((l) => l.trim())
      .filter(Boolean);
  const index = doc.sitemapindex as { sitemap?: unknown } | undefined;
  if (index && typeof index === "object") return { index: true, locs: locs(index.sitemap) };
  const set = doc.urlset as { url?: unknown } | undefined;
  if (set && typeof set === "object") return { index: false, locs: locs(set.url) };
  if ("sitemapindex" in doc || "urlset" in doc) return { index: "sitemapindex" in doc, locs: [] };
  throw new CrawlError("SITEMAP_INVALID", "This XML is not a sitemap (no <urlset> or <sitemapindex>).");
}

/**
 * Crawls `start` for JobPostings. Throws CrawlError (or FetchError) only when the start address
 * itself can't be read; every later failure is an issue in the result.
 */
export async function crawlJobPostings(
  start: string,
  options: { source: string; limits?: Partial<CrawlLimits>; fetcher?: FetcherOptions } = { source: "import" },
): Promise<CrawlResult> {
  const limits = { ...CRAWL_DEFAULTS, ...options.limits };
  const startedAt = Date.now();
  const deadline = startedAt + limits.timeMs;
  let startUrl: URL;
  try {
    startUrl = new URL(start);
  } catch {
    throw new FetchError("FETCH_INVALID_URL", start, "This is not a valid web address.");
  }
  const result: CrawlResult = {
    kind: "careers",
    postings: [],
    issues: [],
    pages: { fetched: 0, withPostings: 0, failed: 0, notFetched: 0, offSite: 0 },
    bytes: 0,
    stoppedBy: null,
  };
  let requests = 0;
  // Bytes promised to requests in flight: each may read only what is left after the others' share,
  // so the total stays within totalBytes however many run at once.
  let reserved = 0;

  /** One bounded request: null when a bound stops it (and counts why). */
  const fetchOne = async (url: string): Promise<Awaited<ReturnType<Fetcher>> | null> => {
    const left = deadline - Date.now();
    const share = Math.min(limits.pageBytes, limits.totalBytes - result.bytes - reserved);
    const bound = requests >= limits.maxPages ? "pages" : share <= 0 ? "bytes" : left <= 0 ? "time" : null;
    if (bound) {
      result.stoppedBy ??= bound;
      result.pages.notFetched++;
      return null;
    }
    requests++;
    reserved += share;
    const fetcher = createFetcher({
      ...options.fetcher,
      accept: "page",
      maxBytes: share,
      timeoutMs: Math.min(limits.requestMs, left),
    });
    try {
      const doc = await fetcher(url);
      result.pages.fetched++;
      result.bytes += Buffer.byteLength(doc.text);
      return doc;
    } catch (e) {
      if (e instanceof FetchError && e.code === "FETCH_TOO_LARGE" && share < limits.pageBytes)
        result.stoppedBy ??= "bytes";
      if (e instanceof FetchError && e.code === "FETCH_TIMEOUT" && deadline - Date.now() <= 0)
        result.stoppedBy ??= "time";
      throw e;
    } finally {
      reserved -= share;
    }
  };

  /** Fetches and reads a posting page; failures become issues. */
  const readPostingPage = async (url: string) => {
    let doc;
    try {
      doc = await fetchOne(url);
    } catch (e) {
      result.pages.failed++;
      result.issues.push({ url, code: codeOf(e), message: messageOf(e) });
      return;
    }
    if (!doc) return;
    if (doc.status < 200 || doc.status > 299) {
      result.pages.failed++;
      result.issues.push({ url, code: "HTTP_STATUS", message: `The page answered HTTP ${doc.status}.` });
      return;
    }
    collect(url, doc.text, doc.contentType);
  };

  /** Postings of one fetched document (HTML page or JSON-LD). */
  const collect = (url: string, text: string, contentType: string) => {
    if (!looksLikeHtml(text, contentType) && /^\s*[[{]/.test(text)) {
      const parsed = parseJobPostingJsonLd(options.source, text, { pageUrl: url });
      if (parsed.fatal) result.issues.push({ url, code: "JSONLD_INVALID", message: parsed.fatal });
      for (const e of parsed.errors)
        if (e.record > 0) result.issues.push({ url, record: e.record, message: e.message });
      if (parsed.postings.length) result.pages.withPostings++;
      result.postings.push(...parsed.postings.map((p) => ({ ...p, foundOn: url })));
      return;
    }
    const page = parseJobPostingPage(options.source, text, { pageUrl: url });
    for (const b of page.brokenBlocks) result.issues.push({ url, code: "JSONLD_INVALID", message: b.message });
    for (const e of page.errors) result.issues.push({ url, record: e.record, message: e.message });
    if (page.postings.length) result.pages.withPostings++;
    result.postings.push(...page.postings.map((p) => ({ ...p, foundOn: url })));
  };

  /** Same-site http(s) addresses, once each, in order; the others are counted. */
  const sameSiteOnly = (urls: string[], seen: Set<string>): string[] => {
    const out: string[] = [];
    for (const raw of urls) {
      let u: URL;
      try {
        u = new URL(raw, startUrl);
      } catch {
        continue;
      }
      if (u.protocol !== "https:" && u.protocol !== "http:") continue;
      u.hash = "";
      const key = u.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      if (!sameSite(u, startUrl)) {
        result.pages.offSite++;
        continue;
      }
      out.push(key);
    }
    return out;
  };

  /** Reads pages `concurrency` at a time, in order. */
  const readAll = async (urls: string[]) => {
    let next = 0;
    const worker = async () => {
      while (next < urls.length) await readPostingPage(urls[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(limits.concurrency, urls.length) }, worker));
  };

  // The start address: its failure is the command's failure.
  const first = await fetchOne(startUrl.toString());
  if (!first) throw new CrawlError("CRAWL_BOUNDS", "The limits allow no request at all.");
  if (first.status < 200 || first.status > 299)
    throw new CrawlError("HTTP_STATUS", `${start} answered HTTP ${first.status}.`);
  const seen = new Set<string>([startUrl.toString(), first.url]);

  if (isXml(first.text, first.contentType)) {
    result.kind = "sitemap";
    const top = readSitemap(first.text);
    let pageUrls: string[] = [];
    if (top.index) {
      const children = sameSiteOnly(top.locs, seen);
      result.pages.notFetched += Math.max(0, children.length - limits.maxSitemaps);
      for (const child of children.slice(0, limits.maxSitemaps)) {
        try {
          const doc = await fetchOne(child);
          if (!doc) continue;
          if (doc.status < 200 || doc.status > 299) throw new CrawlError("HTTP_STATUS", `HTTP ${doc.status}.`);
          const sub = readSitemap(doc.text);
          if (sub.index) throw new CrawlError("SITEMAP_NESTED", "A sitemap index inside a sitemap index is not read.");
          pageUrls.push(...sub.locs);
        } catch (e) {
          result.pages.failed++;
          result.issues.push({ url: child, code: codeOf(e), message: messageOf(e) });
        }
      }
    } else pageUrls = top.locs;
    await readAll(sameSiteOnly(pageUrls, seen));
  } else if (looksLikeHtml(first.text, first.contentType)) {
    result.kind = "careers";
    collect(first.url, first.text, first.contentType);
    const links = sameSiteOnly(readHtmlPage(first.text, first.url).links, seen).filter(
      (l) => !ASSET.test(new URL(l).pathname),
    );
    // Postings and job lists first, then the rest of the site's links.
    const ordered = [
      ...links.filter((l) => JOBLIKE.test(new URL(l).pathname)),
      ...links.filter((l) => !JOBLIKE.test(new URL(l).pathname)),
    ];
    await readAll(ordered);
  } else if (/^\s*[[{]/.test(first.text)) {
    result.kind = "jsonld";
    collect(first.url, first.text, first.contentType);
  } else {
    throw new CrawlError("NOT_A_SITE_PAGE", `${start} is neither a sitemap nor a web page.`);
  }
  return result;
}

function codeOf(e: unknown): string {
  if (e instanceof FetchError || e instanceof CrawlError) return e.code;
  return "FETCH_FAILED";
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

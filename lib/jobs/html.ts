// Reads a web page with a real HTML parser (htmlparser2, streaming, tolerant of broken markup):
// its schema.org JSON-LD blocks, its visible text and its links. Used by /jobs/check and
// `sash fit --posting` (one posting) and by `sash import-jobs <url>` (careers pages).
import { Parser } from "htmlparser2";

export interface PageContent {
  /** The text of each <script type="application/ld+json"> block, in document order. */
  jsonLd: string[];
  /** What a reader sees: no scripts, styles or templates; block elements end lines. */
  text: string;
  /** The page's <title>. */
  title: string;
  /** Absolute http(s) addresses of the page's <a href> links, without fragments, first occurrence first. */
  links: string[];
  /** True when the text, the links or the JSON-LD blocks were cut at their bounds. */
  truncated: boolean;
}

/** Bounds on what one page may contribute, whatever its size. */
export const PAGE_LIMITS = {
  textChars: 200_000,
  links: 2_000,
  jsonLdBlocks: 50,
} as const;

/** Elements whose content is never visible text. */
const HIDDEN = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head"]);

/** Elements that start a new line of text. */
const BLOCK = new Set(
  `address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6
   header hr li main nav ol p pre section summary table tbody td th thead tr ul`.split(/\s+/),
);

const isJsonLdType = (type: string | undefined) =>
  (type ?? "").split(";")[0]!.trim().toLowerCase() === "application/ld+json";

/** Resolves an href against the page address; null for anything that is not an http(s) link. */
function absoluteLink(href: string, base: URL | null): string | null {
  const h = href.trim();
  if (!h || h.startsWith("#")) return null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.toString();
  } catch {
    return null;
  }
}

/** Parses an HTML document. `pageUrl` resolves relative links (a <base href> in the page wins). */
export function readHtmlPage(html: string, pageUrl?: string): PageContent {
  let base: URL | null = null;
  try {
    base = pageUrl ? new URL(pageUrl) : null;
  } catch {
    base = null;
  }
  const jsonLd: string[] = [];
  const links: string[] = [];
  const seenLinks = new Set<string>();
  const textParts: string[] = [];
  let textLength = 0;
  let truncated = false;
  let title = "";

  // Depth of hidden elements we are inside, the JSON-LD block being read, and whether we're in <title>.
  let hiddenDepth = 0;
  const hiddenStack: string[] = [];
  let ldBuffer: string[] | null = null;
  let inTitle = false;

  const addText = (s: string) => {
    if (textLength >= PAGE_LIMITS.textChars) {
      truncated = true;
      return;
    }
    const piece = s.slice(0, PAGE_LIMITS.textChars - textLength);
    if (piece.length < s.length) truncated = true;
    textParts.push(piece);
    textLength += piece.length;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "base" && attribs.href) {
          const b = absoluteLink(attribs.href, base);
          if (b) base = new URL(b);
        }
        // A <head> left open by broken markup ends where the visible content begins.
        if (hiddenStack.length === 1 && hiddenStack[0] === "head" && (BLOCK.has(name) || name === "a")) {
          hiddenStack.pop();
          hiddenDepth--;
        }
        if (name === "title" && !inTitle) inTitle = true;
        if (name === "script" && isJsonLdType(attribs.type)) {
          if (jsonLd.length < PAGE_LIMITS.jsonLdBlocks) ldBuffer = [];
          else truncated = true;
        }
        if (HIDDEN.has(name)) {
          hiddenDepth++;
          hiddenStack.push(name);
          return;
        }
        if (hiddenDepth) return;
        if (BLOCK.has(name)) addText("\n");
        if (name === "a" && attribs.href) {
          const link = absoluteLink(attribs.href, base);
          if (link && !seenLinks.has(link)) {
            if (links.length < PAGE_LIMITS.links) {
              seenLinks.add(link);
              links.push(link);
            } else truncated = true;
          }
        }
      },
      ontext(data) {
        if (ldBuffer) ldBuffer.push(data);
        else if (inTitle) title += data;
        else if (!hiddenDepth) addText(data);
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "script" && ldBuffer) {
          jsonLd.push(ldBuffer.join(""));
          ldBuffer = null;
        }
        if (hiddenDepth && hiddenStack[hiddenStack.length - 1] === name) {
          hiddenStack.pop();
          hiddenDepth--;
          return;
        }
        if (!hiddenDepth && BLOCK.has(name)) addText("\n");
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();

  const text = textParts
    .join("")
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
  return { jsonLd, text, title: title.replace(/\s+/g, " ").trim(), links, truncated };
}

/** The visible text of an HTML fragment (a JobPosting's description is often HTML). */
export function htmlToText(html: string): string {
  return readHtmlPage(html).text;
}

/**
 * Whether a document is HTML rather than JSON, XML or plain text: by its content type when the
 * server gave one, else by its first tag.
 */
export function looksLikeHtml(text: string, contentType = ""): boolean {
  const t = contentType.split(";")[0]!.trim().toLowerCase();
  if (t === "text/html" || t === "application/xhtml+xml") return true;
  if (t && t !== "text/plain" && t !== "application/octet-stream") return false;
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|script)\b/i.test(
    text.replace(/^\uFEFF/, "").slice(0, 4096),
  );
}

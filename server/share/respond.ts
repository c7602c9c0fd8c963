// HTTP responses for the public /c/[slug] routes.
import "server-only";
import { gzipSync } from "node:zlib";
import { getDbHandle } from "@/server/db";
import { config } from "@/server/config";
import { publicImageHeaders, type PublicImageMime } from "@/lib/share/image";
import { renderShareNotFound, SHARE_CSP } from "@/lib/share/render";
import type { ShareBinary } from "./cache";

const NOT_FOUND_HTML = renderShareNotFound();
let notFoundBytes: ReturnType<typeof encode> | undefined;

const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": SHARE_CSP,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Caches must ask every time (ETag makes that cheap): a link turned off is gone at once.
  "Cache-Control": "public, no-cache",
};

/**
 * bench:share proves cache hits cost no query: with SASH_DEBUG_DB_QUERIES=1 each
 * response carries the process's running statement count (db/client.ts queryCount).
 */
async function debugHeaders(): Promise<Record<string, string>> {
  if (!config().SASH_DEBUG_DB_QUERIES) return {};
  const h = await getDbHandle();
  return { "X-Sash-Db-Queries": String(h.queryCount()) };
}

// Each cached page's UTF-8 bytes and their gzip, made once (the memo keeps the page object alive):
// Next's own compression would gzip the same page again for every reader (issue #23 §3: zlib was
// a tenth of the request thread's time during test:load's save burst). Next leaves a response that
// already has a Content-Encoding alone.
const encodedPages = new WeakMap<object, { plain: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }>();
const encoder = new TextEncoder();

function encode(html: string): { plain: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> } {
  const plain = encoder.encode(html);
  return { plain, gzip: new Uint8Array(gzipSync(plain)) };
}

function pageBytes(page: { html: string }) {
  let bytes = encodedPages.get(page);
  if (!bytes) {
    bytes = encode(page.html);
    encodedPages.set(page, bytes);
  }
  return bytes;
}

/** Whether the client takes gzip (Accept-Encoding lists gzip or *, without q=0). */
export function acceptsGzip(req: Request): boolean {
  const header = req.headers.get("accept-encoding");
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The page's body and headers: gzip when the client takes it (Vary: Accept-Encoding either way). */
function pageBody(
  req: Request,
  bytes: { plain: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> },
): { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  return acceptsGzip(req)
    ? { body: bytes.gzip, headers: { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } }
    : { body: bytes.plain, headers: { Vary: "Accept-Encoding" } };
}

function notModified(req: Request, etag: string): boolean {
  const inm = req.headers.get("if-none-match");
  return !!inm && inm.split(",").some((t) => t.trim() === etag);
}

export async function shareNotFound(req?: Request): Promise<Response> {
  const { body, headers }: { body: BodyInit; headers: Record<string, string> } = req
    ? pageBody(req, (notFoundBytes ??= encode(NOT_FOUND_HTML)))
    : { body: NOT_FOUND_HTML, headers: {} };
  return new Response(body, {
    status: 404,
    headers: {
      ...PAGE_HEADERS,
      ...headers,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
      ...(await debugHeaders()),
    },
  });
}

/** `csp`: the page's own policy (the portfolio page's stylesheet has its own hash). */
export async function sharePageResponse(
  req: Request,
  page: { html: string; etag: string; indexable: boolean },
  csp: string = SHARE_CSP,
): Promise<Response> {
  const out = pageBody(req, pageBytes(page));
  // The gzip form is another representation, so it has its own validator.
  const etag = out.headers["Content-Encoding"] ? page.etag.replace(/"$/, '-gz"') : page.etag;
  const headers: Record<string, string> = {
    ...PAGE_HEADERS,
    "Content-Security-Policy": csp,
    ETag: etag,
    Vary: "Accept-Encoding",
    ...(await debugHeaders()),
  };
  if (!page.indexable) headers["X-Robots-Tag"] = "noindex, nofollow";
  if (notModified(req, etag)) return new Response(null, { status: 304, headers });
  return new Response(out.body, { status: 200, headers: { ...headers, ...out.headers } });
}

export function plainNotFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

export function binaryResponse(req: Request, bin: ShareBinary | null, opts: { attachment?: boolean } = {}): Response {
  if (!bin) return plainNotFound();
  const mime = (bin.mime === "image/svg+xml" ? "image/svg+xml" : "image/png") as PublicImageMime;
  const extra: Record<string, string> = { ETag: bin.etag, "X-Robots-Tag": "noindex" };
  if (opts.attachment) {
    const name = (bin.filename ?? "badge").replace(/[^\w.-]/g, "_");
    extra["Content-Disposition"] = `attachment; filename="${name}"`;
  }
  const headers = publicImageHeaders(mime, extra);
  if (notModified(req, bin.etag)) return new Response(null, { status: 304, headers });
  return new Response(bin.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

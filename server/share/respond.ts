// HTTP responses for the public /c/[slug] routes.
import "server-only";
import { getDbHandle } from "@/server/db";
import { config } from "@/server/config";
import { publicImageHeaders, type PublicImageMime } from "@/lib/share/image";
import { renderShareNotFound, SHARE_CSP } from "@/lib/share/render";
import type { ShareBinary } from "./cache";

const NOT_FOUND_HTML = renderShareNotFound();

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

// UTF-8 bytes of each cached page, encoded once (the memo keeps the page object alive).
const encodedPages = new WeakMap<object, Uint8Array<ArrayBuffer>>();
const encoder = new TextEncoder();

function pageBytes(page: { html: string }): Uint8Array<ArrayBuffer> {
  let bytes = encodedPages.get(page);
  if (!bytes) {
    bytes = encoder.encode(page.html);
    encodedPages.set(page, bytes);
  }
  return bytes;
}

function notModified(req: Request, etag: string): boolean {
  const inm = req.headers.get("if-none-match");
  return !!inm && inm.split(",").some((t) => t.trim() === etag);
}

export async function shareNotFound(): Promise<Response> {
  return new Response(NOT_FOUND_HTML, {
    status: 404,
    headers: { ...PAGE_HEADERS, "Cache-Control": "no-store", "X-Robots-Tag": "noindex", ...(await debugHeaders()) },
  });
}

/** `csp`: the page's own policy (the portfolio page's stylesheet has its own hash). */
export async function sharePageResponse(
  req: Request,
  page: { html: string; etag: string; indexable: boolean },
  csp: string = SHARE_CSP,
): Promise<Response> {
  const headers: Record<string, string> = {
    ...PAGE_HEADERS,
    "Content-Security-Policy": csp,
    ETag: page.etag,
    ...(await debugHeaders()),
  };
  if (!page.indexable) headers["X-Robots-Tag"] = "noindex, nofollow";
  if (notModified(req, page.etag)) return new Response(null, { status: 304, headers });
  return new Response(pageBytes(page), { status: 200, headers });
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

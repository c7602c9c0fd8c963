// Cached reads behind the public /c/[slug] routes (issue #12 §1). A cache hit
// costs no database statement. Outside Vercel the cache is this process's
// memory only (lib/share/memo.ts): the page as finished HTML, the images, and a
// negative entry for a slug that isn't shared, each dropped the moment the
// database says the link changed (invalidation.ts). Nothing is kept on disk, so
// after a restart every answer is read from the database again. On Vercel,
// Next's data cache (unstable_cache, tagged per link — revalidate.ts) is used
// instead, since tag revalidation there reaches every instance.
import "server-only";
import { createHash } from "node:crypto";
import { unstable_cache } from "next/cache";
import { getDb } from "@/server/db";
import { getSharedCredential, getSharedFile, savePublicBytes } from "@/db/queries/share";
import { checkPngBudget, parseDataUri, type PublicImageMime } from "@/lib/share/image";
import { publicBadgeImageOffThread, publicImageOffThread } from "@/server/workers/offload";
import { memoGet, memoHeld, memoLoadOnce, memoSet, MEMO_TTL_MS, slugIndexSaysMissing } from "@/lib/share/memo";
import { isDatabaseDown } from "@/server/errors";
import { renderSharePage } from "@/lib/share/render";
import { shareCacheKind, shareCacheReady } from "./invalidation";
import { shareTag } from "./revalidate";
import { AppError } from "@/lib/errors";
import { SHARE_SLUG_PATTERN } from "@/lib/share/slug";
import { bakedDownloadAllowed, buildShareView, downloadFilename } from "@/lib/share/view";
import { getRecordRows, getSharedRecordOwner } from "@/db/queries/portfolio";
import { buildPortfolioView } from "@/lib/portfolio/view";
import { renderPortfolioPage } from "@/lib/portfolio/render";

/** Thrown inside unstable_cache so nothing is stored for a missing link (Vercel). */
class ShareNotFound extends AppError {
  declare readonly code: "SHARE_NOT_FOUND";
  constructor() {
    super("SHARE_NOT_FOUND", "no such share link");
    this.name = "ShareNotFound";
  }
}

// Vercel: re-check at least daily so "Expires" flips to "Expired" without an edit.
const REVALIDATE_SECONDS = 86_400;
// Next's data cache refuses entries over 2 MB; bigger images are read per request.
const MAX_CACHED_BYTES = 1_400_000;

export interface CachedSharePage {
  html: string;
  etag: string;
  indexable: boolean;
  /** When the page's text changes by itself (the credential expires), ms since epoch. */
  changesAt?: number | null;
}

export interface CachedBinary {
  mime: string;
  base64: string | null; // null: too big to cache, read directly
  etag: string;
  filename?: string;
}

/**
 * This process's memo, or (Vercel) Next's data cache, then the database.
 * `fn` resolves null when the link is not shared; outside Vercel that answer is
 * cached too, invalidated like any other.
 */
async function cached<R>(
  slug: string,
  key: string,
  size: (r: R) => number,
  fn: () => Promise<R | null>,
  ttlMs: (r: R) => number = () => MEMO_TTL_MS,
): Promise<R | null> {
  if (shareCacheKind() === "vercel") {
    const load = unstable_cache(
      async () => {
        const v = await fn();
        if (v === null) throw new ShareNotFound();
        return v;
      },
      ["sash-share", key, slug],
      { tags: [shareTag(slug)], revalidate: REVALIDATE_SECONDS },
    );
    return orNull(load());
  }
  if (shareCacheReady()) {
    const hit = memoGet<R>(slug, key);
    if (hit) return hit.value;
    // A slug no change has ever named and that wasn't shared at load: not shared, no database read.
    if (slugIndexSaysMissing(slug)) return null;
  }
  // Misses of the same entry at the same moment share one load (lib/share/memo.ts memoLoadOnce).
  return memoLoadOnce(slug, key, async (ticket) => {
    let value: R | null;
    try {
      value = await fn();
    } catch (e) {
      // The database itself is down: no link can have changed since the cache was
      // suspended, so a copy held from before still tells the truth.
      const held = isDatabaseDown(e) ? memoHeld<R>(slug, key) : undefined;
      if (held) return held.value;
      throw e;
    }
    memoSet(ticket, key, value, value === null ? 0 : size(value), value === null ? MEMO_TTL_MS : ttlMs(value));
    return value;
  });
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ShareNotFound) return null;
    throw e;
  }
}

export function isShareSlug(slug: string): boolean {
  return SHARE_SLUG_PATTERN.test(slug);
}

function etagOf(data: string | Uint8Array): string {
  return `"${createHash("sha256").update(data).digest("base64url").slice(0, 27)}"`;
}

/** The finished share page, or null when the link is unknown, disabled or deleted. */
export function loadSharePage(slug: string, origin: string): Promise<CachedSharePage | null> {
  if (!isShareSlug(slug)) return Promise.resolve(null);
  return cached(
    slug,
    `page:${origin}`,
    (p) => p.html.length * 2,
    async (): Promise<CachedSharePage | null> => {
      const row = await getSharedCredential(await getDb(), slug);
      if (!row) return null;
      const html = renderSharePage(buildShareView(row, origin));
      return {
        html,
        etag: etagOf(html),
        indexable: row.indexable,
        changesAt: row.expires ? row.expires.getTime() : null,
      };
    },
    (p) => (p.changesAt && p.changesAt > Date.now() ? p.changesAt - Date.now() : MEMO_TTL_MS),
  );
}

/**
 * The public portfolio page (/r/<slug>, issue #13 §5), or null when the link
 * is unknown or off. Cached and invalidated like a credential's page: migration
 * 0008's triggers name the portfolio's slug on every change it shows.
 */
export function loadRecordSharePage(slug: string): Promise<CachedSharePage | null> {
  if (!isShareSlug(slug)) return Promise.resolve(null);
  return cached(
    slug,
    "record:page",
    (p) => p.html.length * 2,
    async (): Promise<CachedSharePage | null> => {
      const db = await getDb();
      const owner = await getSharedRecordOwner(db, slug);
      const rows = owner ? await getRecordRows(db, owner.userId) : null;
      if (!rows) return null;
      const now = new Date();
      const html = renderPortfolioPage(buildPortfolioView(rows, now));
      // The page changes by itself when a credential on it expires.
      const next = rows.credentials
        .map((c) => c.expires?.getTime() ?? 0)
        .filter((t) => t > now.getTime())
        .sort((a, b) => a - b)[0];
      return { html, etag: etagOf(html), indexable: false, changesAt: next ?? null };
    },
    (p) => (p.changesAt && p.changesAt > Date.now() ? p.changesAt - Date.now() : MEMO_TTL_MS),
  );
}

export type ShareImageKind = "badge" | "issuer" | "download";

interface ResolvedBinary {
  mime: string;
  bytes: Uint8Array;
  filename?: string;
}

/**
 * The stored picture without any badge data: PNG re-encoded from its pixels, a baked SVG with its
 * badge elements removed — in the worker pool, so a big PNG never stalls the share reads (issue #23 §3).
 */
function publicBadgeImage(file: {
  mimeType: string;
  bytes: Uint8Array;
  baked: boolean;
}): Promise<ResolvedBinary | null> {
  return publicBadgeImageOffThread(file);
}

async function resolveImage(slug: string, kind: ShareImageKind): Promise<ResolvedBinary | null> {
  const db = await getDb();
  if (kind === "issuer") {
    const row = await getSharedCredential(db, slug);
    const data = parseDataUri(row?.issuerImage);
    return data ? publicImageOffThread({ mime: data.mime, bytes: data.bytes, baked: false }) : null;
  }
  const file = await getSharedFile(db, slug);
  if (kind === "download") {
    if (!file?.baked) return null;
    const name = file.issuerTitle || file.title;
    // Issue #11 §5: the issuer's baked file only when it doesn't show the address it was
    // issued to (hashed recipient) or the learner chose so; otherwise the picture alone.
    if (bakedDownloadAllowed(file.record, file.downloadShowsAddress)) {
      return { mime: file.mimeType, bytes: file.bytes, filename: downloadFilename(name, file.mimeType) };
    }
    const img = await publicBadgeImage(file);
    return img ? { ...img, filename: downloadFilename(name, img.mime) } : null;
  }
  if (file) {
    if (file.publicBytes && file.publicMimeType) return { mime: file.publicMimeType, bytes: file.publicBytes };
    // Never the baked bytes: the public image and the OG image carry no badge data, so no recipient (issue #11 §5).
    const img = await publicBadgeImage(file);
    if (img) await savePublicBytes(db, file.fileId, img.bytes, img.mime);
    return img;
  }
  const row = await getSharedCredential(db, slug);
  const data = parseDataUri(row?.imageUrl);
  return data ? publicImageOffThread({ mime: data.mime, bytes: data.bytes, baked: false }) : null;
}

export interface ShareBinary {
  mime: string;
  bytes: Uint8Array;
  etag: string;
  filename?: string;
}

const binarySize = (b: CachedBinary) => (b.base64?.length ?? 0) + 200;

function fromBase64(b64: string): Uint8Array {
  const buf = Buffer.from(b64, "base64");
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A public image (or the baked download) for a link, or null. */
export async function loadShareImage(slug: string, kind: ShareImageKind): Promise<ShareBinary | null> {
  if (!isShareSlug(slug)) return null;
  const entry = await cached(slug, `image:${kind}`, binarySize, async (): Promise<CachedBinary | null> => {
    const img = await resolveImage(slug, kind);
    if (!img) return null;
    const etag = etagOf(img.bytes);
    const base64 = img.bytes.byteLength <= MAX_CACHED_BYTES ? Buffer.from(img.bytes).toString("base64") : null;
    return { mime: img.mime, base64, etag, filename: img.filename };
  });
  if (!entry) return null;
  if (entry.base64 !== null)
    return { mime: entry.mime, bytes: fromBase64(entry.base64), etag: entry.etag, filename: entry.filename };
  const img = await resolveImage(slug, kind);
  return img ? { ...img, etag: etagOf(img.bytes) } : null;
}

/** A baked badge is stored as issued; the OG renderer decodes it, so it gets the same budget as uploads (else no badge on the card). */
function withinPixelBudget(png: Uint8Array): boolean {
  try {
    checkPngBudget(png);
    return true;
  } catch {
    return false;
  }
}

export interface OgInput {
  title: string;
  learnerName: string;
  issuerName: string | null;
  badge: { mime: PublicImageMime; base64: string } | null;
}

/** The Open Graph image, rendered by `render` on a miss and cached as PNG bytes. */
export async function loadOgImage(
  slug: string,
  render: (input: OgInput) => Promise<Uint8Array>,
): Promise<ShareBinary | null> {
  if (!isShareSlug(slug)) return null;
  const entry = await cached(slug, "og", binarySize, async (): Promise<CachedBinary | null> => {
    const row = await getSharedCredential(await getDb(), slug);
    if (!row) return null;
    const badgeImg = await orNull(resolveImage(slug, "badge"));
    const badge =
      badgeImg &&
      badgeImg.bytes.byteLength <= 4_000_000 &&
      (badgeImg.mime === "image/svg+xml" || (badgeImg.mime === "image/png" && withinPixelBudget(badgeImg.bytes)))
        ? { mime: badgeImg.mime as PublicImageMime, base64: Buffer.from(badgeImg.bytes).toString("base64") }
        : null;
    const png = await render({
      title: row.issuerTitle || row.title,
      learnerName: row.learnerName,
      issuerName: row.issuerName,
      badge,
    });
    return { mime: "image/png", base64: Buffer.from(png).toString("base64"), etag: etagOf(png) };
  });
  if (!entry?.base64) return null;
  return { mime: entry.mime, bytes: fromBase64(entry.base64), etag: entry.etag };
}

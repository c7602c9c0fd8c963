// Images on public share pages. Privacy rule (issue #7 §4): a baked badge is
// served exactly as issued; any other image (manual entries, stripped uploads)
// only after re-encoding from its pixels, which drops every ancillary chunk
// (tEXt/iTXt/zTXt, eXIf, tIME, iCCP…) so no camera or location metadata leaks.
import { inflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { AppError } from "../errors";

export type PublicImageMime = "image/png" | "image/svg+xml";

export interface PublicImage {
  mime: PublicImageMime;
  bytes: Uint8Array;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPngBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** Images larger than this (width × height) are never decoded (issue #12 §2). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** A PNG Sash refuses to decode: `reason` says why, in words a learner can act on. */
export class ImageTooLargeError extends AppError {
  declare readonly code: "IMAGE_TOO_LARGE";
  /** `message` is written for the learner (exposed). */
  constructor(
    message: string,
    readonly width?: number,
    readonly height?: number,
  ) {
    super("IMAGE_TOO_LARGE", message, { expose: true });
    this.name = "ImageTooLargeError";
  }
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The IHDR fields (the first chunk, by the PNG spec), or null when it isn't a readable PNG header. */
export function readPngHeader(bytes: Uint8Array): PngHeader | null {
  if (!isPngBytes(bytes) || bytes.length < 33) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== "IHDR")
    return null;
  const header = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24],
    colorType: bytes[25],
    interlaced: bytes[28] === 1,
  };
  if (!header.width || !header.height || !(header.colorType in CHANNELS) || ![1, 2, 4, 8, 16].includes(header.bitDepth))
    return null;
  return header;
}

/** Exactly how many bytes the image data inflates to (scanlines with their filter bytes, Adam7 passes if interlaced). */
export function inflatedPngSize(h: PngHeader): number {
  const bitsPerPixel = CHANNELS[h.colorType] * h.bitDepth;
  const row = (w: number) => Math.ceil((w * bitsPerPixel) / 8) + 1;
  if (!h.interlaced) return row(h.width) * h.height;
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (w > 0 && rows > 0) total += rows * row(w);
  }
  return total;
}

/**
 * Refuses a PNG before any decoding when its header declares more than
 * `maxPixels`, then inflates its image data with the output capped at what the
 * header implies (a small file can't expand to gigabytes). Throws
 * ImageTooLargeError, or Error for a corrupt PNG.
 */
export function checkPngBudget(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): PngHeader {
  const h = readPngHeader(bytes);
  if (!h) throw new Error("not a readable PNG header");
  if (h.width * h.height > maxPixels) {
    throw new ImageTooLargeError(
      `This image is ${h.width.toLocaleString("en")} × ${h.height.toLocaleString("en")} pixels, too large to show. ` +
        `Use an image of at most ${Math.round(maxPixels / 1_000_000)} megapixels (badge images are usually a few hundred pixels wide).`,
      h.width,
      h.height,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let off = 8;
  while (off + 12 <= bytes.length) {
    const len = view.getUint32(off);
    const type = String.fromCharCode(bytes[off + 4], bytes[off + 5], bytes[off + 6], bytes[off + 7]);
    if (off + 12 + len > bytes.length) break;
    if (type === "IDAT") idat.push(bytes.subarray(off + 8, off + 8 + len));
    if (type === "IEND") break;
    off += 12 + len;
  }
  const expected = inflatedPngSize(h);
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
      throw new ImageTooLargeError(
        "This image's data is larger than its stated size. Save it again from an image editor and retry.",
      );
    }
    throw new Error("corrupt PNG image data", { cause: e });
  }
  return h;
}

/**
 * Decode to pixels and encode a fresh PNG: IHDR, IDAT, IEND only. Checks the
 * pixel budget and the inflated size first (checkPngBudget). Throws on a corrupt
 * or oversized PNG.
 */
export function reencodePng(bytes: Uint8Array): Uint8Array {
  checkPngBudget(bytes);
  const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const out = PNG.sync.write(decoded, { colorType: 6, inputHasAlpha: true });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Chunk types in a PNG, in order (for tests and diagnostics). */
export function pngChunkTypes(bytes: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 8;
  while (off + 8 <= bytes.length) {
    const len = view.getUint32(off);
    types.push(String.fromCharCode(bytes[off + 4], bytes[off + 5], bytes[off + 6], bytes[off + 7]));
    off += 12 + len;
  }
  return types;
}

function normaliseMime(mime: string | null | undefined): string {
  return (mime ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * What may be shown publicly for a stored image.
 * `baked`: the file carries the credential's badge data (served as issued).
 * Returns null for anything that is neither PNG nor SVG, or a PNG that won't decode.
 */
export function toPublicImage(input: { mime: string | null; bytes: Uint8Array; baked: boolean }): PublicImage | null {
  const mime = normaliseMime(input.mime);
  const png = isPngBytes(input.bytes);
  if (png && (mime === "image/png" || mime === "" || input.baked)) {
    if (input.baked) return { mime: "image/png", bytes: input.bytes };
    try {
      return { mime: "image/png", bytes: reencodePng(input.bytes) };
    } catch {
      return null;
    }
  }
  // SVG is text: served with a CSP that stops scripts (see publicImageHeaders).
  if (mime === "image/svg+xml" && !png) return { mime: "image/svg+xml", bytes: input.bytes };
  return null;
}

/** Decode a `data:` URI (base64 or percent-encoded). */
export function parseDataUri(uri: string | null | undefined): { mime: string; bytes: Uint8Array } | null {
  if (!uri || !uri.startsWith("data:")) return null;
  const comma = uri.indexOf(",");
  if (comma < 0) return null;
  const meta = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  const parts = meta.split(";");
  const mime = (parts[0] || "text/plain").toLowerCase();
  const base64 = parts.slice(1).some((p) => p.toLowerCase() === "base64");
  try {
    const buf = base64 ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
    return { mime, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  } catch {
    return null;
  }
}

/** Response headers for a public image: exact type, no sniffing, and for SVG no script, no external loads. */
export function publicImageHeaders(mime: PublicImageMime, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = {
    "Content-Type": mime,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // Revalidate every time: a disabled link must stop serving at once.
    "Cache-Control": "public, no-cache",
    ...extra,
  };
  if (mime === "image/svg+xml") h["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
  return h;
}

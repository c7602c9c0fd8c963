// Images on public share pages. Privacy rule (issue #7 §4): a baked badge is
// served exactly as issued; any other image (manual entries, stripped uploads)
// only after re-encoding from its pixels, which drops every ancillary chunk
// (tEXt/iTXt/zTXt, eXIf, tIME, iCCP…) so no camera or location metadata leaks.
import { PNG } from "pngjs";

export type PublicImageMime = "image/png" | "image/svg+xml";

export interface PublicImage {
  mime: PublicImageMime;
  bytes: Uint8Array;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPngBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** Decode to pixels and encode a fresh PNG: IHDR, IDAT, IEND only. Throws on a corrupt PNG. */
export function reencodePng(bytes: Uint8Array): Uint8Array {
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

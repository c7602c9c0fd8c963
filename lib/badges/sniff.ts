// Decide the container by magic bytes only — never by file name or a browser's MIME type.
import { isPng } from "./png";

export type SniffResult = { kind: "png" } | { kind: "svg" } | { kind: "other"; format: string };

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** How much of the head we inspect for an <svg> start tag (prolog, comments, DOCTYPE first). */
const SVG_SNIFF_BYTES = 64 * 1024;

function looksLikeSvg(bytes: Uint8Array): boolean {
  let i = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3; // UTF-8 BOM
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] !== 0x3c /* < */) return false;
  const head = new TextDecoder("latin1").decode(bytes.subarray(i, Math.min(bytes.length, i + SVG_SNIFF_BYTES)));
  // Root element <svg …> or <prefix:svg …> after an optional prolog/comments/DOCTYPE.
  return /<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]/.test(head);
}

export function sniffContainer(bytes: Uint8Array): SniffResult {
  if (isPng(bytes)) return { kind: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "other", format: "JPEG" };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return { kind: "other", format: "GIF" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { kind: "other", format: "WebP" };
  if (startsWith(bytes, ascii("ftyp"), 4)) return { kind: "other", format: "HEIC/AVIF/MP4" };
  if (startsWith(bytes, ascii("%PDF"))) return { kind: "other", format: "PDF" };
  if (startsWith(bytes, ascii("BM"))) return { kind: "other", format: "BMP" };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: "other", format: "TIFF" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: "other", format: "ZIP" };
  if (looksLikeSvg(bytes)) return { kind: "svg" };
  return { kind: "other", format: "unknown" };
}

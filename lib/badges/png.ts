// PNG container: find the Open Badges text chunk without decoding any pixels.
//
// OB 2.0 Baking §PNG: an iTXt chunk with keyword "openbadges"; OB 3.0 §5.3.1 (Baked Badge,
// PNG): an iTXt chunk with keyword "openbadgecredential"; OB 1.0 bakes used a tEXt
// "openbadges" chunk holding the assertion URL. The first badge chunk wins. Chunk layout and
// text-chunk encodings follow the PNG spec (ISO/IEC 15948, W3C PNG 3rd ed. §11.3.3):
// tEXt is Latin-1, iTXt text is UTF-8 and may be zlib-compressed.
import { inflateSync } from "node:zlib";
import { SashError } from "./errors";
import { MAX_PAYLOAD_BYTES } from "./limits";

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Badge keywords by spec; matched exactly (case-sensitive, as PNG keywords are). */
export const PNG_BADGE_KEYWORDS = ["openbadges", "openbadgecredential"] as const;
export type PngBadgeKeyword = (typeof PNG_BADGE_KEYWORDS)[number];

export interface PngBadgeChunk {
  chunkType: "iTXt" | "tEXt" | "zTXt";
  keyword: PngBadgeKeyword;
  /** Decoded text, exactly as stored (no trimming). */
  text: string;
  /** Whether the chunk carried zlib-compressed text (the spec says it must not; we tolerate it). */
  compressed: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as the PNG spec defines it (over chunk type + data). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

function corrupt(detail: string): SashError {
  return new SashError("CORRUPT_IMAGE", undefined, { detail });
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function typeName(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

function isLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** Index of the first NUL at or after `from` and before `end`, or -1. */
function nul(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) if (bytes[i] === 0) return i;
  return -1;
}

/** zlib inflate that gives up as soon as the output passes the cap (never allocates the whole). */
function boundedInflate(data: Uint8Array): Uint8Array {
  try {
    return inflateSync(data, { maxOutputLength: MAX_PAYLOAD_BYTES });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new SashError("PAYLOAD_TOO_LARGE", "The badge data in this image is far too large to be genuine.", {
        detail: "compressed badge chunk inflates past 2 MiB",
      });
    }
    throw corrupt("compressed badge chunk does not inflate");
  }
}

function checkPayloadSize(n: number): void {
  if (n > MAX_PAYLOAD_BYTES) {
    throw new SashError("PAYLOAD_TOO_LARGE", "The badge data in this image is far too large to be genuine.", {
      detail: "badge chunk text larger than 2 MiB",
    });
  }
}

/** Decodes a text chunk if its keyword is a badge keyword; returns null for other text chunks. */
function decodeTextChunk(
  type: "iTXt" | "tEXt" | "zTXt",
  bytes: Uint8Array,
  start: number,
  end: number,
): { keyword: string; decode: () => PngBadgeChunk } | null {
  // Keyword: 1–79 Latin-1 bytes, then NUL. Compare bytes before decoding anything else.
  const kwEnd = nul(bytes, start, Math.min(end, start + 80));
  if (kwEnd <= start) return null;
  const keyword = latin1.decode(bytes.subarray(start, kwEnd));
  if (!(PNG_BADGE_KEYWORDS as readonly string[]).includes(keyword)) return null;
  const kw = keyword as PngBadgeKeyword;
  return {
    keyword,
    decode: () => {
      let p = kwEnd + 1;
      if (type === "tEXt") {
        checkPayloadSize(end - p);
        return { chunkType: type, keyword: kw, text: latin1.decode(bytes.subarray(p, end)), compressed: false };
      }
      if (type === "zTXt") {
        // zTXt: keyword NUL, method byte (0 = zlib), compressed Latin-1 text.
        if (p >= end || bytes[p] !== 0) throw corrupt("zTXt badge chunk uses an unknown compression method");
        const inflated = boundedInflate(bytes.subarray(p + 1, end));
        return { chunkType: type, keyword: kw, text: latin1.decode(inflated), compressed: true };
      }
      // iTXt: keyword NUL, compression flag, compression method, language tag NUL, translated keyword NUL, text.
      if (p + 2 > end) throw corrupt("iTXt badge chunk is cut short");
      const flag = bytes[p]!;
      const method = bytes[p + 1]!;
      p += 2;
      const langEnd = nul(bytes, p, end);
      if (langEnd < 0) throw corrupt("iTXt badge chunk has no language tag terminator");
      const transEnd = nul(bytes, langEnd + 1, end);
      if (transEnd < 0) throw corrupt("iTXt badge chunk has no translated keyword terminator");
      const body = bytes.subarray(transEnd + 1, end);
      if (flag === 0) {
        checkPayloadSize(body.length);
        return { chunkType: type, keyword: kw, text: utf8.decode(body), compressed: false };
      }
      if (flag !== 1 || method !== 0) throw corrupt("iTXt badge chunk has an unknown compression setting");
      // The baking specs forbid compression here, but readers should not choke on it.
      return { chunkType: type, keyword: kw, text: utf8.decode(boundedInflate(body)), compressed: true };
    },
  };
}

/**
 * Walks the chunk list and returns the first Open Badges text chunk, or null for a sound PNG
 * without one. Throws CORRUPT_IMAGE for a broken structure, a bad CRC on the badge chunk, or
 * truncation before any badge data was found.
 */
export function findPngBadge(bytes: Uint8Array): PngBadgeChunk | null {
  if (!isPng(bytes)) throw corrupt("missing PNG signature");
  let at = PNG_SIGNATURE.length;
  let first = true;
  for (;;) {
    if (at + 8 > bytes.length) throw corrupt("file ends before the IEND chunk");
    const length = readUint32(bytes, at);
    if (length > 0x7fffffff) throw corrupt("chunk length out of range");
    const typeAt = at + 4;
    for (let i = 0; i < 4; i++) if (!isLetter(bytes[typeAt + i]!)) throw corrupt("chunk type is not four letters");
    const type = typeName(bytes, typeAt);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw corrupt(`chunk ${type} runs past the end of the file`);
    if (first) {
      if (type !== "IHDR" || length !== 13) throw corrupt("first chunk is not a valid IHDR");
      first = false;
    }
    if (type === "iTXt" || type === "tEXt" || type === "zTXt") {
      const match = decodeTextChunk(type, bytes, dataStart, dataEnd);
      if (match) {
        // Only the chunk we actually use is CRC-checked: cheap, and it guards the payload.
        const stored = readUint32(bytes, dataEnd);
        if (crc32(bytes, typeAt, dataEnd) !== stored)
          throw corrupt(`CRC mismatch in the ${type} ${match.keyword} chunk`);
        return match.decode();
      }
    } else if (type === "IEND") {
      return null;
    }
    at = dataEnd + 4;
  }
}

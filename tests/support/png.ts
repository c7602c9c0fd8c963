// The one PNG builder for tests and benchmarks: pngjs draws the image, and
// chunks are built, split and spliced here. CRCs come from node:zlib, an
// implementation independent of lib/badges/png.ts, so the tests check it.
import { PNG } from "pngjs";
import { crc32, deflateSync } from "node:zlib";

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

export interface DrawOptions {
  /** zlib level for the image data (pngjs' default when unset). */
  deflateLevel?: number;
}

/** A PNG whose RGBA bytes are set by `fill` (called once with the whole pixel buffer). */
export function drawPng(width: number, height: number, fill: (rgba: Buffer) => void, opts: DrawOptions = {}): Buffer {
  const png = new PNG({ width, height });
  fill(png.data);
  return PNG.sync.write(png, opts.deflateLevel === undefined ? {} : { deflateLevel: opts.deflateLevel });
}

/**
 * A PNG of xorshift noise (incompressible, so its size tracks width × height).
 * Opaque by default; `opaque: false` makes the alpha channel noise too.
 */
export function noisePng(
  width: number,
  height: number,
  opts: DrawOptions & { seed?: number; opaque?: boolean } = {},
): Buffer {
  const opaque = opts.opaque ?? true;
  return drawPng(
    width,
    height,
    (rgba) => {
      let x = (opts.seed ?? 1) >>> 0 || 1;
      for (let i = 0; i < rgba.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        rgba[i] = opaque && i % 4 === 3 ? 255 : x & 0xff;
      }
    },
    opts,
  );
}

/** An iTXt chunk (keyword, compression flag, language, translated keyword, text). */
export function iTXt(
  keyword: string,
  text: string,
  opts: { compressed?: boolean; lang?: string; translated?: string } = {},
): Buffer {
  const body = opts.compressed ? deflateSync(Buffer.from(text, "utf8")) : Buffer.from(text, "utf8");
  return pngChunk(
    "iTXt",
    Buffer.concat([
      Buffer.from(keyword, "latin1"),
      Buffer.from([0, opts.compressed ? 1 : 0, 0]),
      Buffer.from(opts.lang ?? "", "latin1"),
      Buffer.from([0]),
      Buffer.from(opts.translated ?? "", "utf8"),
      Buffer.from([0]),
      body,
    ]),
  );
}

/** A compressed iTXt chunk whose body is given as is (for corrupt-stream tests). */
export function iTXtRaw(keyword: string, compressedBody: Buffer): Buffer {
  return pngChunk(
    "iTXt",
    Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0, 1, 0, 0, 0]), compressedBody]),
  );
}

export function tEXt(keyword: string, text: string): Buffer {
  return pngChunk(
    "tEXt",
    Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]),
  );
}

/** Splits a PNG into its chunks (after the 8-byte signature), each with its whole bytes. */
export function chunksOf(png: Buffer): { type: string; bytes: Buffer }[] {
  const out: { type: string; bytes: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    out.push({ type, bytes: png.subarray(at, at + 12 + len) });
    at += 12 + len;
  }
  return out;
}

/** Inserts chunks right after IHDR ("before" the image data) or right before IEND ("after" it). */
export function insertChunks(
  png: Buffer,
  extra: Buffer[],
  where: "before-idat" | "after-idat" = "before-idat",
): Buffer {
  const out: Buffer[] = [png.subarray(0, 8)];
  for (const c of chunksOf(png)) {
    if (where === "after-idat" && c.type === "IEND") out.push(...extra);
    out.push(c.bytes);
    if (where === "before-idat" && c.type === "IHDR") out.push(...extra);
  }
  return Buffer.concat(out);
}

/** The same image with its IDAT data re-split into chunks of `size` bytes (as libpng writes 8 KiB ones). */
export function resplitIdat(png: Buffer, size: number): Buffer {
  const chunks = chunksOf(png);
  const data = Buffer.concat(
    chunks.filter((c) => c.type === "IDAT").map((c) => c.bytes.subarray(8, c.bytes.length - 4)),
  );
  const out: Buffer[] = [png.subarray(0, 8)];
  let placed = false;
  for (const c of chunks) {
    if (c.type !== "IDAT") out.push(c.bytes);
    else if (!placed) {
      for (let i = 0; i < data.length; i += size) out.push(pngChunk("IDAT", data.subarray(i, i + size)));
      placed = true;
    }
  }
  return Buffer.concat(out);
}

/** Rewrites every chunk CRC in place (on a copy) so mutations inside chunk data reach the parsers. */
export function fixCrcs(png: Buffer): Buffer {
  const out = Buffer.from(png);
  let at = 8;
  while (at + 12 <= out.length) {
    const len = out.readUInt32BE(at);
    if (at + 12 + len > out.length) break;
    out.writeUInt32BE(crc32(out.subarray(at + 4, at + 8 + len)) >>> 0, at + 8 + len);
    at += 12 + len;
  }
  return out;
}

/**
 * A PNG whose header declares `width` × `height` (optionally Adam7-interlaced)
 * but whose image data is just `inflatedBytes` zero bytes, deflated: a small file
 * that a decoder without limits would try to expand to width × height pixels
 * (issue #12 §2). The file is well-formed up to that point (valid CRCs).
 */
export function declaredSizePng(
  width: number,
  height: number,
  opts: { interlaced?: boolean; inflatedBytes?: number } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[12] = opts.interlaced ? 1 : 0;
  const idat = deflateSync(Buffer.alloc(opts.inflatedBytes ?? 1024 * 1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

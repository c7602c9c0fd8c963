// A compact binary snapshot of the fit index (issue #23 §2): the rank index and its text side
// (lib/fit/rank-index.ts, lib/fit/text-index.ts) as their own typed arrays, written as they are,
// so a restarted process or a new instance is serving from the index in a second or two instead
// of reading every posting, skill and lexeme from the database. Pure: bytes in, bytes out;
// server/jobs/fit-snapshot.ts stores it (a file in the data folder, or rows in PostgreSQL) and
// checks it against the catalogue version.
//
// Layout (all numbers little-endian; typed arrays in the writer's byte order, which must be
// little-endian — a big-endian reader ignores the snapshot):
//   0   8 bytes  magic "SASHFIT\x01"
//   8   u32      format version (FIT_SNAPSHOT_FORMAT)
//   12  u32      header length h
//   16  f64      total length in bytes
//   24  h bytes  header, JSON: catalogue epoch and version, and each section's name, kind, offset, length, count
//   …            sections, each starting at a multiple of 8
//   end-8 u32    checksum of every byte before it; u32 magic "END1"
// String lists (skill keys, locations, lexemes) are one UTF-8 text joined by NUL (PostgreSQL
// text never holds NUL), so reading a million lexemes is one decode and one split.
// Since format 3 the integer lists (posting lists, term lists, their offsets, the sequence and
// location columns) are "zd32" sections: each value minus the one before it, zigzag-mapped and
// written as a LEB128 varint. Posting lists are ascending, so most entries take one byte instead
// of four; the skills' posting lists (the bulk: ~20 entries per posting) are "dg16" sections,
// 16-bit gaps with an escape, as small as varints there and much faster to read back. At a
// million postings the snapshot is 83 MB instead of 143 MB.
import type { RankIndexParts } from "./rank-index";
import type { TextIndexParts } from "./text-index";

/** Bumped whenever the layout or what the arrays mean changes: an older snapshot is then ignored. */
export const FIT_SNAPSHOT_FORMAT = 3;

const MAGIC = [0x53, 0x41, 0x53, 0x48, 0x46, 0x49, 0x54, 0x01]; // "SASHFIT\x01"
const END_MAGIC = 0x31444e45; // "END1" read as a little-endian u32

export interface FitSnapshotMeta {
  /** job_catalogue.epoch the index was read at. */
  epoch: string;
  /** job_catalogue.version the index holds every change up to. */
  version: number;
}

export interface FitSnapshotContents {
  meta: FitSnapshotMeta;
  rank: RankIndexParts;
  text: TextIndexParts;
}

export type DecodedFitSnapshot = ({ ok: true } & FitSnapshotContents) | { ok: false; reason: string };

type Kind = "i32" | "u32" | "u16" | "u8" | "f64" | "str" | "zd32" | "dg16";
type Typed =
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

interface SectionInfo {
  name: string;
  kind: Kind;
  offset: number;
  bytes: number;
  /** Elements (strings for "str"). */
  count: number;
}

const BYTES: Record<Exclude<Kind, "str" | "zd32" | "dg16">, number> = { i32: 4, u32: 4, u16: 2, u8: 1, f64: 8 };

/** `a` as zigzag-mapped deltas in LEB128 varints (at most 5 bytes per value). */
export function encodeDeltaVarints(a: Int32Array): Uint8Array {
  const out = new Uint8Array(a.length * 5);
  let at = 0;
  let prev = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] - prev) | 0;
    prev = a[i];
    let z = ((d << 1) ^ (d >> 31)) >>> 0;
    while (z >= 0x80) {
      out[at++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[at++] = z;
  }
  return out.slice(0, at);
}

const ESCAPE = 0xffff;

/**
 * An ascending list (a posting list) as 16-bit gaps: a gap below 0xffff is one word; anything else
 * (a bigger gap, a step down at the next list's start) is 0xffff and the value itself in two words.
 * As small as varints for lists with gaps in the hundreds, and a quarter of their decoding time.
 */
export function encodeGaps16(a: Int32Array): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(a.length * 3);
  let at = 0;
  let prev = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    const gap = v - prev;
    if (gap >= 0 && gap < ESCAPE) out[at++] = gap;
    else {
      out[at++] = ESCAPE;
      out[at++] = v & 0xffff;
      out[at++] = v >>> 16;
    }
    prev = v;
  }
  return out.slice(0, at);
}

/** The inverse of encodeGaps16: exactly `count` values filling exactly `words`, else an error. */
export function decodeGaps16(words: Uint16Array, count: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(count);
  const n = words.length;
  let at = 0;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    if (at >= n) throw new Error("gaps end early");
    const w = words[at++];
    if (w !== ESCAPE) prev += w;
    else {
      if (at + 2 > n) throw new Error("an escaped gap is cut off");
      prev = words[at] | (words[at + 1] << 16);
      at += 2;
    }
    out[i] = prev;
  }
  if (at !== n) throw new Error("words left after the gaps");
  return out;
}

/** The inverse of encodeDeltaVarints: exactly `count` values filling exactly `bytes`, else an error. */
export function decodeDeltaVarints(bytes: Uint8Array, count: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(count);
  const n = bytes.length;
  let at = 0;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    let b = at < n ? bytes[at++] : -1;
    let z = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      if (at >= n || shift > 28) throw new Error("bad varint");
      b = bytes[at++];
      z |= (b & 0x7f) << shift;
      shift += 7;
    }
    if (b < 0) throw new Error("varints end early");
    prev = (prev + ((z >>> 1) ^ -(z & 1))) | 0;
    out[i] = prev;
  }
  if (at !== n) throw new Error("bytes left after the varints");
  return out;
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

const align8 = (n: number) => (n + 7) & ~7;

/** A 32-bit checksum of `words` (two interleaved FNV-style lanes over 32-bit words): catches truncation and flipped bytes. */
export function snapshotChecksum(words: Uint32Array): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const n = words.length & ~1;
  for (let i = 0; i < n; i += 2) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = Math.imul(b ^ words[i + 1], 0x5bd1e995);
  }
  if (n < words.length) a = Math.imul(a ^ words[n], 0x01000193);
  return (a ^ ((b << 13) | (b >>> 19)) ^ words.length) >>> 0;
}

/** The snapshot of one rank index and its text side, at catalogue `meta`. */
export function encodeFitSnapshot(meta: FitSnapshotMeta, rank: RankIndexParts, text: TextIndexParts): Uint8Array {
  if (!littleEndian()) throw new Error("fit snapshot: only written on little-endian machines");
  const enc = new TextEncoder();
  const parts: Array<{ name: string; kind: Kind; data: Uint8Array; count: number }> = [];
  const typed = (name: string, kind: Exclude<Kind, "str" | "zd32" | "dg16">, a: Typed) =>
    parts.push({ name, kind, data: new Uint8Array(a.buffer, a.byteOffset, a.byteLength), count: a.length });
  const strings = (name: string, list: readonly string[]) =>
    parts.push({ name, kind: "str", data: enc.encode(list.join("\u0000")), count: list.length });
  const varints = (name: string, a: Int32Array) =>
    parts.push({ name, kind: "zd32", data: encodeDeltaVarints(a), count: a.length });
  varints("rank.seqOf", rank.seqOf);
  typed("rank.denom", "u16", rank.denom);
  typed("rank.posted", "f64", rank.posted);
  typed("rank.uuid", "u32", rank.uuid);
  typed("rank.remote", "u8", rank.remote);
  strings("rank.skillKeys", rank.skillKeys);
  varints("rank.listOffsets", rank.listOffsets);
  const gaps = (name: string, a: Int32Array) => {
    const w = encodeGaps16(a);
    parts.push({ name, kind: "dg16", data: new Uint8Array(w.buffer, w.byteOffset, w.byteLength), count: a.length });
  };
  gaps("rank.listSlots", rank.listSlots);
  varints("text.locOf", text.locOf);
  strings("text.locNames", text.locNames);
  strings("text.termNames", text.termNames);
  varints("text.termOffsets", text.termOffsets);
  varints("text.termSeqs", text.termSeqs);

  // The header's offsets depend on its own length: lay out with a header of fixed width numbers.
  const layout = (headerBytes: number) => {
    let at = align8(24 + headerBytes);
    const sections: SectionInfo[] = parts.map((p) => {
      const s = { name: p.name, kind: p.kind, offset: at, bytes: p.data.byteLength, count: p.count };
      at = align8(at + p.data.byteLength);
      return s;
    });
    return { sections, total: at + 8 };
  };
  let headerText = "";
  let guess = 0;
  for (;;) {
    const { sections, total } = layout(guess);
    headerText = JSON.stringify({ epoch: meta.epoch, version: meta.version, endian: "le", total, sections });
    const len = enc.encode(headerText).byteLength;
    if (len === guess) break;
    guess = len;
  }
  const header = enc.encode(headerText);
  const { sections, total } = layout(header.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, FIT_SNAPSHOT_FORMAT, true);
  view.setUint32(12, header.byteLength, true);
  view.setFloat64(16, total, true);
  out.set(header, 24);
  sections.forEach((s, i) => out.set(parts[i].data, s.offset));
  view.setUint32(total - 8, snapshotChecksum(new Uint32Array(out.buffer, 0, (total - 8) / 4)), true);
  view.setUint32(total - 4, END_MAGIC, true);
  return out;
}

/** What a snapshot says it holds, from its first bytes only (no checksum): null when they aren't a snapshot of this format. */
export function peekFitSnapshot(bytes: Uint8Array): (FitSnapshotMeta & { total: number }) | null {
  const h = readHeader(bytes);
  return h.ok ? { epoch: h.epoch, version: h.version, total: h.total } : null;
}

function readHeader(
  bytes: Uint8Array,
):
  { ok: true; epoch: string; version: number; total: number; sections: SectionInfo[] } | { ok: false; reason: string } {
  if (bytes.byteLength < 32) return { ok: false, reason: "too short" };
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return { ok: false, reason: "not a fit snapshot" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(8, true);
  if (format !== FIT_SNAPSHOT_FORMAT) return { ok: false, reason: `format ${format}, not ${FIT_SNAPSHOT_FORMAT}` };
  const headerBytes = view.getUint32(12, true);
  if (24 + headerBytes > bytes.byteLength) return { ok: false, reason: "truncated header" };
  let header: { epoch?: unknown; version?: unknown; endian?: unknown; total?: unknown; sections?: unknown };
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(24, 24 + headerBytes)));
  } catch {
    return { ok: false, reason: "unreadable header" };
  }
  const total = view.getFloat64(16, true);
  if (
    typeof header.epoch !== "string" ||
    typeof header.version !== "number" ||
    header.endian !== "le" ||
    header.total !== total ||
    !Array.isArray(header.sections)
  )
    return { ok: false, reason: "bad header" };
  return {
    ok: true,
    epoch: header.epoch,
    version: header.version,
    total,
    sections: header.sections as SectionInfo[],
  };
}

/**
 * The snapshot's contents, checked: magic, format version, byte order, total length, checksum,
 * and that every section is where the header says. Typed arrays are views of `bytes` (copied once
 * when `bytes` isn't 8-byte aligned). Whether it fits the catalogue is the caller's check.
 */
export function decodeFitSnapshot(bytes: Uint8Array): DecodedFitSnapshot {
  if (!littleEndian()) return { ok: false, reason: "big-endian machine" };
  const h = readHeader(bytes);
  if (!h.ok) return h;
  if (h.total !== bytes.byteLength)
    return { ok: false, reason: `length ${bytes.byteLength}, the header says ${h.total}` };
  if (bytes.byteOffset % 8) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(h.total - 4, true) !== END_MAGIC) return { ok: false, reason: "no end mark" };
  const sum = snapshotChecksum(new Uint32Array(bytes.buffer, bytes.byteOffset, (h.total - 8) / 4));
  if (sum !== view.getUint32(h.total - 8, true)) return { ok: false, reason: "checksum mismatch" };

  const byName = new Map<string, SectionInfo>();
  for (const s of h.sections) byName.set(s.name, s);
  const dec = new TextDecoder("utf-8", { fatal: true });
  const section = (name: string, kind: Kind): SectionInfo => {
    const s = byName.get(name);
    if (!s || s.kind !== kind || s.offset % 8 || s.offset < 24 || s.offset + s.bytes > h.total - 8)
      throw new Error(`section ${name} missing or out of place`);
    return s;
  };
  const typed = <T extends Typed>(
    name: string,
    kind: Exclude<Kind, "str" | "zd32" | "dg16">,
    Ctor: new (b: ArrayBuffer, o: number, n: number) => T,
  ): T => {
    const s = section(name, kind);
    if (s.bytes !== s.count * BYTES[kind]) throw new Error(`section ${name} has the wrong length`);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + s.offset, s.count);
  };
  const varints = (name: string): Int32Array<ArrayBuffer> => {
    const s = section(name, "zd32");
    try {
      return decodeDeltaVarints(bytes.subarray(s.offset, s.offset + s.bytes), s.count);
    } catch (e) {
      throw new Error(`section ${name}: ${(e as Error).message}`);
    }
  };
  const gaps = (name: string): Int32Array<ArrayBuffer> => {
    const s = section(name, "dg16");
    if (s.bytes % 2) throw new Error(`section ${name} has the wrong length`);
    try {
      return decodeGaps16(new Uint16Array(bytes.buffer, bytes.byteOffset + s.offset, s.bytes / 2), s.count);
    } catch (e) {
      throw new Error(`section ${name}: ${(e as Error).message}`);
    }
  };
  const strings = (name: string): string[] => {
    const s = section(name, "str");
    if (!s.count) return [];
    const list = dec.decode(bytes.subarray(s.offset, s.offset + s.bytes)).split("\u0000");
    if (list.length !== s.count) throw new Error(`section ${name} holds ${list.length} strings, not ${s.count}`);
    return list;
  };
  try {
    const rank: RankIndexParts = {
      seqOf: varints("rank.seqOf"),
      denom: typed("rank.denom", "u16", Uint16Array),
      posted: typed("rank.posted", "f64", Float64Array),
      uuid: typed("rank.uuid", "u32", Uint32Array),
      remote: typed("rank.remote", "u8", Uint8Array),
      skillKeys: strings("rank.skillKeys"),
      listOffsets: varints("rank.listOffsets"),
      listSlots: gaps("rank.listSlots"),
    };
    const text: TextIndexParts = {
      locOf: varints("text.locOf"),
      locNames: strings("text.locNames"),
      termNames: strings("text.termNames"),
      termOffsets: varints("text.termOffsets"),
      termSeqs: varints("text.termSeqs"),
    };
    return { ok: true, meta: { epoch: h.epoch, version: h.version }, rank, text };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

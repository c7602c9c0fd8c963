// An exact in-memory inverted index for ranking postings by Opportunity Fit
// (issue #14 §5). Postings live in dense slots; each skill key has a posting
// list of slots (Int32Array). Ranking a learner counts their skills' lists into
// a counter array, turns counts into whole-percent fit and selects the top k by
//
//   fit desc, posted date desc (no date last), posting id asc
//
// — the order of the SQL baseline, so results are identical, never approximate.
// The index knows nothing about the database: server/jobs/fit-index.ts loads it
// (db/queries/jobs/fit-index.ts) and keeps it in step with the catalogue version.
import { fitPercent } from "./opportunity-fit";

/** One posting as the index needs it. */
export interface IndexedPosting {
  /** jobs.seq: the posting's compact integer id. */
  seq: number;
  /** The posting's uuid as 16 bytes (the tie-break; compared as PostgreSQL compares uuids). */
  uuid: Uint8Array;
  fitDenominator: number;
  /** Posted time in microseconds since 1970, or null when the posting has no date. */
  postedMicros: number | null;
  remote: boolean;
  /** The skill keys that count toward fit. */
  countedKeys: readonly string[];
}

export interface RankedPosting {
  seq: number;
  /** Counted skills the learner holds. */
  matched: number;
  fit: number;
}

export interface RankOptions {
  /** How many of the best postings to return (offset + page size + 1 for a "next page" check). */
  limit: number;
  /** Only these postings (jobs.seq) take part: the result of a keyword/location filter. */
  onlySeqs?: ArrayLike<number>;
  remoteOnly?: boolean;
}

export interface IndexStats {
  postings: number;
  deadSlots: number;
  skills: number;
  listEntries: number;
  /** Bytes held in typed arrays. */
  bytes: number;
}

const NO_DATE = -Infinity;
/** fitBuf value of a slot that doesn't take part in a ranking (fits are 0–100). */
const NOT_TAKEN = 255;

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

export class FitRankIndex {
  private slots = 0;
  private dead = 0;
  private seqOf = new Int32Array(0);
  private denom = new Uint16Array(0);
  private posted = new Float64Array(0);
  private uuid = new Uint32Array(0);
  private alive = new Uint8Array(0);
  private remote = new Uint8Array(0);
  /** seq → slot + 1 (0: not indexed). */
  private slotOfSeq = new Int32Array(0);
  private skillIds = new Map<string, number>();
  private lists: Int32Array[] = [];
  private listLen: number[] = [];
  private counter = new Uint16Array(0);
  private mask = new Uint8Array(0);
  /** Scratch for rank: each slot's fit, or NOT_TAKEN. */
  private fitBuf = new Uint8Array(0);

  get size(): number {
    return this.slots - this.dead;
  }

  has(seq: number): boolean {
    return seq < this.slotOfSeq.length && this.slotOfSeq[seq] > 0;
  }

  private ensureSlots(n: number) {
    this.seqOf = grow(this.seqOf, n);
    this.denom = grow(this.denom, n);
    this.posted = grow(this.posted, n);
    this.uuid = grow(this.uuid, n * 4);
    this.alive = grow(this.alive, n);
    this.remote = grow(this.remote, n);
  }

  private skillId(key: string): number {
    let id = this.skillIds.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.skillIds.set(key, id);
      this.lists.push(new Int32Array(4));
      this.listLen.push(0);
    }
    return id;
  }

  /** Adds a posting (replacing the one with the same seq, if any). */
  add(p: IndexedPosting): void {
    this.remove(p.seq);
    const s = this.newSlot(p.seq, p.fitDenominator, p.postedMicros, p.remote);
    for (let i = 0; i < 4; i++) this.uuid[s * 4 + i] = readU32(p.uuid, i * 4);
    for (const key of new Set(p.countedKeys)) this.append(this.skillId(key), s);
  }

  private newSlot(seq: number, denominator: number, postedMicros: number | null, remote: boolean): number {
    const s = this.slots++;
    this.ensureSlots(this.slots);
    this.seqOf[s] = seq;
    this.denom[s] = Math.min(65535, Math.max(0, denominator));
    this.posted[s] = postedMicros ?? NO_DATE;
    this.alive[s] = 1;
    this.remote[s] = remote ? 1 : 0;
    this.slotOfSeq = grow(this.slotOfSeq, seq + 1);
    this.slotOfSeq[seq] = s + 1;
    return s;
  }

  private append(id: number, slot: number) {
    const n = this.listLen[id];
    if (n === this.lists[id].length) this.lists[id] = grow(this.lists[id], n + 1);
    this.lists[id][n] = slot;
    this.listLen[id] = n + 1;
  }

  /** Drops the posting with this seq (a no-op when it isn't indexed). */
  remove(seq: number): void {
    if (!this.has(seq)) return;
    const s = this.slotOfSeq[seq] - 1;
    this.slotOfSeq[seq] = 0;
    this.alive[s] = 0;
    this.dead++;
    if (this.dead > 1024 && this.dead * 4 > this.slots) this.compact();
  }

  /**
   * Bulk load, step 1: postings packed as big-endian records of 31 bytes —
   * seq int4, fit denominator int2, remote (1 byte), posted µs float8 (NaN: no date), uuid 16 bytes.
   */
  addPackedPostings(buf: Uint8Array): void {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (buf.byteLength % PACKED_POSTING_BYTES) throw new Error("packed postings: truncated record");
    const n = buf.byteLength / PACKED_POSTING_BYTES;
    this.ensureSlots(this.slots + n);
    for (let r = 0; r < n; r++) {
      const o = r * PACKED_POSTING_BYTES;
      const seq = view.getInt32(o);
      this.remove(seq);
      const posted = view.getFloat64(o + 7);
      const s = this.newSlot(
        seq,
        view.getInt16(o + 4),
        Number.isNaN(posted) ? null : posted,
        view.getUint8(o + 6) === 1,
      );
      for (let i = 0; i < 4; i++) this.uuid[s * 4 + i] = view.getUint32(o + 15 + i * 4);
    }
  }

  /** Bulk load, step 2: one skill's postings as big-endian int4 seqs (postings not yet added are ignored). */
  addPackedSkillList(key: string, seqs: Uint8Array): void {
    const view = new DataView(seqs.buffer, seqs.byteOffset, seqs.byteLength);
    const n = seqs.byteLength >> 2;
    const id = this.skillId(key);
    const need = this.listLen[id] + n;
    if (need > this.lists[id].length) {
      const b = new Int32Array(need);
      b.set(this.lists[id].subarray(0, this.listLen[id]));
      this.lists[id] = b;
    }
    const list = this.lists[id];
    let len = this.listLen[id];
    for (let i = 0; i < n; i++) {
      const seq = view.getInt32(i * 4);
      if (seq < this.slotOfSeq.length && this.slotOfSeq[seq] > 0) list[len++] = this.slotOfSeq[seq] - 1;
    }
    this.listLen[id] = len;
  }

  /** Rewrites the slots without the dropped postings (in memory; no reload). */
  compact(): void {
    const remap = new Int32Array(this.slots);
    let next = 0;
    for (let s = 0; s < this.slots; s++) {
      if (!this.alive[s]) {
        remap[s] = -1;
        continue;
      }
      remap[s] = next;
      if (next !== s) {
        this.seqOf[next] = this.seqOf[s];
        this.denom[next] = this.denom[s];
        this.posted[next] = this.posted[s];
        this.remote[next] = this.remote[s];
        this.alive[next] = 1;
        this.uuid.copyWithin(next * 4, s * 4, s * 4 + 4);
        this.slotOfSeq[this.seqOf[next]] = next + 1;
      }
      next++;
    }
    this.alive.fill(0, next, this.slots);
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id];
      let len = 0;
      for (let i = 0; i < this.listLen[id]; i++) {
        const to = remap[list[i]];
        if (to >= 0) list[len++] = to;
      }
      this.listLen[id] = len;
    }
    this.slots = next;
    this.dead = 0;
  }

  /**
   * The best `limit` postings for a learner holding `keys`, best first, in the exact order
   * fit desc, posted desc (no date last), uuid asc. Postings sharing no skill have fit 0.
   */
  rank(keys: Iterable<string>, opts: RankOptions): RankedPosting[] {
    const limit = Math.max(0, Math.floor(opts.limit));
    if (!limit || !this.slots) return [];
    this.counter = grow(this.counter, this.slots);
    const counter = this.counter;
    counter.fill(0, 0, this.slots);
    for (const key of new Set(keys)) {
      const id = this.skillIds.get(key);
      if (id === undefined) continue;
      const list = this.lists[id];
      const n = this.listLen[id];
      for (let i = 0; i < n; i++) counter[list[i]]++;
    }
    // Which slots take part: every live one, or the filter's.
    let candidates: Int32Array | null = null;
    if (opts.onlySeqs) {
      const seqs = opts.onlySeqs;
      this.mask = grow(this.mask, this.slots);
      const mask = this.mask;
      mask.fill(0, 0, this.slots);
      const out = new Int32Array(seqs.length);
      let n = 0;
      for (let i = 0; i < seqs.length; i++) {
        const seq = seqs[i];
        if (seq >= this.slotOfSeq.length) continue;
        const s = this.slotOfSeq[seq] - 1;
        if (s < 0 || mask[s]) continue;
        mask[s] = 1;
        out[n++] = s;
      }
      candidates = out.subarray(0, n);
    }
    // Pass 1, one tight loop (no closures): each taking part slot's fit
    // (fitPercent, only for slots sharing a skill) into fitOf, NOT_TAKEN for the rest, and how many
    // postings there are at each fit — to find the lowest fit still in the top `limit`.
    const remoteOnly = !!opts.remoteOnly;
    this.fitBuf = grow(this.fitBuf, this.slots);
    const fitOf = this.fitBuf;
    const alive = this.alive;
    const remote = this.remote;
    const denom = this.denom;
    const hist = new Int32Array(101);
    const total = candidates ? candidates.length : this.slots;
    if (candidates) fitOf.fill(NOT_TAKEN, 0, this.slots);
    for (let i = 0; i < total; i++) {
      const s = candidates ? candidates[i] : i;
      if (alive[s] !== 1 || (remoteOnly && remote[s] !== 1)) {
        fitOf[s] = NOT_TAKEN;
        continue;
      }
      const c = counter[s];
      const f = c === 0 ? 0 : fitPercent(c, denom[s]);
      fitOf[s] = f;
      hist[f]++;
    }
    let threshold = 0;
    let above = 0; // postings with fit above the threshold (fewer than `limit`)
    for (let f = 100; f > 0; f--) {
      if (above + hist[f] >= limit) {
        threshold = f;
        break;
      }
      above += hist[f];
    }
    // Pass 2: everything above the threshold, and the best (by date, id) of those at it.
    const better: number[] = [];
    const room = limit - above;
    const heap = new SlotHeap(this, room);
    for (let i = 0; i < total; i++) {
      const s = candidates ? candidates[i] : i;
      const f = fitOf[s];
      if (f === NOT_TAKEN || f < threshold) continue;
      if (f > threshold) better.push(s);
      else heap.offer(s);
    }
    better.sort((a, b) => fitOf[b] - fitOf[a] || this.compareDateId(a, b));
    const chosen = better.concat(heap.sorted());
    return chosen.slice(0, limit).map((s) => ({ seq: this.seqOf[s], matched: counter[s], fit: fitOf[s] }));
  }

  /** Negative when slot a comes first: newer first, no date last, then uuid ascending. */
  compareDateId(a: number, b: number): number {
    const pa = this.posted[a];
    const pb = this.posted[b];
    if (pa !== pb) return pa > pb ? -1 : 1;
    for (let i = 0; i < 4; i++) {
      const x = this.uuid[a * 4 + i];
      const y = this.uuid[b * 4 + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  /**
   * The index's contents as flat arrays, for a snapshot (lib/fit/snapshot.ts, issue #23 §2).
   * Compacts first, so every slot is live; the arrays are views of the index's own (copy before
   * the index changes again). Skill lists are one array of slots cut by offsets.
   */
  exportParts(): RankIndexParts {
    if (this.dead) this.compact();
    const n = this.slots;
    const offsets = new Int32Array(this.lists.length + 1);
    for (let id = 0; id < this.lists.length; id++) offsets[id + 1] = offsets[id] + this.listLen[id];
    const listSlots = new Int32Array(offsets[this.lists.length]);
    for (let id = 0; id < this.lists.length; id++)
      listSlots.set(this.lists[id].subarray(0, this.listLen[id]), offsets[id]);
    const skillKeys: string[] = new Array(this.lists.length);
    for (const [key, id] of this.skillIds) skillKeys[id] = key;
    return {
      seqOf: this.seqOf.subarray(0, n),
      denom: this.denom.subarray(0, n),
      posted: this.posted.subarray(0, n),
      uuid: this.uuid.subarray(0, n * 4),
      remote: this.remote.subarray(0, n),
      skillKeys,
      listOffsets: offsets,
      listSlots,
    };
  }

  /** An index holding exactly `p` (exportParts' output); the arrays are used in place, not copied. */
  static fromParts(p: RankIndexParts): FitRankIndex {
    const n = p.seqOf.length;
    if (p.denom.length !== n || p.posted.length !== n || p.uuid.length !== n * 4 || p.remote.length !== n)
      throw new Error("rank index parts: arrays of different lengths");
    if (p.listOffsets.length !== p.skillKeys.length + 1 || p.listOffsets[p.skillKeys.length] !== p.listSlots.length)
      throw new Error("rank index parts: list offsets don't match");
    const x = new FitRankIndex();
    x.slots = n;
    x.seqOf = p.seqOf;
    x.denom = p.denom;
    x.posted = p.posted;
    x.uuid = p.uuid;
    x.remote = p.remote;
    x.alive = new Uint8Array(n).fill(1);
    let maxSeq = -1;
    for (let s = 0; s < n; s++) if (p.seqOf[s] > maxSeq) maxSeq = p.seqOf[s];
    x.slotOfSeq = new Int32Array(maxSeq + 1);
    for (let s = 0; s < n; s++) {
      const seq = p.seqOf[s];
      if (seq < 0 || x.slotOfSeq[seq]) throw new Error("rank index parts: a seq is negative or repeated");
      x.slotOfSeq[seq] = s + 1;
    }
    for (let id = 0; id < p.skillKeys.length; id++) {
      const a = p.listOffsets[id];
      const b = p.listOffsets[id + 1];
      if (b < a) throw new Error("rank index parts: list offsets go backwards");
      const list = p.listSlots.subarray(a, b);
      for (let i = 0; i < list.length; i++)
        if (list[i] < 0 || list[i] >= n) throw new Error("rank index parts: a list names a slot out of range");
      x.skillIds.set(p.skillKeys[id], id);
      x.lists.push(list);
      x.listLen.push(b - a);
    }
    if (x.skillIds.size !== p.skillKeys.length) throw new Error("rank index parts: a skill key is repeated");
    return x;
  }

  stats(): IndexStats {
    let entries = 0;
    let listBytes = 0;
    for (let id = 0; id < this.lists.length; id++) {
      entries += this.listLen[id];
      listBytes += this.lists[id].byteLength;
    }
    const arrays = [
      this.seqOf,
      this.denom,
      this.posted,
      this.uuid,
      this.alive,
      this.remote,
      this.slotOfSeq,
      this.counter,
      this.mask,
      this.fitBuf,
    ];
    return {
      postings: this.size,
      deadSlots: this.dead,
      skills: this.lists.length,
      listEntries: entries,
      bytes: listBytes + arrays.reduce((n, a) => n + a.byteLength, 0),
    };
  }
}

/** FitRankIndex's contents as flat arrays (exportParts / fromParts): slot s holds seqOf[s] etc. */
export interface RankIndexParts {
  seqOf: Int32Array<ArrayBuffer>;
  denom: Uint16Array<ArrayBuffer>;
  /** Posted µs, -Infinity: no date. */
  posted: Float64Array<ArrayBuffer>;
  /** 4 words per slot, big-endian word order of the uuid bytes. */
  uuid: Uint32Array<ArrayBuffer>;
  remote: Uint8Array<ArrayBuffer>;
  /** Skill id → key. */
  skillKeys: string[];
  /** Skill id's list is listSlots[listOffsets[id] … listOffsets[id + 1]). */
  listOffsets: Int32Array<ArrayBuffer>;
  listSlots: Int32Array<ArrayBuffer>;
}

/** Bytes per record of FitRankIndex.addPackedPostings. */
export const PACKED_POSTING_BYTES = 31;

function readU32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** "xxxxxxxx-xxxx-…" → 16 bytes. */
export function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error("not a uuid");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Keeps the `room` best slots by (date, id) seen so far: a max-heap on "worst first". */
class SlotHeap {
  private items: number[] = [];
  constructor(
    private index: FitRankIndex,
    private room: number,
  ) {}

  offer(s: number) {
    if (this.room <= 0) return;
    const h = this.items;
    if (h.length < this.room) {
      h.push(s);
      this.up(h.length - 1);
    } else if (this.index.compareDateId(s, h[0]) < 0) {
      h[0] = s;
      this.down(0);
    }
  }

  /** Worse means later in the order; the root is the worst kept. */
  private worse(a: number, b: number) {
    return this.index.compareDateId(a, b) > 0;
  }

  private up(i: number) {
    const h = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number) {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l], h[m])) m = l;
      if (r < h.length && this.worse(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  sorted(): number[] {
    return [...this.items].sort((a, b) => this.index.compareDateId(a, b));
  }
}

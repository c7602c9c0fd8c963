// The keyword and location side of the fit index (issue #23 §1): which postings (jobs.seq)
// pass a keyword or location filter, answered in memory so the fit ranking needs no
// database scan. Exactness comes from the database itself: the lexemes are PostgreSQL's own
// `to_tsvector('simple', search_text)`, the query's lexemes are its own `to_tsquery`, and the
// distinct locations are matched by its own ILIKE (server/jobs/fit-filter.ts) — this index
// only keeps "lexeme → postings" and "posting → location" and intersects them.
// A tsquery prefix term `w:*` matches a lexeme whose bytes start with w's bytes; for valid
// strings that is the same as a UTF-16 prefix, so a sorted term list gives the range.

function growI32(a: Int32Array, need: number, fill = 0): Int32Array {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  if (fill) b.fill(fill, a.length);
  return b;
}

export class PostingTextIndex {
  /** seq → location id, or -1 (no posting). */
  private locOf: Int32Array = new Int32Array(0);
  /** seq → generation: bumped on every remove, so list entries of a replaced posting stop counting. */
  private gen: Int32Array = new Int32Array(0);
  private locIds = new Map<string, number>();
  private locNames: string[] = [];
  private termIds = new Map<string, number>();
  private termNames: string[] = [];
  /** Per term: pairs (seq, generation). */
  private lists: Int32Array[] = [];
  private listLen: number[] = [];
  private stale = 0;
  private entries = 0;
  /** Term ids sorted by name (built when first needed) and the ids added since. */
  private sorted: Int32Array | null = null;
  private recent: number[] = [];
  private bits = new Uint16Array(0);
  private maxSeq = 0;

  private ensureSeq(seq: number) {
    if (seq + 1 > this.locOf.length) {
      this.locOf = growI32(this.locOf, seq + 1, -1);
      this.gen = growI32(this.gen, seq + 1);
    }
    if (seq + 1 > this.maxSeq) this.maxSeq = seq + 1;
  }

  has(seq: number): boolean {
    return seq < this.locOf.length && this.locOf[seq] >= 0;
  }

  /** Drops a posting (its list entries become stale). */
  remove(seq: number): void {
    if (!this.has(seq)) return;
    this.locOf[seq] = -1;
    this.gen[seq]++;
  }

  /** Adds postings (seqs, big-endian int4 or numbers) at one location; adding makes the posting present. */
  addLocation(location: string, seqs: ArrayLike<number>): void {
    let id = this.locIds.get(location);
    if (id === undefined) {
      id = this.locNames.length;
      this.locIds.set(location, id);
      this.locNames.push(location);
    }
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i];
      this.ensureSeq(seq);
      this.locOf[seq] = id;
    }
  }

  /** Adds one lexeme's postings (only present ones: call addLocation first). */
  addTerm(term: string, seqs: ArrayLike<number>): void {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.lists.push(new Int32Array(Math.max(2, seqs.length * 2)));
      this.listLen.push(0);
      if (this.sorted) this.recent.push(id);
    }
    let list = this.lists[id];
    let len = this.listLen[id];
    if (len + seqs.length * 2 > list.length) list = this.lists[id] = growI32(list, len + seqs.length * 2);
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i];
      if (!this.has(seq)) continue;
      list[len++] = seq;
      list[len++] = this.gen[seq];
    }
    this.entries += (len - this.listLen[id]) >> 1;
    this.listLen[id] = len;
  }

  /** After a batch of changes: drops stale entries once they are a third of all. */
  maybeCompact(): void {
    this.stale = 0;
    let live = 0;
    // Counting is a full pass; only do it when many postings changed since the last one.
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id];
      let len = 0;
      for (let i = 0; i < this.listLen[id]; i += 2) {
        const seq = list[i];
        if (this.locOf[seq] >= 0 && this.gen[seq] === list[i + 1]) {
          list[len++] = seq;
          list[len++] = list[i + 1];
        }
      }
      this.listLen[id] = len;
      live += len >> 1;
    }
    this.entries = live;
  }

  /** Marks `changed` postings as changed since the last compaction; compacts when worthwhile. */
  noteChanged(changed: number): void {
    this.stale += changed;
    if (this.stale * 3 > this.maxSeq && this.stale > 1024) this.maybeCompact();
  }

  /** The distinct locations (their id is the position). */
  locations(): readonly string[] {
    return this.locNames;
  }

  private termRange(prefix: string): number[] {
    if (!this.sorted || this.recent.length > 10_000) {
      const ids = new Int32Array(this.termNames.length);
      for (let i = 0; i < ids.length; i++) ids[i] = i;
      const names = this.termNames;
      ids.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
      this.sorted = ids;
      this.recent = [];
    }
    const ids = this.sorted;
    const names = this.termNames;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[ids[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < ids.length && names[ids[i]].startsWith(prefix); i++) out.push(ids[i]);
    for (const id of this.recent) if (names[id].startsWith(prefix)) out.push(id);
    return out;
  }

  /**
   * The present postings whose lexemes include, for every prefix, one starting with it (a tsquery
   * `p1:* & p2:* …`), and whose location id is in `locations` when given. At most 15 prefixes.
   */
  match(opts: { prefixes?: readonly string[]; locations?: ReadonlySet<number> }): Int32Array {
    const prefixes = opts.prefixes ?? [];
    if (prefixes.length > 15) throw new Error("at most 15 prefixes");
    const locMask = opts.locations ? new Uint8Array(this.locNames.length) : null;
    if (opts.locations) for (const id of opts.locations) if (id >= 0 && id < locMask!.length) locMask![id] = 1;
    const locOf = this.locOf;
    const gen = this.gen;
    if (!prefixes.length) {
      const out = new Int32Array(this.maxSeq);
      let n = 0;
      for (let seq = 0; seq < this.maxSeq; seq++) {
        const l = locOf[seq];
        if (l >= 0 && (!locMask || locMask[l])) out[n++] = seq;
      }
      return out.slice(0, n);
    }
    if (this.bits.length < this.maxSeq) this.bits = new Uint16Array(this.maxSeq);
    const bits = this.bits;
    bits.fill(0, 0, this.maxSeq);
    const ranges = prefixes.map((p) => this.termRange(p));
    const full = (1 << prefixes.length) - 1;
    for (let w = 0; w < ranges.length; w++) {
      const bit = 1 << w;
      for (const id of ranges[w]) {
        const list = this.lists[id];
        const len = this.listLen[id];
        for (let i = 0; i < len; i += 2) {
          const seq = list[i];
          if (gen[seq] === list[i + 1]) bits[seq] |= bit;
        }
      }
    }
    // Into a typed array sized by the first prefix's lists (a bound): a number[] and Int32Array.from
    // cost ≈20 ms for 100k matches at 1M postings.
    let cap = 0;
    for (const id of ranges[0]) cap += this.listLen[id] >> 1;
    const out = new Int32Array(cap);
    let n = 0;
    for (const id of ranges[0]) {
      const list = this.lists[id];
      const len = this.listLen[id];
      for (let i = 0; i < len; i += 2) {
        const seq = list[i];
        if (bits[seq] !== full || gen[seq] !== list[i + 1]) continue;
        bits[seq] = 0x8000; // emitted once
        const l = locOf[seq];
        if (l >= 0 && (!locMask || locMask[l])) out[n++] = seq;
      }
    }
    return out.slice(0, n);
  }

  /** Term ids in name order (the prefix search's sorted list when it is current). */
  private nameOrder(): Int32Array {
    if (this.sorted && !this.recent.length && this.sorted.length === this.termNames.length) return this.sorted;
    const ids = new Int32Array(this.termNames.length);
    for (let i = 0; i < ids.length; i++) ids[i] = i;
    const names = this.termNames;
    ids.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    return ids;
  }

  /**
   * The index's live contents as flat arrays, for a snapshot (lib/fit/snapshot.ts, issue #23 §2):
   * stale entries (removed or replaced postings) are left out, so generations start again at 0.
   */
  exportParts(): TextIndexParts {
    // In name order, so the reader's prefix search needs no sort.
    const order = this.nameOrder();
    const offsets = new Int32Array(order.length + 1);
    const termNames: string[] = new Array(order.length);
    let total = 0;
    for (let id = 0; id < this.lists.length; id++) total += this.listLen[id] >> 1;
    let seqs = new Int32Array(total);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k];
      termNames[k] = this.termNames[id];
      const list = this.lists[id];
      for (let i = 0; i < this.listLen[id]; i += 2) {
        const seq = list[i];
        if (this.locOf[seq] >= 0 && this.gen[seq] === list[i + 1]) seqs[n++] = seq;
      }
      offsets[k + 1] = n;
    }
    if (n < total) seqs = seqs.slice(0, n);
    return {
      locOf: this.locOf.subarray(0, this.maxSeq) as Int32Array<ArrayBuffer>,
      locNames: this.locNames,
      termNames,
      termOffsets: offsets,
      termSeqs: seqs,
    };
  }

  /** An index holding exactly `p` (exportParts' output). */
  static fromParts(p: TextIndexParts): PostingTextIndex {
    const b = PostingTextIndex.partsBuilder(p);
    while (!b.step(Infinity));
    return b.index;
  }

  /**
   * The same as fromParts, built a slice of terms at a time (a million lexemes take seconds):
   * the caller yields between steps so searches go on. `step(n)` adds up to n more terms and
   * returns true when the index is complete.
   */
  static partsBuilder(p: TextIndexParts): { index: PostingTextIndex; step: (terms: number) => boolean } {
    const terms = p.termNames.length;
    if (p.termOffsets.length !== terms + 1 || p.termOffsets[terms] !== p.termSeqs.length)
      throw new Error("text index parts: term offsets don't match");
    const x = new PostingTextIndex();
    const maxSeq = p.locOf.length;
    x.locOf = p.locOf;
    x.gen = new Int32Array(maxSeq);
    x.maxSeq = maxSeq;
    for (let s = 0; s < maxSeq; s++)
      if (p.locOf[s] < -1 || p.locOf[s] >= p.locNames.length)
        throw new Error("text index parts: a location out of range");
    x.locNames = p.locNames;
    for (let i = 0; i < p.locNames.length; i++) x.locIds.set(p.locNames[i], i);
    // One array of (seq, generation 0) pairs; each term's list is a view of it.
    const seqs = p.termSeqs;
    const pairs = new Int32Array(seqs.length * 2);
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i];
      if (seq < 0 || seq >= maxSeq || p.locOf[seq] < 0)
        throw new Error("text index parts: a term names an absent posting");
      pairs[i * 2] = seq;
    }
    x.termNames = p.termNames;
    x.lists = new Array(terms);
    x.listLen = new Array(terms);
    x.entries = seqs.length;
    let sorted = true;
    let id = 0;
    const step = (n: number): boolean => {
      const end = Math.min(terms, id + n);
      for (; id < end; id++) {
        const a = p.termOffsets[id];
        const b = p.termOffsets[id + 1];
        if (b < a) throw new Error("text index parts: term offsets go backwards");
        const name = p.termNames[id];
        if (id > 0 && !(p.termNames[id - 1] < name)) sorted = false;
        x.termIds.set(name, id);
        x.lists[id] = pairs.subarray(a * 2, b * 2);
        x.listLen[id] = (b - a) * 2;
      }
      if (id < terms) return false;
      if (x.termIds.size !== terms) throw new Error("text index parts: a term is repeated");
      // Stored in name order (exportParts): the prefix search needs no sort.
      if (sorted) x.sorted = Int32Array.from({ length: terms }, (_, i) => i);
      return true;
    };
    return { index: x, step };
  }

  stats(): { postings: number; locations: number; terms: number; entries: number; bytes: number } {
    let postings = 0;
    for (let s = 0; s < this.maxSeq; s++) if (this.locOf[s] >= 0) postings++;
    let bytes = this.locOf.byteLength + this.gen.byteLength + this.bits.byteLength;
    for (const l of this.lists) bytes += l.byteLength;
    return { postings, locations: this.locNames.length, terms: this.termNames.length, entries: this.entries, bytes };
  }
}

/** PostingTextIndex's live contents as flat arrays (exportParts / fromParts). */
export interface TextIndexParts {
  /** seq → location id, -1: no posting. */
  locOf: Int32Array<ArrayBuffer>;
  locNames: string[];
  /** Term id → lexeme. */
  termNames: string[];
  /** Term id's postings are termSeqs[termOffsets[id] … termOffsets[id + 1]). */
  termOffsets: Int32Array<ArrayBuffer>;
  termSeqs: Int32Array<ArrayBuffer>;
}

// The per-process cache behind the public /c/[slug] routes (issue #12 §1).
//
// Keyed by slug; each link holds its rendered page, images and OG image, and an
// unknown, disabled or regenerated-away slug holds a negative entry (value
// null), so asking again for a missing link costs what a cached page costs.
// Bounded by bytes and by number of links, least recently used first out, so a
// flood of random slugs can't grow memory without bound.
//
// Correctness: memoInvalidate(slug) drops a link's entries and marks every load
// of that slug still in flight as stale; memoFlush() does that for all links.
// A stale load never stores its result, so a page read from the database just
// before the learner turned the link off can't come back. While the cache is
// disabled (memoSetEnabled(false): e.g. the PostgreSQL listener that delivers
// invalidations is not connected) nothing is served from it or stored in it.
// Lives on globalThis because Next bundles each route and action separately;
// they share one process under `next start`. Pure: no database, no Next.

interface Entry {
  value: unknown;
  size: number;
  expiresAt: number;
}

/** One load in flight; `stale` turns true when its slug is invalidated meanwhile. */
export interface MemoTicket {
  readonly slug: string;
  stale: boolean;
}

interface MemoStore {
  /** slug → (key → entry); Map order doubles as LRU order. */
  links: Map<string, Map<string, Entry>>;
  inflight: Map<string, Set<MemoTicket>>;
  bytes: number;
  enabled: boolean;
  maxBytes: number;
  maxLinks: number;
}

export const MEMO_MAX_BYTES = 64 * 1024 * 1024;
export const MEMO_MAX_LINKS = 100_000;
/** Even a never-invalidated entry is re-read now and then (e.g. "Expires" turning into "Expired"). */
export const MEMO_TTL_MS = 10 * 60 * 1000;
/** What a negative entry is charged: the slug, the key and the Map overhead. */
const NEGATIVE_ENTRY_BYTES = 160;

const g = globalThis as unknown as { __sashShareMemo2?: MemoStore };
const store: MemoStore = (g.__sashShareMemo2 ??= {
  links: new Map(),
  inflight: new Map(),
  bytes: 0,
  enabled: true,
  maxBytes: MEMO_MAX_BYTES,
  maxLinks: MEMO_MAX_LINKS,
});

/** A hit: `{ value }` (value null = "this link is not shared"); undefined on a miss. */
export function memoGet<T>(slug: string, key: string, now = Date.now()): { value: T | null } | undefined {
  if (!store.enabled) return undefined;
  const link = store.links.get(slug);
  const e = link?.get(key);
  if (!e) return undefined;
  if (now >= e.expiresAt) {
    dropEntry(slug, link!, key, e);
    return undefined;
  }
  // Refresh LRU position.
  store.links.delete(slug);
  store.links.set(slug, link!);
  return { value: e.value as T | null };
}

/** Start a load for `slug`; pass the ticket to memoSet and always to memoEnd. */
export function memoBegin(slug: string): MemoTicket {
  const t: MemoTicket = { slug, stale: !store.enabled };
  let set = store.inflight.get(slug);
  if (!set) store.inflight.set(slug, (set = new Set()));
  set.add(t);
  return t;
}

export function memoEnd(t: MemoTicket): void {
  const set = store.inflight.get(t.slug);
  if (!set) return;
  set.delete(t);
  if (set.size === 0) store.inflight.delete(t.slug);
}

/**
 * Store a loaded value (null for "not shared") unless the slug was invalidated
 * since the ticket was taken. `size` is the value's approximate bytes.
 */
export function memoSet(
  t: MemoTicket,
  key: string,
  value: unknown,
  size: number,
  ttlMs = MEMO_TTL_MS,
  now = Date.now(),
): boolean {
  if (t.stale || !store.enabled || ttlMs <= 0) return false;
  const cost = value === null ? NEGATIVE_ENTRY_BYTES : size + NEGATIVE_ENTRY_BYTES;
  if (cost > store.maxBytes / 8) return false;
  let link = store.links.get(t.slug);
  if (!link) {
    link = new Map();
  } else {
    store.links.delete(t.slug); // re-insert below: most recently used
  }
  store.links.set(t.slug, link);
  const old = link.get(key);
  if (old) store.bytes -= old.size;
  link.set(key, { value, size: cost, expiresAt: now + Math.min(ttlMs, MEMO_TTL_MS) });
  store.bytes += cost;
  evict();
  return true;
}

function evict(): void {
  for (const [slug, link] of store.links) {
    if (store.bytes <= store.maxBytes && store.links.size <= store.maxLinks) break;
    for (const e of link.values()) store.bytes -= e.size;
    store.links.delete(slug);
  }
}

function dropEntry(slug: string, link: Map<string, Entry>, key: string, e: Entry): void {
  store.bytes -= e.size;
  link.delete(key);
  if (link.size === 0) store.links.delete(slug);
}

/** Forget everything about one link, including loads of it still in flight. */
export function memoInvalidate(slug: string): void {
  slugIndexNote(slug);
  for (const t of store.inflight.get(slug) ?? []) t.stale = true;
  const link = store.links.get(slug);
  if (!link) return;
  for (const e of link.values()) store.bytes -= e.size;
  store.links.delete(slug);
}

const gl = globalThis as unknown as {
  __sashShareLoads?: Map<string, { ticket: MemoTicket; promise: Promise<unknown> }>;
};
const loads = (gl.__sashShareLoads ??= new Map());

/**
 * One load per (slug, key) at a time (issue #23 §3): a request that misses while the same
 * entry is being loaded waits for that load instead of starting its own, so a burst of
 * readers of a cold link costs one database read and one image re-encode, not one each.
 * A load whose slug was invalidated since it began (its ticket is stale) is never joined:
 * the newcomer starts a fresh one, as it would have without this. `run` gets the ticket
 * for memoSet; memoBegin/memoEnd are handled here.
 */
export function memoLoadOnce<R>(slug: string, key: string, run: (ticket: MemoTicket) => Promise<R>): Promise<R> {
  const id = `${key}\u0000${slug}`;
  const cur = loads.get(id);
  if (cur && !cur.ticket.stale) return cur.promise as Promise<R>;
  const ticket = memoBegin(slug);
  const promise = (async () => {
    try {
      return await run(ticket);
    } finally {
      memoEnd(ticket);
      if (loads.get(id)?.ticket === ticket) loads.delete(id);
    }
  })();
  loads.set(id, { ticket, promise });
  return promise;
}

/** Forget everything (e.g. after the invalidation channel reconnects: messages may have been missed). */
export function memoFlush(): void {
  slugIndexUnload();
  for (const set of store.inflight.values()) for (const t of set) t.stale = true;
  store.links.clear();
  store.bytes = 0;
}

/** Off: every read misses and nothing is stored (and everything held is dropped). */
export function memoSetEnabled(enabled: boolean): void {
  if (!enabled) memoFlush();
  store.enabled = enabled;
}

/**
 * Off, but what is held stays for memoHeld (the invalidation channel is lost,
 * perhaps because the whole database is down). Loads in flight are marked stale
 * and nothing new is stored; memoFlush (on reconnect) drops what is held.
 */
export function memoSuspend(): void {
  for (const set of store.inflight.values()) for (const t of set) t.stale = true;
  slugIndexUnload();
  store.enabled = false;
}

/**
 * An entry held from before the cache was suspended, enabled or not. Only for
 * when the database itself can't be reached: then nothing can have changed a
 * link, so what was true when the channel went quiet is still true.
 */
export function memoHeld<T>(slug: string, key: string, now = Date.now()): { value: T | null } | undefined {
  const e = store.links.get(slug)?.get(key);
  if (!e || now >= e.expiresAt) return undefined;
  return { value: e.value as T | null };
}

export function memoEnabled(): boolean {
  return store.enabled;
}

/** Counts for tests and diagnostics. */
export function memoStats(): { links: number; bytes: number; inflight: number; loads: number; enabled: boolean } {
  return {
    links: store.links.size,
    bytes: store.bytes,
    inflight: store.inflight.size,
    loads: loads.size,
    enabled: store.enabled,
  };
}

/** Tests only: smaller bounds. Returns a function that restores the defaults. */
export function memoLimitsForTest(maxBytes: number, maxLinks: number): () => void {
  store.maxBytes = maxBytes;
  store.maxLinks = maxLinks;
  return () => {
    store.maxBytes = MEMO_MAX_BYTES;
    store.maxLinks = MEMO_MAX_LINKS;
    memoFlush();
  };
}

// ---- The index of links that may be live -------------------------------------
//
// A flood of never-repeated random slugs would otherwise cost one database read
// each (a negative entry only helps the second time). Once loaded, the index
// holds every slug that was shared when it was read plus every slug any change
// has named since (the same notifications that drop cached entries), so a slug
// outside it is answered "not shared" from memory. Conservative by design: a
// slug in the index may still turn out missing, and the database decides.
// Unloaded (no answers from it) until loaded, and again on every flush.

interface SlugIndex {
  live: Set<string> | null; // null: not loaded
  /** Slugs named by changes while a load is in flight. */
  pending: Set<string>;
  generation: number;
}

/** Past this many slugs the index stops answering (memory bound); the database answers instead. */
export const SLUG_INDEX_MAX = 2_000_000;

const gi = globalThis as unknown as { __sashShareSlugIndex?: SlugIndex };
const index: SlugIndex = (gi.__sashShareSlugIndex ??= { live: null, pending: new Set(), generation: 0 });

/** Starts a load; pass the returned generation to slugIndexLoaded with what the database listed. */
export function slugIndexBegin(): number {
  index.live = null;
  index.pending = new Set();
  return ++index.generation;
}

/** Completes a load begun by slugIndexBegin, unless a flush or another load came since. */
export function slugIndexLoaded(generation: number, slugs: Iterable<string>): boolean {
  if (generation !== index.generation) return false;
  const live = new Set(slugs);
  for (const s of index.pending) live.add(s);
  index.pending = new Set();
  index.live = live.size > SLUG_INDEX_MAX ? null : live;
  return index.live !== null;
}

/** A change named this slug: it may be live now. */
export function slugIndexNote(slug: string): void {
  if (index.live) {
    index.live.add(slug);
    if (index.live.size > SLUG_INDEX_MAX) index.live = null;
  } else index.pending.add(slug);
}

/** Forget the index (messages may have been missed); it answers nothing until loaded again. */
export function slugIndexUnload(): void {
  index.live = null;
  index.pending = new Set();
  index.generation++;
}

/** True only when the index is loaded and the slug is certainly not shared. */
export function slugIndexSaysMissing(slug: string): boolean {
  return store.enabled && index.live !== null && !index.live.has(slug);
}

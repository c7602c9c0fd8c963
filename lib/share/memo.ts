// In-process first level in front of Next's data cache for share links. A hit
// here skips unstable_cache's key hashing and tag checks, which roughly halved
// throughput on the 2-core benchmark machine (docs/benchmarks.md "## share").
//
// Correctness: revalidateShare() drops a link's entries and bumps its
// generation; a loader that started before the bump never stores its (possibly
// stale) result, so a disabled or regenerated-away link can't come back from
// a request that was in flight. Lives on globalThis because Next bundles each
// route and action separately; they share one process under `next start`.
// Like Next's default cache, it is per instance.

interface Entry {
  value: unknown;
  size: number;
  storedAt: number;
}

interface MemoStore {
  /** slug → (key → entry); Map order doubles as LRU order. */
  links: Map<string, Map<string, Entry>>;
  generations: Map<string, number>;
  bytes: number;
}

const MAX_BYTES = 64 * 1024 * 1024;
// Falls through to Next's data cache (which re-checks daily) now and then, so
// time-dependent text such as "Expired" can't stay frozen in memory.
const TTL_MS = 10 * 60 * 1000;

const g = globalThis as unknown as { __sashShareMemo?: MemoStore };
const store: MemoStore = (g.__sashShareMemo ??= { links: new Map(), generations: new Map(), bytes: 0 });

export function memoGet<T>(slug: string, key: string): T | undefined {
  const link = store.links.get(slug);
  const e = link?.get(key);
  if (!e || Date.now() - e.storedAt > TTL_MS) return undefined;
  // Refresh LRU position.
  store.links.delete(slug);
  store.links.set(slug, link!);
  return e.value as T;
}

export function memoGeneration(slug: string): number {
  return store.generations.get(slug) ?? 0;
}

/** Store unless the link was invalidated since `generation` was read. */
export function memoSet(slug: string, key: string, generation: number, value: unknown, size: number): void {
  if (memoGeneration(slug) !== generation || size > MAX_BYTES / 8) return;
  let link = store.links.get(slug);
  if (!link) {
    link = new Map();
    store.links.set(slug, link);
  }
  const old = link.get(key);
  if (old) store.bytes -= old.size;
  link.set(key, { value, size, storedAt: Date.now() });
  store.bytes += size;
  for (const [s, l] of store.links) {
    if (store.bytes <= MAX_BYTES) break;
    for (const e of l.values()) store.bytes -= e.size;
    store.links.delete(s);
  }
}

export function memoInvalidate(slug: string): void {
  store.generations.set(slug, memoGeneration(slug) + 1);
  const link = store.links.get(slug);
  if (!link) return;
  for (const e of link.values()) store.bytes -= e.size;
  store.links.delete(slug);
}

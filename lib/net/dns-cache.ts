// One process-wide memory of DNS answers for the SSRF-safe fetcher (lib/net/fetcher.ts). Node's
// dns.lookup keeps nothing: 170 learners verifying Credly badges at once asked the resolver for the
// same few names hundreds of times, and a resolver that drops part of such a burst leaves each of
// those lookups waiting for the C library's 5 s retry (test:load's verify step, issue #23 §3).
// Here lookups of one name in flight are shared, an answer is kept for `ttlMs` and a failure for
// `negativeTtlMs`, and at most `maxEntries` names are remembered. The fetcher still checks every
// address it is given and connects to exactly that address, so a kept answer can't widen what it
// reaches.
export interface DnsCacheOptions {
  /** How long an answer is reused (default 30 s). */
  ttlMs?: number;
  /** How long a failed lookup (no such name, no answer) is reused (default 15 s). */
  negativeTtlMs?: number;
  maxEntries?: number;
  /** Milliseconds now (tests move it). */
  now?: () => number;
}

interface Entry<T> {
  pending: Promise<T>;
  /** When the answer stops being used; Infinity while the lookup is in flight. */
  until: number;
}

/** `lookup` with in-flight sharing and a bounded, time-limited memory of answers and failures. */
export function cachedLookup<T>(
  lookup: (hostname: string) => Promise<T>,
  opts: DnsCacheOptions = {},
): (hostname: string) => Promise<T> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const negativeTtlMs = opts.negativeTtlMs ?? 15_000;
  const maxEntries = opts.maxEntries ?? 1_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  return (hostname) => {
    const key = hostname.toLowerCase();
    const had = entries.get(key);
    if (had && had.until > now()) return had.pending;
    if (had) entries.delete(key);
    const entry = { until: Infinity } as Entry<T>;
    entry.pending = lookup(hostname).then(
      (answer) => {
        entry.until = now() + ttlMs;
        return answer;
      },
      (e: unknown) => {
        entry.until = now() + negativeTtlMs;
        throw e;
      },
    );
    // Nobody may be waiting on a kept failure; it must not count as unhandled.
    entry.pending.catch(() => {});
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return entry.pending;
  };
}

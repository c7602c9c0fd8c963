// Issue #23 §4: work that depends only on a public identifier is done once per process (per
// worker thread when verification runs in a pool: module state is per isolate). Bounded: the
// oldest entry goes when the map is full. Never a verification result nor anything computed from
// the credential being verified — only documents derived from an identifier (a did:key document).

/** A bounded map of promises: `get(key, make)` runs `make` once per key while it stays cached. */
export class BoundedCache<V> {
  private readonly map = new Map<string, Promise<V>>();
  constructor(readonly max: number) {}

  get(key: string, make: () => Promise<V>): Promise<V> {
    let p = this.map.get(key);
    if (p) return p;
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    p = make();
    this.map.set(key, p);
    // A failure is not remembered: the next call tries again.
    p.catch(() => this.map.delete(key));
    return p;
  }

  get size(): number {
    return this.map.size;
  }
}

/** Deep-freezes a JSON value so a cached document can't be changed by one of its users. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

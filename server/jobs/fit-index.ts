// The process's fit index (issue #14 §5): one FitRankIndex per database handle,
// checked against the catalogue version before every search. The version row and
// job_changes are written by triggers in the same transaction as any change to
// jobs or job_skills (migration 0010), so an import committed by this or any other
// instance is in the very next search: a newer version applies the logged changes
// (a few rows), a new epoch or a version older than the pruned log reloads all.
import type { Db } from "@/db/client";
import {
  readCatalogueVersion,
  readChangedSeqs,
  readPackedPostings,
  readPackedPostingsBySeq,
  readPackedSkillLists,
  readLocationLists,
  readTermLists,
} from "@/db/queries/jobs/fit-index";
import { FitRankIndex, type IndexStats } from "@/lib/fit/rank-index";
import { decodeFitSnapshotOffThread, encodeFitSnapshotOffThread } from "@/server/workers/offload";
import { PostingTextIndex, type TextIndexParts } from "@/lib/fit/text-index";
import { fitSnapshotStoreOf, type FitSnapshotStore } from "./fit-snapshot";

interface IndexState {
  index: FitRankIndex | null;
  /** Keywords and locations of the same postings (issue #23 §1). */
  text: PostingTextIndex | null;
  /**
   * After a start from a snapshot: the text side still as the snapshot's arrays (a million lexemes
   * take seconds to index), built in the background a slice at a time, or at once by the first
   * keyword/location search that needs it. Changes applied meanwhile wait in its queue.
   */
  textPending: PendingText | null;
  epoch: string | null;
  version: number;
  /** Tickets: a refresh that starts after a search asked covers that search. */
  asked: number;
  done: number;
  running: Promise<void> | null;
  /** A full load (not a few logged changes) is under way: searches meanwhile are answered by SQL. */
  fullLoading: boolean;
  last: RefreshInfo | null;
  /** The catalogue version of the newest snapshot this process read or wrote (issue #23 §2). */
  snapshotVersion: number;
  /** Postings changed (applied from the log) since that snapshot. */
  changedSinceSnapshot: number;
  /** A snapshot being written in the background. */
  writing: Promise<void> | null;
  snapshot: SnapshotInfo;
}

interface TextChange {
  changed: readonly number[];
  locs: ReadonlyArray<{ location: string; seqs: ArrayLike<number> }>;
  terms: ReadonlyArray<{ term: string; seqs: ArrayLike<number> }>;
}

interface PendingText {
  parts: TextIndexParts;
  queue: TextChange[];
  /** The built index, once built (by the background steps or by a search). */
  result: PostingTextIndex | null;
}

export interface SnapshotInfo {
  /** Why the last attempt to start from a snapshot didn't (no store, none stored, another epoch, corrupt …). */
  skipped: string | null;
  /** The last snapshot written by this process: its version and size, or the error. */
  written: { epoch: string; version: number; bytes: number; ms: number } | null;
  writeError: string | null;
}

export interface RefreshInfo {
  /** snapshot: started from a stored snapshot (and applied the logged changes since it). */
  kind: "none" | "full" | "changes" | "snapshot";
  /** Postings re-read (full: all of them; snapshot: the changes applied after it). */
  postings: number;
  ms: number;
  /** snapshot: the catalogue version the snapshot held. */
  fromVersion?: number;
}

/** Above this many changed postings (or a fifth of the index), a full reload is cheaper than applying changes. */
const MAX_CHANGES = 50_000;
const LOAD_CHUNK = 200_000;
/**
 * A new snapshot is written after this many logged versions or changed postings since the last one
 * (job_changes keeps 10,000 versions: a snapshot older than that can't be brought up to date).
 */
const SNAPSHOT_AFTER_VERSIONS = 2_000;
const SNAPSHOT_AFTER_CHANGES = 20_000;

// On globalThis: Next.js may load this module once per bundle, and the index belongs to the process.
const states = ((globalThis as unknown as { __sashFitIndex?: WeakMap<Db, IndexState> }).__sashFitIndex ??=
  new WeakMap());

function stateOf(db: Db): IndexState {
  let st = states.get(db);
  if (!st) {
    st = {
      index: null,
      text: null,
      textPending: null,
      epoch: null,
      version: 0,
      asked: 0,
      done: 0,
      running: null,
      fullLoading: false,
      last: null,
      snapshotVersion: -1,
      changedSinceSnapshot: 0,
      writing: null,
      snapshot: { skipped: null, written: null, writeError: null },
    };
    states.set(db, st);
  }
  return st;
}

/** The fit index, up to date with every catalogue change committed before this call. */
export async function freshFitIndex(db: Db): Promise<FitRankIndex> {
  return (await freshFitIndexes(db)).rank;
}

/** The fit index and its keyword/location side, both up to date (as freshFitIndex). */
export async function freshFitIndexes(db: Db): Promise<{ rank: FitRankIndex; text: PostingTextIndex }> {
  const st = stateOf(db);
  const ticket = ++st.asked;
  while (st.done < ticket) {
    if (!st.running) {
      const covers = st.asked;
      st.running = refresh(db, st)
        .then(() => {
          st.done = Math.max(st.done, covers);
        })
        .finally(() => {
          st.running = null;
        });
    }
    await st.running;
  }
  return indexesOf(st);
}

/** The rank index and its text side; the text side of a snapshot start is built when first read. */
function indexesOf(st: IndexState): { rank: FitRankIndex; text: PostingTextIndex } {
  const rank = st.index!;
  const text = st.text;
  const pending = st.textPending;
  if (text || !pending) return { rank, text: text! };
  return {
    rank,
    get text() {
      return buildPendingText(st, pending);
    },
  };
}

function applyTextChange(text: PostingTextIndex, c: TextChange) {
  for (const seq of c.changed) text.remove(seq);
  for (const l of c.locs) text.addLocation(l.location, l.seqs);
  for (const t of c.terms) text.addTerm(t.term, t.seqs);
  text.noteChanged(c.changed.length);
}

/** Builds a pending text side now (synchronously), with the changes queued for it. */
function buildPendingText(st: IndexState, p: PendingText): PostingTextIndex {
  if (!p.result) finishPendingText(st, p, PostingTextIndex.fromParts(p.parts));
  return p.result!;
}

function finishPendingText(st: IndexState, p: PendingText, text: PostingTextIndex) {
  for (const c of p.queue) applyTextChange(text, c);
  p.queue = [];
  p.result = text;
  if (st.textPending === p) {
    st.text = text;
    st.textPending = null;
  }
}

/** Builds a pending text side in slices, yielding between them, unless a search built it first. */
async function buildTextInBackground(st: IndexState, p: PendingText): Promise<void> {
  const b = PostingTextIndex.partsBuilder(p.parts);
  for (;;) {
    await new Promise((r) => setTimeout(r, 0));
    if (p.result || st.textPending !== p) return;
    if (b.step(20_000)) break;
  }
  if (!p.result) finishPendingText(st, p, b.index);
}

async function refresh(db: Db, st: IndexState): Promise<void> {
  const t0 = performance.now();
  const v = await readCatalogueVersion(db);
  if (st.index && v.epoch === st.epoch && v.version === st.version) {
    st.last = { kind: "none", postings: 0, ms: performance.now() - t0 };
    return;
  }
  if (st.index && v.epoch === st.epoch && v.version > st.version && st.version >= v.prunedThrough) {
    const applied = await applyChanges(db, st, v.version);
    if (applied !== null) {
      st.last = { kind: "changes", postings: applied, ms: performance.now() - t0 };
      maybeRefreshSnapshot(db, st);
      return;
    }
  }
  st.fullLoading = true;
  try {
    // A stored snapshot at a version the log can bring up to date: the index in a second or two.
    const store = fitSnapshotStoreOf(db);
    if (store && v.epoch !== null) {
      const fromVersion = await startFromSnapshot(db, st, store, {
        epoch: v.epoch,
        version: v.version,
        prunedThrough: v.prunedThrough,
      });
      if (fromVersion !== null) {
        const applied = st.version < v.version ? await applyChanges(db, st, v.version) : 0;
        if (applied !== null) {
          st.last = { kind: "snapshot", postings: applied, ms: performance.now() - t0, fromVersion };
          maybeRefreshSnapshot(db, st);
          return;
        }
        st.snapshot.skipped = "too many changes since the snapshot";
      }
    } else st.snapshot.skipped = store ? "no catalogue yet" : "no snapshot store";
    const loaded = await loadAll(db);
    st.index = loaded.index;
    st.text = loaded.text;
    st.textPending = null;
    st.epoch = loaded.epoch;
    st.version = loaded.version;
    st.changedSinceSnapshot = 0;
    st.last = { kind: "full", postings: loaded.index.size, ms: performance.now() - t0 };
  } finally {
    st.fullLoading = false;
  }
  if (st.epoch !== null && st.version !== st.snapshotVersion) scheduleSnapshot(db, st);
}

/**
 * Applies the logged changes after st.version up to `upTo` (re-reads just those postings);
 * null when there are too many (a full load is then cheaper).
 */
async function applyChanges(db: Db, st: IndexState, upTo: number): Promise<number | null> {
  const changed = await readChangedSeqs(db, st.version, upTo);
  if (changed.length > Math.max(MAX_CHANGES, st.index!.size / 5)) return null;
  const [packed, lists, locs, terms] = await db.transaction(
    async (tx) =>
      [
        await readPackedPostingsBySeq(tx, changed),
        await readPackedSkillLists(tx, changed),
        await readLocationLists(tx, changed),
        await readTermLists(tx, changed),
      ] as const,
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  // Synchronous from here: no search sees a half-applied change.
  const index = st.index!;
  for (const seq of changed) index.remove(seq);
  index.addPackedPostings(packed);
  for (const l of lists) index.addPackedSkillList(l.key, l.seqs);
  const change = { changed, locs, terms };
  if (st.textPending) st.textPending.queue.push(change);
  else applyTextChange(st.text!, change);
  st.version = upTo;
  st.changedSinceSnapshot += changed.length;
  return changed.length;
}

/**
 * Reads and checks the stored snapshot (format, length, checksum; the catalogue's epoch; a version
 * from the pruned log's start up to now) and makes it the process's index. Returns its version, or
 * null (why: st.snapshot.skipped) when there is none that fits: the caller loads everything.
 */
async function startFromSnapshot(
  db: Db,
  st: IndexState,
  store: FitSnapshotStore,
  v: { epoch: string; version: number; prunedThrough: number },
): Promise<number | null> {
  // The same epoch already held: only a snapshot newer than the index is worth reading.
  const minVersion = st.index && st.epoch === v.epoch ? Math.max(v.prunedThrough, st.version + 1) : v.prunedThrough;
  let bytes: Uint8Array | null;
  try {
    bytes = await store.read({ epoch: v.epoch, minVersion, maxVersion: v.version });
  } catch (e) {
    st.snapshot.skipped = `unreadable: ${(e as Error).message}`;
    return null;
  }
  if (!bytes) {
    st.snapshot.skipped = "none stored for this catalogue";
    return null;
  }
  // Checked and unpacked on a worker thread (the pool's, when it runs): searches meanwhile go on, by SQL.
  let snap: Awaited<ReturnType<typeof decodeFitSnapshotOffThread>>;
  try {
    snap = await decodeFitSnapshotOffThread(bytes);
  } catch (e) {
    st.snapshot.skipped = `unreadable: ${(e as Error).message}`;
    return null;
  }
  if (!snap.ok) {
    st.snapshot.skipped = snap.reason;
    return null;
  }
  const m = snap.meta;
  if (m.epoch !== v.epoch || m.version < minVersion || m.version > v.version) {
    st.snapshot.skipped = `snapshot at ${m.epoch}/${m.version} doesn't fit the catalogue at ${v.epoch}/${v.version}`;
    return null;
  }
  let index: FitRankIndex;
  try {
    index = FitRankIndex.fromParts(snap.rank);
  } catch (e) {
    st.snapshot.skipped = (e as Error).message;
    return null;
  }
  const pending: PendingText = { parts: snap.text, queue: [], result: null };
  st.index = index;
  st.text = null;
  st.textPending = pending;
  // A text side that doesn't hold together (it is checked as it is built) is replaced by a full load.
  void buildTextInBackground(st, pending).catch((e: unknown) => {
    if (st.textPending !== pending) return;
    console.error(`sash: fit index snapshot's text side unusable, loading in full: ${(e as Error).message}`);
    st.textPending = null;
    st.index = null;
    st.epoch = null;
  });
  st.epoch = m.epoch;
  st.version = m.version;
  st.snapshotVersion = m.version;
  st.changedSinceSnapshot = 0;
  st.snapshot.skipped = null;
  return m.version;
}

/** After many changes since the last snapshot, a new one (so a restart applies few). */
function maybeRefreshSnapshot(db: Db, st: IndexState) {
  if (st.version - st.snapshotVersion >= SNAPSHOT_AFTER_VERSIONS || st.changedSinceSnapshot >= SNAPSHOT_AFTER_CHANGES)
    scheduleSnapshot(db, st);
}

/**
 * Writes the index's snapshot in the background: never awaited by a search. The typed arrays are
 * copied synchronously (so it is consistent: changes are applied synchronously too), then packed
 * on a worker thread and written asynchronously. One write at a time per process; a store already
 * holding a snapshot this new (another instance wrote it) is left alone.
 */
function scheduleSnapshot(db: Db, st: IndexState) {
  const store = fitSnapshotStoreOf(db);
  if (!store || st.writing || !st.index || st.epoch === null) return;
  const index = st.index;
  st.writing = (async () => {
    await new Promise((r) => setTimeout(r, 0)); // after the search that triggered it has its answer
    if (st.index !== index || st.epoch === null) return;
    const meta = { epoch: st.epoch, version: st.version };
    if (await store.has(meta)) {
      st.snapshotVersion = Math.max(st.snapshotVersion, meta.version);
      st.changedSinceSnapshot = 0;
      return;
    }
    if (st.index !== index || st.epoch !== meta.epoch) return;
    if (st.textPending) buildPendingText(st, st.textPending);
    const t0 = performance.now();
    // Copied synchronously (the arrays and the version belong together: changes are applied
    // synchronously too), then packed on a worker thread and written.
    const now = { epoch: st.epoch, version: st.version };
    const changed = st.changedSinceSnapshot;
    const bytes = await encodeFitSnapshotOffThread({
      meta: now,
      rank: detached(index.exportParts()),
      text: detached(st.text!.exportParts()),
    });
    await store.write(bytes, now);
    st.snapshotVersion = now.version;
    st.changedSinceSnapshot = Math.max(0, st.changedSinceSnapshot - changed);
    st.snapshot.written = {
      epoch: now.epoch,
      version: now.version,
      bytes: bytes.byteLength,
      ms: performance.now() - t0,
    };
    st.snapshot.writeError = null;
  })()
    .catch((e: unknown) => {
      st.snapshot.writeError = (e as Error).message;
      console.error(`sash: fit index snapshot not written (${store.where}): ${(e as Error).message}`);
    })
    .finally(() => {
      st.writing = null;
    });
}

/** `parts` with every typed array copied: what the worker packs can't change under it while it waits for a thread. */
function detached<T extends object>(parts: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parts))
    out[k] = ArrayBuffer.isView(v) ? (v as unknown as Int32Array).slice() : Array.isArray(v) ? v.slice() : v;
  return out as T;
}

/** Resolves when this handle's background snapshot write (if any) has finished (tests, benchmarks). */
export async function fitSnapshotWritten(db: Db): Promise<void> {
  await states.get(db)?.writing;
}

/** Everything, from one snapshot: the version, the postings (in chunks) and the skill lists. */
async function loadAll(
  db: Db,
): Promise<{ index: FitRankIndex; text: PostingTextIndex; epoch: string | null; version: number }> {
  return db.transaction(
    async (tx) => {
      const v = await readCatalogueVersion(tx);
      const index = new FitRankIndex();
      let after = 0;
      for (;;) {
        const { packed, lastSeq } = await readPackedPostings(tx, after, LOAD_CHUNK);
        if (lastSeq === null) break;
        index.addPackedPostings(packed);
        after = lastSeq;
      }
      for (const l of await readPackedSkillLists(tx)) index.addPackedSkillList(l.key, l.seqs);
      const text = new PostingTextIndex();
      for (const l of await readLocationLists(tx)) text.addLocation(l.location, l.seqs);
      for (const t of await readTermLists(tx)) text.addTerm(t.term, t.seqs);
      return { index, text, epoch: v.epoch, version: v.version };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * The fit indexes when they are loaded (brought up to date with the logged changes first), or
 * null while the process has none yet or is loading them whole: the load then goes on in the
 * background and the caller answers from SQL instead of waiting (issue #23 §2).
 */
export async function readyFitIndexes(db: Db): Promise<{ rank: FitRankIndex; text: PostingTextIndex } | null> {
  const st = stateOf(db);
  if (!st.index || st.fullLoading) {
    // Starts the load, or joins the one running; a failure is retried by the next search.
    freshFitIndexes(db).catch(() => undefined);
    return null;
  }
  return freshFitIndexes(db);
}

/** Forgets this handle's index: the next search loads it again (benchmarks measure that cold search). */
export function dropFitIndex(db: Db): void {
  states.delete(db);
}

/** What the index holds and what the last refresh did (benchmarks, diagnostics). */
export function fitIndexInfo(db: Db): {
  stats: IndexStats | null;
  version: number;
  last: RefreshInfo | null;
  loading: boolean;
  snapshot: SnapshotInfo | null;
} {
  const st = states.get(db);
  return {
    stats: st?.index?.stats() ?? null,
    version: st?.version ?? 0,
    last: st?.last ?? null,
    loading: !!st?.running && (st.fullLoading || !st.index),
    snapshot: st ? { ...st.snapshot } : null,
  };
}

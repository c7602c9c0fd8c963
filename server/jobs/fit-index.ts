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
import { PostingTextIndex } from "@/lib/fit/text-index";

interface IndexState {
  index: FitRankIndex | null;
  /** Keywords and locations of the same postings (issue #23 §1). */
  text: PostingTextIndex | null;
  epoch: string | null;
  version: number;
  /** Tickets: a refresh that starts after a search asked covers that search. */
  asked: number;
  done: number;
  running: Promise<void> | null;
  /** A full load (not a few logged changes) is under way: searches meanwhile are answered by SQL. */
  fullLoading: boolean;
  last: RefreshInfo | null;
}

export interface RefreshInfo {
  kind: "none" | "full" | "changes";
  /** Postings re-read (full: all of them). */
  postings: number;
  ms: number;
}

/** Above this many changed postings (or a fifth of the index), a full reload is cheaper than applying changes. */
const MAX_CHANGES = 50_000;
const LOAD_CHUNK = 200_000;

// On globalThis: Next.js may load this module once per bundle, and the index belongs to the process.
const states = ((globalThis as unknown as { __sashFitIndex?: WeakMap<Db, IndexState> }).__sashFitIndex ??=
  new WeakMap());

function stateOf(db: Db): IndexState {
  let st = states.get(db);
  if (!st) {
    st = {
      index: null,
      text: null,
      epoch: null,
      version: 0,
      asked: 0,
      done: 0,
      running: null,
      fullLoading: false,
      last: null,
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
  return { rank: st.index!, text: st.text! };
}

async function refresh(db: Db, st: IndexState): Promise<void> {
  const t0 = performance.now();
  const v = await readCatalogueVersion(db);
  if (st.index && v.epoch === st.epoch && v.version === st.version) {
    st.last = { kind: "none", postings: 0, ms: performance.now() - t0 };
    return;
  }
  if (st.index && v.epoch === st.epoch && v.version > st.version && st.version >= v.prunedThrough) {
    const changed = await readChangedSeqs(db, st.version, v.version);
    if (changed.length <= Math.max(MAX_CHANGES, st.index.size / 5)) {
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
      const index = st.index;
      for (const seq of changed) index.remove(seq);
      index.addPackedPostings(packed);
      for (const l of lists) index.addPackedSkillList(l.key, l.seqs);
      const text = st.text!;
      for (const seq of changed) text.remove(seq);
      for (const l of locs) text.addLocation(l.location, l.seqs);
      for (const t of terms) text.addTerm(t.term, t.seqs);
      text.noteChanged(changed.length);
      st.version = v.version;
      st.last = { kind: "changes", postings: changed.length, ms: performance.now() - t0 };
      return;
    }
  }
  st.fullLoading = true;
  let loaded: Awaited<ReturnType<typeof loadAll>>;
  try {
    loaded = await loadAll(db);
  } finally {
    st.fullLoading = false;
  }
  st.index = loaded.index;
  st.text = loaded.text;
  st.epoch = loaded.epoch;
  st.version = loaded.version;
  st.last = { kind: "full", postings: loaded.index.size, ms: performance.now() - t0 };
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
} {
  const st = states.get(db);
  return {
    stats: st?.index?.stats() ?? null,
    version: st?.version ?? 0,
    last: st?.last ?? null,
    loading: !!st?.running && (st.fullLoading || !st.index),
  };
}

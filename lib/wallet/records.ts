// How a learner record (CLR 2.0) lays out its achievements (issue #13 §1):
// CLR 2.0 associations (OB 3.0 §B.1.2 AssociationType) nest and order them.
//   isChildOf / isPartOf: the source sits under the target;
//   isParentOf: the target sits under the source;
//   precedes: among siblings, the source comes before the target.
// Other types (isPeerOf, isRelatedTo, exactMatchOf, replacedBy, …) change nothing.
// Pure and client-safe; cycles and unknown ids are ignored, so any input gives a tree.
import type { ParsedCredential, ClrAchievementEntry, ClrAssociation } from "@/lib/badges/types";
import { MAX_TITLE } from "./rules";

export interface AchievementNode<A extends Pick<ClrAchievementEntry, "id"> = ClrAchievementEntry> {
  achievement: A;
  children: AchievementNode<A>[];
}

const UNDER_TARGET = new Set(["isChildOf", "isPartOf"]);

/** The achievements as a forest: roots and siblings in `precedes` order, otherwise document order. */
export function achievementTree<A extends Pick<ClrAchievementEntry, "id">>(
  achievements: readonly A[],
  associations: readonly ClrAssociation[],
): AchievementNode<A>[] {
  const indexOf = new Map<string, number>();
  achievements.forEach((a, i) => {
    if (a.id && !indexOf.has(a.id)) indexOf.set(a.id, i);
  });
  const parent = new Array<number | null>(achievements.length).fill(null);
  const isAncestor = (candidate: number, of: number): boolean => {
    // Walk up from `candidate`; bounded by the number of achievements.
    for (let cur: number | null = candidate, steps = 0; cur !== null && steps <= achievements.length; steps++) {
      if (cur === of) return true;
      cur = parent[cur] ?? null;
    }
    return false;
  };
  for (const a of associations) {
    const s = indexOf.get(a.sourceId);
    const t = indexOf.get(a.targetId);
    if (s === undefined || t === undefined || s === t) continue;
    let child: number, par: number;
    if (UNDER_TARGET.has(a.associationType)) [child, par] = [s, t];
    else if (a.associationType === "isParentOf") [child, par] = [t, s];
    else continue;
    // The first parent given wins; one that would close a loop is ignored.
    if (parent[child] !== null || isAncestor(par, child)) continue;
    parent[child] = par;
  }

  const before = new Map<number, Set<number>>(); // target → sources that precede it
  for (const a of associations) {
    if (a.associationType !== "precedes") continue;
    const s = indexOf.get(a.sourceId);
    const t = indexOf.get(a.targetId);
    if (s === undefined || t === undefined || s === t) continue;
    const set = before.get(t) ?? new Set<number>();
    set.add(s);
    before.set(t, set);
  }

  /** Siblings in precedes order (stable: document order where nothing says otherwise; a loop falls back to it). */
  const ordered = (siblings: number[]): number[] => {
    const left = [...siblings];
    const out: number[] = [];
    const placed = new Set<number>();
    const member = new Set(siblings);
    while (left.length) {
      const k = left.findIndex((i) => [...(before.get(i) ?? [])].every((p) => !member.has(p) || placed.has(p)));
      const [next] = left.splice(k === -1 ? 0 : k, 1);
      out.push(next!);
      placed.add(next!);
    }
    return out;
  };

  const childrenOf = new Map<number | null, number[]>();
  achievements.forEach((_, i) => {
    const p = parent[i] ?? null;
    const list = childrenOf.get(p) ?? [];
    list.push(i);
    childrenOf.set(p, list);
  });
  const build = (i: number): AchievementNode<A> => ({
    achievement: achievements[i]!,
    children: ordered(childrenOf.get(i) ?? []).map(build),
  });
  return ordered(childrenOf.get(null) ?? []).map(build);
}

/** What the add form shows about a learner record before Submit. */
export interface LearnerRecordSummary {
  /** The nested credentials, in document order. */
  credentials: Array<{ title: string; issuerName: string | null }>;
  achievementCount: number;
  /** Achievements the record lists without a credential for them. */
  withoutCredential: number;
}

export function recordSummary(record: ParsedCredential): LearnerRecordSummary {
  const achievements = record.clr?.achievements ?? [];
  return {
    credentials: (record.credentials ?? []).map((c) => ({
      title: untitled(c.title),
      issuerName: c.issuer?.name ?? null,
    })),
    achievementCount: achievements.length,
    withoutCredential: achievements.filter((a) => a.credentialIndex === null).length,
  };
}

export function untitled(title: string | null | undefined): string {
  const t = (title ?? "").trim();
  return (t || "Untitled achievement").slice(0, MAX_TITLE);
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The text of an uploaded .json or .jwt file that holds a credential, or null
 * when the bytes are not UTF-8 text of that shape (then it's an unsupported file).
 */
export function credentialFileText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const t = text.replace(/^\uFEFF/, "").trim();
  if (t.startsWith("{") || JWT.test(t)) return t;
  return null;
}

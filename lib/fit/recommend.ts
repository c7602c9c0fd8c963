// Close the gap: which courses and credentials would raise a learner's
// Opportunity Fit for a job (or a pathway's next step), and by how much, ranked
// so that what a course is about counts, not only what it happens to share.
import type { SkillIndex } from "@/lib/skills";
import { fitPercent, opportunityFit, type JobSkill } from "./opportunity-fit";

/** Anything that teaches or evidences skills: a catalogue course, a credential to earn, a wallet credential. */
export interface SkillOffering {
  id: string;
  title: string;
  skillKeys: readonly string[];
}

export interface Recommendation<T extends SkillOffering = SkillOffering> {
  offering: T;
  /** Missing counted skills of the job this offering would add. */
  covers: JobSkill[];
  fitBefore: number;
  fitAfter: number;
}

/**
 * What the ranking knows about a skill beyond its key. Without it every skill is
 * specific, and ranking falls back to plain skill overlap.
 */
export interface SkillFacts {
  /** True for a skill postings of most fields ask for (Communication, Teamwork, Customer service). */
  generic(key: string): boolean;
}

/** Library categories whose skills any field asks for (data/skills.source.txt). */
export const GENERIC_SKILL_CATEGORIES: ReadonlySet<string> = new Set(["Transferable skills"]);

/**
 * Library skills filed under a field's category that postings of most fields
 * ask for all the same: in the seeded catalogue, roles of at least four of the
 * eleven job families list each (O*NET likewise counts service orientation among
 * its cross-functional skills). Sharing only these says nothing about a course's field.
 */
export const CROSS_FIELD_SKILLS: ReadonlySet<string> = new Set([
  "customer-service",
  "scheduling",
  "data-entry",
  "microsoft-excel",
]);

/** Facts from a skills index: skills of the transferable categories and the cross-field skills are generic. */
export function skillFacts(index: SkillIndex): SkillFacts {
  return {
    generic: (key) => {
      if (CROSS_FIELD_SKILLS.has(key)) return true;
      const c = index.skills.get(key)?.category;
      return c !== undefined && GENERIC_SKILL_CATEGORIES.has(c);
    },
  };
}

const NO_FACTS: SkillFacts = { generic: () => false };

/**
 * How an offering relates to the posting's field:
 * - 2: it shares a specific (non-generic) skill with the posting — it is in the posting's field;
 * - 1: it is a general course: every skill it teaches is generic (Teamwork and Collaboration);
 * - 0: it shares only generic skills with the posting and teaches specific skills the
 *   posting doesn't ask for, so it is about another field ("Dementia Care Essentials"
 *   for a cybersecurity analyst, through Communication). Not suggested.
 */
function relation(offering: ReadonlySet<string>, posting: ReadonlySet<string>, facts: SkillFacts): 0 | 1 | 2 {
  let ownSpecific = false;
  for (const k of offering) {
    if (facts.generic(k)) continue;
    if (posting.has(k)) return 2;
    ownSpecific = true;
  }
  return ownSpecific ? 0 : 1;
}

/** a/b against c/d for non-negative integers with positive denominators: negative when a/b < c/d. */
const compareRatio = (a: number, b: number, c: number, d: number) => a * d - c * b;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Scored<T extends SkillOffering> extends Recommendation<T> {
  /** Every missing skill of the posting it covers, counted or preferred. */
  coversAll: number;
  relation: 1 | 2;
  /** Skills it shares with the posting, its own distinct skills, and the union with the posting's. */
  shared: number;
  size: number;
  union: number;
}

/**
 * Ranks offerings that would raise the learner's fit, best first:
 *  1. fit gain: how many of the job's missing counted skills it covers;
 *  2. how many of all the job's missing skills it covers (preferred ones too);
 *  3. its relation to the job's field (see `relation`): sharing a specific skill
 *     beats sharing only generic ones; offerings about another field are dropped;
 *  4. closeness: the share of its own skills the job lists, then the Jaccard
 *     index of the two skill sets (exact fractions, compared by cross-multiplying);
 *  5. title, then id (code-point order), so ties are stable.
 * Offerings that cover no missing counted skill are dropped. `fitAfter` is the
 * score if the learner gained just that offering's skills. Because an offering
 * that shares only one generic skill covers at most that one skill, it never
 * outranks one in the job's field that covers any missing counted skill.
 */
export function rankRecommendations<T extends SkillOffering>(
  learnerSkillKeys: Iterable<string>,
  jobSkills: readonly JobSkill[],
  offerings: readonly T[],
  limit = 10,
  facts: SkillFacts = NO_FACTS,
): Recommendation<T>[] {
  const held = new Set(learnerSkillKeys);
  const base = opportunityFit(held, jobSkills);
  const posting = new Set(jobSkills.map((s) => s.key));
  const missingAll = new Set([...posting].filter((k) => !held.has(k)));
  const out: Scored<T>[] = [];
  for (const offering of offerings) {
    const keys = new Set(offering.skillKeys);
    const covers = base.missing.filter((s) => keys.has(s.key));
    if (!covers.length) continue;
    const rel = relation(keys, posting, facts);
    if (rel === 0) continue;
    let shared = 0;
    let coversAll = 0;
    for (const k of keys) {
      if (posting.has(k)) shared++;
      if (missingAll.has(k)) coversAll++;
    }
    out.push({
      offering,
      covers,
      fitBefore: base.fit,
      fitAfter: fitPercent(base.matched.length + covers.length, base.denominator),
      coversAll,
      relation: rel,
      shared,
      size: keys.size,
      union: keys.size + posting.size - shared,
    });
  }
  out.sort(
    (a, b) =>
      b.covers.length - a.covers.length ||
      b.coversAll - a.coversAll ||
      b.relation - a.relation ||
      compareRatio(b.shared, b.size, a.shared, a.size) ||
      compareRatio(b.shared, b.union, a.shared, a.union) ||
      byCodePoint(a.offering.title, b.offering.title) ||
      byCodePoint(a.offering.id, b.offering.id),
  );
  return out
    .slice(0, limit)
    .map(({ offering, covers, fitBefore, fitAfter }) => ({ offering, covers, fitBefore, fitAfter }));
}

export interface Contribution<T extends SkillOffering = SkillOffering> {
  offering: T;
  /** Counted job skills this credential supplies. */
  supplies: JobSkill[];
  /** Fit without this credential's skills (other credentials may still supply some). */
  fitWithout: number;
  fitWith: number;
}

/**
 * For the learner's own credentials: which of the job's counted skills each one
 * supplies and what the score would be without it ("Opportunity Fit 4% → 24%").
 */
export function credentialContributions<T extends SkillOffering>(
  jobSkills: readonly JobSkill[],
  credentials: readonly T[],
): Contribution<T>[] {
  const all = new Set(credentials.flatMap((c) => c.skillKeys));
  const withAll = opportunityFit(all, jobSkills);
  const out: Contribution<T>[] = [];
  for (const c of credentials) {
    const own = new Set(c.skillKeys);
    const supplies = withAll.matched.filter((s) => own.has(s.key));
    if (!supplies.length) continue;
    const others = new Set(credentials.filter((o) => o !== c).flatMap((o) => o.skillKeys));
    out.push({ offering: c, supplies, fitWithout: opportunityFit(others, jobSkills).fit, fitWith: withAll.fit });
  }
  out.sort((a, b) => b.supplies.length - a.supplies.length || a.offering.title.localeCompare(b.offering.title));
  return out;
}

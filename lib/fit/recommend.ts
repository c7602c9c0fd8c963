// Close the gap: which courses and credentials would raise a learner's
// Opportunity Fit for a job, and by how much.
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
 * Ranks offerings by how many of the job's missing counted skills each covers
 * (ties: higher projected fit, then title). Offerings that cover none are dropped.
 * `fitAfter` is the score if the learner gained just that offering's skills.
 */
export function rankRecommendations<T extends SkillOffering>(
  learnerSkillKeys: Iterable<string>,
  jobSkills: readonly JobSkill[],
  offerings: readonly T[],
  limit = 10,
): Recommendation<T>[] {
  const base = opportunityFit(learnerSkillKeys, jobSkills);
  const out: Recommendation<T>[] = [];
  for (const offering of offerings) {
    const keys = new Set(offering.skillKeys);
    const covers = base.missing.filter((s) => keys.has(s.key));
    if (!covers.length) continue;
    out.push({
      offering,
      covers,
      fitBefore: base.fit,
      fitAfter: fitPercent(base.matched.length + covers.length, base.denominator),
    });
  }
  out.sort(
    (a, b) =>
      b.covers.length - a.covers.length || b.fitAfter - a.fitAfter || a.offering.title.localeCompare(b.offering.title),
  );
  return out.slice(0, limit);
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

// Opportunity Fit: how much of what a job asks for a learner already holds.

/** A skill a job lists; `key` is the matching key from the skills library (resolveSkill in lib/skills). */
export interface JobSkill {
  key: string;
  name: string;
  required: boolean;
}

export interface FitResult {
  /** Whole percent, 0–100. */
  fit: number;
  /** Skills that count toward the score and the learner holds (deduplicated by key, listing order). */
  matched: JobSkill[];
  /** Skills that count toward the score and the learner lacks. */
  missing: JobSkill[];
  /** Number of skills that count: the required ones, or all when none is required. */
  denominator: number;
  /** True when the job marks no skill as required, so every listed skill counts. */
  allSkillsCount: boolean;
}

/**
 * Whole-percent ratio rounded half up, in integer arithmetic so 1/8 is exactly
 * 13 and never 12 through floating-point error. A zero denominator gives 0.
 */
export function fitPercent(matched: number, denominator: number): number {
  if (denominator <= 0) return 0;
  const m = Math.max(0, Math.min(matched, denominator));
  return Math.floor((200 * m + denominator) / (2 * denominator));
}

/**
 * Collapses a job's skill list to one entry per key: an alias listed twice
 * ("MS Excel" and "Microsoft Excel") is one skill, and if either mention is
 * required the skill is required. The first mention's name and position win.
 */
export function dedupeJobSkills(skills: readonly JobSkill[]): JobSkill[] {
  const byKey = new Map<string, JobSkill>();
  for (const s of skills) {
    const seen = byKey.get(s.key);
    if (!seen) byKey.set(s.key, { ...s });
    else if (s.required && !seen.required) seen.required = true;
  }
  return [...byKey.values()];
}

/** The skills that make up the fit denominator: the required ones, or all when none is required. */
export function countedSkills(skills: readonly JobSkill[]): JobSkill[] {
  const unique = dedupeJobSkills(skills);
  const required = unique.filter((s) => s.required);
  return required.length ? required : unique;
}

/**
 * Opportunity Fit of a learner for one job.
 *
 *   fit = matched required skills ÷ required skills, as a whole percent, rounded half up
 *
 * - When the job marks no skill as required, every listed skill is treated as required.
 * - Skills are compared by key (library skill id or "custom:<normalised text>"), so
 *   aliases ("MS Excel" / "Microsoft Excel") and duplicates count once on both sides.
 * - Preferred skills of a job that has required ones never change the score.
 * - A job that lists no skills at all has fit 0 and `denominator` 0: there is nothing to
 *   match, and ranking such a job above real matches would mislead.
 *
 * Examples: 1 of 25 → 4, 1 of 3 → 33, 3 of 5 → 60, 1 of 8 → 13 (12.5 rounds up).
 */
export function opportunityFit(learnerSkillKeys: Iterable<string>, jobSkills: readonly JobSkill[]): FitResult {
  const held = learnerSkillKeys instanceof Set ? (learnerSkillKeys as Set<string>) : new Set(learnerSkillKeys);
  const unique = dedupeJobSkills(jobSkills);
  const allSkillsCount = !unique.some((s) => s.required);
  const counted = allSkillsCount ? unique : unique.filter((s) => s.required);
  const matched: JobSkill[] = [];
  const missing: JobSkill[] = [];
  for (const s of counted) (held.has(s.key) ? matched : missing).push(s);
  return {
    fit: fitPercent(matched.length, counted.length),
    matched,
    missing,
    denominator: counted.length,
    allSkillsCount,
  };
}

// Career pathways with the learner's fit for each step (issue #8), and the
// courses that close the gap to the next step (issue #14), ranked like the job page's.
import type { Db } from "@/db/client";
import { listPathwayRows, type PathwayRow } from "@/db/queries/jobs/catalogue";
import { coursesTeaching, type CatalogueOffering } from "@/db/queries/jobs/detail";
import {
  pathwayFit,
  rankRecommendations,
  skillFacts,
  type JobSkill,
  type PathwayFit,
  type Recommendation,
} from "@/lib/fit";
import { getSkillIndex } from "@/server/skills/skill-index";
import { learnerSkills } from "./search";

/** Suggestions shown for a pathway's next step. */
export const PATHWAY_SUGGESTIONS = 3;

export interface PathwayWithFit extends PathwayRow {
  /** Opportunity Fit: from every skill in the wallet. */
  fit: PathwayFit;
  /** Verified fit: only skills backed by a credential verified now (lib/trust/status.ts) (issue #14). */
  verifiedFit: PathwayFit;
  /** Courses and credentials for the next step, best first (empty when signed out or nothing is missing). */
  suggestions: Array<Recommendation<CatalogueOffering>>;
}

/**
 * The next step's skills count (they are what the learner lacks next); the
 * other steps' skills are listed as preferred, so a course that also covers
 * later steps and a course in the pathway's field rank higher.
 */
function nextStepSkills(p: PathwayRow, fit: PathwayFit): JobSkill[] {
  const next = p.steps[fit.nextStep];
  const out = new Map<string, JobSkill>();
  for (const s of next.skills) out.set(s.key, { key: s.key, name: s.name, required: true });
  for (const st of p.steps)
    for (const s of st.skills) if (!out.has(s.key)) out.set(s.key, { key: s.key, name: s.name, required: false });
  return [...out.values()];
}

export async function listPathways(
  db: Db,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<PathwayWithFit[]> {
  const skills = await learnerSkills(db, who);
  const keys = skills.all;
  const paths = await listPathwayRows(db);
  const fits = paths.map((p) => pathwayFit(keys, p.steps));
  const signedIn = who.skillKeys !== undefined || !!who.userId;
  // One read of every course that teaches a skill some pathway's next step lacks; each pathway ranks its own.
  const offerings = signedIn
    ? await coursesTeaching(db, [...new Set(fits.flatMap((f) => f.nextSkills.map((s) => s.key)))])
    : [];
  const facts = offerings.length ? skillFacts(await getSkillIndex(db)) : null;
  return paths.map((p, i) => ({
    ...p,
    fit: fits[i],
    verifiedFit: pathwayFit(skills.verified, p.steps),
    suggestions:
      facts && fits[i].nextStep >= 0
        ? rankRecommendations(keys, nextStepSkills(p, fits[i]), offerings, PATHWAY_SUGGESTIONS, facts)
        : [],
  }));
}

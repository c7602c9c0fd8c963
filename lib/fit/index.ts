export {
  opportunityFit,
  fitPercent,
  dedupeJobSkills,
  countedSkills,
  type JobSkill,
  type FitResult,
} from "./opportunity-fit";
export {
  rankRecommendations,
  credentialContributions,
  skillFacts,
  GENERIC_SKILL_CATEGORIES,
  type SkillFacts,
  type SkillOffering,
  type Recommendation,
  type Contribution,
} from "./recommend";
export { pathwayFit, type PathwayFit, type PathwayStepSkills, type StepFit } from "./pathway";
// Free-text skill names become matching keys through the skills library (issue #5): a key is the
// library skill id, or "custom:<normalised text>" when nothing matched confidently.
export { resolveSkill, type ResolvedSkill } from "@/lib/skills";

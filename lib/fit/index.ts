export { opportunityFit, fitPercent, dedupeJobSkills, countedSkills, type JobSkill, type FitResult } from "./opportunity-fit";
export {
  rankRecommendations,
  credentialContributions,
  type SkillOffering,
  type Recommendation,
  type Contribution,
} from "./recommend";
export { pathwayFit, type PathwayFit, type PathwayStepSkills, type StepFit } from "./pathway";
export { resolveSkill, normaliseSkillText, type ResolvedSkill } from "./skills-adapter";

// The one place lib/fit, lib/jobs and the jobs queries turn free-text skill
// names into matching keys: the skills library (issue #5). A key is the library
// skill id, or "custom:<normalised text>" when nothing matched confidently.
export { resolveSkill, normalizeSkillText as normaliseSkillText, type ResolvedSkill } from "@/lib/skills";

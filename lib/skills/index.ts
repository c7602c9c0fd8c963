// Public API of the skills library (issue #5). Pure functions over plain data:
// the skills index service (server/skills) builds a SkillIndex from the rows
// db/queries/skills.ts reads and passes it in; without one, the library Sash ships is used.
export { normalizeSkillText, normalizeTokens, coreSkillText, slugify } from "./normalize";
export {
  buildSkillIndex,
  findLibraryConflicts,
  ACCEPT_CONFIDENCE,
  type SkillIndex,
  type SkillMatch,
  type SkillRef,
  type SkillRow,
  type SearchHit,
  type Candidate,
  type MatchMethod,
} from "./skill-index";
export { LIBRARY_SKILLS, libraryIndex, matchSkill, search, type LibrarySkill } from "./shipped";
export { customSkillKey, resolveSkill, skillKey, type ResolvedSkill } from "./keys";

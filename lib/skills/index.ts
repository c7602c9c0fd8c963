// Public API of the skills library (issue #5). Pure functions over plain data:
// the skills index service (server/skills) builds a SkillIndex from the rows
// db/queries/skills.ts reads and passes it in; without one, the library Sash ships is used.
import shipped from "@/data/skills.json";
import { normalizeSkillText } from "./normalize";
import {
  buildSkillIndex,
  matchSkillIn,
  searchIndex,
  type SkillIndex,
  type SkillMatch,
  type SearchHit,
  type SkillRow,
} from "./skill-index";

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

/** One skill of the shipped library, as stored in data/skills.json. */
export interface LibrarySkill {
  id: string;
  label: string;
  category: string;
  aliases: string[];
  description?: string;
}

/** The skills Sash ships (data/skills.json). */
export const LIBRARY_SKILLS: readonly LibrarySkill[] = (shipped as { skills: LibrarySkill[] }).skills;

let shippedIndex: SkillIndex | undefined;

/** Index over the shipped library only (built once per process). */
export function libraryIndex(): SkillIndex {
  shippedIndex ??= buildSkillIndex(LIBRARY_SKILLS.map((s): SkillRow => ({ ...s, source: "sash" })));
  return shippedIndex;
}

/** Matches free text to a library skill. `{ skill: null }` means keep it as a custom skill. */
export function matchSkill(text: string, index: SkillIndex = libraryIndex()): SkillMatch {
  return matchSkillIn(index, text);
}

/** Type-ahead search over labels and aliases: preferred label plus the alias that matched. */
export function search(query: string, limit = 10, index: SkillIndex = libraryIndex()): SearchHit[] {
  return searchIndex(index, query, limit);
}

/**
 * The matching key stored in credential_skills.skill_key and job_skills.skill_key:
 * the library skill id, or "custom:<normalised text>" for the learner's own skills,
 * so "Data Cleaning!" and "data cleaning" written by two people meet.
 */
export function skillKey(skillId: string | null | undefined, text: string): string {
  return skillId ? skillId : customSkillKey(text);
}

export function customSkillKey(text: string): string {
  return `custom:${normalizeSkillText(text)}`;
}

export interface ResolvedSkill {
  /** skill_key: library id or "custom:<normalised text>". */
  key: string;
  /** Library skill id, or null for a custom skill. */
  skillId: string | null;
  /** Preferred label when matched, else the text as given (trimmed). */
  label: string;
  confidence: number;
}

/** Free text → key, id and display label in one step (what importers of badges and jobs need). */
export function resolveSkill(text: string, index: SkillIndex = libraryIndex()): ResolvedSkill {
  const trimmed = text.trim();
  const m = matchSkillIn(index, trimmed);
  if (m.skill) return { key: m.skill.id, skillId: m.skill.id, label: m.skill.label, confidence: m.confidence };
  return { key: customSkillKey(trimmed), skillId: null, label: trimmed, confidence: m.confidence };
}

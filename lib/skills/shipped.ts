// The skills library Sash ships (data/skills.json) and the matcher over it: used when no database index is passed
// (the skills index service, server/skills, builds one from the skills table).
import shipped from "@/data/skills.json";
import {
  buildSkillIndex,
  matchSkillIn,
  searchIndex,
  type SkillIndex,
  type SkillMatch,
  type SearchHit,
  type SkillRow,
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

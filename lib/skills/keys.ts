// Skill matching keys: what credential_skills.skill_key and job_skills.skill_key hold for a skill name.
import { normalizeSkillText } from "./normalize";
import { matchSkillIn, type SkillIndex } from "./skill-index";
import { libraryIndex } from "./shipped";

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

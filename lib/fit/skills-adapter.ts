// The one place lib/fit and lib/jobs turn free-text skill names into matching
// keys. Until the skills library (issue #5, lib/skills) lands this is a small
// stand-in with the same contract: a library skill id when the text is known,
// else "custom:<normalised text>".
import { normalizeSkillText } from "@/lib/skills/normalize";

export interface ResolvedSkill {
  /** Matching key: library skill id, or "custom:<normalised text>". */
  key: string;
  /** Library skill id, or null for a custom skill. */
  skillId: string | null;
  /** Preferred label when matched, else the text as given (trimmed). */
  label: string;
}

/** The skills library's normal form (custom keys are "custom:" + this). */
export function normaliseSkillText(text: string): string {
  return normalizeSkillText(text);
}

// Interim aliases, just enough for the demo until lib/skills supplies the real library.
const INTERIM: Record<string, [id: string, label: string]> = {
  "microsoft excel": ["microsoft-excel", "Microsoft Excel"],
  "ms excel": ["microsoft-excel", "Microsoft Excel"],
  excel: ["microsoft-excel", "Microsoft Excel"],
  javascript: ["javascript", "JavaScript"],
  js: ["javascript", "JavaScript"],
  cpr: ["cardiopulmonary-resuscitation", "Cardiopulmonary resuscitation"],
  "cardiopulmonary resuscitation": ["cardiopulmonary-resuscitation", "Cardiopulmonary resuscitation"],
};

export function resolveSkill(text: string): ResolvedSkill {
  const label = text.trim();
  const norm = normaliseSkillText(label);
  const hit = INTERIM[norm];
  if (hit) return { key: hit[0], skillId: hit[0], label: hit[1] };
  return { key: `custom:${norm}`, skillId: null, label };
}

// Turns skill text (from a badge, or from the picker's hidden `skills` inputs)
// into credential skills: a library skill when it matches, else the learner's
// own custom skill keyed "custom:<normalised text>". Pass the database's index
// (server/skills getSkillIndex) so badges, the picker and job postings resolve
// skills through one vocabulary; without one, the shipped library is used.
import { libraryIndex, resolveSkill, type SkillIndex } from "@/lib/skills";
import { skillResolver } from "@/lib/skills/resolver";
import type { CredentialSkill } from "@/lib/wallet/types";
import { toSingleLine } from "@/lib/wallet/rules";

export const MAX_SKILLS = 50;
export const MAX_SKILL_NAME = 120;

/** One skill name → its chip; typed text is made one line like titles (no line breaks, control or bidi characters). */
export function skillFromText(text: string, index: SkillIndex = libraryIndex()): CredentialSkill | null {
  const name = toSingleLine(text, MAX_SKILL_NAME);
  if (!name) return null;
  const r = resolveSkill(name, index);
  if (!r.key || r.key === "custom:") return null;
  return { name: r.skillId ? r.label : name, skillKey: r.key, skillId: r.skillId };
}

/**
 * Skill values as the form posts them. Each value is either JSON — the
 * picker's `{"id","label"}` (also `{"name","skillKey","skillId"}`) — a
 * "custom:<text>" key, or plain text. An id is trusted only when the index
 * holds it; otherwise, and for plain text, the label is resolved again.
 */
export function skillsFromForm(values: unknown, index: SkillIndex = libraryIndex()): CredentialSkill[] {
  const list = Array.isArray(values) ? values : values === undefined || values === null ? [] : [values];
  const out: CredentialSkill[] = [];
  const seen = new Set<string>();
  for (const v of list) {
    if (typeof v !== "string") continue;
    const s = parseSkillValue(v, index);
    if (!s || seen.has(s.skillKey)) continue;
    seen.add(s.skillKey);
    out.push(s);
    if (out.length >= MAX_SKILLS) break;
  }
  return out;
}

function parseSkillValue(v: string, index: SkillIndex): CredentialSkill | null {
  const t = v.trim();
  if (t.startsWith("{")) {
    try {
      const o = JSON.parse(t) as {
        name?: unknown;
        label?: unknown;
        skillKey?: unknown;
        key?: unknown;
        skillId?: unknown;
        id?: unknown;
      };
      const name = [o.name, o.label].find((x): x is string => typeof x === "string" && x.trim() !== "");
      const key = [o.skillKey, o.key].find((x): x is string => typeof x === "string" && x.trim() !== "");
      const id = [o.skillId, o.id].find((x): x is string => typeof x === "string" && x.trim() !== "");
      if (id && !id.startsWith("custom:")) {
        // A pick from the picker: the id counts only if this database's index holds it
        // (library or imported); otherwise the label is resolved like typed text.
        const r = skillResolver(index).resolvePick({ id, label: toSingleLine(name ?? "", MAX_SKILL_NAME) });
        return r ? { name: r.label.slice(0, MAX_SKILL_NAME), skillKey: r.key, skillId: r.skillId } : null;
      }
      if (name) return skillFromText(name, index);
      if (key?.startsWith("custom:")) return skillFromText(key.slice("custom:".length), index);
      return null;
    } catch {
      return skillFromText(t, index);
    }
  }
  if (t.startsWith("custom:")) return skillFromText(t.slice("custom:".length), index);
  return skillFromText(t, index);
}

/** The chips for a badge's own skills, in order, de-duplicated by key. */
export function skillsFromBadge(names: string[], index: SkillIndex = libraryIndex()): CredentialSkill[] {
  return skillsFromForm(names, index);
}

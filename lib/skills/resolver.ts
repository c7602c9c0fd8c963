// The one skill vocabulary (issue #14 item 1): every place that turns a skill
// name into a matching key — the wallet's forms and badge imports, the job
// importers, the picker's type-ahead and `sash fit` — goes through a resolver
// over the same index (server/skills builds it from the database: the shipped
// library and imported taxonomies). Pure: no database, no Next.
import { resolveSkill, type ResolvedSkill } from "./keys";
import { libraryIndex } from "./shipped";
import { searchIndex, type SearchHit, type SkillIndex } from "./skill-index";

/** A skill as the picker posts it: the id it chose (null for "add as custom skill") and the label shown. */
export interface SkillPick {
  id?: string | null;
  label: string;
}

export interface SkillResolver {
  readonly index: SkillIndex;
  /** Free text ("MS Excel", an ESCO label or alias) → key, id and preferred label. */
  resolve(text: string): ResolvedSkill;
  /**
   * A picked skill: its id is trusted only when the index holds it (then the
   * index's label is used); otherwise the label is resolved like free text.
   * Null when the label is empty too.
   */
  resolvePick(pick: SkillPick): ResolvedSkill | null;
  /** Type-ahead over labels and aliases. */
  search(query: string, limit?: number): SearchHit[];
}

export function skillResolver(index: SkillIndex = libraryIndex()): SkillResolver {
  return {
    index,
    resolve: (text) => resolveSkill(text, index),
    resolvePick(pick) {
      const id = typeof pick.id === "string" ? pick.id.trim() : "";
      const known = id && !id.startsWith("custom:") ? index.skills.get(id) : undefined;
      if (known) return { key: known.id, skillId: known.id, label: known.label, confidence: 1 };
      const label = pick.label.trim();
      if (!label) return null;
      const r = resolveSkill(label, index);
      return r.key === "custom:" ? null : r;
    },
    search: (query, limit = 10) => searchIndex(index, query, limit),
  };
}

// `sash relink-skills` (also run after every `sash import-skills`): custom
// skills saved before a taxonomy was imported — in wallets, postings, courses
// and pathways — whose name now resolves to a known skill take that skill's id,
// so a learner's "calibrate glass furnaces" typed last year meets the ESCO
// skill a posting requires today. Idempotent; the changes land in one transaction.
import type { Db } from "@/db/client";
import { applyRelinks, listCustomSkillNames, type Relink, type RelinkCounts } from "@/db/queries/skill-relink";
import { getSkillResolver } from "./skill-index";

export interface RelinkSummary extends RelinkCounts {
  /** Distinct custom skills (keys) that now resolve to a known skill. */
  skills: number;
}

export async function relinkCustomSkills(db: Db): Promise<RelinkSummary> {
  const resolver = await getSkillResolver(db);
  const relinks: Relink[] = [];
  for (const c of await listCustomSkillNames(db)) {
    const r = resolver.resolve(c.name);
    if (r.skillId) relinks.push({ ...c, id: r.skillId, label: r.label });
  }
  const counts = await applyRelinks(db, relinks);
  return { skills: new Set(relinks.map((r) => r.key)).size, ...counts };
}

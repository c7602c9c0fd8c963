// Postings, courses and pathways in (seed, `sash import-jobs`): skill names are
// resolved to keys through this database's skills index — library and imported
// taxonomies (ESCO, O*NET, Lightcast) alike — so a posting's "MS Excel" and a
// badge's "Microsoft Excel" meet.
import type { Db } from "@/db/client";
import { upsertCourseRows, upsertPathwayRows } from "@/db/queries/jobs/catalogue";
import { upsertPostingRows, type PostingRow, type UpsertSummary } from "@/db/queries/jobs/postings";
import { resolveSkill } from "@/lib/fit";
import type { CatalogueCourse, CataloguePathway } from "@/lib/jobs/catalogue";
import { postingSearchText } from "@/lib/jobs/search";
import type { JobPostingInput, PostingSkill } from "@/lib/jobs/types";
import type { SkillIndex } from "@/lib/skills";
import { getSkillIndex } from "@/server/skills/skill-index";

export type { UpsertSummary } from "@/db/queries/jobs/postings";

/**
 * A posting's skill names resolved to keys, one entry per key (required wins), the library label
 * where one matched. Imports (below) and /jobs/check (server/jobs/check.ts) both resolve this way.
 */
export function resolvePostingSkills(
  skills: readonly PostingSkill[],
  index: SkillIndex,
): Map<string, { name: string; skillId: string | null; required: boolean }> {
  const byKey = new Map<string, { name: string; skillId: string | null; required: boolean }>();
  for (const s of skills) {
    const r = resolveSkill(s.name, index);
    const prev = byKey.get(r.key);
    if (!prev) byKey.set(r.key, { name: r.skillId ? r.label : s.name, skillId: r.skillId, required: s.required });
    else if (s.required) prev.required = true;
  }
  return byKey;
}

/** One posting's skills by key (required wins), and which count toward fit. */
function postingRow(p: JobPostingInput, index: SkillIndex): PostingRow {
  const byKey = resolvePostingSkills(p.skills, index);
  const anyRequired = [...byKey.values()].some((s) => s.required);
  const skills = [...byKey.entries()].map(([key, s]) => ({
    ...s,
    skillKey: key,
    counts: anyRequired ? s.required : true,
  }));
  const { skills: _named, ...columns } = p;
  return {
    ...columns,
    searchText: postingSearchText(p),
    fitDenominator: skills.filter((s) => s.counts).length,
    skills,
  };
}

/** Skill names → one entry per key, the library label where one matched. */
function resolveNames(names: readonly string[], index: SkillIndex): Array<{ skillKey: string; name: string }> {
  const seen = new Map<string, string>();
  for (const name of names) {
    const r = resolveSkill(name, index);
    if (!seen.has(r.key)) seen.set(r.key, r.skillId ? r.label : name);
  }
  return [...seen.entries()].map(([skillKey, name]) => ({ skillKey, name }));
}

/**
 * Inserts or updates postings by (source, sourceKey), replacing their skills,
 * one transaction per batch. Postings must have unique (source, sourceKey).
 */
export async function upsertJobPostings(
  db: Db,
  postings: readonly JobPostingInput[],
  batchSize = 250,
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: 0, updated: 0 };
  const index = await getSkillIndex(db);
  for (let i = 0; i < postings.length; i += batchSize) {
    const done = await upsertPostingRows(
      db,
      postings.slice(i, i + batchSize).map((p) => postingRow(p, index)),
    );
    summary.inserted += done.inserted;
    summary.updated += done.updated;
  }
  return summary;
}

export async function upsertCourses(db: Db, list: readonly CatalogueCourse[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await upsertCourseRows(
    db,
    list.map((c) => ({ ...c, skills: resolveNames(c.skills, index) })),
  );
  return list.length;
}

export async function upsertPathways(db: Db, list: readonly CataloguePathway[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await upsertPathwayRows(
    db,
    list.map((p) => ({
      ...p,
      steps: p.steps.map((st) => ({
        role: st.role,
        description: st.description,
        skills: resolveNames(st.skills, index),
      })),
    })),
  );
  return list.length;
}

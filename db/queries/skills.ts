// Named queries for the skills library: every skill with its aliases (for the
// index server/skills builds and caches), the version row that tells processes
// their cached index is stale, and the rows a taxonomy import upserts.
import { count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta, skillAliases, skills } from "../schema";
import type { SkillRow } from "@/lib/skills";

/** Upsert of a skill row by id: the text columns follow the newest source (shipped library or import). */
const SKILL_UPSERT = {
  target: skills.id,
  set: {
    label: sql`excluded.label`,
    norm: sql`excluded.norm`,
    category: sql`excluded.category`,
    description: sql`excluded.description`,
  },
};

const VERSION_KEY = "skills_version";
const SKILL_BATCH = 500;
const ALIAS_BATCH = 5000;

/** The current skills version ("0" before any import or seed wrote one). */
export async function readSkillsVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, VERSION_KEY));
  return row?.value ?? "0";
}

export async function writeSkillsVersion(db: Db, value: string): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key: VERSION_KEY, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value } });
}

/** Every skill with its aliases, library and imported. */
export async function loadSkillRows(db: Db): Promise<SkillRow[]> {
  const rows = await db
    .select({ id: skills.id, label: skills.label, category: skills.category, source: skills.source })
    .from(skills);
  const aliasRows = await db.select({ skillId: skillAliases.skillId, alias: skillAliases.alias }).from(skillAliases);
  const aliases = new Map<string, string[]>();
  for (const a of aliasRows) {
    const list = aliases.get(a.skillId);
    if (list) list.push(a.alias);
    else aliases.set(a.skillId, [a.alias]);
  }
  // Library skills first, so they win ties in the index.
  rows.sort(
    (a, b) => Number(a.source !== "sash") - Number(b.source !== "sash") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
}

export interface StoredSkill {
  id: string;
  label: string;
  category: string;
  description: string | null;
  aliases: string[];
}

/** The skills of one source (an import format) with their aliases, as stored. */
export async function loadSourceSkills(db: Db, source: string): Promise<StoredSkill[]> {
  const rows = await db
    .select({ id: skills.id, label: skills.label, category: skills.category, description: skills.description })
    .from(skills)
    .where(eq(skills.source, source));
  const aliasRows = await db
    .select({ skillId: skillAliases.skillId, alias: skillAliases.alias })
    .from(skillAliases)
    .innerJoin(skills, eq(skills.id, skillAliases.skillId))
    .where(eq(skills.source, source));
  const aliases = new Map<string, string[]>();
  for (const a of aliasRows) (aliases.get(a.skillId) ?? aliases.set(a.skillId, []).get(a.skillId)!).push(a.alias);
  return rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
}

/** A skill ready to store: `norm` and the aliases' `norm` already computed (lib/skills). */
export interface SkillInsert {
  id: string;
  label: string;
  norm: string;
  category: string;
  description: string | null;
  source: string;
  sourceUri: string | null;
  aliases: Array<{ alias: string; norm: string }>;
}

/**
 * Upserts skills by id in one transaction (500 rows a statement); the aliases of `replaceAliasesOf` are deleted
 * first, then every row's aliases inserted (duplicates ignored). `meta`, when given, is written to app_meta in the
 * same transaction (the shipped library's hash, so a half-written library is never taken as loaded).
 */
export async function upsertSkillRows(
  db: Db,
  rows: readonly SkillInsert[],
  replaceAliasesOf: readonly string[],
  meta?: { key: string; value: string },
): Promise<void> {
  if (!rows.length && !meta) return;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += SKILL_BATCH) {
      await tx
        .insert(skills)
        .values(rows.slice(i, i + SKILL_BATCH).map(({ aliases: _aliases, ...s }) => s))
        .onConflictDoUpdate(SKILL_UPSERT);
    }
    for (let i = 0; i < replaceAliasesOf.length; i += SKILL_BATCH)
      await tx.delete(skillAliases).where(inArray(skillAliases.skillId, replaceAliasesOf.slice(i, i + SKILL_BATCH)));
    const aliasRows = rows.flatMap((s) => s.aliases.map((a) => ({ skillId: s.id, ...a })));
    for (let i = 0; i < aliasRows.length; i += ALIAS_BATCH) {
      await tx
        .insert(skillAliases)
        .values(aliasRows.slice(i, i + ALIAS_BATCH))
        .onConflictDoNothing();
    }
    if (meta)
      await tx
        .insert(appMeta)
        .values(meta)
        .onConflictDoUpdate({ target: appMeta.key, set: { value: meta.value } });
  });
}

/** How many skills one source (the shipped library is "sash") has stored. */
export async function countSourceSkills(db: Db, source: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(skills).where(eq(skills.source, source));
  return n;
}

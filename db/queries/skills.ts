// Named queries for the skills library: the in-memory index (loaded from the
// database once per process, reloaded when an import or seed bumps
// app_meta.skills_version), picker search, and the taxonomy import upsert.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta, skillAliases, skills } from "../schema";
import { distinctAliases } from "@/lib/skills/library";
import { buildSkillIndex, libraryIndex, matchSkill, search, type SearchHit, type SkillIndex, type SkillMatch, type SkillRow } from "@/lib/skills";
import { normalizeSkillText } from "@/lib/skills/normalize";
import { importedSkillId, type ImportedSkill, type ImportFormat } from "@/lib/skills/importers/types";

const VERSION_KEY = "skills_version";
/** How long a cached index is trusted before the version row is checked again. */
const RECHECK_MS = 2000;

interface CacheEntry {
  index: SkillIndex;
  version: string;
  checkedAt: number;
  loading?: Promise<SkillIndex>;
}

// Keyed by database handle so tests with several databases don't share an index.
const g = globalThis as unknown as { __sashSkillIndex?: WeakMap<Db, CacheEntry> };
const cacheMap = (): WeakMap<Db, CacheEntry> => (g.__sashSkillIndex ??= new WeakMap());

async function currentVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, VERSION_KEY));
  return row?.value ?? "0";
}

/** Marks every process's cached index stale (call after writing skills). */
export async function bumpSkillsVersion(db: Db): Promise<void> {
  const value = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await db.insert(appMeta).values({ key: VERSION_KEY, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
  cacheMap().delete(db);
}

/** Drops this process's cached index for `db` (or for every database). */
export function invalidateSkillIndex(db?: Db): void {
  if (db) cacheMap().delete(db);
  else g.__sashSkillIndex = new WeakMap();
}

/** Every skill with its aliases, library and imported. */
export async function loadSkillRows(db: Db): Promise<SkillRow[]> {
  const rows = await db.select({ id: skills.id, label: skills.label, category: skills.category, source: skills.source }).from(skills);
  const aliasRows = await db.select({ skillId: skillAliases.skillId, alias: skillAliases.alias }).from(skillAliases);
  const aliases = new Map<string, string[]>();
  for (const a of aliasRows) {
    const list = aliases.get(a.skillId);
    if (list) list.push(a.alias);
    else aliases.set(a.skillId, [a.alias]);
  }
  // Library skills first, so they win ties in the index.
  rows.sort((a, b) => Number(a.source !== "sash") - Number(b.source !== "sash") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
}

/**
 * The skills index for this database, cached per process. An empty skills
 * table (never seeded) falls back to the shipped library.
 */
export async function getSkillIndex(db: Db): Promise<SkillIndex> {
  const cache = cacheMap();
  const hit = cache.get(db);
  const now = Date.now();
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.index;
  const version = await currentVersion(db);
  if (hit && hit.version === version) {
    hit.checkedAt = now;
    return hit.index;
  }
  if (hit?.loading) return hit.loading;
  const loading = (async () => {
    const rows = await loadSkillRows(db);
    const index = rows.length ? buildSkillIndex(rows) : libraryIndex();
    cache.set(db, { index, version, checkedAt: Date.now() });
    return index;
  })();
  cache.set(db, { index: hit?.index ?? libraryIndex(), version: hit?.version ?? "", checkedAt: 0, loading });
  try {
    return await loading;
  } catch (e) {
    cache.delete(db);
    throw e;
  }
}

/** Type-ahead for the skill picker. */
export async function searchSkills(db: Db, query: string, limit = 10): Promise<SearchHit[]> {
  return search(query, limit, await getSkillIndex(db));
}

/** Matches free text against everything in the database (library and imported). */
export async function matchSkillText(db: Db, text: string): Promise<SkillMatch> {
  return matchSkill(text, await getSkillIndex(db));
}

// ---- taxonomy import ------------------------------------------------------------

export interface ImportSummary {
  inserted: number;
  updated: number;
  skipped: number;
}

export interface ImportOptions {
  batchSize?: number;
  /** Called after each batch with the rows read so far. */
  onProgress?: (read: number) => void;
}

interface Existing {
  fingerprint: string;
}

function fingerprint(s: { label: string; category: string; description: string | null; aliases: readonly string[] }): string {
  return JSON.stringify([s.label, s.category, s.description ?? "", [...s.aliases].sort()]);
}

/**
 * Upserts an external taxonomy by (source, source URI): new skills are
 * inserted, changed ones updated (aliases replaced), identical ones skipped,
 * so running the same file twice changes nothing.
 */
export async function importSkills(
  db: Db,
  format: ImportFormat,
  records: AsyncIterable<ImportedSkill | { skipped: string }>,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 1000;
  const summary: ImportSummary = { inserted: 0, updated: 0, skipped: 0 };

  const existing = new Map<string, Existing>();
  {
    const rows = await db
      .select({ id: skills.id, label: skills.label, category: skills.category, description: skills.description })
      .from(skills)
      .where(eq(skills.source, format));
    const aliasRows = await db
      .select({ skillId: skillAliases.skillId, alias: skillAliases.alias })
      .from(skillAliases)
      .innerJoin(skills, eq(skills.id, skillAliases.skillId))
      .where(eq(skills.source, format));
    const aliases = new Map<string, string[]>();
    for (const a of aliasRows) (aliases.get(a.skillId) ?? aliases.set(a.skillId, []).get(a.skillId)!).push(a.alias);
    for (const r of rows) existing.set(r.id, { fingerprint: fingerprint({ ...r, aliases: aliases.get(r.id) ?? [] }) });
  }

  let read = 0;
  let batch: Array<ImportedSkill & { id: string; isNew: boolean }> = [];
  const seenInFile = new Set<string>();

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await db.transaction(async (tx) => {
      await tx
        .insert(skills)
        .values(
          rows.map((s) => ({
            id: s.id,
            label: s.label,
            norm: normalizeSkillText(s.label),
            category: s.category,
            description: s.description,
            source: s.source,
            sourceUri: s.sourceUri,
          })),
        )
        .onConflictDoUpdate({
          target: skills.id,
          set: { label: sql`excluded.label`, norm: sql`excluded.norm`, category: sql`excluded.category`, description: sql`excluded.description` },
        });
      const changed = rows.filter((r) => !r.isNew).map((r) => r.id);
      if (changed.length) await tx.delete(skillAliases).where(inArray(skillAliases.skillId, changed));
      const aliasRows = rows.flatMap((s) => distinctAliases(s.label, s.aliases).map((a) => ({ skillId: s.id, ...a })));
      for (let i = 0; i < aliasRows.length; i += 5000) {
        await tx.insert(skillAliases).values(aliasRows.slice(i, i + 5000)).onConflictDoNothing();
      }
    });
    opts.onProgress?.(read);
  };

  for await (const rec of records) {
    read++;
    if ("skipped" in rec) {
      summary.skipped++;
      continue;
    }
    const id = importedSkillId(format, rec.sourceUri);
    if (seenInFile.has(id)) {
      summary.skipped++;
      continue;
    }
    seenInFile.add(id);
    // Compare what would be stored, so an unchanged row fingerprints the same as in the database.
    const item = { ...rec, aliases: distinctAliases(rec.label, rec.aliases).map((a) => a.alias) };
    const prev = existing.get(id);
    if (prev && prev.fingerprint === fingerprint(item)) {
      summary.skipped++;
      continue;
    }
    if (prev) summary.updated++;
    else summary.inserted++;
    batch.push({ ...item, id, isNew: !prev });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (summary.inserted || summary.updated) await bumpSkillsVersion(db);
  return summary;
}

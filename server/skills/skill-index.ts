// The skills index service: one in-memory index per database, built from the
// skills table (library and imported taxonomies) and cached per process,
// reloaded when an import or seed bumps app_meta.skills_version. The picker,
// the wallet's skill chips, the job importers and `sash fit` all resolve skills
// through it (getSkillResolver).
// Also the taxonomy import (ESCO, O*NET, Lightcast) that writes the table.
import type { Db } from "@/db/client";
import {
  loadSkillRows,
  loadSourceSkills,
  readSkillsVersion,
  upsertSkillRows,
  writeSkillsVersion,
  type SkillInsert,
} from "@/db/queries/skills";
import {
  buildSkillIndex,
  libraryIndex,
  LIBRARY_SKILLS,
  matchSkill,
  type SearchHit,
  type SkillIndex,
  type SkillMatch,
  type SkillRow,
} from "@/lib/skills";
import { distinctAliases } from "@/lib/skills/skill-index";
import { normalizeSkillText } from "@/lib/skills/normalize";
import { importedSkillId, type ImportedSkill, type ImportFormat } from "@/lib/skills/importers/types";
import { skillResolver, type SkillResolver } from "@/lib/skills/resolver";

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

/** Marks every process's cached index stale (call after writing skills). */
export async function bumpSkillsVersion(db: Db): Promise<void> {
  await writeSkillsVersion(db, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  cacheMap().delete(db);
}

/** Drops this process's cached index for `db` (or for every database). */
export function invalidateSkillIndex(db?: Db): void {
  if (db) cacheMap().delete(db);
  else g.__sashSkillIndex = new WeakMap();
}

/**
 * The skills index for this database, cached per process. An empty skills
 * table (never seeded) falls back to the shipped library, and a table holding
 * only imported skills gets the shipped library beside them.
 */
export async function getSkillIndex(db: Db): Promise<SkillIndex> {
  const cache = cacheMap();
  const hit = cache.get(db);
  const now = Date.now();
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.index;
  const version = await readSkillsVersion(db);
  if (hit && hit.version === version) {
    hit.checkedAt = now;
    return hit.index;
  }
  if (hit?.loading) return hit.loading;
  const loading = (async () => {
    const rows = await loadSkillRows(db);
    // A taxonomy imported before the library was ever seeded (`sash import-skills` on a fresh
    // database) must not hide the library: "Python" stays the library's python, not a custom skill.
    const index = !rows.length
      ? libraryIndex()
      : rows.some((r) => r.source === "sash")
        ? buildSkillIndex(rows)
        : buildSkillIndex([...LIBRARY_SKILLS.map((x): SkillRow => ({ ...x, source: "sash" })), ...rows]);
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

/**
 * The one skill vocabulary of this database (lib/skills/resolver.ts over the
 * cached index): the wallet's forms and badge imports, the job importers, the
 * picker's type-ahead, `sash fit` and `sash relink-skills` all resolve through it.
 */
export async function getSkillResolver(db: Db): Promise<SkillResolver> {
  return skillResolver(await getSkillIndex(db));
}

/** Type-ahead for the skill picker. */
export async function searchSkills(db: Db, query: string, limit = 10): Promise<SearchHit[]> {
  return (await getSkillResolver(db)).search(query, limit);
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

function fingerprint(s: {
  label: string;
  category: string;
  description: string | null;
  aliases: readonly string[];
}): string {
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

  const existing = new Map<string, string>();
  for (const r of await loadSourceSkills(db, format)) existing.set(r.id, fingerprint(r));

  let read = 0;
  let batch: Array<ImportedSkill & { id: string; isNew: boolean }> = [];
  const seenInFile = new Set<string>();

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await upsertSkillRows(
      db,
      rows.map((s): SkillInsert => ({
        id: s.id,
        label: s.label,
        norm: normalizeSkillText(s.label),
        category: s.category,
        description: s.description,
        source: s.source,
        sourceUri: s.sourceUri,
        aliases: distinctAliases(s.label, s.aliases),
      })),
      rows.filter((r) => !r.isNew).map((r) => r.id),
    );
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
    if (prev !== undefined && prev === fingerprint(item)) {
      summary.skipped++;
      continue;
    }
    if (prev !== undefined) summary.updated++;
    else summary.inserted++;
    batch.push({ ...item, id, isNew: prev === undefined });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (summary.inserted || summary.updated) await bumpSkillsVersion(db);
  return summary;
}

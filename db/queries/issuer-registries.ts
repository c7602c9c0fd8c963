// The last good copy of each known-issuer registry (issue #20 item 2), kept by
// server/trust/registries.ts: read at start and whenever a refresh can't load a source.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { issuerRegistries } from "../schema";

export interface StoredRegistry {
  source: string;
  name: string;
  document: unknown;
  sha256: string;
  fetchedAt: Date;
  checkedAt: Date;
}

/** The stored copies of the given sources (any order; sources never stored are absent). */
export async function listStoredRegistries(db: Db, sources: readonly string[]): Promise<StoredRegistry[]> {
  if (!sources.length) return [];
  return db
    .select()
    .from(issuerRegistries)
    .where(inArray(issuerRegistries.source, [...sources]));
}

/** Keeps a freshly loaded copy: a new document replaces the old one; the same one only marks it checked. */
export async function saveRegistryCopy(
  db: Db,
  copy: { source: string; name: string; document: unknown; sha256: string; at: Date },
): Promise<void> {
  await db
    .insert(issuerRegistries)
    .values({
      source: copy.source,
      name: copy.name,
      document: copy.document,
      sha256: copy.sha256,
      fetchedAt: copy.at,
      checkedAt: copy.at,
    })
    .onConflictDoUpdate({
      target: issuerRegistries.source,
      set: {
        name: copy.name,
        document: copy.document,
        sha256: copy.sha256,
        checkedAt: copy.at,
        fetchedAt: sql`case when ${issuerRegistries.sha256} = ${copy.sha256} then ${issuerRegistries.fetchedAt} else ${copy.at} end`,
      },
    });
}

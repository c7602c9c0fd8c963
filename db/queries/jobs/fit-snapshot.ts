// Snapshots of the fit index stored in the database (issue #23 §2, migration 0017): one
// snapshot is a few bytea parts under one id, written in one transaction, so a reader sees a
// whole snapshot or none; server/jobs/fit-snapshot.ts decides when to write and read them.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { byteaIn, byteaOut, rowsOf } from "../sql";

export interface StoredFitSnapshot {
  id: string;
  parts: number;
  epoch: string;
  version: number;
  bytes: number;
}

/** The newest snapshot of `format` for `epoch` holding a version in [minVersion, maxVersion], if any. */
export async function latestFitSnapshot(
  db: Pick<Db, "execute">,
  want: { format: number; epoch: string; minVersion: number; maxVersion: number },
): Promise<StoredFitSnapshot | null> {
  const [row] = rowsOf<{ id: string; parts: number; epoch: string; version: string | number; bytes: string | number }>(
    await db.execute(sql`select id::text as id, parts, epoch, version, bytes from fit_index_snapshots
      where part = 0 and format = ${want.format} and epoch = ${want.epoch}
        and version >= ${want.minVersion} and version <= ${want.maxVersion}
      order by version desc, created_at desc limit 1`),
  );
  return row
    ? { id: row.id, parts: row.parts, epoch: row.epoch, version: Number(row.version), bytes: Number(row.bytes) }
    : null;
}

/**
 * One snapshot's bytes, its parts read one statement each, four at a time (on PostgreSQL, over
 * several pooled connections: the server's reading and sending run in parallel); null when it has
 * gone or its parts don't add up. A writer deleting it meanwhile leaves a missing part (null) —
 * and a mixed one can't happen: parts belong to one id, and the caller checks length and checksum.
 */
export async function readFitSnapshotBytes(db: Db, s: StoredFitSnapshot, parallel = 4): Promise<Uint8Array | null> {
  const chunks: Array<Uint8Array | null> = new Array(s.parts).fill(null);
  let next = 0;
  const worker = async () => {
    for (let part = next++; part < s.parts; part = next++) {
      // As base64, as every bytea read (db/queries/sql.ts byteaOut).
      const [row] = rowsOf<{ b64: string }>(
        await db.execute(
          sql`select encode(data, 'base64') as b64 from fit_index_snapshots where id = ${s.id}::uuid and part = ${part}`,
        ),
      );
      chunks[part] = row ? byteaOut(row.b64) : null;
      if (!chunks[part]) return;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, s.parts) }, worker));
  const out = new Uint8Array(s.bytes);
  let at = 0;
  for (const c of chunks) {
    if (!c || at + c.byteLength > out.byteLength) return null;
    out.set(c, at);
    at += c.byteLength;
  }
  return at === out.byteLength ? out : null;
}

/** The version of the newest snapshot of `format` for `epoch` (0: none). */
export async function newestFitSnapshotVersion(
  db: Pick<Db, "execute">,
  format: number,
  epoch: string,
): Promise<number> {
  const [row] = rowsOf<{ v: string | number | null }>(
    await db.execute(
      sql`select max(version) as v from fit_index_snapshots where part = 0 and format = ${format} and epoch = ${epoch}`,
    ),
  );
  return Number(row?.v ?? 0);
}

/**
 * Stores a snapshot (in parts of `partBytes`) in one transaction, then deletes the other snapshots
 * it makes useless: older versions of its epoch and format (never one of the same version: two writers at once would delete each other), any of an epoch the catalogue no longer
 * has, any of an older format. Two writers at once each insert their own id; readers take the
 * newest, and the next write removes the other.
 */
export async function writeFitSnapshot(
  db: Db,
  s: { format: number; epoch: string; version: number; bytes: Uint8Array },
  partBytes = 1024 * 1024,
): Promise<string> {
  const id = randomUUID();
  const parts = Math.max(1, Math.ceil(s.bytes.byteLength / partBytes));
  await db.transaction(async (tx) => {
    for (let part = 0; part < parts; part++) {
      const data = s.bytes.subarray(part * partBytes, Math.min(s.bytes.byteLength, (part + 1) * partBytes));
      await tx.execute(sql`insert into fit_index_snapshots (id, part, parts, format, epoch, version, bytes, data)
        values (${id}::uuid, ${part}, ${parts}, ${s.format}, ${s.epoch}, ${s.version}, ${s.bytes.byteLength}, ${byteaIn(data)})`);
    }
  });
  await db.execute(sql`delete from fit_index_snapshots where id <> ${id}::uuid and id in (
      select id from fit_index_snapshots where part = 0
        and ((epoch = ${s.epoch} and format = ${s.format} and version < ${s.version})
          or epoch <> coalesce((select epoch::text from job_catalogue where id = 1), '') or format < ${s.format}))`);
  return id;
}

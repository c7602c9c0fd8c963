// Reads for the in-process fit index (lib/fit/rank-index.ts, kept by
// server/jobs/fit-index.ts): the catalogue version, postings and their counted
// skills packed as bytes (hex over the wire: both drivers decode hex text far
// faster than many rows or bytea values), and the postings changed since a version.
import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { byteaOut, rowsOf } from "../sql";

export interface CatalogueVersion {
  /** Changes when the catalogue is truncated or recreated: everything must be reloaded. Null: no row yet. */
  epoch: string | null;
  version: number;
  /** job_changes holds no changes at or below this version. */
  prunedThrough: number;
}

export async function readCatalogueVersion(db: Pick<Db, "execute">): Promise<CatalogueVersion> {
  const [row] = rowsOf<{ epoch: string; version: string | number; pruned: string | number }>(
    await db.execute(
      sql`select epoch::text as epoch, version, pruned_through as pruned from job_catalogue where id = 1`,
    ),
  );
  return row
    ? { epoch: row.epoch, version: Number(row.version), prunedThrough: Number(row.pruned) }
    : { epoch: null, version: 0, prunedThrough: 0 };
}

/** The record layout of FitRankIndex.addPackedPostings (31 bytes, big-endian). */
const packedPosting = sql`int4send(j.seq) || int2send(least(j.fit_denominator, 32767)::int2)
  || (case when j.remote then '\\x01' else '\\x00' end)::bytea
  || float8send(coalesce((extract(epoch from j.posted_at) * 1000000)::float8, 'NaN'::float8))
  || uuid_send(j.id)`;

/** Up to `limit` postings with seq > `afterSeq`, packed, and the last seq read (null when none). */
export async function readPackedPostings(
  db: Pick<Db, "execute">,
  afterSeq: number,
  limit: number,
): Promise<{ packed: Uint8Array; lastSeq: number | null }> {
  const [row] = rowsOf<{ hex: string | null; last: number | null }>(
    await db.execute(sql`select encode(string_agg(${packedPosting}, ''::bytea order by j.seq), 'hex') as hex,
        max(j.seq) as last
      from (select seq, fit_denominator, remote, posted_at, id from jobs where seq > ${afterSeq} order by seq limit ${limit}) j`),
  );
  return { packed: byteaOut(row?.hex ?? "") ?? new Uint8Array(0), lastSeq: row?.last ?? null };
}

/** The postings with these seqs, packed (a seq with no posting is simply absent). */
export async function readPackedPostingsBySeq(db: Pick<Db, "execute">, seqs: readonly number[]): Promise<Uint8Array> {
  if (!seqs.length) return new Uint8Array(0);
  const [row] = rowsOf<{ hex: string | null }>(
    await db.execute(sql`select encode(string_agg(${packedPosting}, ''::bytea), 'hex') as hex
      from jobs j where j.seq in (${intList(seqs)})`),
  );
  return byteaOut(row?.hex ?? "") ?? new Uint8Array(0);
}

/** Each skill key that counts toward fit with its postings' seqs (big-endian int4), optionally only for some postings. */
export async function readPackedSkillLists(
  db: Pick<Db, "execute">,
  onlySeqs?: readonly number[],
): Promise<Array<{ key: string; seqs: Uint8Array }>> {
  if (onlySeqs && !onlySeqs.length) return [];
  const only = onlySeqs ? sql`and j.seq in (${intList(onlySeqs)})` : sql``;
  const rows = rowsOf<{ key: string; hex: string }>(
    await db.execute(sql`select js.skill_key as key, encode(string_agg(int4send(j.seq), ''::bytea), 'hex') as hex
      from job_skills js join jobs j on j.id = js.job_id
      where js.counts ${only}
      group by js.skill_key`),
  );
  return rows.map((r) => ({ key: r.key, seqs: byteaOut(r.hex) ?? new Uint8Array(0) }));
}

/** The distinct postings (seqs) changed after version `after` up to and including `upTo`. */
export async function readChangedSeqs(db: Pick<Db, "execute">, after: number, upTo: number): Promise<number[]> {
  const rows = rowsOf<{ seq: number }>(
    await db.execute(
      sql`select distinct job_seq as seq from job_changes where version > ${after} and version <= ${upTo}`,
    ),
  );
  return rows.map((r) => Number(r.seq));
}

/** Big-endian int4 values → numbers. */
export function unpackInt4(buf: Uint8Array): Int32Array {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Int32Array(buf.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4);
  return out;
}

function intList(values: readonly number[]) {
  // Integers only (seqs come from the database or the index), inlined: thousands of bound parameters cost more.
  return sql.raw(values.map((v) => String(Math.trunc(Number(v)) | 0)).join(", "));
}

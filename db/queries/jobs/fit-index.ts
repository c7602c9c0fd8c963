// Reads for the in-process fit index (lib/fit/rank-index.ts, kept by
// server/jobs/fit-index.ts): the catalogue version, postings and their counted
// skills packed as bytes (base64 over the wire: both drivers decode text far
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
  const [row] = rowsOf<{ b64: string | null; last: number | null }>(
    await db.execute(sql`select encode(string_agg(${packedPosting}, ''::bytea order by j.seq), 'base64') as b64,
        max(j.seq) as last
      from (select seq, fit_denominator, remote, posted_at, id from jobs where seq > ${afterSeq} order by seq limit ${limit}) j`),
  );
  return { packed: byteaOut(row?.b64 ?? "") ?? new Uint8Array(0), lastSeq: row?.last ?? null };
}

/** The postings with these seqs, packed (a seq with no posting is simply absent). */
export async function readPackedPostingsBySeq(db: Pick<Db, "execute">, seqs: readonly number[]): Promise<Uint8Array> {
  if (!seqs.length) return new Uint8Array(0);
  const [row] = rowsOf<{ b64: string | null }>(
    await db.execute(sql`select encode(string_agg(${packedPosting}, ''::bytea), 'base64') as b64
      from jobs j where j.seq in (${intList(seqs)})`),
  );
  return byteaOut(row?.b64 ?? "") ?? new Uint8Array(0);
}

/** Each skill key that counts toward fit with its postings' seqs (big-endian int4), optionally only for some postings. */
export async function readPackedSkillLists(
  db: Pick<Db, "execute">,
  onlySeqs?: readonly number[],
): Promise<Array<{ key: string; seqs: Uint8Array }>> {
  if (onlySeqs && !onlySeqs.length) return [];
  const only = onlySeqs ? sql`and j.seq in (${intList(onlySeqs)})` : sql``;
  const rows = rowsOf<{ key: string; b64: string }>(
    await db.execute(sql`select js.skill_key as key, encode(string_agg(int4send(j.seq), ''::bytea), 'base64') as b64
      from job_skills js join jobs j on j.id = js.job_id
      where js.counts ${only}
      group by js.skill_key`),
  );
  return rows.map((r) => ({ key: r.key, seqs: byteaOut(r.b64) ?? new Uint8Array(0) }));
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

/** Each distinct location with its postings' seqs (optionally only some postings). */
export async function readLocationLists(
  db: Pick<Db, "execute">,
  onlySeqs?: readonly number[],
): Promise<Array<{ location: string; seqs: Int32Array }>> {
  if (onlySeqs && !onlySeqs.length) return [];
  const only = onlySeqs ? sql`where j.seq in (${intList(onlySeqs)})` : sql``;
  const rows = rowsOf<{ location: string; b64: string }>(
    await db.execute(sql`select j.location, encode(string_agg(int4send(j.seq), ''::bytea), 'base64') as b64
      from jobs j ${only} group by j.location`),
  );
  return rows.map((r) => ({ location: r.location, seqs: unpackInt4(byteaOut(r.b64) ?? new Uint8Array(0)) }));
}

/** Each lexeme of to_tsvector('simple', search_text) — the keyword filter's own — with its postings' seqs. */
export async function readTermLists(
  db: Pick<Db, "execute">,
  onlySeqs?: readonly number[],
): Promise<Array<{ term: string; seqs: Int32Array }>> {
  if (onlySeqs && !onlySeqs.length) return [];
  const only = onlySeqs ? sql`where j.seq in (${intList(onlySeqs)})` : sql``;
  const rows = rowsOf<{ term: string; b64: string }>(
    await db.execute(sql`select t.term, encode(string_agg(int4send(t.seq), ''::bytea), 'base64') as b64
      from (select j.seq, unnest(tsvector_to_array(to_tsvector('simple', j.search_text))) as term from jobs j ${only}) t
      group by t.term`),
  );
  return rows.map((r) => ({ term: r.term, seqs: unpackInt4(byteaOut(r.b64) ?? new Uint8Array(0)) }));
}

/** The positions of `names` that `location ilike '%pattern%'` (the search filter's own test) accepts. */
export async function matchingLocations(
  db: Pick<Db, "execute">,
  names: readonly string[],
  likePattern: string,
): Promise<number[]> {
  if (!names.length) return [];
  const rows = rowsOf<{ i: number | string }>(
    await db.execute(sql`select (u.i - 1)::int as i from unnest(${`{${names.map(pgArrayItem).join(",")}}`}::text[])
      with ordinality as u(l, i) where u.l ilike ${likePattern}`),
  );
  return rows.map((r) => Number(r.i));
}

/**
 * The lexemes of a keyword query when to_tsquery('simple', q) is a plain conjunction of prefix
 * terms (`'a':* & 'b':*`, what keywordTsQuery builds); null for any other shape.
 */
export async function tsQueryPrefixes(db: Pick<Db, "execute">, tsQuery: string): Promise<string[] | null> {
  const [row] = rowsOf<{ q: string }>(await db.execute(sql`select to_tsquery('simple', ${tsQuery})::text as q`));
  const text = row?.q ?? "";
  if (!text) return null;
  const out: string[] = [];
  for (const part of text.split(" & ")) {
    const m = /^'((?:[^'\\]|''|\\.)*)':\*$/.exec(part);
    if (!m) return null;
    out.push(m[1].replace(/''/g, "'").replace(/\\(.)/g, "$1"));
  }
  return out;
}

function pgArrayItem(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

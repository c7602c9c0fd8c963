// Small helpers every query module shares: raw-result rows, dates from raw
// rows, LIKE escaping, id checks and bytea conversion. Driver-level only.
import { sql, type SQL } from "drizzle-orm";

/** The rows of a `db.execute(sql…)` result (node-postgres and PGlite both return `{ rows }`). */
export function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** A timestamp column read through raw SQL (a Date from one driver, text from another); null when absent or invalid. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Escapes `\`, `%` and `_` so user text matches literally inside a LIKE / ILIKE pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs; a malformed one is "not found", never a database error. */
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}

/** `a, b, c` as bound parameters, for `in (…)`. */
export function inList(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/**
 * bytea in and out as base64 text (queries select `encode(col, 'base64')`): PGlite (de)serialises
 * Uint8Array parameters and bytea results ~10× slower than decode()/encode() of text (bench/import.ts),
 * and base64 is a third shorter than hex and several times faster to decode here (83 MB: 0.9 s
 * vs 3.2 s from PostgreSQL, docs/benchmarks.md), which matters on the request thread during a
 * burst of saves. PostgreSQL's line breaks in its base64 are skipped by Buffer's decoder.
 */
export function byteaIn(bytes: Uint8Array): SQL {
  return sql`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}, 'base64')`;
}

export function byteaOut(b64: string | null): Uint8Array | null {
  return b64 === null ? null : new Uint8Array(Buffer.from(b64, "base64"));
}

/** The PostgreSQL error code (SQLSTATE) and constraint behind a driver or drizzle error, looking through `cause`. */
export function pgErrorInfo(e: unknown): { code?: string; constraint?: string } {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const o = cur as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code)) {
      const constraint =
        typeof o.constraint === "string"
          ? o.constraint
          : typeof o.constraint_name === "string"
            ? o.constraint_name
            : undefined;
      return { code: o.code, constraint };
    }
    cur = o.cause;
  }
  return {};
}

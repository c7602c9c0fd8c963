// Keyword and location filters answered from the fit index's text side (issue #23 §1):
// the postings passing `to_tsvector('simple', search_text) @@ to_tsquery('simple', q)` and
// `location ilike '%loc%'`, without scanning the jobs table. The database still decides
// every match rule: it turns the query into lexemes (to_tsquery) and tests the distinct
// location strings with ILIKE; the index only intersects. A query of another shape
// falls back to the SQL filter (filteredJobSeqs), so the answer is always the SQL one.
import type { Db } from "@/db/client";
import { matchingLocations, tsQueryPrefixes } from "@/db/queries/jobs/fit-index";
import { filteredJobSeqs, type JobFilters } from "@/db/queries/jobs/search";
import { escapeLike } from "@/db/queries/sql";
import type { PostingTextIndex } from "@/lib/fit/text-index";

/** Per text index: ILIKE pattern → matching location ids, valid while the location list has that length. */
const locCache = new WeakMap<PostingTextIndex, Map<string, { n: number; ids: Set<number> }>>();

/** The seqs of the postings passing the keyword and location filters (remote is the rank index's). */
export async function indexFilteredSeqs(db: Db, text: PostingTextIndex, f: JobFilters): Promise<Int32Array> {
  let prefixes: string[] | undefined;
  if (f.tsQuery) {
    const p = await tsQueryPrefixes(db, f.tsQuery);
    if (!p || p.length > 15) return filteredJobSeqs(db, { tsQuery: f.tsQuery, location: f.location });
    prefixes = p;
  }
  let locations: Set<number> | undefined;
  const loc = f.location?.trim();
  if (loc) {
    const pattern = "%" + escapeLike(loc) + "%";
    const names = text.locations();
    let cache = locCache.get(text);
    if (!cache) locCache.set(text, (cache = new Map()));
    const hit = cache.get(pattern);
    if (hit && hit.n === names.length) locations = hit.ids;
    else {
      locations = new Set(await matchingLocations(db, names, pattern));
      if (cache.size > 1000) cache.clear();
      cache.set(pattern, { n: names.length, ids: locations });
    }
  }
  return text.match({ prefixes, locations });
}

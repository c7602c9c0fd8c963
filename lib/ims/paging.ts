// Paging of getCredentials / getAssertions (OB 3.0 §6.2 "Paging", OB 2.1 likewise): `limit` (≥ 1) and `offset`
// (≥ 0, zero-indexed) query parameters, the X-Total-Count header, and a Link header with first, last, and next /
// prev when they exist. `since` (an ISO 8601 date-time with a time zone) keeps only what was added or changed after it.

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

export interface PageQuery {
  limit: number;
  offset: number;
  since: Date | null;
}

/** Why a query parameter was refused (the API answers 400 invalid_query_parameter with it). */
export class PageQueryProblem {
  constructor(readonly message: string) {}
}

const WHOLE = /^\d{1,9}$/;
// ISO 8601 date-time; the time zone may be left out (read as UTC, as the OB 3.0 OpenAPI's own example does).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads limit, offset and since; a bad value is a PageQueryProblem, never a silent default. */
export function readPageQuery(params: URLSearchParams): PageQuery | PageQueryProblem {
  const limitText = params.get("limit");
  const offsetText = params.get("offset");
  const sinceText = params.get("since");
  let limit = DEFAULT_PAGE_LIMIT;
  if (limitText !== null) {
    if (!WHOLE.test(limitText) || Number(limitText) < 1)
      return new PageQueryProblem("limit must be a whole number from 1.");
    limit = Math.min(Number(limitText), MAX_PAGE_LIMIT);
  }
  let offset = 0;
  if (offsetText !== null) {
    if (!WHOLE.test(offsetText)) return new PageQueryProblem("offset must be a whole number from 0.");
    offset = Number(offsetText);
  }
  let since: Date | null = null;
  if (sinceText !== null) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(sinceText) ? sinceText : `${sinceText}Z`;
    const t = Date.parse(zoned);
    if (!DATE_TIME.test(sinceText) || Number.isNaN(t))
      return new PageQueryProblem("since must be an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z.");
    since = new Date(t);
  }
  return { limit, offset, since };
}

/** The Link header value for a page of `total` results at `base` (an absolute URL; other query parameters kept). */
export function pageLinks(base: URL, query: PageQuery, total: number): string {
  const at = (offset: number) => {
    const u = new URL(base);
    u.searchParams.set("limit", String(query.limit));
    u.searchParams.set("offset", String(offset));
    return u.toString();
  };
  const lastOffset = total > 0 ? Math.floor((total - 1) / query.limit) * query.limit : 0;
  const links: string[] = [];
  if (query.offset + query.limit < total) links.push(`<${at(query.offset + query.limit)}>; rel="next"`);
  links.push(`<${at(lastOffset)}>; rel="last"`);
  links.push(`<${at(0)}>; rel="first"`);
  if (query.offset > 0) links.push(`<${at(Math.max(0, query.offset - query.limit))}>; rel="prev"`);
  return links.join(", ");
}

// Job search with Opportunity Fit (issue #8). The /jobs page and `sash fit`
// both search through `searchJobs`, so the CLI and the page rank identically:
// the database ranks and pages (db/queries/jobs/search.ts), lib/fit names the
// matched and missing skills of each posting on the page.
import type { JobListingFields } from "@/lib/jobs/types";
import type { Db } from "@/db/client";
import { learnerSkillKeys } from "@/db/queries/jobs/learner";
import { searchJobPage, type JobSkillRef } from "@/db/queries/jobs/search";
import { opportunityFit } from "@/lib/fit";
import { keywordTsQuery } from "@/lib/jobs/search";

export type { JobSkillRef } from "@/db/queries/jobs/search";

export interface JobSearchParams {
  /** The signed-in learner; their skills are read from their wallet. */
  userId?: string | null;
  /** Skill keys to use instead of a learner's wallet (CLI, tests). */
  skillKeys?: readonly string[];
  query?: string | null;
  location?: string | null;
  remote?: boolean;
  sort?: "fit" | "date";
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface JobSearchRow extends JobListingFields {
  jobId: string;
  fit: number;
  matchedCount: number;
  /** Skills that count toward fit (required ones, or all when none is required). */
  requiredCount: number;
  matched: JobSkillRef[];
  missing: JobSkillRef[];
}

export interface JobSearchResult {
  results: JobSearchRow[];
  page: number;
  pageSize: number;
  hasNext: boolean;
  /** How many distinct skills the learner brings (0 when signed out). */
  learnerSkillCount: number;
}

export const MAX_PAGE_SIZE = 100;

/** Jobs ranked by Opportunity Fit (default) or date, with keyword, location and remote filters. */
export async function searchJobs(db: Db, params: JobSearchParams): Promise<JobSearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(params.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const keys = [...new Set(params.skillKeys ?? (params.userId ? await learnerSkillKeys(db, params.userId) : []))];
  const { rows, hasNext } = await searchJobPage(db, {
    keys,
    tsQuery: keywordTsQuery(params.query),
    location: params.location,
    remote: params.remote,
    sort: params.sort ?? "fit",
    offset: (page - 1) * pageSize,
    pageSize,
  });
  const held = new Set(keys);
  const results = rows.map((r): JobSearchRow => {
    const counted = [...r.counted].sort((x, y) => x.name.localeCompare(y.name));
    const fit = opportunityFit(
      held,
      counted.map((s) => ({ ...s, required: true })),
    );
    return {
      jobId: r.id,
      title: r.title,
      employer: r.employer,
      location: r.location,
      remote: r.remote,
      postedAt: r.postedAt,
      url: r.url,
      fit: fit.fit,
      matchedCount: fit.matched.length,
      requiredCount: r.fitDenominator,
      matched: fit.matched.map(({ key, name }) => ({ key, name })),
      missing: fit.missing.map(({ key, name }) => ({ key, name })),
    };
  });
  return { results, page, pageSize, hasNext, learnerSkillCount: keys.length };
}

// Job search with Opportunity Fit and Verified fit (issues #8, #14). The /jobs page and
// `sash fit` both search through `searchJobs`, so the CLI and the page rank identically:
// ranking by fit is the in-process fit index (lib/fit/rank-index.ts, kept current by
// server/jobs/fit-index.ts), filters and date order are the database's
// (db/queries/jobs/search.ts), and lib/fit names the matched and missing skills of each
// posting on the page.
import type { JobListingFields } from "@/lib/jobs/types";
import type { Db } from "@/db/client";
import { learnerCredentialRows } from "@/db/queries/jobs/learner";
import {
  jobPageRows,
  jobSeqsByDate,
  jobSeqsByFit,
  needsRowFilter,
  type JobFilters,
  type JobSkillRef,
} from "@/db/queries/jobs/search";
import { opportunityFit } from "@/lib/fit";
import {
  evidenceStatus,
  learnerSkillSets,
  type CredentialSkillsEvidence,
  type LearnerSkillSets,
} from "@/lib/fit/evidence";
import { keywordTsQuery } from "@/lib/jobs/search";
import type { SkillIndex } from "@/lib/skills";
import { getSkillIndex } from "@/server/skills/skill-index";
import { skillsFromBadge } from "@/server/wallet/skills";
import { indexFilteredSeqs } from "./fit-filter";
import { readyFitIndexes } from "./fit-index";

export type { JobSkillRef } from "@/db/queries/jobs/search";

export interface JobSearchParams {
  /** The signed-in learner; their skills are read from their wallet. */
  userId?: string | null;
  /** Skill keys to use instead of a learner's wallet (CLI, tests): self-asserted, so Verified fit is 0. */
  skillKeys?: readonly string[];
  /** Rank (and show first) by Verified fit: only skills backed by a verified credential count. */
  verifiedOnly?: boolean;
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
  /** Opportunity Fit: from every skill in the wallet. */
  fit: number;
  matchedCount: number;
  /** Verified fit: from skills backed by at least one verified credential. */
  verifiedFit: number;
  verifiedMatchedCount: number;
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
  /** How many of them a verified credential backs. */
  verifiedSkillCount: number;
  verifiedOnly: boolean;
  /** Who ranked the page: the in-memory fit index, or SQL while the index loads (or date order). */
  rankedBy: "index" | "sql";
}

export const MAX_PAGE_SIZE = 100;
/** Skill names in the learner's language order (one collator: far cheaper than localeCompare per pair). */
const byName = new Intl.Collator("en").compare;

/**
 * A badge's own skill names → the keys the wallet resolves them to, per skill index (immutable: a
 * new skills version is a new object). Resolving a name runs the skill matcher (≈0.4 ms a name),
 * so a learner with two 30-skill badges paid ≈25 ms on every search (the Verified-fit rows of
 * issue #23 §1); the same badge now resolves once per process and index. Exact: skillsFromBadge
 * is a pure function of the names and the index.
 */
type ReadonlyKeySet = ReadonlySet<string>;
const badgeKeyCache = new WeakMap<SkillIndex, Map<string, ReadonlyKeySet>>();
const BADGE_CACHE_MAX = 5000;

function resolvedBadgeKeys(names: readonly string[], index: SkillIndex): ReadonlyKeySet {
  let cache = badgeKeyCache.get(index);
  if (!cache) badgeKeyCache.set(index, (cache = new Map()));
  const key = JSON.stringify(names);
  let keys = cache.get(key);
  if (!keys) {
    keys = new Set(skillsFromBadge([...names], index).map((s) => s.skillKey));
    if (cache.size >= BADGE_CACHE_MAX) cache.clear();
    cache.set(key, keys);
  }
  return keys;
}

/**
 * Which of a credential's skills the badge itself names (its issuer's): resolved as the wallet
 * resolves them on save, or stored under the badge's own wording.
 */
export function badgeKeysOf(
  c: { badgeSkills: readonly string[]; skillKeys: readonly string[]; skillNames: Record<string, string> },
  index: SkillIndex,
): string[] {
  const resolved = resolvedBadgeKeys(c.badgeSkills, index);
  const named = new Set(c.badgeSkills.map((n) => n.trim().toLowerCase()));
  return c.skillKeys.filter((k) => resolved.has(k) || named.has((c.skillNames[k] ?? "").trim().toLowerCase()));
}

/** The learner's wallet credentials with their skills, evidence status at `now` (read time) and the skills the badge itself names. */
export async function learnerEvidence(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<CredentialSkillsEvidence[]> {
  const rows = await learnerCredentialRows(db, userId);
  const index = rows.some((r) => r.badgeSkills.length) ? await getSkillIndex(db) : null;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: evidenceStatus(r, now),
    skillKeys: r.skillKeys,
    badgeKeys: index ? badgeKeysOf(r, index) : [],
  }));
}

/** The skills both scores count, from the wallet (or typed-in keys, which are never verified). */
export async function learnerSkills(
  db: Db,
  who: { userId?: string | null; skillKeys?: readonly string[] },
): Promise<LearnerSkillSets> {
  if (who.skillKeys) return { all: [...new Set(who.skillKeys)], verified: [] };
  if (!who.userId) return { all: [], verified: [] };
  return learnerSkillSets(await learnerEvidence(db, who.userId));
}

/** Jobs ranked by Opportunity Fit (default), Verified fit or date, with keyword, location and remote filters. */
export async function searchJobs(db: Db, params: JobSearchParams): Promise<JobSearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(params.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const offset = (page - 1) * pageSize;
  const skills = await learnerSkills(db, params);
  const verifiedOnly = !!params.verifiedOnly;
  const rankKeys = verifiedOnly ? skills.verified : skills.all;
  const filters: JobFilters = {
    tsQuery: keywordTsQuery(params.query),
    location: params.location,
    remote: params.remote,
  };

  let seqs: number[];
  let rankedBy: "index" | "sql" = "sql";
  const indexes = (params.sort ?? "fit") === "fit" && rankKeys.length ? await readyFitIndexes(db) : null;
  if (indexes) {
    // Exact top (offset + page + 1) by fit, then date, then id, over the postings that pass the filters.
    const only = needsRowFilter(filters) ? await indexFilteredSeqs(db, indexes.text, filters) : undefined;
    seqs = indexes.rank
      .rank(rankKeys, { limit: offset + pageSize + 1, onlySeqs: only, remoteOnly: !!filters.remote })
      .slice(offset)
      .map((r) => r.seq);
    rankedBy = "index";
  } else if ((params.sort ?? "fit") === "fit" && rankKeys.length) {
    // The index is loading: the same order, computed by the database.
    seqs = await jobSeqsByFit(db, rankKeys, filters, offset, pageSize + 1);
  } else {
    // Newest first: every posting's fit is 0 (no skills), or the learner asked for date order.
    seqs = await jobSeqsByDate(db, filters, offset, pageSize + 1);
  }
  const hasNext = seqs.length > pageSize;
  const rows = await jobPageRows(db, seqs.slice(0, pageSize));

  const held = new Set(skills.all);
  const verified = new Set(skills.verified);
  const results = rows.map((r): JobSearchRow => {
    const counted = [...r.counted].sort((x, y) => byName(x.name, y.name)).map((s) => ({ ...s, required: true }));
    const fit = opportunityFit(held, counted);
    const vfit = opportunityFit(verified, counted);
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
      verifiedFit: vfit.fit,
      verifiedMatchedCount: vfit.matched.length,
      requiredCount: r.fitDenominator,
      matched: fit.matched.map(({ key, name }) => ({ key, name })),
      missing: fit.missing.map(({ key, name }) => ({ key, name })),
    };
  });
  return {
    results,
    page,
    pageSize,
    hasNext,
    learnerSkillCount: skills.all.length,
    verifiedSkillCount: skills.verified.length,
    verifiedOnly,
    rankedBy,
  };
}

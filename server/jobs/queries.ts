// What the /jobs and /pathways pages read, for the signed-in learner (or a
// signed-out visitor: fit 0 everywhere).
import "server-only";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth/session";
import { getJobDetail, type JobDetail } from "./detail";
import { listPathways, type PathwayWithFit } from "./pathways";
import { searchJobs, type JobSearchParams, type JobSearchResult } from "./search";

export async function findJobs(
  user: SessionUser | null,
  params: Omit<JobSearchParams, "userId" | "skillKeys">,
): Promise<JobSearchResult> {
  return searchJobs(await getDb(), { ...params, userId: user?.id ?? null });
}

export async function jobDetail(user: SessionUser | null, jobId: string): Promise<JobDetail | null> {
  return getJobDetail(await getDb(), jobId, { userId: user?.id ?? null });
}

export async function pathwaysFor(user: SessionUser | null): Promise<PathwayWithFit[]> {
  return listPathways(await getDb(), { userId: user?.id ?? null });
}

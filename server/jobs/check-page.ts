// /jobs/check for the signed-in learner: the posting checks of server/jobs/check.ts on the
// process's database, scored against the learner's wallet.
import "server-only";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth/session";
import { checkPosting, rescorePosting, type PostingSource } from "./check";

export type { CheckedPosting, CheckedSkill, PostingCheck } from "./check";
export type { PostingFitDetail } from "./detail";

export async function checkPostingFor(user: SessionUser, source: PostingSource) {
  return checkPosting(await getDb(), source, { userId: user.id });
}

export async function rescorePostingFor(user: SessionUser, kept: ReadonlyArray<{ key: string; name: string }>) {
  return rescorePosting(await getDb(), kept, { userId: user.id });
}

// Career pathways with the learner's fit for each step (issue #8).
import type { Db } from "@/db/client";
import { listPathwayRows, type PathwayRow } from "@/db/queries/jobs/catalogue";
import { learnerSkillKeys } from "@/db/queries/jobs/learner";
import { pathwayFit, type PathwayFit } from "@/lib/fit";

export interface PathwayWithFit extends PathwayRow {
  fit: PathwayFit;
}

export async function listPathways(
  db: Db,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<PathwayWithFit[]> {
  const keys = who.skillKeys ?? (who.userId ? await learnerSkillKeys(db, who.userId) : []);
  const paths = await listPathwayRows(db);
  return paths.map((p) => ({ ...p, fit: pathwayFit(keys, p.steps) }));
}

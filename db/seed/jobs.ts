// Placeholder until jobs/courses/pathways (issue #8) land: loads nothing.
import type { Db } from "../client";
export async function seedJobsCatalogue(_db: Db): Promise<number> {
  return 0;
}

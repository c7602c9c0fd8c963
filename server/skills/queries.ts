// The skill picker's type-ahead, for the app's route handler.
import "server-only";
import { getDb } from "@/server/db";
import type { SearchHit } from "@/lib/skills";
import { searchSkills } from "./skill-index";

export async function suggestSkills(query: string, limit: number): Promise<SearchHit[]> {
  return searchSkills(await getDb(), query, limit);
}

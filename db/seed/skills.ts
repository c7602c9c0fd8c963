// Placeholder until the skills library (issue #5) lands: loads nothing.
import type { Db } from "../client";
export async function seedSkillsLibrary(_db: Db): Promise<number> {
  return 0;
}

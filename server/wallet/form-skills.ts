// The skills a wallet form posts, resolved through this database's skills
// index (library and imported taxonomies), the same one job postings use.
import "server-only";
import { getDb } from "@/server/db";
import type { CredentialSkill } from "@/lib/wallet/types";
import { getSkillIndex } from "@/server/skills/skill-index";
import { skillsFromForm } from "./skills";

export async function formSkills(values: unknown): Promise<CredentialSkill[]> {
  return skillsFromForm(values, await getSkillIndex(await getDb()));
}

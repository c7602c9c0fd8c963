// Loads the skills library Sash ships (data/skills.json, built from
// skills.source.txt) into `skills` and `skill_aliases`. Idempotent: skills are
// upserted by id, their aliases replaced; when the library file hasn't changed
// since the last load, nothing is written.
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { readMeta } from "@/db/queries/meta";
import { countSourceSkills, upsertSkillRows, type SkillInsert } from "@/db/queries/skills";
import { LIBRARY_SKILLS, type LibrarySkill } from "@/lib/skills";
import { normalizeSkillText } from "@/lib/skills/normalize";
import { distinctAliases } from "@/lib/skills/skill-index";
import { bumpSkillsVersion } from "@/server/skills/skill-index";

const HASH_KEY = "skills_library_hash";

function libraryHash(list: readonly LibrarySkill[]): string {
  return createHash("sha256").update(JSON.stringify(list)).digest("hex");
}

/** Upserts the shipped library; returns the number of library skills. */
export async function seedSkillsLibrary(db: Db, library: readonly LibrarySkill[] = LIBRARY_SKILLS): Promise<number> {
  const hash = libraryHash(library);
  if ((await readMeta(db, HASH_KEY)) === hash && (await countSourceSkills(db, "sash")) >= library.length)
    return library.length;

  const rows: SkillInsert[] = library.map((s) => ({
    id: s.id,
    label: s.label,
    norm: normalizeSkillText(s.label),
    category: s.category,
    description: s.description ?? null,
    source: "sash",
    sourceUri: null,
    aliases: distinctAliases(s.label, s.aliases),
  }));
  await upsertSkillRows(
    db,
    rows,
    library.map((s) => s.id),
    { key: HASH_KEY, value: hash },
  );
  await bumpSkillsVersion(db);
  return library.length;
}

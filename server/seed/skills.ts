// Loads the skills library Sash ships (data/skills.json, built from
// skills.source.txt) into `skills` and `skill_aliases`. Idempotent: skills are
// upserted by id, their aliases replaced; when the library file hasn't changed
// since the last load, nothing is written.
import { createHash } from "node:crypto";
import { count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appMeta, skillAliases, skills } from "@/db/schema";
import { LIBRARY_SKILLS, type LibrarySkill } from "@/lib/skills";
import { normalizeSkillText } from "@/lib/skills/normalize";
import { distinctAliases } from "@/lib/skills/skill-index";
import { bumpSkillsVersion } from "@/server/skills";
import { SKILL_UPSERT } from "@/db/queries/skills";

const HASH_KEY = "skills_library_hash";
const SKILL_BATCH = 500;
const ALIAS_BATCH = 2000;

function libraryHash(list: readonly LibrarySkill[]): string {
  return createHash("sha256").update(JSON.stringify(list)).digest("hex");
}

/** Upserts the shipped library; returns the number of library skills. */
export async function seedSkillsLibrary(db: Db, library: readonly LibrarySkill[] = LIBRARY_SKILLS): Promise<number> {
  const hash = libraryHash(library);
  const [stored] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, HASH_KEY));
  if (stored?.value === hash) {
    const [{ n }] = await db.select({ n: count() }).from(skills).where(eq(skills.source, "sash"));
    if (n >= library.length) return library.length;
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < library.length; i += SKILL_BATCH) {
      const batch = library.slice(i, i + SKILL_BATCH);
      await tx
        .insert(skills)
        .values(
          batch.map((s) => ({
            id: s.id,
            label: s.label,
            norm: normalizeSkillText(s.label),
            category: s.category,
            description: s.description ?? null,
            source: "sash",
            sourceUri: null,
          })),
        )
        .onConflictDoUpdate(SKILL_UPSERT);
      const ids = batch.map((s) => s.id);
      await tx.delete(skillAliases).where(inArray(skillAliases.skillId, ids));
    }
    const aliasRows = library.flatMap((s) => distinctAliases(s.label, s.aliases).map((a) => ({ skillId: s.id, ...a })));
    for (let i = 0; i < aliasRows.length; i += ALIAS_BATCH) {
      await tx
        .insert(skillAliases)
        .values(aliasRows.slice(i, i + ALIAS_BATCH))
        .onConflictDoNothing();
    }
    await tx
      .insert(appMeta)
      .values({ key: HASH_KEY, value: hash })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: hash } });
  });
  await bumpSkillsVersion(db);
  return library.length;
}

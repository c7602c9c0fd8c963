// Seeding the library, importing taxonomies idempotently, and the cached index, on a real database.
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { skillAliases, skills } from "@/db/schema";
import { seedSkillsLibrary } from "@/server/seed/skills";
import { loadSkillRows } from "@/db/queries/skills";
import {
  getSkillIndex,
  importSkills,
  invalidateSkillIndex,
  matchSkillText,
  searchSkills,
} from "@/server/skills/skill-index";
import { LIBRARY_SKILLS, type LibrarySkill } from "@/lib/skills";
import { parseSkillsFile } from "@/lib/skills/importers";
import { syntheticEscoCsv } from "../support/synthetic-esco";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  invalidateSkillIndex();
});

const countSkills = async (source?: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(skills)
      .where(source ? eq(skills.source, source) : undefined)
  )[0].n;
const countAliases = async () => (await t.db.select({ n: count() }).from(skillAliases))[0].n;

describe(`skills in the database (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("seeds the whole library with its aliases, and seeding again changes nothing", async () => {
    expect(await seedSkillsLibrary(t.db)).toBe(LIBRARY_SKILLS.length);
    expect(await countSkills("sash")).toBe(LIBRARY_SKILLS.length);
    const aliases = await countAliases();
    expect(aliases).toBeGreaterThan(4000);
    const [excel] = await t.db.select().from(skills).where(eq(skills.id, "microsoft-excel"));
    expect(excel).toMatchObject({
      label: "Microsoft Excel",
      norm: "microsoft excel",
      source: "sash",
      category: "Office and productivity software",
    });

    expect(await seedSkillsLibrary(t.db)).toBe(LIBRARY_SKILLS.length);
    expect(await countSkills()).toBe(LIBRARY_SKILLS.length);
    expect(await countAliases()).toBe(aliases);
  });

  it("updates a reworded label and replaced aliases on the next seed", async () => {
    const small: LibrarySkill[] = [
      { id: "microsoft-excel", label: "Microsoft Excel", category: "Office", aliases: ["Excel", "MS Excel"] },
      {
        id: "cardiopulmonary-resuscitation",
        label: "Cardiopulmonary resuscitation",
        category: "Healthcare",
        aliases: ["CPR"],
      },
    ];
    await seedSkillsLibrary(t.db, small);
    await seedSkillsLibrary(t.db, [
      { ...small[0], label: "Microsoft Excel spreadsheets", aliases: ["Excel"] },
      small[1],
    ]);
    const rows = await loadSkillRows(t.db);
    expect(rows.find((r) => r.id === "microsoft-excel")).toMatchObject({
      label: "Microsoft Excel spreadsheets",
      aliases: ["Excel"],
    });
    expect(await countAliases()).toBe(2);
  });

  it("imports ESCO idempotently by concept URI, and updates what changed", async () => {
    const run = (file: string) => importSkills(t.db, "esco", parseSkillsFile("esco", createReadStream(file)));
    expect(await run(fixture("esco-skills-sample.csv"))).toEqual({ inserted: 5, updated: 0, skipped: 1 });
    expect(await run(fixture("esco-skills-sample.csv"))).toEqual({ inserted: 0, updated: 0, skipped: 6 });
    expect(await countSkills("esco")).toBe(5);

    const changed = readFileSync(fixture("esco-skills-sample.csv"), "utf8").replace(
      "manage music staff",
      "lead music staff",
    );
    const summary = await importSkills(t.db, "esco", parseSkillsFile("esco", [changed]));
    expect(summary).toEqual({ inserted: 0, updated: 1, skipped: 5 });
    const row = (await loadSkillRows(t.db)).find((r) => r.id === "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab");
    expect(row?.aliases?.slice().sort()).toEqual([
      "coordinate duties of musical staff",
      "direct musical staff",
      "lead music staff",
    ]);
  });

  it("keeps the shipped library beside a taxonomy imported before the library was ever seeded", async () => {
    await importSkills(t.db, "esco", parseSkillsFile("esco", createReadStream(fixture("esco-skills-sample.csv"))));
    expect(await countSkills("sash")).toBe(0);
    expect((await matchSkillText(t.db, "Python")).skill?.id).toBe("python");
    expect((await matchSkillText(t.db, "manage musical staff")).skill?.id).toBe(
      "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab",
    );
  });

  it("imports O*NET and Lightcast files idempotently", async () => {
    const onet = () =>
      importSkills(
        t.db,
        "onet",
        parseSkillsFile("onet", createReadStream(fixture("onet-technology-skills.txt")), "Technology Skills.txt"),
      );
    expect(await onet()).toEqual({ inserted: 4, updated: 0, skipped: 0 });
    expect(await onet()).toEqual({ inserted: 0, updated: 0, skipped: 4 });
    const lightcast = () =>
      importSkills(
        t.db,
        "lightcast",
        parseSkillsFile("lightcast", createReadStream(fixture("lightcast-skills-sample.json"))),
      );
    expect(await lightcast()).toEqual({ inserted: 3, updated: 0, skipped: 1 });
    expect(await lightcast()).toEqual({ inserted: 0, updated: 0, skipped: 4 });
    const [row] = await t.db.select().from(skills).where(eq(skills.id, "lightcast:KS120P86XDXZJT3B7KVJ"));
    expect(row).toMatchObject({
      source: "lightcast",
      sourceUri: "KS120P86XDXZJT3B7KVJ",
      label: "Python (Programming Language)",
    });
  });

  it("imports a few thousand ESCO rows in batches and reports progress", async () => {
    const progress: number[] = [];
    const summary = await importSkills(t.db, "esco", parseSkillsFile("esco", [syntheticEscoCsv(2500)]), {
      batchSize: 1000,
      onProgress: (n) => progress.push(n),
    });
    expect(summary).toEqual({ inserted: 2500, updated: 0, skipped: 0 });
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(await countSkills("esco")).toBe(2500);
  });

  it("serves the picker and matching from a cached index that picks up imports", async () => {
    await seedSkillsLibrary(t.db);
    const before = await getSkillIndex(t.db);
    expect(await getSkillIndex(t.db)).toBe(before);
    expect((await matchSkillText(t.db, "MS Excel")).skill?.id).toBe("microsoft-excel");
    expect(await searchSkills(t.db, "musical staff")).toEqual([]);

    await importSkills(t.db, "esco", parseSkillsFile("esco", createReadStream(fixture("esco-skills-sample.csv"))));
    const after = await getSkillIndex(t.db);
    expect(after).not.toBe(before);
    expect(after.size).toBe(LIBRARY_SKILLS.length + 5);
    const hits = await searchSkills(t.db, "music staff");
    expect(hits[0]).toMatchObject({
      id: "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab",
      label: "manage musical staff",
      source: "esco",
    });
    expect((await matchSkillText(t.db, "direct musical staff")).skill?.id).toBe(
      "esco:0005c151-5b5a-4a66-8aac-60e734beb1ab",
    );
    // The library still wins over an imported skill of the same name.
    expect((await matchSkillText(t.db, "Java")).skill?.id).toBe("java");
  });

  it("falls back to the shipped library when the skills table is empty", async () => {
    const index = await getSkillIndex(t.db);
    expect(index.size).toBe(LIBRARY_SKILLS.length);
  });
});

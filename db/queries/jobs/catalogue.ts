// Career pathways (read with the learner's fit) and the course and pathway
// catalogue upserts.
import { asc, inArray, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { courseSkills, courses, pathwaySteps, pathways } from "../../schema";
import { pathwayFit, resolveSkill, type PathwayFit } from "@/lib/fit";
import { getSkillIndex } from "../skills";
import { learnerSkillKeys } from "./learner";
import type { JobSkillRef } from "./search";

// ---- pathways ------------------------------------------------------------------------

export interface PathwayWithFit {
  id: string;
  title: string;
  description: string;
  steps: Array<{ position: number; role: string; description: string; skills: JobSkillRef[] }>;
  fit: PathwayFit;
}

export async function listPathways(
  db: Db,
  who: { userId?: string | null; skillKeys?: readonly string[] } = {},
): Promise<PathwayWithFit[]> {
  const keys = who.skillKeys ?? (who.userId ? await learnerSkillKeys(db, who.userId) : []);
  const [paths, steps] = await Promise.all([
    db.select().from(pathways).orderBy(asc(pathways.title)),
    db.select().from(pathwaySteps).orderBy(asc(pathwaySteps.pathwayId), asc(pathwaySteps.position)),
  ]);
  return paths.map((p) => {
    const own = steps
      .filter((s) => s.pathwayId === p.id)
      .map((s) => ({
        position: s.position,
        role: s.role,
        description: s.description,
        skills: s.skills.map((k) => ({ key: k.skillKey, name: k.name })),
      }));
    return { id: p.id, title: p.title, description: p.description, steps: own, fit: pathwayFit(keys, own) };
  });
}


export interface CatalogueCourse {
  id: string;
  title: string;
  provider: string;
  kind: "course" | "credential";
  length: string;
  cost: string;
  url: string | null;
  description: string;
  skills: string[];
}

export async function upsertCourses(db: Db, list: readonly CatalogueCourse[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(courses)
      .values(list.map(({ skills: _skills, ...c }) => c))
      .onConflictDoUpdate({
        target: courses.id,
        set: {
          title: sql`excluded.title`,
          provider: sql`excluded.provider`,
          kind: sql`excluded.kind`,
          length: sql`excluded.length`,
          cost: sql`excluded.cost`,
          url: sql`excluded.url`,
          description: sql`excluded.description`,
        },
      });
    await tx.delete(courseSkills).where(inArray(courseSkills.courseId, list.map((c) => c.id)));
    const rows = list.flatMap((c) => {
      const seen = new Map<string, string>();
      for (const name of c.skills) {
        const r = resolveSkill(name, index);
        if (!seen.has(r.key)) seen.set(r.key, r.skillId ? r.label : name);
      }
      return [...seen.entries()].map(([skillKey, name]) => ({ courseId: c.id, skillKey, name }));
    });
    for (let k = 0; k < rows.length; k += 2000) await tx.insert(courseSkills).values(rows.slice(k, k + 2000));
  });
  return list.length;
}

export interface CataloguePathway {
  id: string;
  title: string;
  description: string;
  steps: Array<{ role: string; description: string; skills: string[] }>;
}

export async function upsertPathways(db: Db, list: readonly CataloguePathway[]): Promise<number> {
  if (!list.length) return 0;
  const index = await getSkillIndex(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(pathways)
      .values(list.map(({ id, title, description }) => ({ id, title, description })))
      .onConflictDoUpdate({ target: pathways.id, set: { title: sql`excluded.title`, description: sql`excluded.description` } });
    await tx.delete(pathwaySteps).where(inArray(pathwaySteps.pathwayId, list.map((p) => p.id)));
    await tx.insert(pathwaySteps).values(
      list.flatMap((p) =>
        p.steps.map((st, position) => {
          const seen = new Map<string, string>();
          for (const name of st.skills) {
            const r = resolveSkill(name, index);
            if (!seen.has(r.key)) seen.set(r.key, r.skillId ? r.label : name);
          }
          return {
            pathwayId: p.id,
            position,
            role: st.role,
            description: st.description,
            skills: [...seen.entries()].map(([skillKey, name]) => ({ name, skillKey })),
          };
        }),
      ),
    );
  });
  return list.length;
}

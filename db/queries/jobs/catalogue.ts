// Career pathways and the course catalogue: reads, and upserts of rows whose
// skill names the caller has already resolved to keys (server/jobs/catalogue.ts).
import { asc, inArray, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { courseSkills, courses, pathwaySteps, pathways } from "../../schema";
import type { CatalogueCourse } from "@/lib/jobs/catalogue";
import type { JobSkillRef } from "./search";

export interface PathwayRow {
  id: string;
  title: string;
  description: string;
  steps: Array<{ position: number; role: string; description: string; skills: JobSkillRef[] }>;
}

/** Every pathway by title, each with its steps in order. */
export async function listPathwayRows(db: Db): Promise<PathwayRow[]> {
  const [paths, steps] = await Promise.all([
    db.select().from(pathways).orderBy(asc(pathways.title)),
    db.select().from(pathwaySteps).orderBy(asc(pathwaySteps.pathwayId), asc(pathwaySteps.position)),
  ]);
  return paths.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    steps: steps
      .filter((s) => s.pathwayId === p.id)
      .map((s) => ({
        position: s.position,
        role: s.role,
        description: s.description,
        skills: s.skills.map((k) => ({ key: k.skillKey, name: k.name })),
      })),
  }));
}

/** A catalogue course with its skills resolved: one entry per skill key. */
export interface CourseRow extends Omit<CatalogueCourse, "skills"> {
  skills: Array<{ skillKey: string; name: string }>;
}

/** Inserts or updates courses by id, replacing their skills, in one transaction. */
export async function upsertCourseRows(db: Db, list: readonly CourseRow[]): Promise<void> {
  if (!list.length) return;
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
    await tx.delete(courseSkills).where(
      inArray(
        courseSkills.courseId,
        list.map((c) => c.id),
      ),
    );
    const rows = list.flatMap((c) => c.skills.map((s) => ({ courseId: c.id, skillKey: s.skillKey, name: s.name })));
    for (let k = 0; k < rows.length; k += 2000) await tx.insert(courseSkills).values(rows.slice(k, k + 2000));
  });
}

/** A pathway with its steps' skills resolved: one entry per skill key. */
export interface PathwayInsert {
  id: string;
  title: string;
  description: string;
  steps: Array<{ role: string; description: string; skills: Array<{ name: string; skillKey: string }> }>;
}

/** Inserts or updates pathways by id, replacing their steps, in one transaction. */
export async function upsertPathwayRows(db: Db, list: readonly PathwayInsert[]): Promise<void> {
  if (!list.length) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(pathways)
      .values(list.map(({ id, title, description }) => ({ id, title, description })))
      .onConflictDoUpdate({
        target: pathways.id,
        set: { title: sql`excluded.title`, description: sql`excluded.description` },
      });
    await tx.delete(pathwaySteps).where(
      inArray(
        pathwaySteps.pathwayId,
        list.map((p) => p.id),
      ),
    );
    await tx.insert(pathwaySteps).values(
      list.flatMap((p) =>
        p.steps.map((st, position) => ({
          pathwayId: p.id,
          position,
          role: st.role,
          description: st.description,
          skills: st.skills,
        })),
      ),
    );
  });
}

// Demo data: the first start on an empty database and `npm run db:seed` (idempotent).
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appMeta, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { seedSkillsLibrary } from "./skills";
import { seedJobsCatalogue } from "./jobs";

export const DEMO_EMAIL = "demo@sash.local";
export const DEMO_PASSWORD = "sash-demo-2026";
export const DEMO_NAME = "Demo Learner";
/** Bump when the shipped reference data changes so existing deployments pick it up. */
export const SEED_VERSION = "2";

export interface SeedSummary {
  demoUser: "created" | "existing";
  skills: number;
  jobs: number;
}

export async function seed(db: Db): Promise<SeedSummary> {
  const skills = await seedSkillsLibrary(db);
  const jobs = await seedJobsCatalogue(db);
  let demoUser: SeedSummary["demoUser"] = "existing";
  const found = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${DEMO_EMAIL}`);
  if (!found.length) {
    await db
      .insert(users)
      .values({ name: DEMO_NAME, email: DEMO_EMAIL, passwordHash: await hashPassword(DEMO_PASSWORD) })
      .onConflictDoNothing();
    demoUser = "created";
  }
  await db
    .insert(appMeta)
    .values({ key: "seed_version", value: SEED_VERSION })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: SEED_VERSION } });
  return { demoUser, skills, jobs };
}

/** Seeds when the database has never been seeded at this version. */
export async function seedIfEmpty(db: Db): Promise<SeedSummary | null> {
  const row = await db.select().from(appMeta).where(eq(appMeta.key, "seed_version"));
  if (row[0]?.value === SEED_VERSION) return null;
  return seed(db);
}

// Demo data: the first start on an empty database and `npm run db:seed` (idempotent).
import type { Db } from "@/db/client";
import { readMeta, writeMeta } from "@/db/queries/meta";
import { clearPassword, findUserByEmail, insertPasswordUser } from "@/db/queries/users";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { seedSkillsLibrary } from "./skills";
import { seedJobsCatalogue } from "./jobs";
import { demoEnabled } from "./demo-mode";
import { seedDemoWallet } from "./demo-wallet";

export { demoEnabled };

export const DEMO_EMAIL = "demo@sash.local";
export const DEMO_PASSWORD = "sash-demo-2026";
export const DEMO_NAME = "Demo Learner";
/** Bump when the shipped reference data changes so existing deployments pick it up. */
export const SEED_VERSION = "2";
const SEED_VERSION_KEY = "seed_version";

export interface SeedSummary {
  /** "off": demo data isn't wanted here (see demoEnabled). */
  demoUser: "created" | "existing" | "off";
  skills: number;
  jobs: number;
}

async function ensureDemoUser(db: Db): Promise<"created" | "existing"> {
  const existing = await findUserByEmail(db, DEMO_EMAIL);
  if (!existing)
    await insertPasswordUser(db, {
      name: DEMO_NAME,
      email: DEMO_EMAIL,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
  // Issue #24: their wallet, filled once through the learner's own import path (demo-wallet.ts).
  const demo = existing ?? (await findUserByEmail(db, DEMO_EMAIL));
  if (demo) await seedDemoWallet(db, { id: demo.id, email: demo.email });
  return existing ? "existing" : "created";
}

/**
 * Where demo data is off, a demo learner left by an older version must not keep its
 * published password: the password is removed (the account and its data stay).
 */
async function retireDemoPassword(db: Db): Promise<boolean> {
  const demo = await findUserByEmail(db, DEMO_EMAIL);
  if (!demo?.passwordHash || !(await verifyPassword(DEMO_PASSWORD, demo.passwordHash))) return false;
  await clearPassword(db, demo.id);
  console.log(`sash: demo data is off here (SASH_DEMO unset): removed the published password of ${DEMO_EMAIL}`);
  return true;
}

export async function seed(db: Db, opts: { demo?: boolean } = {}): Promise<SeedSummary> {
  const skills = await seedSkillsLibrary(db);
  const jobs = await seedJobsCatalogue(db);
  const demo = opts.demo ?? demoEnabled();
  const demoUser = demo ? await ensureDemoUser(db) : "off";
  if (!demo) await retireDemoPassword(db);
  await writeMeta(db, SEED_VERSION_KEY, SEED_VERSION);
  return { demoUser, skills, jobs };
}

/** Seeds when the database has never been seeded at this version. */
export async function seedIfEmpty(db: Db, opts: { demo?: boolean } = {}): Promise<SeedSummary | null> {
  if ((await readMeta(db, SEED_VERSION_KEY)) === SEED_VERSION) {
    // Reference data is current; SASH_DEMO=1 set later still gets its demo learner.
    if (opts.demo ?? demoEnabled()) await ensureDemoUser(db);
    else await retireDemoPassword(db);
    return null;
  }
  return seed(db, opts);
}

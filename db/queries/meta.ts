// app_meta: small named values the app keeps about its own data (seed version,
// skills library hash, skills index version).
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta } from "../schema";

export async function readMeta(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key));
  return row?.value ?? null;
}

export async function writeMeta(db: Db, key: string, value: string): Promise<void> {
  await db.insert(appMeta).values({ key, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
}

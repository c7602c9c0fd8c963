import { getDbHandle } from "@/db/client";

export async function openDatabaseAtStartup(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const h = await getDbHandle();
    console.log(`sash: database ready (${h.kind})`);
  } catch (e) {
    console.error(`sash: cannot open the database: ${(e as Error).message}`);
    process.exit(1);
  }
}

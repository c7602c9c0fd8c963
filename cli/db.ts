// Opens the database for a CLI command (server/db.ts openDatabase, like the app; no seeding), with one
// clear line and exit code 1 when it can't be opened.
import type { DbHandle } from "@/db/client";
import { openDatabase } from "@/server/db";

export async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const { handle: h } = await openDatabase();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

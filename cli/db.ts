// Opens the database for a CLI command (same selection as the app), with one
// clear line and exit code 1 when it can't be opened.
import { openDb, type DbHandle } from "@/db/client";

export async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = await openDb();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

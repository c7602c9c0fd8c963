// What the authorization server's functions run against: the process database and the clock, unless a caller (a test,
// the CLI) passes its own. Lifetimes are fixed here (no configuration): codes 10 minutes, access tokens 1 hour,
// refresh tokens 90 days (each refresh rotates the pair and starts a new 90 days).
import type { Db } from "@/db/client";
import { getDb } from "@/server/db";

export interface OAuthDeps {
  db?: Db;
  now?: () => Date;
}

export const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_TTL_MS = 90 * 24 * 3600_000;

export async function resolve(deps: OAuthDeps = {}): Promise<{ db: Db; now: Date }> {
  return { db: deps.db ?? (await getDb()), now: deps.now ? deps.now() : new Date() };
}

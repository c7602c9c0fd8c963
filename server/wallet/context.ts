// The wallet service's context for a request: the database, the signed-in
// learner, and a fresh SSRF-safe fetcher (its cache lives for one import).
import "server-only";
import { getDb } from "@/server/db";
import { appFetcher } from "@/server/net";
import type { SessionUser } from "@/server/auth/session";
import type { WalletContext } from "@/server/wallet/types";

export async function walletContext(user: SessionUser): Promise<WalletContext> {
  return { db: await getDb(), user: { id: user.id, email: user.email }, fetcher: appFetcher() };
}

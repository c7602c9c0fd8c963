// The account service's context for a request: the database, the signed-in
// learner, the public origin for links in mails, and a fresh fetcher for the
// re-checks an address change triggers.
import "server-only";
import { getDb } from "@/server/db";
import { appFetcher } from "@/server/net";
import type { SessionUser } from "@/server/auth/session";
import { publicOrigin } from "@/server/request/origin";
import type { AccountContext } from "./addresses";

export async function accountContext(user: SessionUser): Promise<AccountContext> {
  return {
    db: await getDb(),
    user: { id: user.id, name: user.name, email: user.email },
    origin: publicOrigin(),
    fetcher: appFetcher(),
  };
}

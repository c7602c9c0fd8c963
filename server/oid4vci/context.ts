// The receive flow's context for a request: the wallet's (database, learner) and the one SSRF-safe
// fetcher, which here also POSTs (token and credential requests). Sash is its own OAuth client:
// its public origin is the client_id, /wallet/receive/callback the redirect URI.
import "server-only";
import { appFetcher } from "@/server/net";
import { publicOrigin } from "@/server/request/origin";
import type { SessionUser } from "@/server/auth/session";
import { walletContext } from "@/server/wallet/context";
import type { ReceiveContext } from "./receive";

export async function receiveContext(user: SessionUser): Promise<ReceiveContext> {
  const http = appFetcher();
  return { ...(await walletContext(user)), fetcher: http, http };
}

export function oauthClient(): { clientId: string; redirectUri: string } {
  const origin = publicOrigin();
  return { clientId: origin, redirectUri: `${origin}/wallet/receive/callback` };
}

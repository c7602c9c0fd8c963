// /account's "Connected applications" (issue #22 §1): the clients the learner granted, their scopes in plain words and
// last use, and "Disconnect", which revokes every grant and token of that client for this learner at once.
import { listConnectedApps, revokeClientForUser } from "@/db/queries/oauth";
import { resolve, type OAuthDeps } from "./deps";
import { describeScope } from "./scopes";

export interface ConnectedApp {
  /** The client's row id (what Disconnect names). */
  id: string;
  name: string;
  uri: string;
  scopes: string[];
  connectedAt: Date;
  lastUsedAt: Date | null;
}

export async function connectedApps(userId: string, deps?: OAuthDeps): Promise<ConnectedApp[]> {
  const { db } = await resolve(deps);
  return (await listConnectedApps(db, userId)).map((r) => ({
    id: r.clientRowId,
    name: r.clientName,
    uri: r.clientUri,
    scopes: r.scopes.map(describeScope),
    connectedAt: r.connectedAt,
    lastUsedAt: r.lastUsedAt,
  }));
}

/** Revokes all of this learner's grants to the client; false when there was nothing to revoke. */
export async function disconnectApp(userId: string, clientRowId: string, deps?: OAuthDeps): Promise<boolean> {
  const { db, now } = await resolve(deps);
  return (await revokeClientForUser(db, userId, clientRowId, now)) > 0;
}

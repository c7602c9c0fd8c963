// GET /oauth/metadata, also served at /.well-known/oauth-authorization-server (a rewrite in next.config.ts: a route
// folder under app/.well-known would sit outside the TypeScript project): RFC 8414 authorization server metadata,
// server/oauth/metadata.ts. Public, read by other servers.
import { route } from "@/server/http";
import { handleMetadata } from "@/server/oauth";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", sameOrigin: false, where: "oauth.metadata" }, async () => handleMetadata());

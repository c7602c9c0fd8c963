// POST /oauth/token (issue #22 §1): called by API clients from anywhere (not by Sash's pages), so no same-origin check;
// the client authenticates itself (HTTP Basic). The logic is server/oauth/endpoints.ts.
import { route } from "@/server/http";
import { handleToken } from "@/server/oauth";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "public", sameOrigin: false, where: "oauth.token" }, (req) => handleToken(req));

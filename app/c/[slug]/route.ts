// The public share page (issue #7). A route handler rather than a page: the
// HTML is static, has no client JavaScript, and carries a strict CSP.
import { CREDENTIAL_SHARE_ROUTES } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share page", errors: "page" },
  (req, { params: { slug } }) => CREDENTIAL_SHARE_ROUTES[""](req, slug),
);

// Open Graph image for a share link (PNG, cached under the link's tag).
import { CREDENTIAL_SHARE_ROUTES } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share og image", errors: "page" },
  (req, { params: { slug } }) => CREDENTIAL_SHARE_ROUTES.og(req, slug),
);

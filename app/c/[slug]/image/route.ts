// Public badge image: baked badges as issued, anything else re-encoded without metadata.
import { CREDENTIAL_SHARE_ROUTES } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share image", errors: "page" },
  (req, { params: { slug } }) => CREDENTIAL_SHARE_ROUTES.image(req, slug),
);

// Public badge download: the original baked file, byte for byte (issue #7 §2).
import { CREDENTIAL_SHARE_ROUTES } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share download", errors: "page" },
  (req, { params: { slug } }) => CREDENTIAL_SHARE_ROUTES.download(req, slug),
);

// Issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src).
import { CREDENTIAL_SHARE_ROUTES } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share issuer image", errors: "page" },
  (req, { params: { slug } }) => CREDENTIAL_SHARE_ROUTES["issuer-image"](req, slug),
);

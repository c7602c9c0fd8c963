// Issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src).
import { loadShareImage, binaryResponse } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share issuer image", errors: "page" },
  async (req, { params: { slug } }) => binaryResponse(req, await loadShareImage(slug, "issuer")),
);

// Issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src).
import { loadShareImage } from "@/server/share/cache";
import { binaryResponse } from "@/server/share/respond";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share issuer image", errors: "page" },
  async (req, { params: { slug } }) => binaryResponse(req, await loadShareImage(slug, "issuer")),
);

// Public badge image: baked badges as issued, anything else re-encoded without metadata.
import { loadShareImage, binaryResponse } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share image", errors: "page" },
  async (req, { params: { slug } }) => binaryResponse(req, await loadShareImage(slug, "badge")),
);

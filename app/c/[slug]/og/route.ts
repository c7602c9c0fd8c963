// Open Graph image for a share link (PNG, cached under the link's tag).
import { loadOgImage, renderOgImage, binaryResponse } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share og image", errors: "page" },
  async (req, { params: { slug } }) => binaryResponse(req, await loadOgImage(slug, renderOgImage)),
);

// Public badge download: the original baked file, byte for byte (issue #7 §2).
import { loadShareImage, binaryResponse } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share download", errors: "page" },
  async (req, { params: { slug } }) =>
    binaryResponse(req, await loadShareImage(slug, "download"), { attachment: true }),
);

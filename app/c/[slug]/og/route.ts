// Open Graph image for a share link (PNG, cached under the link's tag).
import { loadOgImage } from "@/server/share/cache";
import { renderOgImage } from "@/server/share/og";
import { binaryResponse } from "@/server/share/respond";
import { orUnavailable } from "@/server/errors";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return orUnavailable(async () => binaryResponse(req, await loadOgImage(slug, renderOgImage)));
}

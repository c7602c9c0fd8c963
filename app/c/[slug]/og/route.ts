// Open Graph image for a share link (PNG, cached under the link's tag).
import { loadOgImage } from "@/lib/share/cache";
import { renderOgImage } from "@/lib/share/og";
import { binaryResponse } from "@/lib/share/respond";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return binaryResponse(req, await loadOgImage(slug, renderOgImage));
}

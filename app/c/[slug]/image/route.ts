// Public badge image: baked badges as issued, anything else re-encoded without metadata.
import { loadShareImage } from "@/server/share/cache";
import { binaryResponse } from "@/server/share/respond";
import { orUnavailable } from "@/server/errors";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return orUnavailable(async () => binaryResponse(req, await loadShareImage(slug, "badge")));
}

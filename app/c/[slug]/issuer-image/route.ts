// Issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src).
import { loadShareImage } from "@/server/share/cache";
import { binaryResponse } from "@/server/share/respond";
import { orUnavailable } from "@/server/errors";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return orUnavailable(async () => binaryResponse(req, await loadShareImage(slug, "issuer")));
}

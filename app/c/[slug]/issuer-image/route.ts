// Issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src).
import { loadShareImage } from "@/server/share/cache";
import { binaryResponse } from "@/server/share/respond";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return binaryResponse(req, await loadShareImage(slug, "issuer"));
}

// Public badge download: the original baked file, byte for byte (issue #7 §2).
import { loadShareImage } from "@/server/share/cache";
import { binaryResponse } from "@/server/share/respond";
import { orUnavailable } from "@/server/errors";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return orUnavailable(async () => binaryResponse(req, await loadShareImage(slug, "download"), { attachment: true }));
}

// Absolute share URLs, on the app's configured public origin (server/request/origin.ts).
import { publicOrigin } from "@/server/request/origin";
import { sharePath } from "@/lib/share/url";

/** Full public URL of a share link, e.g. https://sash.example/c/Ab3…; */
export async function shareUrl(slug: string): Promise<string> {
  return `${publicOrigin()}${sharePath(slug)}`;
}

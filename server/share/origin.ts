// The origin for absolute share URLs in server components and actions.
import "server-only";
import { headers } from "next/headers";
import { shareOriginFrom, sharePath } from "@/lib/share/url";

export async function shareOrigin(): Promise<string> {
  const h = await headers();
  return shareOriginFrom(h.get("x-forwarded-host") ?? h.get("host"), h.get("x-forwarded-proto"));
}

/** Full public URL of a share link, e.g. https://sash.example/c/Ab3…; */
export async function shareUrl(slug: string): Promise<string> {
  return `${await shareOrigin()}${sharePath(slug)}`;
}

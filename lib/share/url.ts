// URL hygiene for attacker-controlled badge fields.

/** The URL if it parses and is http(s), else null (no javascript:, data:, file:, relative tricks). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value || typeof value !== "string" || value.length > 2048) return null;
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (u.username || u.password) return null;
  return u.toString();
}

/** Origin for absolute share URLs: NEXTAUTH_URL when set (trusted), else the request's Host. */
export function shareOriginFrom(
  host: string | null | undefined,
  proto: string | null | undefined,
  env = process.env,
): string {
  const configured = env.NEXTAUTH_URL || env.SASH_PUBLIC_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the request host
    }
  }
  const h = (host ?? "").split(",")[0].trim();
  // A Host header is client-controlled; accept only a plain host[:port].
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(h)) return "http://localhost:3000";
  const p = (proto ?? "").split(",")[0].trim() === "https" ? "https" : "http";
  return `${p}://${h}`;
}

/** The picture (public/credential-placeholder.svg) shown for a credential without an image of its own. */
export const CREDENTIAL_PLACEHOLDER_PATH = "/credential-placeholder.svg";

export function sharePath(slug: string): string {
  return `/c/${slug}`;
}

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

/** The picture (public/credential-placeholder.svg) shown for a credential without an image of its own. */
export const CREDENTIAL_PLACEHOLDER_PATH = "/credential-placeholder.svg";

export function sharePath(slug: string): string {
  return `/c/${slug}`;
}

/** The public verifier (issue #20 §6), linked from every share page as "Check any credential". */
export const VERIFY_PATH = "/verify";

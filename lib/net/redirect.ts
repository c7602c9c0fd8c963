// Where a sign-in may send the learner afterwards: only somewhere on this origin.
// Parsing with the URL parser (as the browser will) catches every spelling of
// another host: "//evil", "https://evil", "/\evil", tabs and newlines inside.

const MAX_CALLBACK_LENGTH = 2048;

/** The path (+ query + hash) `raw` leads to when it stays on `origin`; otherwise `fallback`. */
export function sameOriginPath(raw: unknown, origin: string, fallback = "/wallet"): string {
  if (typeof raw !== "string" || !raw || raw.length > MAX_CALLBACK_LENGTH) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path that would read as another host once decoded (a second decoding by some
  // hop, e.g. "/%5Cevil.example" → "/\evil.example") is refused as well.
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fallback;
  }
  if (/^[/\\]{2}/.test(decoded) || decoded.includes("\\")) return fallback;
  return path;
}

/** The same check for next-auth's redirect callback, which wants an absolute URL. */
export function sameOriginUrl(raw: unknown, origin: string, fallback = "/wallet"): string {
  return new URL(sameOriginPath(raw, origin, fallback), origin).toString();
}

// The original upload of a credential, for its owner only (anyone else: 404).
// Served byte for byte, with STORED_FILE_CSP (default-src 'none') so scripts inside an SVG
// never run (issue #6 §6, #25 §5d).
import { STORED_FILE_CSP } from "@/lib/security/headers";
import { route } from "@/server/http";
import { credentialFileFor } from "@/server/wallet";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}

function fileName(title: string, mimeType: string): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[^\w\- ]+/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "badge";
  return `${base}.${mimeType === "image/svg+xml" ? "svg" : "png"}`;
}

export const GET = route<{ id: string }>(
  { auth: "learner", sameOrigin: false, where: "credential file", errors: "page", unauthenticated: notFound },
  async (req, { params: { id }, user }) => {
    const file = await credentialFileFor(user, id);
    if (!file) return notFound();
    const headers = new Headers({
      "content-type": file.mimeType,
      "content-length": String(file.bytes.byteLength),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
      etag: `"${file.sha256}"`,
      // Every stored file (SVG above all) gets its own policy; proxy.ts sets the same one.
      "content-security-policy": STORED_FILE_CSP,
    });
    if (new URL(req.url).searchParams.has("download")) {
      const name = fileName(file.title, file.mimeType);
      headers.set(
        "content-disposition",
        `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    }
    if (req.headers.get("if-none-match") === `"${file.sha256}"`) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(file.bytes), { status: 200, headers });
  },
);

// A learner record's original file, for its owner only (anyone else: 404):
// the baked image, .json or .jwt as uploaded, or the payload as imported — byte
// for byte, always as a download (never rendered here).
import { STORED_FILE_CSP } from "@/lib/security/headers";
import { route } from "@/server/http";
import { learnerRecordFileFor } from "@/server/wallet";

export const dynamic = "force-dynamic";

const EXTENSION: Record<string, string> = {
  "image/png": "png",
  "image/svg+xml": "svg",
  "application/json": "json",
  "application/jwt": "jwt",
};

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}

export const GET = route<{ id: string }>(
  { auth: "learner", sameOrigin: false, where: "learner record file", errors: "page", unauthenticated: notFound },
  async (_req, { params: { id }, user }) => {
    const file = await learnerRecordFileFor(user, id);
    if (!file) return notFound();
    const base =
      file.title
        .normalize("NFKD")
        .replace(/[^\w\- ]+/g, "")
        .trim()
        .replace(/\s+/g, "-")
        .slice(0, 80) || "learner-record";
    const name = `${base}.${EXTENSION[file.mimeType] ?? "bin"}`;
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "content-type": file.mimeType,
        "content-length": String(file.bytes.byteLength),
        "content-disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "content-security-policy": STORED_FILE_CSP,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-cache",
      },
    });
  },
);

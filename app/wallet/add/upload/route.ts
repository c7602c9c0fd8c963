// POST the badge image's raw bytes here (XMLHttpRequest, so the page can show
// upload progress). Answers the same StageResult as the server actions, as JSON.
import type { SessionUser } from "@/server/auth";
import { DEFAULT_MESSAGES } from "@/lib/badges/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import { stageFile, walletContext, acquireUploadSlot, busyMessage } from "@/server/wallet";
import { readBodyCapped } from "@/server/request";
import { jsonError, jsonResponse, route } from "@/server/http";

export const dynamic = "force-dynamic";

// Route handlers get no built-in CSRF check (server actions do): the wrapper takes only requests from this app's
// configured public origin, never one derived from forwarded headers. A failure of staging is a coded JSON error
// (exposed badge errors keep their code and words; the rest is logged under a reference, never the bytes).
export const POST = route(
  {
    auth: "learner",
    sameOrigin: true,
    where: "upload",
    forbidden: () => jsonError(403, "FORBIDDEN", "This upload didn't come from Sash."),
  },
  async (req, { user }) => {
    // Bounded work (issue #12 §2): a few uploads per learner and per server at once, before reading any bytes.
    const slot = acquireUploadSlot(user.id);
    if (!slot.ok) return jsonError(429, "TOO_MANY_UPLOADS", busyMessage(slot), { "retry-after": "5" });
    try {
      return await receive(req, user);
    } finally {
      slot.release();
    }
  },
);

async function receive(req: Request, user: SessionUser): Promise<Response> {
  let bytes: Uint8Array | "too-large";
  try {
    bytes = await readBodyCapped(req, MAX_UPLOAD_BYTES);
  } catch {
    return jsonError(400, "UPLOAD_FAILED", "The upload didn't finish. Please try again.");
  }
  if (bytes === "too-large") return jsonError(413, "PAYLOAD_TOO_LARGE", DEFAULT_MESSAGES.PAYLOAD_TOO_LARGE);
  const result = await stageFile(await walletContext(user), bytes);
  return jsonResponse(200, { ok: true, data: result });
}

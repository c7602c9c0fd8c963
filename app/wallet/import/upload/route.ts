// POST a "Download everything" ZIP's raw bytes here to restore it into the
// signed-in learner's wallet (issue #13 §6). Answers JSON: the summary, or a
// coded, learner-facing refusal (nothing is written then).
import { getCurrentUser } from "@/server/auth";
import { walletContext, acquireUploadSlot, busyMessage, walletQuota } from "@/server/wallet";
import { publicOrigin, readBodyCapped } from "@/server/request";
import { restoreWalletZip, refreshRecordPage } from "@/server/record";
import { toPublicFailure } from "@/server/errors";

export const dynamic = "force-dynamic";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export async function POST(req: Request): Promise<Response> {
  // Route handlers get no built-in CSRF check: only requests from Sash's own pages.
  if (req.headers.get("origin") !== publicOrigin())
    return json(403, { ok: false, code: "FORBIDDEN", message: "This upload didn't come from Sash." });
  const user = await getCurrentUser();
  if (!user)
    return json(401, { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Please sign in again." });
  const slot = acquireUploadSlot(user.id);
  if (!slot.ok) return json(429, { ok: false, code: "TOO_MANY_UPLOADS", message: busyMessage(slot) });
  try {
    // The archive may hold up to the wallet's storage quota, plus the text payloads and the index.
    const cap = walletQuota().maxBytes + 32 * 1024 * 1024;
    let bytes: Uint8Array | "too-large";
    try {
      bytes = await readBodyCapped(req, cap);
    } catch {
      return json(400, { ok: false, code: "UPLOAD_FAILED", message: "The upload didn't finish. Please try again." });
    }
    if (bytes === "too-large")
      return json(413, {
        ok: false,
        code: "PAYLOAD_TOO_LARGE",
        message: "This ZIP is larger than your wallet can hold.",
      });
    try {
      const summary = await restoreWalletZip(await walletContext(user), bytes);
      refreshRecordPage();
      return json(200, { ok: true, data: summary });
    } catch (e) {
      const failure = toPublicFailure(e, "restore");
      return json(failure.status, { ok: false, code: failure.code, message: failure.message });
    }
  } finally {
    slot.release();
  }
}

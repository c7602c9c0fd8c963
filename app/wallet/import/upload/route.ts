// POST a "Download everything" ZIP's raw bytes here to restore it into the
// signed-in learner's wallet (issue #13 §6). Answers JSON: the summary, or a
// coded, learner-facing refusal (nothing is written then).
import { walletContext, acquireUploadSlot, busyMessage, walletQuota } from "@/server/wallet";
import { readBodyCapped } from "@/server/request";
import { restoreWalletZip, refreshPortfolioPage } from "@/server/portfolio";
import { jsonError, jsonResponse, route } from "@/server/http";

export const dynamic = "force-dynamic";

// Route handlers get no built-in CSRF check: the wrapper takes only requests from Sash's own pages. A failure of the
// restore is a coded JSON error (exposed codes keep their words; the rest is logged under a reference).
export const POST = route(
  {
    auth: "learner",
    sameOrigin: true,
    where: "restore",
    forbidden: () => jsonError(403, "FORBIDDEN", "This upload didn't come from Sash."),
  },
  async (req, { user }) => {
    const slot = acquireUploadSlot(user.id);
    if (!slot.ok) return jsonError(429, "TOO_MANY_UPLOADS", busyMessage(slot));
    try {
      // The archive may hold up to the wallet's storage quota, plus the text payloads and the index.
      const cap = walletQuota().maxBytes + 32 * 1024 * 1024;
      let bytes: Uint8Array | "too-large";
      try {
        bytes = await readBodyCapped(req, cap);
      } catch {
        return jsonError(400, "UPLOAD_FAILED", "The upload didn't finish. Please try again.");
      }
      if (bytes === "too-large")
        return jsonError(413, "PAYLOAD_TOO_LARGE", "This ZIP is larger than your wallet can hold.");
      const summary = await restoreWalletZip(await walletContext(user), bytes);
      refreshPortfolioPage();
      return jsonResponse(200, { ok: true, data: summary });
    } finally {
      slot.release();
    }
  },
);

// POST the badge image's raw bytes here (XMLHttpRequest, so the page can show
// upload progress). Answers the same StageResult as the server actions, as JSON.
import { getCurrentUser } from "@/server/auth";
import { DEFAULT_MESSAGES, isSashError } from "@/lib/badges/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import { stageFile, walletContext, acquireUploadSlot, busyMessage } from "@/server/wallet";
import { publicOrigin, readBodyCapped } from "@/server/request";
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

function fail(status: number, code: string, message: string): Response {
  return json(status, { ok: false, code, message });
}

/**
 * Route handlers get no built-in CSRF check (server actions do): require a request from
 * this app's configured public origin (NEXTAUTH_URL), never one derived from forwarded headers.
 */
function sameOrigin(req: Request): boolean {
  return req.headers.get("origin") === publicOrigin();
}

export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return fail(403, "FORBIDDEN", "This upload didn't come from Sash.");
  const user = await getCurrentUser();
  if (!user) return fail(401, "UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  // Bounded work (issue #12 §2): a few uploads per learner and per server at once, before reading any bytes.
  const slot = acquireUploadSlot(user.id);
  if (!slot.ok) {
    return new Response(JSON.stringify({ ok: false, code: "TOO_MANY_UPLOADS", message: busyMessage(slot) }), {
      status: 429,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "5" },
    });
  }
  try {
    return await receive(req, user);
  } finally {
    slot.release();
  }
}

async function receive(req: Request, user: NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>): Promise<Response> {
  let bytes: Uint8Array | "too-large";
  try {
    bytes = await readBodyCapped(req, MAX_UPLOAD_BYTES);
  } catch {
    return fail(400, "UPLOAD_FAILED", "The upload didn't finish. Please try again.");
  }
  if (bytes === "too-large") return fail(413, "PAYLOAD_TOO_LARGE", DEFAULT_MESSAGES.PAYLOAD_TOO_LARGE);
  try {
    const result = await stageFile(await walletContext(user), bytes);
    return json(200, { ok: true, data: result });
  } catch (e) {
    if (isSashError(e)) return fail(422, e.code, e.message);
    // Only exposed messages reach the learner; the rest is logged under a reference (never the bytes).
    const failure = toPublicFailure(e, "upload");
    return fail(failure.status, failure.code, failure.message);
  }
}

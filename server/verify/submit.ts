// A submission of the public verifier's form (/verify, issue #20 §6), bounded like an
// upload: counted per client address in the database's rate-limit windows (the same
// counters as sign-in and sign-up, db/queries/rate-limits.ts), one of the upload slots
// in flight (server/wallet/inflight.ts, keyed by the client address instead of a
// learner), and a body read under the upload size limit (server/request/body.ts).
// Nothing of the submission is stored; a share link of this Sash is read from its
// share data (db/queries/share.ts), never fetched over HTTP.
import type { Db } from "@/db/client";
import { getSharedCredential } from "@/db/queries/share";
import { SashError } from "@/lib/badges/errors";
import { MAX_PAYLOAD_BYTES } from "@/lib/badges/limits";
import type { Fetcher } from "@/lib/badges/types";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import { hitRateLimit, sweepRateLimitsIfDue, type Limit } from "@/server/auth/rate-limit";
import { readBodyCapped } from "@/server/request/body";
import { acquireUploadSlot, busyMessage } from "@/server/wallet/inflight";
import { verifyInput, type VerifierResult, type VerifyInput } from "./service";

/** Checks per client address: 30 in 10 minutes (each may fetch an issuer's documents). */
export const VERIFY_RATE_LIMIT: Limit = { max: 30, windowSeconds: 10 * 60 };

/** The form's body: a file up to the upload limit, pasted text up to the payload limit, and the multipart framing. */
export const MAX_VERIFY_BODY_BYTES = MAX_UPLOAD_BYTES + MAX_PAYLOAD_BYTES + 64 * 1024;

export interface SubmitDeps {
  db: Db;
  /** The client address rate limits count against (server/request/client-address.ts). */
  clientAddress: string;
  /** This Sash's public origin: a pasted link on it is a share link. */
  origin: string;
  fetcher?: Fetcher;
  registries?: IssuerRegistries | null;
  now?: Date;
  limit?: Limit;
}

/** The form's fields, read from a POST body under MAX_VERIFY_BODY_BYTES. Throws coded, exposed errors. */
export async function readVerifyForm(req: Request): Promise<{ bytes: Uint8Array | null; text: string; email: string }> {
  const body = await readBodyCapped(req, MAX_VERIFY_BODY_BYTES);
  if (body === "too-large") throw new SashError("PAYLOAD_TOO_LARGE");
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new AppError("INVALID_INPUT", "The form didn't arrive whole. Please try again.", {
      expose: true,
      status: 400,
    });
  }
  const file = form.get("file");
  const text = form.get("text");
  const email = form.get("email");
  const bytes = file && typeof file === "object" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  if (bytes && bytes.byteLength > MAX_UPLOAD_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
  const pasted = typeof text === "string" ? text : "";
  if (new TextEncoder().encode(pasted).byteLength > MAX_PAYLOAD_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
  return { bytes, text: pasted, email: typeof email === "string" ? email : "" };
}

/**
 * One check for one client: refused with RATE_LIMITED (429) past VERIFY_RATE_LIMIT, or
 * TOO_MANY_UPLOADS (429) while the server's upload slots are taken; else verifyInput.
 */
export async function verifySubmission(input: VerifyInput, deps: SubmitDeps): Promise<VerifierResult> {
  await sweepRateLimitsIfDue(deps.db);
  if (!(await hitRateLimit(deps.db, `verify:ip:${deps.clientAddress}`, deps.limit ?? VERIFY_RATE_LIMIT)))
    throw new AppError(
      "RATE_LIMITED",
      "Too many checks from your address in a short time. Please wait a few minutes and try again.",
      {
        expose: true,
        status: 429,
      },
    );
  const slot = acquireUploadSlot(`verify:${deps.clientAddress}`);
  if (!slot.ok)
    throw new AppError("TOO_MANY_UPLOADS", busyMessage({ reason: "server", limit: slot.limit }), {
      expose: true,
      status: 429,
    });
  try {
    return await verifyInput(input, {
      fetcher: deps.fetcher,
      registries: deps.registries,
      now: deps.now,
      origin: deps.origin,
      sharedPayload: async (slug) => {
        const row = await getSharedCredential(deps.db, slug);
        return row ? (row.raw ?? "") : null;
      },
    });
  } finally {
    slot.release();
  }
}

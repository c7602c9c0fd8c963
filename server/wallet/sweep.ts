// Staged uploads expire (STAGING_TTL_MS) and are swept: on every new upload
// (server/wallet/staging.ts housekeeping) and, so an idle server frees them too,
// every SASH_UPLOAD_SWEEP_MINUTES (default 10) in the server process.
import type { Db } from "@/db/client";
import { sweepExpiredUploads } from "@/db/queries/uploads";
import { config } from "@/server/config";

const g = globalThis as unknown as { __sashUploadSweeper?: NodeJS.Timeout };

export function startUploadSweeper(db: Db, minutes = config().SASH_UPLOAD_SWEEP_MINUTES): void {
  if (g.__sashUploadSweeper) return;
  g.__sashUploadSweeper = setInterval(() => {
    sweepExpiredUploads(db).then(
      (n) => {
        if (n > 0) console.log(`sash: swept ${n} expired staged upload(s)`);
      },
      (e: Error) => console.error(`sash: sweeping expired uploads failed: ${e.message}`),
    );
  }, minutes * 60_000);
  g.__sashUploadSweeper.unref();
}

/** Stops the timer (tests). */
export function stopUploadSweeper(): void {
  if (g.__sashUploadSweeper) clearInterval(g.__sashUploadSweeper);
  g.__sashUploadSweeper = undefined;
}

// Per-learner wallet quotas (issue #12 §2), enforced inside the save
// transaction (db/queries/credentials.ts insertCredential):
//   SASH_MAX_CREDENTIALS  credentials per learner (default 1,000)
//   SASH_MAX_STORAGE_MB   megabytes of stored badge files per learner (default 200)
import type { QuotaExceededError, WalletQuota } from "@/db/queries/credentials";
import { configFrom, type Env } from "@/server/config";

const MB = 1024 * 1024;

export function walletQuota(env?: Env): WalletQuota {
  const c = configFrom(env);
  return { maxCredentials: c.SASH_MAX_CREDENTIALS, maxBytes: Math.floor(c.SASH_MAX_STORAGE_MB * MB) };
}

function mb(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  const v = bytes / MB;
  return `${v >= 10 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} MB`;
}

/** What the learner reads when a save would pass a quota. */
export function quotaMessage(e: QuotaExceededError): string {
  if (e.kind === "credentials") {
    return (
      `Your wallet already holds ${e.used.toLocaleString("en")} credentials, the most it can keep ` +
      `(${e.limit.toLocaleString("en")}). Delete one you no longer need, then add this one again.`
    );
  }
  return (
    `This badge image (${mb(e.adding)}) doesn't fit: your wallet's files use ${mb(e.used)} of your ${mb(e.limit)}. ` +
    `Delete a credential you no longer need to make room, then add this one again.`
  );
}

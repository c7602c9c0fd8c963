// Re-verification of stored credentials (issue #11 §2 and §4): the same checks
// as an import, against the learner's VERIFIED addresses only, run for one
// learner when an address becomes verified and for every credential on a
// schedule (see ./scheduler.ts). A credential that turns revoked or expired
// gets a notice the wallet shows.
import type { Db } from "@/db/client";
import { listVerifiedEmails } from "@/db/queries/emails";
import {
  listDueRechecks,
  listIssuerRechecks,
  listLearnerRechecks,
  saveRecheck,
  type RecheckRow,
} from "@/db/queries/reverify";
import type { Fetcher } from "@/lib/badges/types";
import { verifyOffThread } from "@/server/workers/offload";
import { forLearner } from "@/lib/trust/result";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { configFrom, type Env } from "@/server/config";
import { configuredIssuerRegistries } from "@/server/net";
import { learnerDids } from "@/server/presentation/keys";

/** Environment variables (process.env when omitted, or a plain object in tests); parsed by server/config.ts. */
export type { Env };

export interface ReverifyOptions {
  fetcher?: Fetcher;
  now?: () => Date;
}

export interface ReverifySummary {
  checked: number;
  /** Share links whose page shows the new result. */
  slugs: string[];
  newlyRevoked: number;
  newlyExpired: number;
}

function statusOf(report: VerificationReport | null, id: "revocation" | "expiry"): string | undefined {
  return report?.checks?.find((c) => c.id === id)?.status;
}

/** The notice a new report deserves, compared with the one before it. */
export function noticeFor(before: VerificationReport | null, after: VerificationReport): "revoked" | "expired" | null {
  if (statusOf(after, "revocation") === "fail" && statusOf(before, "revocation") !== "fail") return "revoked";
  if (statusOf(after, "expiry") === "fail" && statusOf(before, "expiry") !== "fail") return "expired";
  return null;
}

async function recheckRows(db: Db, rows: RecheckRow[], opts: ReverifyOptions): Promise<ReverifySummary> {
  const out: ReverifySummary = { checked: 0, slugs: [], newlyRevoked: 0, newlyExpired: 0 };
  const emailsByUser = new Map<string, string[]>();
  const didsByUser = new Map<string, string[]>();
  for (const row of rows) {
    let emails = emailsByUser.get(row.userId);
    if (!emails) {
      emails = await listVerifiedEmails(db, row.userId);
      emailsByUser.set(row.userId, emails);
    }
    let dids = didsByUser.get(row.userId);
    if (!dids) {
      dids = await learnerDids(db, row.userId);
      didsByUser.set(row.userId, dids);
    }
    const report = forLearner(
      await verifyOffThread(row.record, {
        fetcher: opts.fetcher,
        recipientEmails: emails,
        recipientDids: dids,
        now: opts.now?.(),
        registries: await configuredIssuerRegistries(),
      }),
    );
    const notice = noticeFor(row.verification, report);
    const stillBad = statusOf(report, "revocation") === "fail" || statusOf(report, "expiry") === "fail";
    await saveRecheck(db, row.id, report, notice, stillBad);
    out.checked++;
    out.slugs.push(row.shareSlug);
    if (notice === "revoked") out.newlyRevoked++;
    if (notice === "expired") out.newlyExpired++;
  }
  return out;
}

/** Every credential of one learner, at once (an address was just verified or removed). */
export async function reverifyLearner(db: Db, userId: string, opts: ReverifyOptions = {}): Promise<ReverifySummary> {
  return recheckRows(db, await listLearnerRechecks(db, userId), opts);
}

/**
 * Issue #20 item 2: every credential whose stored report bound one of `issuerIds`, at once
 * (a known-issuer registry changed what it says about them: server/trust/refresh.ts).
 */
export async function reverifyIssuers(
  db: Db,
  issuerIds: readonly string[],
  opts: ReverifyOptions = {},
): Promise<ReverifySummary> {
  return recheckRows(db, await listIssuerRechecks(db, issuerIds), opts);
}

export function reverifyIntervalHours(env?: Env): number {
  return configFrom(env).SASH_REVERIFY_HOURS;
}

/**
 * One pass of the schedule: every credential last checked more than
 * `intervalHours` ago, in batches, oldest first.
 */
export async function reverifyDue(
  db: Db,
  opts: ReverifyOptions & { intervalHours?: number; batch?: number; maxBatches?: number } = {},
): Promise<ReverifySummary> {
  const now = opts.now?.() ?? new Date();
  const before = new Date(now.getTime() - (opts.intervalHours ?? reverifyIntervalHours()) * 3_600_000);
  const total: ReverifySummary = { checked: 0, slugs: [], newlyRevoked: 0, newlyExpired: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 1000); i++) {
    const rows = await listDueRechecks(db, before, opts.batch ?? 50);
    if (!rows.length) break;
    const s = await recheckRows(db, rows, opts);
    total.checked += s.checked;
    total.slugs.push(...s.slugs);
    total.newlyRevoked += s.newlyRevoked;
    total.newlyExpired += s.newlyExpired;
  }
  return total;
}

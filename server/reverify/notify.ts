// Mail about what changed (issue #21 §3). After each re-verification pass, a learner whose
// credentials turned revoked, expired, or expiring within SASH_EXPIRY_NOTICE_DAYS gets ONE mail
// listing them (a link to each credential), at most one a day: changes found while a mail went out
// less than 24 hours ago wait for the next one. Each credential remembers the status it was last
// mailed about (credentials.notified_status), so a change is mailed once; a credential that is fine
// again forgets it. Only learners who left "Email me about my credentials" on (users.notify_credentials)
// and aren't disabled are mailed, at their account address. Every mail carries a one-click
// unsubscribe link (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058) holding a signed token.
// Like every mail, it holds no text a learner or issuer wrote: links and dates only.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import {
  clearNotifiedStatuses,
  listNotifyCredentials,
  listNotifyLearners,
  markNotified,
  setNotifySetting,
  type NotifyCredentialRow,
} from "@/db/queries/admin";
import { storedStatus } from "@/lib/trust/status";
import { authSecret } from "@/server/auth/secret";
import { configFrom, type Env } from "@/server/config";
import { sendMail, type MailMessage, type SentMail } from "@/server/mail/send";
import { publicOrigin } from "@/server/request/origin";

export type MailStatus = "revoked" | "expired" | "expiring";

const DAY_MS = 24 * 3600 * 1000;

/** What a credential's mail would say at `now`, or null when there is nothing to tell. */
export function mailStatusOf(row: NotifyCredentialRow, now: Date, noticeDays: number): MailStatus | null {
  const status = storedStatus(row, now);
  if (status.reason === "REVOKED") return "revoked";
  if (status.reason === "EXPIRED") return "expired";
  if (
    row.expires &&
    row.expires.getTime() > now.getTime() &&
    row.expires.getTime() - now.getTime() <= noticeDays * DAY_MS
  )
    return "expiring";
  return null;
}

// ---- The unsubscribe token -----------------------------------------------------------------------------------------

function tokenKey(): Buffer {
  return createHmac("sha256", authSecret()).update("sash:unsubscribe-key:v1").digest();
}

function sign(userId: string): string {
  return createHmac("sha256", tokenKey()).update(`unsubscribe:${userId}`).digest("base64url");
}

/** A token naming the learner, signed with a key derived from AUTH_SECRET: `<user id>.<signature>`. */
export function unsubscribeToken(userId: string): string {
  return `${userId}.${sign(userId)}`;
}

/** The learner a token names, or null when it isn't one Sash signed. */
export function userOfUnsubscribeToken(token: string): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/i.exec(token.trim());
  if (!m) return null;
  const expected = Buffer.from(sign(m[1]!.toLowerCase()));
  const got = Buffer.from(m[2]!);
  return expected.length === got.length && timingSafeEqual(expected, got) ? m[1]!.toLowerCase() : null;
}

export function unsubscribeUrl(userId: string, env?: Env): string {
  return `${publicOrigin(env)}/unsubscribe?t=${encodeURIComponent(unsubscribeToken(userId))}`;
}

/** Turns credential mail off for the learner the token names; false for a token Sash didn't sign or an unknown learner. */
export async function unsubscribeByToken(db: Db, token: string): Promise<boolean> {
  const userId = userOfUnsubscribeToken(token);
  if (!userId) return false;
  return setNotifySetting(db, userId, false);
}

// ---- The mail ------------------------------------------------------------------------------------------------------

const dateWords = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function lineFor(c: { id: string; status: MailStatus; expires: Date | null }, origin: string): string {
  const link = `${origin}/wallet/c/${c.id}`;
  if (c.status === "revoked") return `- Revoked by its issuer: ${link}`;
  if (c.status === "expired") return `- Expired${c.expires ? ` on ${dateWords(c.expires)}` : ""}: ${link}`;
  return `- Expires on ${dateWords(c.expires!)}: ${link}`;
}

export function credentialMail(
  to: string,
  userId: string,
  changes: Array<{ id: string; status: MailStatus; expires: Date | null }>,
  env?: Env,
): MailMessage {
  const origin = publicOrigin(env);
  const unsubscribe = unsubscribeUrl(userId, env);
  const n = changes.length;
  return {
    to,
    subject: n === 1 ? "A credential in your Sash wallet changed" : `${n} credentials in your Sash wallet changed`,
    text:
      `Sash checks the credentials in your wallet again every day. Since we last wrote, ` +
      `${n === 1 ? "this credential" : "these credentials"} changed:\n\n` +
      changes.map((c) => lineFor(c, origin)).join("\n") +
      `\n\nOpen each link to see the credential and what its issuer says now (you may need to sign in).\n\n` +
      `You get at most one of these emails a day. To stop them, open this link:\n${unsubscribe}\n` +
      `or turn off "Email me about my credentials" on your Account page: ${origin}/account\n`,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

export interface NotifyOptions {
  now?: Date;
  /** Only these learners (default: every learner who wants mail). */
  userIds?: string[];
  env?: Env;
  send?: (msg: MailMessage) => Promise<SentMail>;
}

export interface NotifySummary {
  mailed: number;
  credentials: number;
}

/** One pass: mails each learner with news, if they weren't mailed in the last 24 hours. */
export async function sendCredentialMail(db: Db, opts: NotifyOptions = {}): Promise<NotifySummary> {
  const now = opts.now ?? new Date();
  const noticeDays = configFrom(opts.env).SASH_EXPIRY_NOTICE_DAYS;
  const send = opts.send ?? ((m: MailMessage) => sendMail(m, opts.env));
  const out: NotifySummary = { mailed: 0, credentials: 0 };
  const learners = await listNotifyLearners(
    db,
    new Date(now.getTime() - DAY_MS),
    new Date(now.getTime() + noticeDays * DAY_MS),
    opts.userIds,
  );
  for (const learner of learners) {
    const rows = await listNotifyCredentials(db, learner.id);
    const changes: Array<{ id: string; status: MailStatus; expires: Date | null }> = [];
    const fineAgain: string[] = [];
    for (const row of rows) {
      const status = mailStatusOf(row, now, noticeDays);
      if (status && status !== row.notifiedStatus) changes.push({ id: row.id, status, expires: row.expires });
      else if (!status && row.notifiedStatus) fineAgain.push(row.id);
    }
    await clearNotifiedStatuses(db, learner.id, fineAgain);
    if (!changes.length) continue;
    await send(credentialMail(learner.email, learner.id, changes, opts.env));
    await markNotified(
      db,
      learner.id,
      now,
      changes.map((c) => ({ id: c.id, status: c.status })),
    );
    out.mailed++;
    out.credentials += changes.length;
  }
  return out;
}

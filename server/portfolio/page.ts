// The portfolio page (/record, issue #13 §5) for the signed-in learner, and its
// share link: off by default, an unguessable slug (lib/share/slug), turned on
// and off by the learner, and gone at once when off (the share cache drops the
// slug here directly and on every other process through migration 0008's NOTIFY).
import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/server/db";
import {
  ensureRecordShare,
  getRecordRows,
  replaceRecordShareSlug,
  setRecordShareEnabled,
  type RecordShareSettings,
} from "@/db/queries/portfolio";
import type { SessionUser } from "@/server/auth/session";
import { buildPortfolioView, type PortfolioView } from "@/lib/portfolio/view";
import { newShareSlug } from "@/lib/share/slug";
import { revalidateShare } from "@/server/share/revalidate";

export type { RecordShareSettings } from "@/db/queries/portfolio";

/** Where the public copy of a portfolio lives. */
export function portfolioSharePath(slug: string): string {
  return `/r/${slug}`;
}

/** Everything in the learner's wallet, grouped for the portfolio page. */
export async function portfolioView(user: SessionUser, now: Date = new Date()): Promise<PortfolioView> {
  const rows = await getRecordRows(await getDb(), user.id);
  return buildPortfolioView(rows ?? { learnerName: user.name, credentials: [], skills: [], learnerRecords: [] }, now);
}

/** The learner's portfolio link settings (the row is made, switched off, the first time). */
export async function portfolioShareSettings(user: SessionUser): Promise<RecordShareSettings> {
  return ensureRecordShare(await getDb(), user.id, newShareSlug());
}

export async function setPortfolioSharing(user: SessionUser, enabled: boolean): Promise<RecordShareSettings | null> {
  const db = await getDb();
  await ensureRecordShare(db, user.id, newShareSlug());
  const s = await setRecordShareEnabled(db, user.id, enabled);
  if (s) revalidateShare(s.slug);
  return s;
}

/** A new link: the old one stops working at once. */
export async function renewPortfolioLink(user: SessionUser): Promise<RecordShareSettings | null> {
  const db = await getDb();
  await ensureRecordShare(db, user.id, newShareSlug());
  const r = await replaceRecordShareSlug(db, user.id, newShareSlug());
  if (!r) return null;
  revalidateShare(r.oldSlug);
  revalidateShare(r.settings.slug);
  return r.settings;
}

/** After a share change or a restore: the portfolio page (and, after a restore, the wallet) shows it. */
export function refreshPortfolioPage(): void {
  revalidatePath("/record");
  revalidatePath("/wallet");
}

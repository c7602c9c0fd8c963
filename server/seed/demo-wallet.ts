// The demo learner's wallet (issue #24): where demo data is on, the demo learner
// starts with a signed OB 3.0 badge, a CLR 2.0 transcript, a signed OB 2.0 badge
// (all "Verified", known issuer · Sash demo issuers), an entry typed in by hand
// (self-asserted), and an OB 3.0 VC-JWT issued to an address they haven't
// confirmed ("Not verified", with the offer to add that address).
//
// Nothing is written by hand: the sign-up address is confirmed through the
// confirmation link's own service (confirmEmail), each file in
// data/demo/wallet.json goes through the learner's import path (stageFile →
// saveStagedImport, as the Upload and Submit buttons do), the hand-typed entry
// through the manual-entry form's service (stageManual → saveStagedImport), and
// the whole-record share link is turned on as the /record switch does. Run once
// per database (meta key `demo_wallet`): a second start adds nothing, and what the
// demo learner deletes stays deleted.
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { insertUserEmail, insertVerificationToken, listVerifiedEmails } from "@/db/queries/emails";
import { readMeta, writeMeta } from "@/db/queries/meta";
import { ensureRecordShare, setRecordShareEnabled } from "@/db/queries/portfolio";
import { newShareSlug } from "@/lib/share/slug";
import { DEMO_MANUAL_ENTRY, type DemoWalletFile } from "@/data/demo/demo";
import wallet from "@/data/demo/wallet.json";
import { confirmEmail, hashToken, VERIFY_LINK_TTL_MS } from "@/server/account/addresses";
import { appFetcher } from "@/server/net";
import { withDemoDocuments } from "./demo-issuers";
import { getSkillIndex } from "@/server/skills/skill-index";
import { stageFile } from "@/server/wallet/ingest";
import { saveStagedImport } from "@/server/wallet/records";
import { skillsFromForm } from "@/server/wallet/skills";
import { stageManual } from "@/server/wallet/staging";
import type { WalletContext } from "@/server/wallet/types";

/** Bump when data/demo/wallet.json changes so existing demo databases get the new wallet. */
export const DEMO_WALLET_VERSION = "1";
const DEMO_WALLET_KEY = "demo_wallet";

export const DEMO_WALLET_FILES: readonly DemoWalletFile[] = wallet;

export interface DemoWalletSummary {
  /** Credentials and learner records added now (0 when the wallet was filled before). */
  added: number;
  /** Files the wallet already held (spotted by the import path's duplicate check). */
  held: number;
}

/** The sign-up address, confirmed through the link's own service (no mail: the demo's address takes none). */
async function confirmDemoAddress(db: Db, user: { id: string; email: string }): Promise<void> {
  const verified = await listVerifiedEmails(db, user.id);
  if (verified.some((e) => e.toLowerCase() === user.email.toLowerCase())) return;
  const { row } = await insertUserEmail(db, user.id, user.email);
  const token = randomBytes(32).toString("base64url");
  await insertVerificationToken(db, row.id, hashToken(token), new Date(Date.now() + VERIFY_LINK_TTL_MS));
  const confirmed = await confirmEmail(db, token, user.id, {});
  if (!confirmed.ok) throw new Error(`sash: could not confirm the demo learner's address (${confirmed.code})`);
}

/**
 * Fills the demo learner's wallet the first time (see the file's header). Returns
 * null when it was filled before (nothing is read or written but the meta key).
 */
export async function seedDemoWallet(db: Db, user: { id: string; email: string }): Promise<DemoWalletSummary | null> {
  if ((await readMeta(db, DEMO_WALLET_KEY)) === DEMO_WALLET_VERSION) return null;
  await confirmDemoAddress(db, user);
  // Demo data is being made, so the demo issuers' documents answer even if the environment says otherwise.
  const ctx: WalletContext = { db, user, fetcher: withDemoDocuments(appFetcher()) };
  const summary: DemoWalletSummary = { added: 0, held: 0 };
  for (const file of DEMO_WALLET_FILES) {
    const staged = await stageFile(ctx, new Uint8Array(Buffer.from(file.base64, "base64")));
    if (staged.kind === "duplicate") {
      summary.held++;
      continue;
    }
    const { uploadId, title, description, skills } = staged.draft;
    await saveStagedImport(ctx, uploadId, { title, description, skills });
    summary.added++;
  }
  // The hand-typed entry: the manual-entry form, filled in and submitted.
  const form = await stageManual(ctx);
  await saveStagedImport(ctx, form.uploadId, {
    title: DEMO_MANUAL_ENTRY.title,
    description: DEMO_MANUAL_ENTRY.description,
    skills: skillsFromForm([...DEMO_MANUAL_ENTRY.skills], await getSkillIndex(db)),
  });
  summary.added++;
  // The whole-record link on, so /r/<link> opens at once (each credential's link is on by default).
  await ensureRecordShare(db, user.id, newShareSlug());
  await setRecordShareEnabled(db, user.id, true);
  await writeMeta(db, DEMO_WALLET_KEY, DEMO_WALLET_VERSION);
  return summary;
}

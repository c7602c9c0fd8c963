// The wallet's query layer: listing, filtering, editing, deleting — and that
// one learner can never reach another's credentials, files or staged uploads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { credentialFiles, credentials, credentialSkills, skills, users } from "@/db/schema";
import {
  countWalletCredentials,
  deleteCredential,
  findDuplicate,
  getCredential,
  getCredentialFile,
  listWalletCredentials,
  listWalletSkills,
  updateCredentialDetails,
  updateVerification,
} from "@/db/queries/credentials";
import { deleteUpload, getUpload, getUploadBytes, setUploadVerification } from "@/db/queries/uploads";
import { isUuid } from "@/db/queries/sql";
import type { WalletContext } from "@/server/wallet/types";
import { discardStaged } from "@/server/wallet/staging";
import { stageFile } from "@/server/wallet/ingest";
import { reverifyCredential, verifyStaged } from "@/server/wallet/verification";
import { saveStaged } from "@/server/wallet/saving";
import { editCredential, removeCredential } from "@/server/wallet/editing";
import { skillsFromForm } from "@/server/wallet/skills";
import { manualEntryReport } from "@/lib/badges/verify";
import { bakedOb2 } from "../support/wallet";
import { statusWords } from "@/lib/trust/present";
import { withStatus } from "@/lib/trust/status";

let t: TestDb;
let ada: WalletContext;
let bo: WalletContext;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const rows = await t.db
    .insert(users)
    .values([
      { name: "Ada", email: "ada@example.org", passwordHash: "x" },
      { name: "Bo", email: "bo@example.org", passwordHash: "x" },
    ])
    .returning();
  ada = { db: t.db, user: { id: rows[0]!.id, email: rows[0]!.email } };
  bo = { db: t.db, user: { id: rows[1]!.id, email: rows[1]!.email } };
});

async function addBadge(ctx: WalletContext, opts: { title: string; skills: string[]; seed: number }) {
  const r = await stageFile(
    ctx,
    bakedOb2({
      id: `https://badges.example.org/assertions/${opts.seed}`,
      title: opts.title,
      skills: opts.skills,
      seed: opts.seed,
    }),
  );
  if (r.kind !== "draft") throw new Error("unexpected duplicate");
  return saveStaged(ctx, r.draft.uploadId, { title: opts.title, description: "", skills: r.draft.skills });
}

describe("wallet queries", () => {
  it("lists newest first, searches titles literally and filters by skill", async () => {
    await addBadge(ada, { title: "Spreadsheet 100% Pro", skills: ["Excel", "Budgeting"], seed: 1 });
    await addBadge(ada, { title: "Welding Level 1", skills: ["Welding"], seed: 2 });
    await addBadge(ada, { title: "Team_Lead", skills: ["Teamwork", "MS Excel"], seed: 3 });

    expect((await listWalletCredentials(t.db, ada.user.id)).map((c) => c.title)).toEqual([
      "Team_Lead",
      "Welding Level 1",
      "Spreadsheet 100% Pro",
    ]);
    expect((await listWalletCredentials(t.db, ada.user.id, { q: "weld" })).map((c) => c.title)).toEqual([
      "Welding Level 1",
    ]);
    // % and _ are matched literally, not as wildcards.
    expect((await listWalletCredentials(t.db, ada.user.id, { q: "100%" })).map((c) => c.title)).toEqual([
      "Spreadsheet 100% Pro",
    ]);
    expect((await listWalletCredentials(t.db, ada.user.id, { q: "g_l" })).map((c) => c.title)).toEqual([]); // "Welding Level" if _ were a wildcard
    expect((await listWalletCredentials(t.db, ada.user.id, { q: "m_l" })).map((c) => c.title)).toEqual(["Team_Lead"]);
    expect((await listWalletCredentials(t.db, ada.user.id, { skill: "microsoft-excel" })).map((c) => c.title)).toEqual([
      "Team_Lead",
      "Spreadsheet 100% Pro",
    ]);
    expect(
      (await listWalletCredentials(t.db, ada.user.id, { skill: "microsoft-excel", q: "team" })).map((c) => c.title),
    ).toEqual(["Team_Lead"]);

    const skillList = await listWalletSkills(t.db, ada.user.id);
    expect(skillList.find((s) => s.skillKey === "microsoft-excel")).toMatchObject({
      name: "Microsoft Excel",
      count: 2,
    });
    expect(skillList.map((s) => s.name)).toEqual(["Budgeting", "Microsoft Excel", "Teamwork", "Welding"]);
    expect(await countWalletCredentials(t.db, ada.user.id)).toBe(3);
  });

  it("shows the failing check's reason on a failed card", async () => {
    const saved = await addBadge(ada, { title: "X", skills: [], seed: 5 });
    await updateVerification(t.db, ada.user.id, saved.id, {
      result: "invalid",
      checkedAt: new Date().toISOString(),
      checks: [
        { id: "signature", status: "skip", message: "Not signed." },
        { id: "expiry", status: "fail", message: "This credential expired on 1 May 2024." },
      ],
    });
    const [card] = await listWalletCredentials(t.db, ada.user.id);
    expect(card).toMatchObject({ verificationResult: "invalid" });
    // The card's words come from the one status (lib/trust/status.ts), decided in TS when read, not in SQL.
    expect(statusWords(withStatus(card!, new Date()).status).words).toBe(
      "Failed: This credential expired on 1 May 2024.",
    );
  });

  it("edits title, description and skills together, linking library skills that exist", async () => {
    await t.db.insert(skills).values({ id: "welding", label: "Welding", norm: "welding" });
    const saved = await addBadge(ada, { title: "Old", skills: ["Excel"], seed: 6 });
    const res = await editCredential(ada, saved.id, {
      title: "New",
      description: "Edited",
      skills: skillsFromForm([
        JSON.stringify({ name: "Welding", skillId: "welding" }),
        "Excel",
        "Excel",
        "custom:Quibble tuning",
      ]),
    });
    expect(res?.shareSlug).toBe(saved.shareSlug);
    const c = await getCredential(t.db, ada.user.id, saved.id);
    expect(c).toMatchObject({ title: "New", description: "Edited" });
    expect(c?.skills).toEqual([
      { name: "Welding", skillKey: "welding", skillId: "welding" },
      // "microsoft-excel" is not in this (empty) library table: the key stays, the link is dropped.
      { name: "Microsoft Excel", skillKey: "microsoft-excel", skillId: null },
      { name: "Quibble tuning", skillKey: "custom:quibble tuning", skillId: null },
    ]);
  });

  it("deletes the credential with its file and skills", async () => {
    const saved = await addBadge(ada, { title: "Gone", skills: ["Excel"], seed: 7 });
    expect(await removeCredential(ada, saved.id)).toEqual({ shareSlug: saved.shareSlug });
    expect(await getCredential(t.db, ada.user.id, saved.id)).toBeNull();
    for (const table of [credentials, credentialFiles, credentialSkills] as const) {
      const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
      expect(Number(row!.n)).toBe(0);
    }
    expect(await removeCredential(ada, saved.id)).toBeNull();
  });

  it("treats malformed ids as not found", async () => {
    expect(isUuid("not-a-uuid")).toBe(false);
    expect(await getCredential(t.db, ada.user.id, "../../etc")).toBeNull();
    expect(await getCredentialFile(t.db, ada.user.id, "1 or 1=1")).toBeNull();
    expect(await deleteCredential(t.db, ada.user.id, "")).toBeNull();
  });
});

describe("isolation between two learners", () => {
  it("gives Bo nothing of Ada's on every query and action", async () => {
    const saved = await addBadge(ada, { title: "Ada's badge", skills: ["Excel"], seed: 11 });
    const staged = await stageFile(ada, bakedOb2({ id: "https://badges.example.org/assertions/staged", seed: 12 }));
    if (staged.kind !== "draft") throw new Error("unexpected duplicate");
    const uploadId = staged.draft.uploadId;
    const id = saved.id;
    const bid = bo.user.id;

    // Reads.
    expect(await listWalletCredentials(t.db, bid)).toEqual([]);
    expect(await listWalletCredentials(t.db, bid, { skill: "microsoft-excel" })).toEqual([]);
    expect(await listWalletSkills(t.db, bid)).toEqual([]);
    expect(await countWalletCredentials(t.db, bid)).toBe(0);
    expect(await getCredential(t.db, bid, id)).toBeNull();
    expect(await getCredentialFile(t.db, bid, id)).toBeNull();
    expect(await findDuplicate(t.db, bid, { externalId: "https://badges.example.org/assertions/11" })).toBeNull();
    expect(await getUpload(t.db, bid, uploadId)).toBeNull();
    expect(await getUploadBytes(t.db, bid, uploadId)).toBeNull();

    // Writes: each finds nothing and changes nothing.
    expect(await updateCredentialDetails(t.db, bid, id, { title: "hijacked", description: "", skills: [] })).toBeNull();
    expect(await editCredential(bo, id, { title: "hijacked", description: "", skills: [] })).toBeNull();
    expect(await updateVerification(t.db, bid, id, manualEntryReport())).toBeNull();
    expect(await reverifyCredential(bo, id)).toBeNull();
    expect(await deleteCredential(t.db, bid, id)).toBeNull();
    expect(await removeCredential(bo, id)).toBeNull();
    expect(await setUploadVerification(t.db, bid, uploadId, manualEntryReport())).toBe(false);
    expect(await verifyStaged(bo, uploadId)).toBeNull();
    await expect(saveStaged(bo, uploadId, { title: "stolen", description: "", skills: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await deleteUpload(t.db, bid, uploadId);
    await discardStaged(bo, uploadId);

    const after = await getCredential(t.db, ada.user.id, id);
    expect(after?.title).toBe("Ada's badge");
    expect(after?.skills).toHaveLength(1);
    expect(await getUpload(t.db, ada.user.id, uploadId)).not.toBeNull();
    expect(await getCredentialFile(t.db, ada.user.id, id)).not.toBeNull();

    // Bo may hold the very same badge in his own wallet: duplicates are per learner.
    const boStage = await stageFile(
      bo,
      bakedOb2({ id: "https://badges.example.org/assertions/11", title: "Ada's badge", skills: ["Excel"], seed: 11 }),
    );
    expect(boStage.kind).toBe("draft");
  });
});

// Deleting an account (issue #21 §2) on a real database with a real SMTP server:
// one transaction erases the learner and every row that belongs to them — checked
// against EVERY table the database has (enumerated at test time from
// information_schema and cross-checked with the drizzle schema, so a table added
// later can't be forgotten) — their share and record links are gone and announced
// on NOTIFY sash_share, a confirmation goes to the primary address, the old
// password no longer signs in, and another learner's rows stay.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { createTestDb, type TestDb } from "../support/db";
import { startMailCatcher, type MailCatcher } from "../support/mail";
import { codeOf } from "../support/errors";
import { listenOn } from "../support/notify";
import { until } from "../support/wait";
import { bakedOb2 } from "../support/wallet";
import { clrAchievement, nestedAchievementId, signedClr } from "../support/clr";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/queries/sql";
import { getSharedCredential } from "@/db/queries/share";
import { ensureRecordShare, getSharedRecordOwner, setRecordShareEnabled } from "@/db/queries/portfolio";
import { checkSignIn, createAccount } from "@/server/auth/accounts";
import { checkSession, claimsAtSignIn } from "@/server/auth/session-state";
import { holderSigner } from "@/server/presentation/keys";
import { grantAuthorization } from "@/server/oauth/authorize";
import { handleRegister, handleToken } from "@/server/oauth/endpoints";
import { OAUTH_SCOPES } from "@/server/oauth/scopes";
import type { WalletContext } from "@/server/wallet/types";
import { stageFile, stageText } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { saveStagedImport } from "@/server/wallet/records";
import { SHARE_CHANNEL } from "@/server/share/invalidation";
import { registerSignUpAddress } from "@/server/account/addresses";
import { requestPasswordReset } from "@/server/account/password-reset";
import { confirmSelfDeletion, deleteAccount, FRESH_SIGN_IN_MS } from "@/server/account/delete";

const ORIGIN = "http://sash.test";
let t: TestDb;
let smtp: MailCatcher;

beforeAll(async () => {
  t = await createTestDb();
  smtp = await startMailCatcher({ processEnv: true });
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  smtp.clear();
});

interface Learner {
  id: string;
  ctx: WalletContext;
  /** Every value that marks a row as this learner's: id, addresses, share slugs. */
  marks: string[];
  slugs: string[];
  recordSlug: string;
}

/** Registers an API client and lets it into the learner's wallet (OAuth grant, code exchanged for tokens, a spare code). */
async function connectApplication(userId: string): Promise<void> {
  const redirect = "https://client.example/cb";
  const reg = await handleRegister(
    new Request(`${ORIGIN}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Client",
        client_uri: "https://client.example/",
        software_id: "client",
        software_version: "1",
        redirect_uris: [redirect],
        scope: OAUTH_SCOPES.ob3.credentialReadonly,
      }),
    }),
    { db: t.db },
  );
  const { client_id, client_secret } = (await reg.json()) as { client_id: string; client_secret: string };
  const verifier = "v".repeat(43);
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const grant = { userId, clientId: client_id, redirectUri: redirect, scopes: [OAUTH_SCOPES.ob3.credentialReadonly] };
  const code = await grantAuthorization({ ...grant, codeChallenge: challenge }, { db: t.db });
  await grantAuthorization({ ...grant, codeChallenge: challenge }, { db: t.db });
  const tok = await handleToken(
    new Request(`${ORIGIN}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: "Basic " + Buffer.from(`${client_id}:${client_secret}`).toString("base64"),
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
      }).toString(),
    }),
    { db: t.db },
  );
  expect(tok.status).toBe(200);
}

/** A learner with a row in every kind of table a learner can fill. */
async function fullLearner(name: string, email: string, second: string): Promise<Learner> {
  const user = await createAccount(t.db, { name, email, password: "old password 1" });
  await registerSignUpAddress(t.db, user, ORIGIN); // address + verification token
  await t.db.execute(sql`update user_emails set verified_at = now() where user_id = ${user.id}`);
  await t.db.insert(schema.userEmails).values({ userId: user.id, email: second, verifiedAt: new Date() });
  const ctx: WalletContext = { db: t.db, user: { id: user.id, email } };
  // A credential with its file and skills.
  const staged = await stageFile(ctx, bakedOb2({ title: `${name}'s badge`, email, skills: ["MS Excel", "Teamwork"] }));
  if (staged.kind !== "draft") throw new Error("expected a draft");
  const saved = await saveStaged(ctx, staged.draft.uploadId, {
    title: `${name}'s badge`,
    description: "",
    skills: staged.draft.skills,
  });
  // A learner record (CLR 2.0) with its nested credentials.
  const { clr } = await signedClr({
    count: 2,
    achievements: [clrAchievement("https://example.edu/achievements/program", "Data Program", "Certificate")],
    associations: [
      {
        associationType: "isChildOf",
        sourceId: nestedAchievementId(0),
        targetId: "https://example.edu/achievements/program",
      },
    ],
  });
  const rec = await stageText(ctx, JSON.stringify(clr));
  if (rec.kind !== "draft") throw new Error("expected a record draft");
  await saveStagedImport(ctx, rec.draft.uploadId, { title: rec.draft.title, description: "", skills: [] });
  // A staged upload never saved, the record's share link (on), the presentation key.
  await stageFile(ctx, bakedOb2({ title: "Left staged", email, id: `https://badges.example.org/a/${name}-2` }));
  const record = await ensureRecordShare(t.db, user.id, `rec${user.id.replace(/-/g, "").slice(0, 19)}`);
  await setRecordShareEnabled(t.db, user.id, true);
  await holderSigner(t.db, user.id, "delete-test-secret-0123456789-abcdefghij");
  // An application connected through the Open Badges API (grant, used code, token pair) and one consent not yet used.
  await connectApplication(user.id);
  // A reset link, and rate-limit counters keyed by the addresses.
  await requestPasswordReset(
    { db: t.db, origin: ORIGIN, clientAddress: "203.0.113.5", defer: (task) => void smtp.pending.push(task()) },
    email,
  );
  await checkSignIn(t.db, second.toUpperCase(), "wrong password", "203.0.113.5");
  const slugs = rowsOf<{ s: string }>(
    await t.db.execute(sql`select share_slug as s from credentials where user_id = ${user.id}`),
  ).map((r) => r.s);
  expect(slugs.length).toBe(3);
  expect(saved.shareSlug).toBeTruthy();
  return {
    id: user.id,
    ctx,
    marks: [user.id, email, second, ...slugs, record.slug],
    slugs: [...slugs, record.slug],
    recordSlug: record.slug,
  };
}

/** Every table of the database (enumerated now, so a table added later is included). */
async function allTables(): Promise<string[]> {
  return rowsOf<{ t: string }>(
    await t.db.execute(
      sql`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.t);
}

/** Tables with an `id` column: a row of the learner's there lends its id as a further mark (rows that point at it). */
async function tablesWithId(): Promise<string[]> {
  return rowsOf<{ t: string }>(
    await t.db.execute(
      sql`select table_name as t from information_schema.columns where table_schema = current_schema() and column_name = 'id'`,
    ),
  ).map((r) => r.t);
}

/** `lower(x::text) like any (…)`: some column of row x, as text, holds one of `marks`. */
function mentions(marks: string[]) {
  const patterns = marks.map(
    (m) =>
      `'%${m
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)
        .replace(/'/g, "''")}%'`,
  );
  return sql.raw(`lower(x::text) like any (array[${patterns.join(", ")}])`);
}

/** The marks, closed over the ids of every row they mark (an address's id marks its verification links, …). */
async function closeMarks(base: string[]): Promise<string[]> {
  const marks = new Set(base);
  for (let round = 0, grew = true; grew && round < 5; round++) {
    grew = false;
    for (const table of await tablesWithId()) {
      const res = await t.db.execute(
        sql`select x.id::text as id from ${sql.identifier(table)} x where ${mentions([...marks])}`,
      );
      for (const { id } of rowsOf<{ id: string }>(res)) {
        if (marks.has(id)) continue;
        marks.add(id);
        grew = true;
      }
    }
  }
  return [...marks];
}

/** Every table in the database, and how many of its rows mention one of `marks` (any column, as text). */
async function rowsMentioning(marks: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await allTables()) {
    const res = await t.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} x where ${mentions(marks)}`,
    );
    out[table] = Number(rowsOf<{ n: number }>(res)[0]!.n);
  }
  return out;
}

const drizzleTables = () =>
  Object.values(schema)
    .filter((v) => is(v, PgTable))
    .map((v) => getTableName(v as PgTable))
    .sort();

describe(`deleting an account (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}, real SMTP)`, () => {
  it("erases every row of the learner in every table, in one go, and nothing of another learner", async () => {
    const ada = await fullLearner("Ada", "ada@example.org", "ada@school.example.edu");
    const bo = await fullLearner("Bo", "bo@example.org", "bo@school.example.edu");
    await Promise.all(smtp.pending);
    const session = await claimsAtSignIn(t.db, ada.id);

    ada.marks = await closeMarks(ada.marks);
    bo.marks = await closeMarks(bo.marks);
    const before = await rowsMentioning(ada.marks);
    // Every table of the drizzle schema is a table the enumeration sees.
    expect(Object.keys(before)).toEqual(expect.arrayContaining(drizzleTables()));
    // The fixture really reaches every kind of row a learner owns.
    for (const table of [
      "users",
      "user_emails",
      "email_verification_tokens",
      "password_reset_tokens",
      "rate_limits",
      "credentials",
      "credential_files",
      "credential_skills",
      "credential_uploads",
      "learner_records",
      "record_shares",
      "holder_keys",
      "oauth_grants",
      "oauth_codes",
      "oauth_tokens",
    ])
      expect(before[table], table).toBeGreaterThan(0);
    const boBefore = await rowsMentioning(bo.marks);

    const heard = await listenOn(t, SHARE_CHANNEL);
    smtp.clear();
    const gone = await deleteAccount(ada.id, { actor: { kind: "self" }, db: t.db });
    expect(gone).toMatchObject({ userId: ada.id, email: "ada@example.org", mailed: true });
    expect([...gone!.slugs].sort()).toEqual(ada.slugs.sort());

    const after = await rowsMentioning(ada.marks);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowsMentioning(bo.marks)).toEqual(boBefore);

    // Every link answers "not found", and every instance was told (NOTIFY from the transaction).
    for (const slug of gone!.slugs) expect(await getSharedCredential(t.db, slug)).toBeNull();
    expect(await getSharedRecordOwner(t.db, ada.recordSlug)).toBeNull();
    await until(() => gone!.slugs.every((s) => heard.seen.includes(s)));
    await heard.stop();

    // The confirmation went to the primary address; the old password and the old session are dead.
    await until(() => smtp.inbox.length >= 1);
    await Promise.all(smtp.pending);
    expect(smtp.inbox.map((m) => (m.to && "text" in m.to ? m.to.text : ""))).toEqual(["ada@example.org"]);
    expect(smtp.inbox[0]!.subject).toBe("Your Sash account has been deleted");
    expect(await checkSignIn(t.db, "ada@example.org", "old password 1", "198.51.100.9")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await checkSession(t.db, session)).toBeNull();
    expect((await checkSignIn(t.db, "bo@example.org", "old password 1", "198.51.100.9")).ok).toBe(true);
    // Deleting again finds nothing.
    expect(await deleteAccount(ada.id, { actor: { kind: "self" }, db: t.db })).toBeNull();
  });

  it("asks for the password, or for single sign-on a sign-in within the last 5 minutes", async () => {
    const ada = await createAccount(t.db, { name: "Ada", email: "ada@example.org", password: "old password 1" });
    expect(await codeOf(confirmSelfDeletion(t.db, ada.id, { password: "wrong" }))).toBe("WRONG_PASSWORD");
    expect(await codeOf(confirmSelfDeletion(t.db, ada.id, { signedInAt: Date.now() }))).toBe("WRONG_PASSWORD");
    expect(await codeOf(confirmSelfDeletion(t.db, ada.id, { password: "old password 1" }))).toBe("NO_ERROR");

    const [sso] = await t.db
      .insert(schema.users)
      .values({ name: "Sam", email: "sam@example.org", oidcSubject: "https://idp.example|sam" })
      .returning();
    const now = new Date("2026-03-01T10:00:00Z");
    const at = (ms: number) => ({ signedInAt: now.getTime() - ms, now: () => now });
    expect(await codeOf(confirmSelfDeletion(t.db, sso!.id, at(FRESH_SIGN_IN_MS - 1000)))).toBe("NO_ERROR");
    expect(await codeOf(confirmSelfDeletion(t.db, sso!.id, at(FRESH_SIGN_IN_MS + 1000)))).toBe(
      "FRESH_SIGN_IN_REQUIRED",
    );
    expect(await codeOf(confirmSelfDeletion(t.db, sso!.id, { password: "anything", now: () => now }))).toBe(
      "FRESH_SIGN_IN_REQUIRED",
    );
  });
});

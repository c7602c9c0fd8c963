// Account settings (issue #21 §2) on a real database: changing the password asks for the current one and ends the
// other sessions; "Sign out everywhere" ends every session, that one included; the primary address can only be a
// verified address of the learner's, and sign-in follows it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { codeOf } from "../support/errors";
import { userEmails } from "@/db/schema";
import { findSessionState } from "@/db/queries/users";
import { checkSignIn, createAccount } from "@/server/auth/accounts";
import { checkSession, claimsAtSignIn } from "@/server/auth/session-state";
import {
  changePassword,
  choosePrimaryAddress,
  PASSWORD_CHECK_LIMIT,
  signOutEverywhere,
} from "@/server/account/settings";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

const IP = "198.51.100.20";

describe(`account settings (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("a session holds until sign out everywhere, which ends every session of the learner and no one else's", async () => {
    const ada = await createAccount(t.db, { name: "Ada", email: "ada@example.org", password: "old password 1" });
    const bo = await createAccount(t.db, { name: "Bo", email: "bo@example.org", password: "old password 1" });
    const laptop = await claimsAtSignIn(t.db, ada.id);
    const phone = await claimsAtSignIn(t.db, ada.id);
    const bos = await claimsAtSignIn(t.db, bo.id);
    expect(await checkSession(t.db, laptop)).toMatchObject({ id: ada.id, email: "ada@example.org", hasPassword: true });
    // A token from before session versions (no sv claim) still counts as version 0.
    expect(await checkSession(t.db, { uid: ada.id })).toMatchObject({ id: ada.id, signedInAt: 0 });

    await signOutEverywhere(t.db, ada.id);
    expect(await checkSession(t.db, laptop)).toBeNull();
    expect(await checkSession(t.db, phone)).toBeNull();
    expect(await checkSession(t.db, { uid: ada.id })).toBeNull();
    expect(await checkSession(t.db, bos)).toMatchObject({ id: bo.id });
    // Signing in again gives a session that holds.
    expect(await checkSession(t.db, await claimsAtSignIn(t.db, ada.id))).toMatchObject({ id: ada.id });
    expect(await checkSession(t.db, { uid: "not-a-uuid", sv: 0 })).toBeNull();
  });

  it("changing the password asks for the current one, checks the new one twice, and ends the sessions", async () => {
    const ada = await createAccount(t.db, { name: "Ada", email: "ada@example.org", password: "old password 1" });
    const laptop = await claimsAtSignIn(t.db, ada.id);
    const change = (current: string, password: string, confirm = password) =>
      changePassword(t.db, ada.id, { current, password, confirm });

    expect(await codeOf(change("wrong password", "new password 2"))).toBe("WRONG_PASSWORD");
    expect(await codeOf(change("old password 1", "new password 2", "new password 3"))).toBe("PASSWORDS_DIFFER");
    expect(await codeOf(change("old password 1", "short"))).toBe("INVALID_INPUT");
    expect(await checkSession(t.db, laptop)).not.toBeNull();

    const version = await change("old password 1", "new password 2");
    expect(version).toBe((await findSessionState(t.db, ada.id))!.sessionVersion);
    expect(await checkSession(t.db, laptop)).toBeNull();
    // The browser that changed it is re-issued under the new version (server/auth/session.ts keepThisSession).
    expect(await checkSession(t.db, { ...laptop, sv: version })).toMatchObject({ id: ada.id });
    expect((await checkSignIn(t.db, "ada@example.org", "old password 1", IP)).ok).toBe(false);
    expect((await checkSignIn(t.db, "ada@example.org", "new password 2", IP)).ok).toBe(true);
  });

  it("limits wrong current passwords per learner", async () => {
    const ada = await createAccount(t.db, { name: "Ada", email: "ada@example.org", password: "old password 1" });
    for (let i = 0; i < PASSWORD_CHECK_LIMIT.max; i++)
      expect(
        await codeOf(
          changePassword(t.db, ada.id, { current: "wrong", password: "new password 2", confirm: "new password 2" }),
        ),
      ).toBe("WRONG_PASSWORD");
    expect(
      await codeOf(
        changePassword(t.db, ada.id, {
          current: "old password 1",
          password: "new password 2",
          confirm: "new password 2",
        }),
      ),
    ).toBe("RATE_LIMITED");
  });

  it("the primary address is one of the learner's verified addresses, and sign-in and the session follow it", async () => {
    const ada = await createAccount(t.db, { name: "Ada", email: "ada@example.org", password: "old password 1" });
    const other = await createAccount(t.db, { name: "Eve", email: "taken@example.org", password: "old password 1" });
    await t.db.insert(userEmails).values([
      { userId: ada.id, email: "ada@example.org", verifiedAt: new Date() },
      { userId: ada.id, email: "Ada@School.example.edu", verifiedAt: new Date() },
      { userId: ada.id, email: "pending@example.org", verifiedAt: null },
      { userId: ada.id, email: "taken@example.org", verifiedAt: new Date() },
      { userId: other.id, email: "bo@example.org", verifiedAt: new Date() },
    ]);
    const session = await claimsAtSignIn(t.db, ada.id);

    expect(await codeOf(choosePrimaryAddress(t.db, ada.id, "pending@example.org"))).toBe("ADDRESS_NOT_VERIFIED");
    expect(await codeOf(choosePrimaryAddress(t.db, ada.id, "bo@example.org"))).toBe("ADDRESS_NOT_VERIFIED");
    expect(await codeOf(choosePrimaryAddress(t.db, ada.id, "taken@example.org"))).toBe("PRIMARY_ADDRESS_TAKEN");
    expect(await choosePrimaryAddress(t.db, ada.id, "ada@school.example.edu")).toBe("Ada@School.example.edu");

    expect(await checkSession(t.db, session)).toMatchObject({ email: "Ada@School.example.edu" });
    expect((await checkSignIn(t.db, "ada@school.example.edu", "old password 1", IP)).ok).toBe(true);
    expect((await checkSignIn(t.db, "ada@example.org", "old password 1", IP)).ok).toBe(false);
  });
});

// The public verifier's service (/verify, issue #20 §6) on a real PGlite database, with
// credentials and presentations signed here with fresh keys: "Verified" when issuer,
// contents and standing hold (the recipient said on its own line, matched with the
// email given), the share page's Verification section and words, a pasted share link
// resolved from this Sash's share data (no HTTP fetch to itself), the form read under
// the upload limit, and a per-client rate limit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { credentials } from "@/db/schema";
import type { Fetcher } from "@/lib/badges/types";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import { signHolderPresentation } from "@/lib/presentation/presentation";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import { renderVerifyPage } from "@/server/verify/page";
import { verdictsOf, verifyInput, type VerifierResult } from "@/server/verify/service";
import { readVerifyForm, verifySubmission } from "@/server/verify/submit";
import { createTestDb, type TestDb } from "../support/db";
import { seedSharedCredential } from "../support/share";
import {
  didKeySigner,
  ob3Credential,
  registryListing,
  signEddsaRdfc2022,
  tamperJson,
  type DidKeySigner,
} from "../support/verify";
import { bakePng, noisePng } from "../support/wallet";
import { codeOf } from "../support/errors";

const NOW = new Date("2026-06-01T00:00:00Z");
const ORIGIN = "https://sash.example";
const EMAIL = "grace@example.org";

let t: TestDb;
let issuer: DidKeySigner;
let holder: DidKeySigner;
let registries: IssuerRegistries;
let genuine: Record<string, unknown>;
/** Any outgoing request fails the test: nothing here needs the network. */
const calls: string[] = [];
const offline = (async (url: string) => {
  calls.push(url);
  throw new Error(`unexpected fetch of ${url}`);
}) as unknown as Fetcher;

function plainTo(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = ob3Credential(issuer.did, extra);
  const subject = base.credentialSubject as Record<string, unknown>;
  return {
    ...base,
    credentialSubject: {
      ...subject,
      identifier: [{ type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: email }],
    },
  };
}

beforeAll(async () => {
  t = await createTestDb();
  issuer = await didKeySigner();
  holder = await didKeySigner();
  // The issuer's key is listed in a known-issuer registry: not key-only, so it can be "Verified".
  registries = await registryListing({ [issuer.did]: "Sash Test University" });
  genuine = await signEddsaRdfc2022(plainTo(EMAIL), issuer);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await t.truncate();
  calls.length = 0;
});

const deps = () => ({ fetcher: offline, registries, now: NOW, origin: ORIGIN });
const credentialOf = (r: VerifierResult) => {
  if (r.kind !== "credential") throw new Error("expected a credential");
  return r;
};

describe("verifyInput: a credential", () => {
  it("a genuine badge image: Verified, the share page's words, and whom it was issued to", async () => {
    const png = bakePng(noisePng(24, 24, 5), JSON.stringify(genuine), "openbadgecredential");
    const r = credentialOf(await verifyInput({ bytes: png }, deps()));
    expect(r.verdict.state).toBe("verified");
    expect(r.verdict.summary).toMatch(/^Verified — /);
    expect(r.verdict.recipient).toBe(`Issued to ${EMAIL}.`);
    // The same labels as the share page and the credential page (lib/trust/words.ts).
    const labels = Object.fromEntries(r.verdict.checks.map((c) => [c.id, `${c.label}: ${c.statusWord}`]));
    expect(labels).toMatchObject({
      signature: "Signature: Passed",
      issuer: "Issuer: Passed",
      expiry: expect.stringMatching(/^Dates: /),
    });
    expect(r.verdict.checks.find((c) => c.id === "recipient")!.message).toMatch(/^Not compared: give the email/);
    // The statements: the recipient statement is the verifier's line, not the learner's.
    const recipient = r.verdict.view.statements.find((s) => s.id === "recipient")!;
    expect(recipient.text).toBe(`Issued to ${EMAIL}.`);
    expect(calls).toEqual([]);
  });

  it("an email given: matches, or does not — and the summary still says what the issuer, contents and standing prove", async () => {
    const text = JSON.stringify(genuine);
    const yes = credentialOf(await verifyInput({ text, email: ` ${EMAIL} ` }, deps()));
    expect(yes.verdict.state).toBe("verified");
    expect(yes.verdict.recipient).toBe(`Issued to ${EMAIL}: it matches ${EMAIL}, the email you gave.`);
    // The summary is about issuer, contents and standing, the same with or without an email.
    const without = credentialOf(await verifyInput({ text }, deps()));
    expect(yes.verdict.summary).toBe(without.verdict.summary);
    expect(yes.verdict.summary).not.toContain("learner");
    expect(yes.report.checks.find((c) => c.id === "recipient")!.status).toBe("pass");

    const no = credentialOf(await verifyInput({ text, email: "someone@else.example" }, deps()));
    expect(no.verdict.state).toBe("verified");
    expect(no.verdict.recipient).toBe(
      `Issued to ${EMAIL}: it does not match someone@else.example, the email you gave.`,
    );
    const line = no.verdict.checks.find((c) => c.id === "recipient")!;
    expect([line.status, line.statusWord]).toEqual(["warn", "Not confirmed"]); // never a red "Failed"
  });

  it("a hashed recipient reads 'a hashed address', and is matched only by its email", async () => {
    // ob3Credential's own subject: hashed ada@example.org with a salt.
    const hashed = await signEddsaRdfc2022(ob3Credential(issuer.did), issuer);
    const text = JSON.stringify(hashed);
    const none = credentialOf(await verifyInput({ text }, deps()));
    expect(none.verdict.recipient).toBe("Issued to a hashed address (give the email address to check it).");
    const yes = credentialOf(await verifyInput({ text, email: "ada@example.org" }, deps()));
    expect(yes.verdict.recipient).toBe("Issued to a hashed address: it matches ada@example.org, the email you gave.");
  });

  it("a changed credential: Failed (red), never Verified", async () => {
    const text = tamperJson(JSON.stringify(genuine), "Works well");
    const r = credentialOf(await verifyInput({ text }, deps()));
    expect(r.verdict.state).toBe("failed");
    expect(r.verdict.summary).toMatch(/^Not verified — Failed: /);
    expect(r.verdict.view.tone).toBe("failed");
    expect(r.verdict.checks.find((c) => c.id === "signature")!.statusWord).toBe("Failed");
  });

  it("a key nobody vouches for is not Verified", async () => {
    const stranger = await didKeySigner();
    const text = JSON.stringify(await signEddsaRdfc2022(plainTo(EMAIL), stranger));
    const r = credentialOf(await verifyInput({ text }, deps()));
    expect(r.verdict.state).not.toBe("verified");
    expect(r.verdict.summary).toMatch(/^Not verified — /);
  });

  it("refuses nothing given, a bad email, and an image without badge data, each with its code", async () => {
    expect(await codeOf(verifyInput({ text: "  " }, deps()))).toBe("INVALID_INPUT");
    expect(await codeOf(verifyInput({ text: JSON.stringify(genuine), email: "not an email" }, deps()))).toBe(
      "INVALID_INPUT",
    );
    expect(await codeOf(verifyInput({ bytes: noisePng(8, 8, 1) }, deps()))).toBe("NO_BADGE_DATA");
    // Other addresses on this Sash (a record's link, a share page's image) are no credential, and never fetched.
    for (const text of [`${ORIGIN}/r/abc123`, `${ORIGIN}/c/abc123/image`, `${ORIGIN}/wallet`])
      expect(await codeOf(verifyInput({ text }, deps()))).toBe("INVALID_INPUT");
    expect(calls).toEqual([]);
  });
});

describe("verifyInput: a Sash presentation", () => {
  async function presentation() {
    return signHolderPresentation(
      [genuine],
      { did: holder.did, methodId: holder.methodId, signer: holder.key.signer() },
      { id: "urn:uuid:5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f" },
    );
  }

  it("shows the holder's proof and each credential in it, with the recipient matched", async () => {
    const vp = await presentation();
    const r = await verifyInput({ text: JSON.stringify(vp), email: EMAIL }, deps());
    if (r.kind !== "presentation") throw new Error("expected a presentation");
    expect(r.presentation.holder).toBe(holder.did);
    expect(r.presentation.checks.map((c) => `${c.label}: ${c.statusWord}`)).toEqual([
      "Signature: Passed",
      "Holder: Passed",
      "Credentials: Passed",
    ]);
    expect(r.presentation.state).toBe("verified");
    expect(r.presentation.summary).toMatch(/^Verified — the holder signed this presentation/);
    expect(r.credentials).toHaveLength(1);
    expect(r.credentials[0]!.state).toBe("verified");
    expect(r.credentials[0]!.recipient).toBe(`Issued to ${EMAIL}: it matches ${EMAIL}, the email you gave.`);
  });

  it("a changed presentation is not Verified, as a file or pasted", async () => {
    const text = tamperJson(JSON.stringify(await presentation()), "Works well");
    for (const input of [{ text }, { bytes: new TextEncoder().encode(text) }]) {
      const r = await verifyInput(input, deps());
      if (r.kind !== "presentation") throw new Error("expected a presentation");
      expect(r.presentation.state).not.toBe("verified");
      expect(r.presentation.summary).toMatch(/^Not verified — /);
    }
  });
});

describe(`verifySubmission (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("resolves a pasted share link of this Sash from its share data, never fetching it, and never shows the address", async () => {
    const seeded = await seedSharedCredential(t.db, { name: "Grace" });
    await t.db
      .update(credentials)
      .set({ raw: JSON.stringify(genuine) })
      .where(eq(credentials.id, seeded.credentialId));
    const r = credentialOf(
      await verifySubmission(
        { text: `${ORIGIN}/c/${seeded.slug}` },
        { db: t.db, clientAddress: "192.0.2.1", ...deps() },
      ),
    );
    expect(calls).toEqual([]); // not an HTTP fetch to itself
    expect(r.viaShareLink).toBe(true);
    expect(r.verdict.state).toBe("verified");
    expect(r.verdict.recipient).toBe(
      "Issued to an email address (a share link doesn't show it) (give the email address to check it).",
    );
    expect(renderVerifyPage({ result: r })).not.toContain(EMAIL);
    const matched = credentialOf(
      await verifySubmission(
        { text: `${ORIGIN}/c/${seeded.slug}`, email: EMAIL },
        { db: t.db, clientAddress: "192.0.2.1", ...deps() },
      ),
    );
    expect(matched.verdict.recipient).toMatch(/: it matches grace@example\.org, the email you gave\.$/);

    // Turned off: not found, and still no fetch.
    await t.db.update(credentials).set({ shareEnabled: false }).where(eq(credentials.id, seeded.credentialId));
    expect(
      await codeOf(
        verifySubmission({ text: `${ORIGIN}/c/${seeded.slug}` }, { db: t.db, clientAddress: "192.0.2.1", ...deps() }),
      ),
    ).toBe("NOT_FOUND");
    expect(calls).toEqual([]);
  });

  it("limits checks per client address, counted in the database", async () => {
    const limit = { max: 2, windowSeconds: 600 };
    const text = JSON.stringify(genuine);
    const one = { db: t.db, clientAddress: "198.51.100.7", limit, ...deps() };
    await verifySubmission({ text }, one);
    await verifySubmission({ text }, one);
    expect(await codeOf(verifySubmission({ text }, one))).toBe("RATE_LIMITED");
    // Another client is not held back.
    await verifySubmission({ text }, { ...one, clientAddress: "198.51.100.8" });
  });
});

describe("readVerifyForm", () => {
  const post = (body: FormData | string, headers: Record<string, string> = {}) =>
    new Request("https://sash.example/verify", { method: "POST", body, headers });

  it("reads the file, the pasted text and the email; an empty file input is no file", async () => {
    const fd = new FormData();
    fd.set("file", new Blob([new Uint8Array([1, 2, 3])]), "badge.png");
    fd.set("text", "{}");
    fd.set("email", EMAIL);
    const got = await readVerifyForm(post(fd));
    expect(Array.from(got.bytes!)).toEqual([1, 2, 3]);
    expect([got.text, got.email]).toEqual(["{}", EMAIL]);
    const empty = new FormData();
    empty.set("file", new Blob([]), "");
    empty.set("text", "pasted");
    expect((await readVerifyForm(post(empty))).bytes).toBeNull();
  });

  it("refuses a body over the upload limit before reading it", async () => {
    const req = post("x", { "content-length": String(MAX_UPLOAD_BYTES * 2), "content-type": "multipart/form-data" });
    expect(await codeOf(readVerifyForm(req))).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("the same verdicts for `sash verify`", () => {
  it("verdictsOf is what the CLI prints (tests/verify/cli.test.ts runs both on the same files)", async () => {
    const r = await verifyInput({ text: JSON.stringify(genuine), email: EMAIL }, deps());
    const v = verdictsOf(r);
    expect(v.kind).toBe("credential");
    expect(v.state).toBe("verified");
    expect(v.recipient).toContain("it matches");
  });
});

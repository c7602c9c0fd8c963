// Receiving a credential by OpenID4VCI (issue #22 §2) against a minimal issuer written from the
// specification (tests/support/oid4vci-issuer.ts): a real HTTP server on 127.0.0.1, real keys, the
// real SSRF-safe fetcher (the issuer's host:port allow-listed, as SASH_ALLOW_FETCH_HOSTS does), a
// real PGlite database. The credential goes through the one import path and is saved like an upload;
// issued to the learner's own did:key, it counts as theirs.
process.env.AUTH_SECRET ??= "test-auth-secret-for-oid4vci-receive";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { credentials, credentialUploads } from "@/db/schema";
import { createFetcher } from "@/lib/net/fetcher";
import { readOfferInput, wellKnown } from "@/lib/oid4vci/protocol";
import {
  completeAuthorization,
  previewOffer,
  receivePreAuthorized,
  startAuthorization,
  type ReceiveContext,
} from "@/server/oid4vci/receive";
import { openPending, sealPending } from "@/server/oid4vci/pending";
import { holderDid } from "@/server/presentation/keys";
import { checkLines } from "@/lib/trust/words";
import { verifyStaged } from "@/server/wallet/verification";
import { saveStaged } from "@/server/wallet/saving";
import type { StageResult } from "@/server/wallet/types";
import { createTestDb, insertLearner, type TestDb } from "../support/db";
import { codeOf } from "../support/errors";
import { startTestIssuer, type IssuerOptions, type TestIssuer } from "../support/oid4vci-issuer";
import "../support/trust";

let t: TestDb;
let ctx: ReceiveContext;
let issuer: TestIssuer | null = null;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});
afterEach(async () => {
  await issuer?.close();
  issuer = null;
});

async function withIssuer(options: IssuerOptions = {}): Promise<TestIssuer> {
  issuer = await startTestIssuer(options);
  const wallet = await insertLearner(t, "Ada", "ada@example.org");
  const http = createFetcher({ allowHosts: [issuer.hostPort] });
  ctx = { ...wallet, fetcher: http, http };
  return issuer;
}

const link = (offer: Record<string, unknown>) =>
  `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;

/** Checks and saves the staged credential like the add form does; returns the saved row. */
async function saveReceived(staged: StageResult) {
  expect(staged.kind).toBe("draft");
  if (staged.kind !== "draft") throw new Error("no draft");
  const report = await verifyStaged(ctx, staged.draft.uploadId);
  const saved = await saveStaged(ctx, staged.draft.uploadId, {
    title: staged.draft.title,
    description: "",
    skills: [],
  });
  const [row] = await t.db.select().from(credentials).where(eq(credentials.id, saved.id));
  return { row: row!, report: report!, draft: staged.draft };
}

function recipientOf(report: { checks: Array<{ id: string; status: string; message: string }> }) {
  return report.checks.find((c) => c.id === "recipient")!;
}

describe("offer links", () => {
  it("reads openid-credential-offer://, haip:// and https links, by value or by reference", () => {
    const offer = { credential_issuer: "https://issuer.example", credential_configuration_ids: ["x"] };
    const q = encodeURIComponent(JSON.stringify(offer));
    expect(readOfferInput(`openid-credential-offer://?credential_offer=${q}`)).toEqual({ kind: "value", offer });
    expect(readOfferInput(`haip://?credential_offer=${q}`)).toEqual({ kind: "value", offer });
    expect(
      readOfferInput(`https://sash.example/wallet/receive?credential_offer_uri=https%3A%2F%2Fi.example%2Fo%2F1`),
    ).toEqual({
      kind: "reference",
      uri: "https://i.example/o/1",
    });
    expect(codeOf(() => readOfferInput("https://issuer.example/nothing-here"))).toBe("OID4VCI_BAD_OFFER");
  });

  it("well-known addresses insert the issuer's path (OID4VCI §12.2.2)", () => {
    expect(wellKnown("https://i.example/tenant/1", "openid-credential-issuer")[0]).toBe(
      "https://i.example/.well-known/openid-credential-issuer/tenant/1",
    );
    expect(wellKnown("https://i.example", "oauth-authorization-server")).toEqual([
      "https://i.example/.well-known/oauth-authorization-server",
    ]);
  });
});

describe("pre-authorized code flow", () => {
  it("previews who offers what, then receives an OB 3.0 ldp_vc issued to the learner's did:key, saved and counted as theirs", async () => {
    const iss = await withIssuer({ name: "Teamwork" });
    const offerLink = iss.offerUri(iss.preAuthorizedOffer());
    const preview = await previewOffer(ctx, offerLink);
    expect(preview).toMatchObject({
      credentialIssuer: iss.origin,
      issuerName: "Sash Test University",
      flow: "pre-authorized",
      txCode: null,
      credentials: [{ name: "Teamwork badge", format: "ldp_vc", supported: true }],
    });
    const { row, report } = await saveReceived(await receivePreAuthorized(ctx, offerLink, null));
    const did = await holderDid(t.db, ctx.user.id);
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(iss.issuedTo).toEqual([did]);
    expect(row.title).toBe("Teamwork");
    expect(recipientOf(report)).toMatchObject({ status: "pass", message: `Issued to your wallet's key ${did}.` });
    // What the credential page and share page say (lib/trust/words.ts): the wallet's key, not an email address.
    expect(checkLines(report.checks, "learner").find((c) => c.id === "recipient")).toMatchObject({
      status: "pass",
      message: `Issued to this learner's wallet key ${did}.`,
    });
    expect(report.checks.find((c) => c.id === "signature")!.status).toBe("pass");
    expect(report.result).toBe("valid");
    // The 1.0 shapes: nonce endpoint, proofs.
    expect(iss.requests).toContain("POST /nonce");
  });

  it("asks for the transaction code; a wrong one is refused with its own code, the right one works", async () => {
    const iss = await withIssuer({ txCode: "493536" });
    const offer = iss.preAuthorizedOffer();
    const preview = await previewOffer(ctx, link(offer));
    expect(preview.txCode).toMatchObject({ input_mode: "numeric", length: 6, description: "Sent to your email" });
    expect(await codeOf(receivePreAuthorized(ctx, link(offer), null))).toBe("OID4VCI_TX_CODE");
    expect(await codeOf(receivePreAuthorized(ctx, link(offer), "000000"))).toBe("OID4VCI_TX_CODE");
    const { report } = await saveReceived(await receivePreAuthorized(ctx, link(offer), "493536"));
    expect(recipientOf(report).status).toBe("pass");
  });

  it("speaks draft 13: credentials in the offer, c_nonce in the token response, singular proof, credential in the answer", async () => {
    const iss = await withIssuer({ draft13: true });
    const offer = iss.preAuthorizedOffer();
    expect(offer.credentials).toBeDefined();
    const { report } = await saveReceived(await receivePreAuthorized(ctx, link(offer), null));
    expect(recipientOf(report).status).toBe("pass");
    expect(iss.requests).not.toContain("POST /nonce");
  });

  it("receives a jwt_vc_json credential", async () => {
    const iss = await withIssuer({ format: "jwt_vc_json" });
    const { row, report } = await saveReceived(await receivePreAuthorized(ctx, link(iss.preAuthorizedOffer()), null));
    expect(row.raw).toMatch(/^eyJ/);
    expect(report.checks.find((c) => c.id === "signature")!.status).toBe("pass");
    expect(recipientOf(report).status).toBe("pass");
  });

  it("retries once with the fresh c_nonce when the issuer says invalid_nonce", async () => {
    const iss = await withIssuer({ rejectFirstNonce: true });
    const { report } = await saveReceived(await receivePreAuthorized(ctx, link(iss.preAuthorizedOffer()), null));
    expect(recipientOf(report).status).toBe("pass");
    expect(iss.requests.filter((r) => r === "POST /credential")).toHaveLength(2);
  });

  it("a proof the issuer keeps rejecting (wrong nonce) is a clear error, and nothing is staged or saved", async () => {
    const iss = await withIssuer({ rejectEveryNonce: true });
    expect(await codeOf(receivePreAuthorized(ctx, link(iss.preAuthorizedOffer()), null))).toBe("OID4VCI_NONCE");
    expect(iss.requests.filter((r) => r === "POST /credential")).toHaveLength(2);
    expect(await t.db.select().from(credentials)).toHaveLength(0);
    expect(await t.db.select().from(credentialUploads)).toHaveLength(0);
  });

  it("a used pre-authorized code is refused by the token endpoint", async () => {
    const iss = await withIssuer();
    const offer = iss.preAuthorizedOffer();
    await receivePreAuthorized(ctx, link(offer), null);
    expect(await codeOf(receivePreAuthorized(ctx, link(offer), null))).toBe("OID4VCI_TOKEN_REFUSED");
  });
});

describe("addresses the fetcher refuses", () => {
  it("an offer on a private address or a name that isn't allowed: clear error, no request made", async () => {
    const iss = await withIssuer();
    const requests: string[] = [];
    const lookups: string[] = [];
    const strict = createFetcher({
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: "10.0.0.1", family: 4 }];
      },
    });
    const strictCtx: ReceiveContext = { ...ctx, fetcher: strict, http: strict };
    for (const uri of ["https://10.0.0.1/offer", "https://issuer.internal.example/offer", `${iss.origin}/offers/x`]) {
      const offerLink = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`;
      expect(await codeOf(previewOffer(strictCtx, offerLink))).toBe("OID4VCI_OFFER_UNREACHABLE");
      expect(await codeOf(receivePreAuthorized(strictCtx, offerLink, null))).toBe("OID4VCI_OFFER_UNREACHABLE");
    }
    // An offer by value whose issuer is on a refused host: its metadata is never fetched.
    const offer = { ...iss.preAuthorizedOffer(), credential_issuer: "https://10.0.0.1" };
    expect(await codeOf(previewOffer(strictCtx, link(offer)))).toBe("OID4VCI_OFFER_UNREACHABLE");
    expect(iss.requests).toEqual(requests);
    expect(lookups).toContain("issuer.internal.example");
  });

  it("an offer for a format Sash doesn't receive says so", async () => {
    const iss = await withIssuer();
    const offer = { ...iss.preAuthorizedOffer(), credential_configuration_ids: ["mdl"] };
    expect(await codeOf(previewOffer(ctx, link(offer)))).toBe("OID4VCI_UNSUPPORTED");
  });
});

describe("authorization code flow", () => {
  it("PKCE S256 and state through the issuer's (auto-approving) authorize endpoint, then the credential", async () => {
    const iss = await withIssuer();
    const offer = link(iss.authorizationCodeOffer());
    const preview = await previewOffer(ctx, offer);
    expect(preview.flow).toBe("authorization-code");
    const redirectUri = "https://sash.example/wallet/receive/callback";
    const started = await startAuthorization(ctx, offer, redirectUri, "https://sash.example");
    const authorize = new URL(started.location);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    // The pending state survives the round trip sealed, and only for this learner.
    const pending = openPending(sealPending(started.pending));
    expect(pending).toEqual(started.pending);
    expect(openPending(sealPending(started.pending) + "x")).toBeNull();
    // Drive the redirect without a browser: the issuer answers 302 to our callback.
    const res = await fetch(authorize, { redirect: "manual" });
    const back = new URL(res.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(redirectUri);
    const answer = { code: back.searchParams.get("code"), state: back.searchParams.get("state"), error: null };
    expect(
      await codeOf(completeAuthorization(ctx, pending, { ...answer, state: "forged" }, "https://sash.example")),
    ).toBe("OID4VCI_STATE");
    const { report } = await saveReceived(await completeAuthorization(ctx, pending, answer, "https://sash.example"));
    expect(recipientOf(report).status).toBe("pass");
    // The code was used once: a replay is refused.
    expect(await codeOf(completeAuthorization(ctx, pending, answer, "https://sash.example"))).toBe(
      "OID4VCI_TOKEN_REFUSED",
    );
  });
});

// Presenting by OpenID4VP 1.0 (issue #22 §3) against a minimal verifier written from the specification
// (tests/support/oid4vp-verifier.ts): a real HTTP server on 127.0.0.1, real keys (an openssl-made
// x509 chain, did:keys), the real SSRF-safe fetcher, a real PGlite database with the learner's
// credentials imported through the wallet.
process.env.AUTH_SECRET ??= "test-auth-secret-for-oid4vp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userEmails, users } from "@/db/schema";
import { createFetcher } from "@/lib/net/fetcher";
import { readRequestLink } from "@/lib/oid4vp/request";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { stageText } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { matchRequest, resolveRequest, satisfiable, sendError, share } from "@/server/oid4vp/present";
import { holderDid } from "@/server/presentation/keys";
import { createTestDb, type TestDb } from "../support/db";
import { codeOf } from "../support/errors";
import { didKeySigner, ob3Credential, signEddsaRdfc2022 } from "../support/verify";
import { startTestVerifier, verifyJwtVp, verifyLdpVp, type TestVerifier } from "../support/oid4vp-verifier";

let t: TestDb;
let ctx: WalletContext;
let v: TestVerifier;
let credentialId: string;

async function save(text: string, title: string): Promise<string> {
  const r: StageResult = await stageText(ctx, text);
  if (r.kind !== "draft") throw new Error("expected a draft");
  return (await saveStaged(ctx, r.draft.uploadId, { title, description: "", skills: [] })).id;
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org", passwordHash: "x" }).returning();
  ctx = { db: t.db, user: { id: u!.id, email: u!.email } };
  await t.db.insert(userEmails).values({ userId: u!.id, email: "ada@example.org", verifiedAt: new Date() });
  const issuer = await didKeySigner();
  credentialId = await save(JSON.stringify(await signEddsaRdfc2022(ob3Credential(issuer.did), issuer)), "Teamwork");
  v = await startTestVerifier();
});
afterEach(async () => {
  await v?.close();
});

const http = () => createFetcher({ allowHosts: [v.hostPort] });

const dcql = {
  credentials: [
    {
      id: "badge",
      format: "ldp_vc",
      meta: { type_values: [["OpenBadgeCredential"]] },
      claims: [{ path: ["credentialSubject", "achievement", "name"] }],
    },
  ],
};

function claims(extra: Record<string, unknown> = {}) {
  return {
    client_id: "x509_san_dns:127.0.0.1",
    response_type: "vp_token",
    response_mode: "direct_post",
    response_uri: `${v.origin}/response`,
    nonce: v.nonce,
    state: "st-1",
    dcql_query: dcql,
    client_metadata: { client_name: "Acme Hiring" },
    ...extra,
  };
}

describe(`OpenID4VP present (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("DCQL by request_uri, x509_san_dns: shows who asks, matches, shares an ldp_vp the verifier accepts", async () => {
    const uri = await v.serveX509("a", claims());
    const link = `openid4vp://?client_id=${encodeURIComponent("x509_san_dns:127.0.0.1")}&request_uri=${encodeURIComponent(uri)}`;
    const request = await resolveRequest(http(), readRequestLink(link));
    expect(request.prefix).toBe("x509_san_dns");
    expect(request.vouchedBy).toBe("127.0.0.1");
    expect(request.trust).toMatch(/cannot confirm/);
    expect(request.clientName).toBe("Acme Hiring");
    const matches = await matchRequest(t.db, ctx.user.id, request);
    expect(matches[0]!.candidates.map((c) => c.id)).toEqual([credentialId]);
    expect(satisfiable(request, matches)).toBe(true);
    const out = await share(t.db, http(), ctx.user.id, request, { badge: credentialId });
    expect(out.redirectUri).toBe(`${v.origin}/done?session=1`);
    const form = v.received[0]!.form;
    expect(form.state).toBe("st-1");
    const token = JSON.parse(form.vp_token!) as Record<string, unknown[]>;
    const vp = token.badge![0] as { holder: string; verifiableCredential: Array<{ type: string[] }> };
    expect(vp.holder).toBe(await holderDid(t.db, ctx.user.id));
    expect(vp.verifiableCredential[0]!.type).toContain("OpenBadgeCredential");
    expect(await verifyLdpVp(vp, v.nonce, "x509_san_dns:127.0.0.1")).toBe(true);
    expect(await verifyLdpVp(vp, "another-nonce", "x509_san_dns:127.0.0.1")).toBe(false);
  });

  it("presentation_definition by value (redirect_uri, unsigned), answered with vp_token + presentation_submission", async () => {
    const clientId = `redirect_uri:${v.origin}/response`;
    const pd = {
      id: "pd-1",
      input_descriptors: [
        {
          id: "ob",
          name: "An Open Badge",
          constraints: {
            fields: [{ path: ["$.type"], filter: { type: "array", contains: { const: "OpenBadgeCredential" } } }],
          },
        },
      ],
    };
    const q = new URLSearchParams({
      client_id: clientId,
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: `${v.origin}/response`,
      nonce: v.nonce,
      presentation_definition: JSON.stringify(pd),
    });
    const request = await resolveRequest(http(), readRequestLink(`openid4vp://authorize?${q}`));
    expect(request.trust).toMatch(/Nobody vouches/);
    await share(t.db, http(), ctx.user.id, request, { ob: credentialId });
    const form = v.received[0]!.form;
    const submission = JSON.parse(form.presentation_submission!) as {
      definition_id: string;
      descriptor_map: unknown[];
    };
    expect(submission.definition_id).toBe("pd-1");
    expect(submission.descriptor_map).toHaveLength(1);
    expect(await verifyLdpVp(JSON.parse(form.vp_token!), v.nonce, clientId)).toBe(true);
  });

  it("jwt_vc_json by a did:key verifier (decentralized_identifier): a VP-JWT with nonce, aud and iss", async () => {
    const { uri, did } = await v.serveDid(
      "d",
      claims({ dcql_query: { credentials: [{ ...dcql.credentials[0], format: "jwt_vc_json" }] } }),
    );
    const request = await resolveRequest(http(), { client_id: `decentralized_identifier:${did}`, request_uri: uri });
    expect(request.vouchedBy).toBe(did);
    await share(t.db, http(), ctx.user.id, request, { badge: credentialId });
    const token = JSON.parse(v.received[0]!.form.vp_token!) as Record<string, string[]>;
    const payload = await verifyJwtVp(token.badge![0]!, v.nonce, `decentralized_identifier:${did}`);
    expect(payload.vp.verifiableCredential).toHaveLength(1);
  });

  it("no matching credential: nothing matches, the protocol error reaches the verifier", async () => {
    const uri = await v.serveX509(
      "n",
      claims({
        dcql_query: {
          credentials: [{ id: "deg", format: "ldp_vc", meta: { type_values: [["UniversityDegreeCredential"]] } }],
        },
      }),
    );
    const request = await resolveRequest(http(), { client_id: "x509_san_dns:127.0.0.1", request_uri: uri });
    const matches = await matchRequest(t.db, ctx.user.id, request);
    expect(satisfiable(request, matches)).toBe(false);
    expect(await codeOf(share(t.db, http(), ctx.user.id, request, { deg: credentialId }))).toBe("OID4VP_NO_MATCH");
    await sendError(http(), request, "access_denied", "no matching credential");
    expect(v.received[0]!.form).toMatchObject({ error: "access_denied", state: "st-1" });
  });

  it("the learner declines: access_denied and no vp_token", async () => {
    const uri = await v.serveX509("x", claims());
    const request = await resolveRequest(http(), { client_id: "x509_san_dns:127.0.0.1", request_uri: uri });
    await sendError(http(), request);
    expect(v.received).toHaveLength(1);
    expect(v.received[0]!.form.error).toBe("access_denied");
    expect(v.received[0]!.form.vp_token).toBeUndefined();
  });

  it("a host the fetcher refuses: a clear error and nothing fetched", async () => {
    const uri = await v.serveX509("r", claims());
    const strict = createFetcher(); // 127.0.0.1 not allowed
    expect(await codeOf(resolveRequest(strict, { client_id: "x509_san_dns:127.0.0.1", request_uri: uri }))).toBe(
      "OID4VP_REQUEST_UNREACHABLE",
    );
    expect(v.requests).toBe(0);
  });

  it("a tampered Request Object signature is refused", async () => {
    const uri = await v.serveX509("t", claims(), { tamper: true });
    expect(await codeOf(resolveRequest(http(), { client_id: "x509_san_dns:127.0.0.1", request_uri: uri }))).toBe(
      "OID4VP_SIGNATURE",
    );
    expect(v.received).toHaveLength(0);
  });

  it("a client_id that isn't the certificate's SAN DNS name is refused", async () => {
    const uri = await v.serveX509("w", claims(), { san: "verifier.example" });
    expect(await codeOf(resolveRequest(http(), { client_id: "x509_san_dns:127.0.0.1", request_uri: uri }))).toBe(
      "OID4VP_CLIENT_ID",
    );
  });

  it("request_uri_method=post sends wallet_metadata", async () => {
    const uri = await v.serveX509("p", claims());
    const request = await resolveRequest(http(), {
      client_id: "x509_san_dns:127.0.0.1",
      request_uri: uri,
      request_uri_method: "post",
    });
    expect(request.nonce).toBe(v.nonce);
  });
});

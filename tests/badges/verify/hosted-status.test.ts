// Hosted re-check (OB 1.0/2.0) and revocation/status lists (OB 2.0 and OB 3.0) against a
// local HTTP server reached through the real SSRF-safe fetcher (127.0.0.1 allowed by name).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { createFetcher } from "@/lib/net/fetcher";
import {
  didKeySigner,
  LEARNER_EMAIL,
  ob3Credential,
  registryListing,
  signEd25519Signature2020,
  signEddsaRdfc2022,
  startServer,
  type DidKeySigner,
} from "../../support/verify";

const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const NOW = new Date("2026-06-01T00:00:00Z");

let server: Awaited<ReturnType<typeof startServer>>;
let fetcher: () => ReturnType<typeof createFetcher>;
beforeAll(async () => {
  server = await startServer();
  fetcher = () => createFetcher({ allowHosts: [server.host] });
});
afterAll(() => server.close());

describe("OB 2.0 hosted", () => {
  const assertion = (o: string, extra: Record<string, unknown> = {}) => ({
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: `${o}/assertions/1`,
    recipient: {
      type: "email",
      hashed: true,
      identity: "sha256$" + createHash("sha256").update(LEARNER_EMAIL).digest("hex"),
    },
    badge: `${o}/badge.json`,
    issuedOn: "2024-05-01T00:00:00Z",
    verification: { type: "hosted" },
    ...extra,
  });
  beforeAll(() => {
    const o = server.origin;
    server.routes.set("/badge.json", {
      body: { type: "BadgeClass", id: `${o}/badge.json`, name: "Hosting", issuer: `${o}/issuer.json` },
    });
    server.routes.set("/issuer.json", { body: { type: "Issuer", id: `${o}/issuer.json`, name: "Hosted College" } });
  });

  it("passes when the issuer's copy matches", async () => {
    server.routes.set("/assertions/1", { body: assertion(server.origin) });
    const r = await verifyCredential(await importPayload(JSON.stringify(assertion(server.origin))), {
      fetcher: fetcher(),
      recipientEmails: [LEARNER_EMAIL],
      now: NOW,
    });
    expect(check(r, "hosted").status).toBe("pass");
    expect(check(r, "revocation").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(check(r, "recipient").status).toBe("pass");
    expect(check(r, "signature").status).toBe("skip");
    expect(r.result).toBe("valid");
  });

  it("fails when the local copy differs from the issuer's (one changed character)", async () => {
    server.routes.set("/assertions/1", { body: assertion(server.origin) });
    const local = assertion(server.origin, { issuedOn: "2024-05-02T00:00:00Z" });
    const r = await verifyCredential(await importPayload(JSON.stringify(local)), { fetcher: fetcher(), now: NOW });
    expect(check(r, "hosted").status).toBe("fail");
    expect(check(r, "hosted").message).toMatch(/issue date/);
    expect(r.result).toBe("invalid");
  });

  it("HTTP 410 makes revocation fail", async () => {
    server.routes.set("/assertions/1", { status: 410, body: { revoked: true } });
    const r = await verifyCredential(await importPayload(JSON.stringify(assertion(server.origin))), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(r, "revocation").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });

  it("revoked: true in the hosted copy makes revocation fail with the reason", async () => {
    server.routes.set("/assertions/1", {
      body: { ...assertion(server.origin), revoked: true, revocationReason: "Cheating" },
    });
    const r = await verifyCredential(await importPayload(JSON.stringify(assertion(server.origin))), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(r, "revocation").status).toBe("fail");
    expect(check(r, "revocation").message).toContain("Cheating");
  });

  it("offline or unreachable gives warnings and indeterminate, never valid", async () => {
    const offline = await verifyCredential(await importPayload(JSON.stringify(assertion(server.origin))), { now: NOW });
    expect(check(offline, "hosted").status).toBe("warn");
    expect(check(offline, "revocation").status).toBe("warn");
    expect(offline.result).toBe("indeterminate");
    // Not on the allow-list → the fetcher refuses 127.0.0.1 (SSRF rule) → warn.
    const refused = await verifyCredential(await importPayload(JSON.stringify(assertion(server.origin))), {
      fetcher: createFetcher({ allowHosts: [] }),
      now: NOW,
    });
    expect(check(refused, "hosted").status).toBe("warn");
    expect(refused.result).toBe("indeterminate");
  });

  it("the ISSUER PROFILE's verification policy (allowedOrigins, startsWith) decides where its badges may be hosted", async () => {
    const o = server.origin;
    const profile = (verification: Record<string, unknown>) => ({
      type: "Issuer",
      id: `${o}/issuer.json`,
      name: "Hosted College",
      verification,
    });
    try {
      server.routes.set("/assertions/1", { body: assertion(o) });
      server.routes.set("/issuer.json", { body: profile({ allowedOrigins: ["badges.example.org"] }) });
      const r = await verifyCredential(await importPayload(JSON.stringify(assertion(o))), {
        fetcher: fetcher(),
        now: NOW,
      });
      expect(check(r, "issuer").status).toBe("fail");
      expect(r.result).toBe("invalid");
      server.routes.set("/issuer.json", { body: profile({ startsWith: `${o}/assertions/` }) });
      const ok = await verifyCredential(await importPayload(JSON.stringify(assertion(o))), {
        fetcher: fetcher(),
        now: NOW,
      });
      expect(check(ok, "issuer").status).toBe("pass");
      expect(ok.result).toBe("valid");
      server.routes.set("/issuer.json", { body: profile({ startsWith: `${o}/other-assertions/` }) });
      const outside = await verifyCredential(await importPayload(JSON.stringify(assertion(o))), {
        fetcher: fetcher(),
        now: NOW,
      });
      expect(check(outside, "issuer").status).toBe("fail");
    } finally {
      server.routes.set("/issuer.json", { body: { type: "Issuer", id: `${o}/issuer.json`, name: "Hosted College" } });
    }
  });

  it("expired and not-yet-valid badges fail expiry", async () => {
    const expired = assertion(server.origin, { expires: "2025-01-01T00:00:00Z" });
    server.routes.set("/assertions/1", { body: expired });
    const r = await verifyCredential(await importPayload(JSON.stringify(expired)), { fetcher: fetcher(), now: NOW });
    expect(check(r, "expiry").status).toBe("fail");
    expect(check(r, "expiry").message).toContain("2025-01-01");
    const future = assertion(server.origin, { issuedOn: "2027-01-01T00:00:00Z" });
    server.routes.set("/assertions/1", { body: future });
    const f = await verifyCredential(await importPayload(JSON.stringify(future)), { fetcher: fetcher(), now: NOW });
    expect(check(f, "expiry").status).toBe("fail");
    expect(f.result).toBe("invalid");
  });
});

/** A gzip'd bitstring with the given indexes set (index 0 = most significant bit of byte 0). */
function bitstring(set: number[], bits = 131072): Buffer {
  const bytes = Buffer.alloc(bits / 8);
  for (const i of set) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return gzipSync(bytes);
}

describe("OB 3.0 credentialStatus", () => {
  let signer: DidKeySigner;
  beforeAll(async () => {
    signer = await didKeySigner();
    const o = server.origin;
    const bitstringList = await signEddsaRdfc2022(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        id: `${o}/status/bitstring`,
        type: ["VerifiableCredential", "BitstringStatusListCredential"],
        issuer: signer.did,
        validFrom: "2020-01-01T00:00:00Z",
        credentialSubject: {
          id: `${o}/status/bitstring#list`,
          type: "BitstringStatusList",
          statusPurpose: "revocation",
          encodedList: "u" + bitstring([7]).toString("base64url"),
        },
      },
      signer,
    );
    server.routes.set("/status/bitstring", { body: bitstringList });
    const sl2021 = await signEd25519Signature2020(
      {
        "@context": [
          "https://www.w3.org/2018/credentials/v1",
          "https://w3id.org/vc/status-list/2021/v1",
          "https://w3id.org/security/suites/ed25519-2020/v1",
        ],
        id: `${o}/status/2021`,
        type: ["VerifiableCredential", "StatusList2021Credential"],
        issuer: signer.did,
        issuanceDate: "2020-01-01T00:00:00Z",
        credentialSubject: {
          id: `${o}/status/2021#list`,
          type: "StatusList2021",
          statusPurpose: "revocation",
          encodedList: bitstring([3]).toString("base64"),
        },
      },
      signer,
    );
    server.routes.set("/status/2021", { body: sl2021 });
    server.routes.set("/revocations", {
      body: {
        id: `${o}/revocations`,
        issuer: signer.did,
        revokedCredentials: [{ id: "urn:uuid:revoked", revocationReason: "Withdrawn by the registrar" }],
      },
    });
  });

  const signedWithStatus = async (status: unknown, id = "urn:uuid:2f1f5f35-bb2b-4cbb-9e2c-bd3d1ef0f7a1") => {
    const type = (status as { type?: string }).type;
    const extraContext =
      type === "StatusList2021Entry"
        ? ["https://w3id.org/vc/status-list/2021/v1"]
        : type === "1EdTechRevocationList"
          ? ["https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]
          : [];
    const cred = ob3Credential(signer.did, { id, credentialStatus: status });
    cred["@context"] = [...(cred["@context"] as string[]), ...extraContext];
    return JSON.stringify(await signEddsaRdfc2022(cred, signer));
  };

  it("BitstringStatusList: bit set → revoked, bit clear → pass", async () => {
    const o = server.origin;
    const entry = (i: number) => ({
      id: `${o}/status/bitstring#${i}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(i),
      statusListCredential: `${o}/status/bitstring`,
    });
    const revoked = await verifyCredential(await importPayload(await signedWithStatus(entry(7))), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(revoked, "signature").status).toBe("pass");
    expect(check(revoked, "revocation").status).toBe("fail");
    expect(revoked.result).toBe("invalid");
    const fine = await verifyCredential(await importPayload(await signedWithStatus(entry(8))), {
      fetcher: fetcher(),
      now: NOW,
      registries: await registryListing({ [signer.did]: "Sash Test University" }), // issue #20: a registered issuer
    });
    expect(check(fine, "revocation").status).toBe("pass");
    expect(fine.result).toBe("valid");
  });

  it("StatusList2021: bit set → revoked", async () => {
    const o = server.origin;
    const entry = {
      id: `${o}/status/2021#3`,
      type: "StatusList2021Entry",
      statusPurpose: "revocation",
      statusListIndex: "3",
      statusListCredential: `${o}/status/2021`,
    };
    const r = await verifyCredential(await importPayload(await signedWithStatus(entry)), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(r, "revocation").status).toBe("fail");
  });

  it("1EdTech revocation list", async () => {
    const entry = { id: `${server.origin}/revocations`, type: "1EdTechRevocationList" };
    const r = await verifyCredential(await importPayload(await signedWithStatus(entry, "urn:uuid:revoked")), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(r, "revocation").status).toBe("fail");
    expect(check(r, "revocation").message).toContain("Withdrawn by the registrar");
    const ok = await verifyCredential(await importPayload(await signedWithStatus(entry, "urn:uuid:not-revoked")), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(ok, "revocation").status).toBe("pass");
  });

  it("an unreachable or unauthenticated status list warns, never passes", async () => {
    const o = server.origin;
    const missing = {
      id: `${o}/status/none#1`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "1",
      statusListCredential: `${o}/status/none`,
    };
    const r = await verifyCredential(await importPayload(await signedWithStatus(missing)), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(r, "revocation").status).toBe("warn");
    const offline = await verifyCredential(await importPayload(await signedWithStatus(missing)), { now: NOW });
    expect(check(offline, "revocation").status).toBe("warn");
    // A status list without a valid signature can't be trusted either way.
    server.routes.set("/status/unsigned", {
      body: {
        issuer: signer.did,
        credentialSubject: { type: "BitstringStatusList", encodedList: "u" + bitstring([]).toString("base64url") },
      },
    });
    const unsigned = { ...missing, statusListCredential: `${o}/status/unsigned` };
    const u = await verifyCredential(await importPayload(await signedWithStatus(unsigned)), {
      fetcher: fetcher(),
      now: NOW,
    });
    expect(check(u, "revocation").status).toBe("warn");
  });

  it("expired and not-yet-valid OB 3.0 credentials fail expiry even when the signature is valid", async () => {
    const expired = JSON.stringify(
      await signEddsaRdfc2022(ob3Credential(signer.did, { validUntil: "2021-01-01T00:00:00Z" }), signer),
    );
    const r = await verifyCredential(await importPayload(expired), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "expiry").status).toBe("fail");
    expect(r.result).toBe("invalid");
    const future = JSON.stringify(
      await signEddsaRdfc2022(ob3Credential(signer.did, { validFrom: "2030-01-01T00:00:00Z" }), signer),
    );
    const f = await verifyCredential(await importPayload(future), { now: NOW });
    expect(check(f, "expiry").status).toBe("fail");
    expect(check(f, "expiry").message).toContain("2030-01-01");
  });
});

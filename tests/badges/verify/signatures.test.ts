// Signatures: OB 2.0 signed (RS256 JWS), OB 3.0 VC-JWT (ES256, RS256, EdDSA) and embedded
// proofs (eddsa-rdfc-2022, Ed25519Signature2020), with keys generated here.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { generateKeyPair, exportJWK, exportSPKI, SignJWT, CompactSign } from "jose";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { createFetcher } from "@/lib/net/fetcher";
import {
  didKeySigner,
  emailRecipient,
  LEARNER_EMAIL,
  mapFetcher,
  ob3Credential,
  record,
  registryListing,
  signEd25519Signature2020,
  signEddsaRdfc2022,
  startServer,
  tamperJson,
  tamperJws,
  type DidKeySigner,
} from "../../support/verify";

/** Issue #20: the registered claims OB 3.0 §8.2 requires, matching the credential (jti, nbf, sub). */
const jwtBody = (v: { id: string; validFrom: string; credentialSubject: { id?: string } }) => ({
  vc: v,
  jti: v.id,
  nbf: Date.parse(v.validFrom) / 1000,
  ...(v.credentialSubject.id ? { sub: v.credentialSubject.id } : {}),
});

const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const NOW = new Date("2026-06-01T00:00:00Z");

describe("OB 2.0 signed badges (compact JWS, RS256)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let fetcher: ReturnType<typeof createFetcher>;
  let good: string;
  let strangersKeyBadge: string;
  let revoked: string;
  const salt = "s4lt";

  beforeAll(async () => {
    server = await startServer();
    fetcher = createFetcher({ allowHosts: [server.host] });
    const o = server.origin;
    const issuerKeys = await generateKeyPair("RS256", { extractable: true });
    const strangerKeys = await generateKeyPair("RS256", { extractable: true });
    // The profile links the issuer's key (OB 2.0 §Signed Badges); a key it doesn't list can't speak for it.
    server.routes.set("/issuer.json", {
      body: {
        "@context": "https://w3id.org/openbadges/v2",
        type: "Issuer",
        id: `${o}/issuer.json`,
        name: "Sash College",
        revocationList: `${o}/revocations.json`,
        publicKey: `${o}/key.json`,
      },
    });
    server.routes.set("/badge.json", {
      body: { type: "BadgeClass", id: `${o}/badge.json`, name: "Robotics", issuer: `${o}/issuer.json` },
    });
    server.routes.set("/key.json", {
      body: {
        type: "CryptographicKey",
        id: `${o}/key.json`,
        owner: `${o}/issuer.json`,
        publicKeyPem: await exportSPKI(issuerKeys.publicKey),
      },
    });
    server.routes.set("/stranger-key.json", {
      body: {
        type: "CryptographicKey",
        id: `${o}/stranger-key.json`,
        owner: `${o}/someone-else.json`,
        publicKeyPem: await exportSPKI(strangerKeys.publicKey),
      },
    });
    server.routes.set("/revocations.json", {
      body: {
        type: "RevocationList",
        revokedAssertions: [
          { id: "urn:uuid:revoked-one", revocationReason: "Issued in error" },
          "urn:uuid:revoked-two",
        ],
      },
    });
    const { createHash } = await import("node:crypto");
    const assertion = (id: string, creator: string) => ({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id,
      recipient: {
        type: "email",
        hashed: true,
        salt,
        identity:
          "sha256$" +
          createHash("sha256")
            .update(LEARNER_EMAIL + salt)
            .digest("hex"),
      },
      badge: `${o}/badge.json`,
      issuedOn: "2024-01-02T03:04:05Z",
      verification: { type: "signed", creator },
    });
    const sign = (payload: object, key: CryptoKey) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: "RS256", typ: "JWT" })
        .sign(key);
    good = await sign(assertion("urn:uuid:good-one", `${o}/key.json`), issuerKeys.privateKey);
    strangersKeyBadge = await sign(assertion("urn:uuid:good-two", `${o}/stranger-key.json`), strangerKeys.privateKey);
    revoked = await sign(assertion("urn:uuid:revoked-one", `${o}/key.json`), issuerKeys.privateKey);
  });
  afterAll(() => server.close());

  it("passes with the issuer's key, fetched through the SSRF-safe fetcher", async () => {
    const rec = await importPayload(good);
    expect(rec.source.encoding).toBe("jws");
    const r = await verifyCredential(rec, { fetcher, recipientEmails: [LEARNER_EMAIL], now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(check(r, "revocation").status).toBe("pass");
    expect(check(r, "recipient").status).toBe("pass");
    expect(check(r, "hosted").status).toBe("skip");
    expect(r.result).toBe("valid");
  });

  it("fails a copy with one changed character", async () => {
    const tampered = tamperJws(good, "2024-01-02", "2024-01-03");
    const r = await verifyCredential(record("ob2", "jws", tampered), { fetcher, now: NOW });
    expect(check(r, "signature").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });

  it("fails when the key belongs to someone other than the issuer", async () => {
    const r = await verifyCredential(await importPayload(strangersKeyBadge), { fetcher, now: NOW });
    expect(check(r, "signature").status).toBe("fail");
    expect(check(r, "signature").message).toMatch(/belongs to .*someone-else/);
    expect(check(r, "issuer").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });

  it("fails a badge on the issuer's revocation list, with the reason", async () => {
    const r = await verifyCredential(await importPayload(revoked), { fetcher, now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "revocation").status).toBe("fail");
    expect(check(r, "revocation").message).toContain("Issued in error");
    expect(r.result).toBe("invalid");
  });

  it("is indeterminate offline: the key can't be fetched", async () => {
    const r = await verifyCredential(await importPayload(good), { now: NOW });
    expect(check(r, "signature").status).toBe("warn");
    expect(check(r, "signature").message).toMatch(/offline/);
    expect(check(r, "revocation").status).toBe("warn");
    expect(r.result).toBe("indeterminate");
  });

  it("fails the wrong recipient", async () => {
    const r = await verifyCredential(await importPayload(good), {
      fetcher,
      recipientEmails: ["someone@else.org"],
      now: NOW,
    });
    expect(check(r, "recipient").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });
});

describe("OB 3.0 VC-JWT", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const issuerId = "https://issuer.example/profile";
  const vc = (iss = issuerId) => ({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:jwt-1",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: iss, type: ["Profile"], name: "JWT University" },
    validFrom: "2020-01-01T00:00:00Z",
    credentialSubject: {
      id: "did:example:learner-ada",
      type: ["AchievementSubject"],
      achievement: { id: "urn:a", type: ["Achievement"], name: "Signing", criteria: { narrative: "n" } },
    },
  });
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("ES256 with the key in the jwk header: signature passes but the issuer isn't confirmed; one changed character fails", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
    const jwt = await new SignJWT(jwtBody(vc()))
      .setProtectedHeader({ alg: "ES256", jwk: await exportJWK(publicKey) })
      .setIssuer(issuerId)
      .sign(privateKey);
    const r = await verifyCredential(await importPayload(jwt), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("warn"); // a self-carried key proves integrity, not identity
    expect(r.result).toBe("indeterminate"); // issue #11: never valid without the issuer binding
    const bad = await verifyCredential(record("ob3", "vc-jwt", tamperJws(jwt, "Signing", "Signinh")), { now: NOW });
    expect(check(bad, "signature").status).toBe("fail");
    expect(bad.result).toBe("invalid");
  });

  it("RS256 with a kid naming a JWKS on the issuer's server (local, allowed host)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] };
    server.routes.set("/jwks.json", { body: jwks });
    const kid = `${server.origin}/jwks.json#k1`;
    const jwt = await new SignJWT(jwtBody(vc(`${server.origin}/jwks.json`)))
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(`${server.origin}/jwks.json`)
      .sign(privateKey);
    const fetcher = createFetcher({ allowHosts: [server.host] });
    const r = await verifyCredential(await importPayload(jwt), { fetcher, now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(r.result).toBe("valid");
    // Offline the key can't be fetched.
    const offline = await verifyCredential(await importPayload(jwt), { now: NOW });
    expect(check(offline, "signature").status).toBe("warn");
    expect(offline.result).toBe("indeterminate");
  });

  it("EdDSA with a did:key kid verifies offline; a different key fails", async () => {
    const signer = await didKeySigner();
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    // Sign with the did:key's own secret key.
    const secret = await signer.key.export({ publicKey: true, secretKey: true });
    const { createPrivateKey } = await import("node:crypto");
    const seed = decodeMultibaseSecret(String(secret.secretKeyMultibase));
    const own = createPrivateKey({
      key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
      format: "der",
      type: "pkcs8",
    });
    const jwt = await new SignJWT(jwtBody(vc(signer.did)))
      .setProtectedHeader({ alg: "EdDSA", kid: signer.methodId })
      .setIssuer(signer.did)
      .sign(own);
    const r = await verifyCredential(await importPayload(jwt), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    // Issue #20: the key is the issuer's, but a did:key alone identifies nobody: key only, never valid.
    expect(check(r, "issuer").status).toBe("warn");
    expect(check(r, "issuer").message).toContain("the issuer's name is only its own claim");
    expect(r.issuer?.tier).toBe("key");
    expect(r.result).toBe("indeterminate");
    const forged = await new SignJWT(jwtBody(vc(signer.did)))
      .setProtectedHeader({ alg: "EdDSA", kid: signer.methodId })
      .setIssuer(signer.did)
      .sign(privateKey);
    const f = await verifyCredential(await importPayload(forged), { now: NOW });
    expect(check(f, "signature").status).toBe("fail");
  });

  it("fails when the JWT's iss names a different issuer than the credential", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
    const jwt = await new SignJWT(jwtBody(vc()))
      .setProtectedHeader({ alg: "ES256", jwk: await exportJWK(publicKey) })
      .setIssuer("https://impostor.example")
      .sign(privateKey);
    const r = await verifyCredential(await importPayload(jwt), { now: NOW });
    expect(check(r, "issuer").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });
});

/** Ed25519 multikey secret: multibase z + multicodec 0x1300 + 32-byte seed + 32-byte public key. */
function decodeMultibaseSecret(mb: string): Buffer {
  const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = 0n;
  for (const ch of mb.slice(1)) n = n * 58n + BigInt(ALPHABET.indexOf(ch));
  const hex = n.toString(16).padStart(2 * (2 + 64), "0");
  return Buffer.from(hex, "hex").subarray(2, 34);
}

describe("OB 3.0 embedded proofs signed here with did:key", () => {
  let signer: DidKeySigner;
  let di: string;
  let ed2020: string;
  beforeAll(async () => {
    signer = await didKeySigner();
    const cred = ob3Credential(signer.did);
    di = JSON.stringify(await signEddsaRdfc2022(cred, signer), null, 2);
    const ctx = [...(cred["@context"] as string[]), "https://w3id.org/security/suites/ed25519-2020/v1"];
    ed2020 = JSON.stringify(await signEd25519Signature2020({ ...cred, "@context": ctx }, signer), null, 2);
  });

  for (const [name, get] of [
    ["eddsa-rdfc-2022", () => di],
    ["Ed25519Signature2020", () => ed2020],
  ] as const) {
    it(`${name}: valid offline, with recipient and a registered issuer`, async () => {
      const r = await verifyCredential(await importPayload(get()), {
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
        registries: await registryListing({ [signer.did]: "Sash Test University" }), // issue #20
      });
      expect(check(r, "signature").status).toBe("pass");
      expect(check(r, "recipient").status).toBe("pass");
      expect(check(r, "issuer").status).toBe("pass");
      expect(r.result).toBe("valid");
    });

    it(`${name}: one changed character in the payload fails`, async () => {
      const r = await verifyCredential(await importPayload(tamperJson(get(), "Works well")), { now: NOW });
      expect(check(r, "signature").status).toBe("fail");
      expect(r.result).toBe("invalid");
    });

    it(`${name}: wrong recipient fails`, async () => {
      const r = await verifyCredential(await importPayload(get()), {
        recipientEmails: ["mallory@example.org"],
        now: NOW,
      });
      expect(check(r, "recipient").status).toBe("fail");
      expect(r.result).toBe("invalid");
    });
  }

  it("a proof whose key isn't the issuer's own key fails the issuer check (CredentialIssuancePurpose)", async () => {
    const other = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential("https://university.example/issuer"), other);
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });

  it("a did:web key is fetched through the fetcher, and must be authorised for assertions", async () => {
    const did = "did:web:issuer.example";
    const web = await didKeySigner();
    const methodId = `${did}#key-1`;
    const { DataIntegrityProof } = await import("@digitalbazaar/data-integrity");
    const { cryptosuite } = await import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite");
    const Ed25519Multikey = await import("@digitalbazaar/ed25519-multikey");
    const exported = await web.key.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: did });
    const { issue } = await import("@digitalbazaar/vc");
    const { staticDocumentLoader } = await import("@/lib/badges/verify/document-loader");
    const signed = await issue({
      credential: ob3Credential(did),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }),
      documentLoader: staticDocumentLoader(),
    });
    const vm = { id: methodId, type: "Multikey", controller: did, publicKeyMultibase: web.key.publicKeyMultibase };
    const didDoc = {
      "@context": ["https://www.w3.org/ns/did/v1"],
      id: did,
      verificationMethod: [vm],
      assertionMethod: [methodId],
    };
    const payload = JSON.stringify(signed);
    const ok = await verifyCredential(await importPayload(payload), {
      fetcher: mapFetcher({ "https://issuer.example/.well-known/did.json": didDoc }),
      now: NOW,
    });
    expect(check(ok, "signature").status).toBe("pass");
    expect(check(ok, "issuer").status).toBe("pass");
    const notForAssertions = await verifyCredential(await importPayload(payload), {
      fetcher: mapFetcher({ "https://issuer.example/.well-known/did.json": { ...didDoc, assertionMethod: [] } }),
      now: NOW,
    });
    expect(check(notForAssertions, "signature").status).toBe("fail");
    const unreachable = await verifyCredential(await importPayload(payload), { fetcher: mapFetcher({}), now: NOW });
    expect(check(unreachable, "signature").status).toBe("warn");
    expect(unreachable.result).toBe("indeterminate");
  });

  it("a credential with no proof is indeterminate, never valid", async () => {
    const r = await verifyCredential(
      await importPayload(JSON.stringify(ob3Credential("https://university.example/issuer"))),
      { now: NOW },
    );
    expect(check(r, "signature").status).toBe("warn");
    expect(r.result).toBe("indeterminate");
  });

  it("recipient given as a plain email record is matched case-insensitively", async () => {
    const rec = record("ob3", "json", di, { recipient: emailRecipient("Ada@Example.org") });
    const r = await verifyCredential(rec, { recipientEmails: [LEARNER_EMAIL], now: NOW });
    expect(check(r, "recipient").status).toBe("pass");
  });
});

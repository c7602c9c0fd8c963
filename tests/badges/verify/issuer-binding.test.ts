// Issue #11 item 1, "Issuer binding": the five forgeries that used to come out `valid`,
// each generated here with jose and the Digital Bazaar packages and fresh keys, next to
// the genuine credential built the same way (so every test can fail); every asymmetric
// VC-JWT algorithm; did:jwk; did:web controllers; known-issuer registries; and the
// per-verification limits. Hosted documents come from in-process HTTP servers reached
// through the real SSRF-safe fetcher (their host:port allowed, as SASH_ALLOW_FETCH_HOSTS does).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from "jose";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { issue } from "@digitalbazaar/vc";
import { importPayload } from "@/lib/badges";
import {
  bundledIssuerRegistries,
  loadIssuerRegistries,
  registryUrlsFromEnv,
  verifyCredential,
  DEFAULT_REGISTRY_URLS,
  type VerificationReport,
} from "@/lib/badges/verify";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { createFetcher } from "@/lib/net/fetcher";
import { haveRealFixtures, realFixture } from "../../support/fixtures";
import { json, startServer, type Route, type TestServer } from "../../support/net";
import {
  didKeySigner,
  LEARNER_EMAIL,
  mapFetcher,
  ob3Credential,
  record,
  registryListing,
  signEddsaRdfc2022,
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
const UNIVERSITY = "https://www.university.example/issuer";

const vcClaim = (issuer: string) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  id: "urn:uuid:7c1d3c1e-0b5e-4b0e-9d35-4b1c2a3e4f50",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: { id: issuer, type: ["Profile"], name: "A Famous University" },
  validFrom: "2020-01-01T00:00:00Z",
  credentialSubject: {
    id: "did:example:learner-ada",
    type: ["AchievementSubject"],
    achievement: { id: "urn:a:1", type: ["Achievement"], name: "Quantum Physics", criteria: { narrative: "n" } },
  },
});

const didJwk = (jwk: JWK) => `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`;

describe("forgeries (issue #11) are never valid; the genuine twin is", () => {
  it("(a) OB 3.0 VC-JWT signed with a key carried in its own `jwk` header, naming an https university: indeterminate, issuer warn", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
    const forged = await new SignJWT(jwtBody(vcClaim(UNIVERSITY)))
      .setProtectedHeader({ alg: "ES256", jwk: await exportJWK(publicKey) })
      .setIssuer(UNIVERSITY)
      .sign(privateKey);
    const r = await verifyCredential(await importPayload(forged), { now: NOW });
    expect(check(r, "signature").status).toBe("pass"); // the bytes are intact…
    expect(check(r, "issuer").status).toBe("warn"); // …but nothing ties the key to the university
    expect(r.result).toBe("indeterminate");
    expect(r.issuer).toBeUndefined();

    // The genuine twin: the university publishes the key in a JWKS on its own origin, and its
    // profile lists that key (issue #20: sharing the host alone no longer binds an https kid).
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1" };
    const genuine = await new SignJWT(jwtBody(vcClaim(UNIVERSITY)))
      .setProtectedHeader({ alg: "ES256", kid: "https://www.university.example/jwks.json#k1" })
      .setIssuer(UNIVERSITY)
      .sign(privateKey);
    const ok = await verifyCredential(await importPayload(genuine), {
      fetcher: mapFetcher({
        "https://www.university.example/jwks.json": { keys: [jwk] },
        [UNIVERSITY]: {
          id: UNIVERSITY,
          verificationMethod: [
            {
              id: "https://www.university.example/jwks.json#k1",
              type: "JsonWebKey",
              controller: UNIVERSITY,
              publicKeyJwk: await exportJWK(publicKey),
            },
          ],
          assertionMethod: ["https://www.university.example/jwks.json#k1"],
        },
      }),
      now: NOW,
    });
    expect(check(ok, "issuer").status).toBe("pass");
    expect(ok.result).toBe("valid");

    // The same key set served from another origin doesn't speak for the university.
    const elsewhere = await new SignJWT(jwtBody(vcClaim(UNIVERSITY)))
      .setProtectedHeader({ alg: "ES256", kid: "https://keys.attacker.example/jwks.json#k1" })
      .setIssuer(UNIVERSITY)
      .sign(privateKey);
    const foreign = await verifyCredential(await importPayload(elsewhere), {
      fetcher: mapFetcher({ "https://keys.attacker.example/jwks.json": { keys: [jwk] } }),
      now: NOW,
    });
    expect(check(foreign, "signature").status).toBe("pass");
    expect(check(foreign, "issuer").status).toBe("fail");
    expect(foreign.result).toBe("invalid");
  });

  it("(b) a Data Integrity proof by one did:key on a credential whose issuer is another did:key: issuer fail, invalid", async () => {
    const mallory = await didKeySigner();
    const victim = await didKeySigner();
    const forged = await signEddsaRdfc2022(ob3Credential(victim.did), mallory);
    const r = await verifyCredential(await importPayload(JSON.stringify(forged)), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("fail");
    expect(check(r, "issuer").message).toContain(mallory.did);
    expect(r.result).toBe("invalid");

    const genuine = await signEddsaRdfc2022(ob3Credential(victim.did), victim);
    // Issue #20: the victim's own key is bound, but a did:key alone is key only (this encoded
    // "did:key alone = valid" before); listed in a registry, it is valid.
    const keyOnly = await verifyCredential(await importPayload(JSON.stringify(genuine)), { now: NOW });
    expect(check(keyOnly, "issuer").status).toBe("warn");
    expect(keyOnly.result).toBe("indeterminate");
    const ok = await verifyCredential(await importPayload(JSON.stringify(genuine)), {
      now: NOW,
      registries: await registryListing({ [victim.did]: "Sash Test University" }),
    });
    expect(check(ok, "issuer").status).toBe("pass");
    expect(ok.result).toBe("valid");
  });

  it("(c) a Data Integrity proof by a key that has nothing to do with an https issuer: not valid", async () => {
    const mallory = await didKeySigner();
    const r = await verifyCredential(
      await importPayload(JSON.stringify(await signEddsaRdfc2022(ob3Credential(UNIVERSITY), mallory))),
      { now: NOW },
    );
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("fail");
    expect(r.result).not.toBe("valid");

    // Variant: an https key document on the attacker's site that names the university as controller.
    const keyUrl = "https://keys.attacker.example/key";
    const methodId = `${keyUrl}#k`;
    const exported = await mallory.key.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: UNIVERSITY });
    const signed = await issue({
      credential: ob3Credential(UNIVERSITY),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: staticDocumentLoader(),
    });
    const site = {
      [keyUrl]: {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: keyUrl,
        verificationMethod: [
          {
            id: methodId,
            type: "Multikey",
            controller: UNIVERSITY,
            publicKeyMultibase: mallory.key.publicKeyMultibase,
          },
        ],
        assertionMethod: [methodId],
      },
      // The university's real profile lists no such key.
      [UNIVERSITY]: {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: UNIVERSITY,
        assertionMethod: [],
      },
    };
    const claimed = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: mapFetcher(site),
      now: NOW,
    });
    expect(check(claimed, "signature").status).toBe("pass");
    expect(check(claimed, "issuer").status).toBe("fail");
    expect(check(claimed, "issuer").message).toMatch(/doesn't list this key/);
    expect(claimed.result).toBe("invalid");
  });

  it("(c′) an attacker's https key or controller document that declares the university's id doesn't become the university's", async () => {
    const mallory = await didKeySigner();
    const exported = await mallory.key.export({ publicKey: true, secretKey: true, includeContext: true });
    const ctx = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"];
    const sign = async (methodId: string, controller: string) => {
      const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller });
      return JSON.stringify(
        await issue({
          credential: ob3Credential(UNIVERSITY),
          suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
          documentLoader: staticDocumentLoader(),
        }),
      );
    };
    // 1. The key document at the attacker's URL says it *is* the university's profile.
    const keyUrl = "https://keys.attacker.example/profile";
    const selfDeclared = await verifyCredential(await importPayload(await sign(`${keyUrl}#k`, UNIVERSITY)), {
      fetcher: mapFetcher({
        [keyUrl]: {
          "@context": ctx,
          id: UNIVERSITY,
          verificationMethod: [
            { id: `${keyUrl}#k`, type: "Multikey", publicKeyMultibase: mallory.key.publicKeyMultibase },
          ],
          assertionMethod: [`${keyUrl}#k`],
        },
      }),
      now: NOW,
    });
    expect(selfDeclared.result).not.toBe("valid");
    expect(check(selfDeclared, "signature").message).toMatch(/claims to be/);
    // 2. The key names a controller document on the attacker's site that declares the university's id.
    const ctrlUrl = "https://keys.attacker.example/controller";
    const viaController = await verifyCredential(await importPayload(await sign(`${keyUrl}#k`, ctrlUrl)), {
      fetcher: mapFetcher({
        [keyUrl]: {
          "@context": ctx,
          id: keyUrl,
          verificationMethod: [
            {
              id: `${keyUrl}#k`,
              type: "Multikey",
              controller: ctrlUrl,
              publicKeyMultibase: mallory.key.publicKeyMultibase,
            },
          ],
          assertionMethod: [`${keyUrl}#k`],
        },
        [ctrlUrl]: { "@context": ctx, id: UNIVERSITY, assertionMethod: [`${keyUrl}#k`] },
      }),
      now: NOW,
    });
    expect(check(viaController, "signature").status).toBe("pass");
    expect(check(viaController, "issuer").status).not.toBe("pass");
    expect(viaController.result).not.toBe("valid");
  });

  describe("OB 2.0, with the university and the attacker on two in-process servers", () => {
    let uni: TestServer;
    let evil: TestServer;
    let fetcher: () => ReturnType<typeof createFetcher>;
    const routes: Record<string, Record<string, unknown>> = { uni: {}, evil: {} };
    const hashed =
      "sha256$" +
      createHash("sha256")
        .update(LEARNER_EMAIL + "s")
        .digest("hex");
    let uniKeys: CryptoKeyPair;
    let evilKeys: CryptoKeyPair;

    beforeAll(async () => {
      uni = await startServer(servedFrom(() => routes.uni!));
      evil = await startServer(servedFrom(() => routes.evil!));
      fetcher = () => createFetcher({ allowHosts: [`127.0.0.1:${uni.port}`, `127.0.0.1:${evil.port}`] });
      uniKeys = await generateKeyPair("RS256", { extractable: true });
      evilKeys = await generateKeyPair("RS256", { extractable: true });
      const u = uni.origin;
      routes.uni = {
        "/issuer.json": {
          "@context": "https://w3id.org/openbadges/v2",
          type: "Issuer",
          id: `${u}/issuer.json`,
          name: "A Famous University",
          publicKey: `${u}/key.json`,
        },
        "/badge.json": {
          type: "BadgeClass",
          id: `${u}/badge.json`,
          name: "Quantum Physics",
          issuer: `${u}/issuer.json`,
        },
        "/key.json": {
          type: "CryptographicKey",
          id: `${u}/key.json`,
          owner: `${u}/issuer.json`,
          publicKeyPem: await exportSPKI(uniKeys.publicKey),
        },
      };
    });
    afterAll(async () => {
      await uni.close();
      await evil.close();
    });

    const hostedAssertion = (origin: string, badge: string, extra: Record<string, unknown> = {}) => ({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id: `${origin}/assertions/1`,
      recipient: { type: "email", hashed: true, salt: "s", identity: hashed },
      badge,
      issuedOn: "2024-05-01T00:00:00Z",
      verification: { type: "hosted" },
      ...extra,
    });

    it("(d) a hosted assertion on a foreign origin that allows that origin in its OWN verification.allowedOrigins: not valid", async () => {
      const e = evil.origin;
      const forged = hostedAssertion(e, `${e}/badge.json`, {
        verification: { type: "hosted", allowedOrigins: [`127.0.0.1:${evil.port}`] },
      });
      routes.evil = {
        "/assertions/1": forged,
        "/badge.json": {
          type: "BadgeClass",
          id: `${e}/badge.json`,
          name: "Quantum Physics",
          issuer: `${uni.origin}/issuer.json`,
        },
      };
      const r = await verifyCredential(await importPayload(JSON.stringify(forged)), {
        fetcher: fetcher(),
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
      });
      expect(check(r, "hosted").status).toBe("pass"); // the attacker does host it…
      expect(check(r, "issuer").status).toBe("fail"); // …but not on the university's origin
      expect(check(r, "issuer").message).toContain(`127.0.0.1:${evil.port}`);
      expect(r.result).not.toBe("valid");

      // The genuine twin, hosted by the university itself.
      const genuine = hostedAssertion(uni.origin, `${uni.origin}/badge.json`);
      routes.uni["/assertions/1"] = genuine;
      const ok = await verifyCredential(await importPayload(JSON.stringify(genuine)), {
        fetcher: fetcher(),
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
      });
      expect(check(ok, "issuer").status).toBe("pass");
      expect(ok.result).toBe("valid");

      // An assertion on the university's origin whose badge class lives on the attacker's origin: fail too.
      const foreignBadge = {
        ...hostedAssertion(uni.origin, `${evil.origin}/badge.json`),
        id: `${uni.origin}/assertions/2`,
      };
      routes.uni["/assertions/2"] = foreignBadge;
      const mixed = await verifyCredential(await importPayload(JSON.stringify(foreignBadge)), {
        fetcher: fetcher(),
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
      });
      expect(check(mixed, "hosted").status).toBe("pass");
      expect(check(mixed, "issuer").status).toBe("fail");
      expect(check(mixed, "issuer").message).toMatch(/badge's description is hosted at/);

      // Only the university's profile may allow another origin, and then it counts.
      routes.uni["/issuer.json"] = {
        ...(routes.uni["/issuer.json"] as object),
        verification: { allowedOrigins: [`127.0.0.1:${evil.port}`] },
      };
      try {
        const delegated = await verifyCredential(await importPayload(JSON.stringify(forged)), {
          fetcher: fetcher(),
          recipientEmails: [LEARNER_EMAIL],
          now: NOW,
        });
        expect(check(delegated, "issuer").status).toBe("pass");
      } finally {
        const { verification: _v, ...plain } = routes.uni["/issuer.json"] as Record<string, unknown>;
        routes.uni["/issuer.json"] = plain;
      }
    });

    const signedAssertion = async (creator: string, key: CryptoKey, id: string) =>
      new CompactSign(
        new TextEncoder().encode(
          JSON.stringify({
            "@context": "https://w3id.org/openbadges/v2",
            type: "Assertion",
            id,
            recipient: { type: "email", hashed: true, salt: "s", identity: hashed },
            badge: `${uni.origin}/badge.json`,
            issuedOn: "2024-05-01T00:00:00Z",
            verification: { type: "signed", creator },
          }),
        ),
      )
        .setProtectedHeader({ alg: "RS256" })
        .sign(key);

    it("(e) a signed assertion whose key document claims owner = the issuer, but the issuer profile doesn't list the key: not valid", async () => {
      routes.evil = {
        "/key.json": {
          type: "CryptographicKey",
          id: `${evil.origin}/key.json`,
          owner: `${uni.origin}/issuer.json`,
          publicKeyPem: await exportSPKI(evilKeys.publicKey),
        },
      };
      const forged = await signedAssertion(`${evil.origin}/key.json`, evilKeys.privateKey, "urn:uuid:forged-signed");
      const r = await verifyCredential(await importPayload(forged), {
        fetcher: fetcher(),
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
      });
      expect(check(r, "signature").status).toBe("pass");
      expect(check(r, "issuer").status).toBe("fail");
      expect(check(r, "issuer").message).toMatch(/profile doesn't list the key/);
      expect(r.result).not.toBe("valid");

      const genuine = await signedAssertion(`${uni.origin}/key.json`, uniKeys.privateKey, "urn:uuid:genuine-signed");
      const ok = await verifyCredential(await importPayload(genuine), {
        fetcher: fetcher(),
        recipientEmails: [LEARNER_EMAIL],
        now: NOW,
      });
      expect(check(ok, "issuer").status).toBe("pass");
      expect(ok.result).toBe("valid");
    });
  });
});

/** Routes for tests/support/net.ts's server that serve whatever the (changing) table holds at request time. */
function servedFrom(table: () => Record<string, unknown>): Record<string, Route> {
  return new Proxy({} as Record<string, Route>, {
    get: (_target, path) => {
      const body = table()[String(path)];
      return body === undefined ? undefined : json(body);
    },
  });
}

describe("VC-JWT keys and algorithms", () => {
  for (const alg of ["ES384", "ES512", "PS256", "PS384", "PS512", "RS384", "RS512", "EdDSA"] as const) {
    it(`${alg} with a did:jwk issuer verifies and binds offline (key only: indeterminate); another did:jwk's key fails`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg, {
        extractable: true,
        ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}),
      });
      const did = didJwk(await exportJWK(publicKey));
      const jwt = await new SignJWT(jwtBody(vcClaim(did)))
        .setProtectedHeader({ alg, kid: `${did}#0` })
        .setIssuer(did)
        .sign(privateKey);
      const r = await verifyCredential(await importPayload(jwt), { now: NOW });
      expect(check(r, "signature").status).toBe("pass");
      // Issue #20: bound to its did:jwk, but a did:jwk alone identifies nobody (was "valid": the bug).
      expect(check(r, "issuer").status).toBe("warn");
      expect(r.issuer?.tier).toBe("key");
      expect(r.result).toBe("indeterminate");
      const other = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}) });
      const otherDid = didJwk(await exportJWK(other.publicKey));
      const forged = await new SignJWT(jwtBody(vcClaim(did)))
        .setProtectedHeader({ alg, kid: `${otherDid}#0` })
        .setIssuer(did)
        .sign(other.privateKey);
      const f = await verifyCredential(await importPayload(forged), { now: NOW });
      expect(check(f, "signature").status).toBe("pass");
      expect(check(f, "issuer").status).toBe("fail");
      expect(f.result).toBe("invalid");
    });
  }

  it("a header jwk that IS the did:key issuer's own key binds (key only: indeterminate); a symmetric HS256 token fails with a plain message", async () => {
    const signer = await didKeySigner();
    const exported = await signer.key.export({ publicKey: true, secretKey: true });
    const { createPrivateKey, createPublicKey } = await import("node:crypto");
    const seed = decodeSeed(String(exported.secretKeyMultibase));
    const priv = createPrivateKey({
      key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
      format: "der",
      type: "pkcs8",
    });
    const jwk = createPublicKey(priv).export({ format: "jwk" }) as JWK;
    const jwt = await new SignJWT(jwtBody(vcClaim(signer.did)))
      .setProtectedHeader({ alg: "EdDSA", jwk })
      .setIssuer(signer.did)
      .sign(priv);
    const r = await verifyCredential(await importPayload(jwt), { now: NOW });
    expect(check(r, "issuer").status).toBe("warn"); // issue #20: key only
    expect(check(r, "issuer").message).toMatch(
      /^The credential was signed with the key its issuer's identifier stands for\./,
    );
    expect(r.result).toBe("indeterminate");
    const hs = await new SignJWT(jwtBody(vcClaim(signer.did)))
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(signer.did)
      .sign(new TextEncoder().encode("a shared secret of 32 bytes!!!!!"));
    const h = await verifyCredential(await importPayload(hs), { now: NOW });
    expect(check(h, "signature").status).toBe("fail");
    expect(check(h, "signature").message).toMatch(/isn't a public-key signature algorithm/);
  });
});

/** Ed25519 multikey secret: z + base58btc(0x1300 varint + 32-byte seed + 32-byte public key). */
function decodeSeed(mb: string): Buffer {
  const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = 0n;
  for (const ch of mb.slice(1)) n = n * 58n + BigInt(ALPHABET.indexOf(ch));
  return Buffer.from(n.toString(16).padStart(2 * 66, "0"), "hex").subarray(2, 34);
}

describe("did:web controllers (W3C CID 1.0)", () => {
  it("a method whose controller differs from its DID document's id is an error; the matching one binds", async () => {
    const did = "did:web:issuer.example";
    const methodId = `${did}#key-1`;
    const web = await didKeySigner();
    const exported = await web.key.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: did });
    const signed = await issue({
      credential: ob3Credential(did),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: staticDocumentLoader(),
    });
    const doc = (controller: string) => ({
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
      id: did,
      verificationMethod: [
        { id: methodId, type: "Multikey", controller, publicKeyMultibase: web.key.publicKeyMultibase },
      ],
      assertionMethod: [methodId],
    });
    const url = "https://issuer.example/.well-known/did.json";
    const ok = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: mapFetcher({ [url]: doc(did) }),
      now: NOW,
    });
    expect(check(ok, "issuer").status).toBe("pass");
    expect(ok.result).toBe("valid");
    const bad = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: mapFetcher({ [url]: doc("did:web:attacker.example") }),
      now: NOW,
    });
    expect(check(bad, "signature").status).toBe("fail");
    expect(check(bad, "signature").message).toMatch(/names another controller/);
    expect(bad.result).toBe("invalid");
  });
});

describe("known issuers (DCC registries)", () => {
  let signer: DidKeySigner;
  let server: TestServer;
  beforeAll(async () => {
    signer = await didKeySigner();
    server = await startServer({
      "/registry.json": json({
        meta: { created: "2026-11-27T00:00:00Z" },
        registry: {
          [signer.did]: { name: "Sash Test University", location: "Ghent, Belgium", url: "https://university.example" },
        },
      }),
      "/not-a-registry.json": json({ hello: "world" }),
    });
  });
  afterAll(() => server.close());

  it("a bound issuer listed in a registry fetched through the SSRF-safe fetcher is reported as a known issuer", async () => {
    const url = `${server.origin}/registry.json`;
    const registries = await loadIssuerRegistries({
      fetcher: createFetcher({ allowHosts: [`127.0.0.1:${server.port}`] }),
      urls: [url],
    });
    expect(registries.results).toEqual([
      { name: `127.0.0.1:${server.port}/registry.json`, url, loaded: true, source: "network" },
    ]);
    const signed = await signEddsaRdfc2022(ob3Credential(signer.did), signer);
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), { registries, now: NOW });
    expect(r.result).toBe("valid");
    expect(r.issuer?.knownIssuer).toMatchObject({
      registry: `127.0.0.1:${server.port}/registry.json`,
      name: "Sash Test University",
      location: "Ghent, Belgium",
    });
    expect(check(r, "issuer").message).toContain(`Known issuer · 127.0.0.1:${server.port}/registry.json`);

    // A forger naming the listed issuer gets no "known issuer": the issuer isn't confirmed.
    const mallory = await didKeySigner();
    const forged = await verifyCredential(
      await importPayload(JSON.stringify(await signEddsaRdfc2022(ob3Credential(signer.did), mallory))),
      { registries, now: NOW },
    );
    expect(forged.result).toBe("invalid");
    expect(forged.issuer).toBeUndefined();
    expect(check(forged, "issuer").message).not.toContain("Known issuer");

    // Not being listed is not a failure, but a did:key nobody lists is key only (issue #20): not valid.
    const stranger = await didKeySigner();
    const unlisted = await verifyCredential(
      await importPayload(JSON.stringify(await signEddsaRdfc2022(ob3Credential(stranger.did), stranger))),
      { registries, now: NOW },
    );
    expect(check(unlisted, "issuer").status).toBe("warn");
    expect(unlisted.result).toBe("indeterminate");
    expect(unlisted.issuer).toEqual({
      id: stranger.did,
      knownIssuer: null,
      tier: "key",
      domain: null,
      claimedName: "Sash Test University",
    });
  });

  it("the bundled DCC snapshots work offline, first registry wins, and an unreachable registry falls back to its snapshot", async () => {
    const listedTwice = "did:key:z6MkuL7x2mTEoBmUuuaQ2hvEUd2YsEtmsHeX9JzqJZ8VYaVH"; // in the DCC Registry and the Community Registry snapshots
    const bundled = await bundledIssuerRegistries(DEFAULT_REGISTRY_URLS.slice());
    expect(bundled.results.map((x) => [x.name, x.loaded, x.source])).toEqual([
      ["DCC Registry", true, "snapshot"],
      ["DCC Pilot Registry", true, "snapshot"],
      ["DCC Community Registry", true, "snapshot"],
    ]);
    expect(bundled.lookup(listedTwice)).toMatchObject({
      registry: "DCC Registry",
      registries: expect.arrayContaining(["DCC Registry", "DCC Community Registry"]),
    });
    expect(bundled.lookup("did:key:z6MkNotInAnyRegistry")).toBeNull();

    const down = mapFetcher({}); // every registry answers 404
    const fallback = await loadIssuerRegistries({
      fetcher: down,
      urls: [DEFAULT_REGISTRY_URLS[2]!, `${server.origin}/not-a-registry.json`],
    });
    expect(down.calls).toHaveLength(2);
    expect(fallback.results.map((x) => [x.loaded, x.source])).toEqual([
      [true, "snapshot"],
      [false, "none"],
    ]);
    expect(fallback.lookup(listedTwice)?.registry).toBe("DCC Community Registry");
  });

  it("SASH_ISSUER_REGISTRIES: comma-separated URLs in order, defaulting to the DCC registries", () => {
    expect(registryUrlsFromEnv(undefined)).toEqual(DEFAULT_REGISTRY_URLS);
    expect(
      registryUrlsFromEnv(" https://a.example/r.json, ftp://x, https://b.example/r.json,https://a.example/r.json "),
    ).toEqual(["https://a.example/r.json", "https://b.example/r.json"]);
  });

  it("importing the registry client and reading the bundled snapshots makes no HTTP request", async () => {
    vi.resetModules();
    const original = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (async (input: unknown) => {
      calls.push(String(input));
      throw new Error("no network in this test");
    }) as typeof fetch;
    try {
      const fresh = await import("@/lib/badges/verify/registries");
      const regs = await fresh.bundledIssuerRegistries(fresh.DEFAULT_REGISTRY_URLS.slice());
      expect(regs.results.every((x) => x.loaded)).toBe(true);
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toEqual([]);
  });
});

describe("bounded work per verification", () => {
  it("more than 5 proofs: the signature check says so instead of verifying them", async () => {
    const signer = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential(signer.did), signer);
    const many = { ...signed, proof: Array.from({ length: 6 }, () => signed.proof) };
    const r = await verifyCredential(await importPayload(JSON.stringify(many)), { now: NOW });
    expect(check(r, "signature").status).toBe("warn");
    expect(check(r, "signature").message).toMatch(/6 signatures, more than the 5/);
    expect(r.result).toBe("indeterminate");
  });

  it("more than 5 status entries: the revocation check says so", async () => {
    const signer = await didKeySigner();
    const entries = Array.from({ length: 6 }, (_, i) => ({
      id: `https://status.example/list#${i}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(i),
      statusListCredential: `https://status.example/list${i}`,
    }));
    const signed = await signEddsaRdfc2022(ob3Credential(signer.did, { credentialStatus: entries }), signer);
    const fetcher = mapFetcher({});
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), { fetcher, now: NOW });
    expect(check(r, "revocation").status).toBe("warn");
    expect(check(r, "revocation").message).toMatch(/6 status entries, more than the 5/);
    expect(fetcher.calls).toEqual([]);
  });

  it("the fetch budget: past the limit nothing more is fetched and the check says why", async () => {
    const signer = await didKeySigner();
    const entries = [0, 1, 2].map((i) => ({
      id: `https://status.example/list${i}#1`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "1",
      statusListCredential: `https://status.example/list${i}`,
    }));
    const signed = await signEddsaRdfc2022(ob3Credential(signer.did, { credentialStatus: entries }), signer);
    const fetcher = mapFetcher({});
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher,
      limits: { fetches: 2 },
      now: NOW,
    });
    expect(fetcher.calls).toHaveLength(2);
    expect(check(r, "revocation").status).toBe("warn");
    const all = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: mapFetcher({}),
      now: NOW,
    });
    expect(check(all, "revocation").message).not.toMatch(/at most/);
  });

  it("one deadline for the whole verification: a server that never answers gives a clear warn, not a hang", async () => {
    const slow = await startServer({ "/assertions/1": () => undefined /* never answers */ });
    try {
      const o = slow.origin;
      const assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        type: "Assertion",
        id: `${o}/assertions/1`,
        recipient: { type: "email", hashed: false, identity: LEARNER_EMAIL },
        badge: `${o}/badge.json`,
        issuedOn: "2024-05-01T00:00:00Z",
        verification: { type: "hosted" },
      };
      const record = await importPayload(JSON.stringify(assertion));
      // The deadline runs on a fake clock (timers and Date): the report must come when
      // that clock reaches 400 ms, not a tick before, with the request still unanswered.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
      let r: VerificationReport | undefined;
      try {
        const pending = verifyCredential(record, {
          fetcher: createFetcher({ allowHosts: [`127.0.0.1:${slow.port}`] }),
          limits: { deadlineMs: 400 },
          now: NOW,
        }).then((report) => (r = report));
        while (!slow.hits.get("/assertions/1")) await new Promise((res) => setImmediate(res));
        await vi.advanceTimersByTimeAsync(399);
        expect(r).toBeUndefined();
        await vi.advanceTimersByTimeAsync(1);
        await pending;
      } finally {
        vi.useRealTimers();
      }
      expect(slow.hits.get("/assertions/1")).toBe(1);
      if (!r) throw new Error("no report");
      expect(r.result).toBe("indeterminate");
      expect(
        r.checks.every(
          (c) => c.status === "warn" && /stopped checking this credential after 0.4 seconds/.test(c.message),
        ),
      ).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe.skipIf(!haveRealFixtures("json/clr"))("CLR 2.0 (real 1EdTech files): the same issuer binding", () => {
  const read = (f: string) => fs.readFileSync(realFixture(`json/clr/${f}`), "utf8");
  const controllerDoc = (methodId: string) => {
    const issuer = methodId.split("#")[0]!;
    return {
      [issuer]: {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: issuer,
        verificationMethod: [
          { id: methodId, type: "Multikey", controller: issuer, publicKeyMultibase: methodId.split("#")[1] },
        ],
        assertionMethod: [methodId],
      },
    };
  };

  it("Data Integrity by a key the https issuer publishes: valid; a did:key proof on a urn:uuid issuer: unbound (issuer warn, indeterminate; issue #20)", async () => {
    const vm = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    const bound = await verifyCredential(record("ob3", "json", read("1edtech-dcpv_clr20-simple_di.json")), {
      fetcher: mapFetcher(controllerDoc(vm)),
      now: NOW,
    });
    expect(check(bound, "signature").status).toBe("pass");
    expect(check(bound, "issuer").status).toBe("pass");
    const unbound = await verifyCredential(
      record("ob3", "json", read("1edtech-dcpv_clr20-complex_ed25519sig2020.json")),
      { now: NOW },
    );
    expect(check(unbound, "signature").status).toBe("pass");
    expect(check(unbound, "issuer").status).toBe("warn");
    expect(unbound.result).toBe("indeterminate");
  });

  it("VC-JWT with the key only in its own jwk header for an https issuer: issuer warn, indeterminate", async () => {
    const r = await verifyCredential(
      record("ob3", "vc-jwt", read("1edtech-dcpv_clr20-simple_vcjwt-embedded-jwk.jwt").trim()),
      { now: NOW },
    );
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("warn");
    expect(r.result).toBe("indeterminate");
  });
});

describe.skipIf(!haveRealFixtures("json/dcc_v2-di-didkey_basic-ob3.json"))(
  "a real DCC credential and the real registry snapshots",
  () => {
    const SANDBOX = "https://digitalcredentials.github.io/sandbox-registry/registry.json";
    it("its did:key issuer is listed in the bundled DCC Sandbox Registry snapshot (used only when SASH_ISSUER_REGISTRIES names it)", async () => {
      const raw = fs.readFileSync(realFixture("json/dcc_v2-di-didkey_basic-ob3.json"), "utf8");
      const byDefault = await verifyCredential(await importPayload(raw), { now: NOW });
      expect(byDefault.result).toBe("indeterminate"); // issue #20: a did:key no configured registry lists is key only
      expect(byDefault.issuer?.knownIssuer).toBeNull(); // the sandbox isn't a default registry
      const configured = await bundledIssuerRegistries(
        registryUrlsFromEnv(`${DEFAULT_REGISTRY_URLS.join(",")},${SANDBOX}`),
      );
      const r = await verifyCredential(await importPayload(raw), { registries: configured, now: NOW });
      expect(r.result).toBe("valid");
      expect(r.issuer).toEqual({
        id: "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
        knownIssuer: expect.objectContaining({
          registry: "DCC Sandbox Registry",
          registries: ["DCC Sandbox Registry"],
        }),
        tier: "registry",
        domain: null,
        claimedName: expect.any(String),
      });
      expect(check(r, "issuer").message).toMatch(/Known issuer · DCC Sandbox Registry\.$/);
    });
  },
);

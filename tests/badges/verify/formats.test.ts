// Issue #20 item 4, "every format checked as its spec says" (problems 3, 4, 5 and the relative kid
// of 8): VC-JWT registered claims against the credential, https `kid` bound to the issuer's
// published keys, status lists bound to the credential's issuer (Bitstring Status List §3.2,
// StatusList2021), the 1EdTechRevocationList fixes, the OB 3.0 subject rule and CLR subject ties.
// Every case is signed here with fresh keys (jose, Digital Bazaar); status lists and issuer
// documents come from a real HTTP server on 127.0.0.1 through the SSRF-safe fetcher. Each
// "never" case below read valid / "not revoked" on the code before this change.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import type { IssuerRegistries } from "@/lib/badges/verify/registries";
import { createFetcher } from "@/lib/net/fetcher";
import { clrCredential, jwtIssuer, nestedCredential, signVcJwt, type JwtIssuer } from "../../support/clr";
import {
  didKeySigner,
  mapFetcher,
  ob3Credential,
  registryListing,
  signEddsaRdfc2022,
  startServer,
  type DidKeySigner,
} from "../../support/verify";

const NOW = new Date("2026-06-01T00:00:00Z");
const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const SUBJECT = "did:example:learner-ada";

/** An OB 3.0 credential for a VC-JWT: id, validFrom and a subject id, so every registered claim has a match. */
function body(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = ob3Credential(issuer, extra);
  return { ...base, credentialSubject: { ...(base.credentialSubject as object), id: SUBJECT } };
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Signs `vc` as a VC-JWT with kid `<did>#0`; `claims` replaces the matching registered claims. */
async function jwt(
  issuer: JwtIssuer,
  vc: Record<string, unknown>,
  claims: Record<string, unknown> | null = {},
  kid = `${issuer.did}#0`,
): Promise<string> {
  const registered =
    claims === null
      ? {}
      : {
          iss: issuer.did,
          jti: vc.id,
          nbf: seconds(String(vc.validFrom)),
          sub: (vc.credentialSubject as { id?: string }).id,
          ...claims,
        };
  return new SignJWT({ vc, ...registered }).setProtectedHeader({ alg: "EdDSA", kid }).sign(issuer.privateKey);
}

let issuer: JwtIssuer;
let registries: IssuerRegistries;
beforeAll(async () => {
  issuer = await jwtIssuer();
  registries = await registryListing({ [issuer.did]: "Sash Test College" });
});

const verifyJwt = async (token: string) => verifyCredential(await importPayload(token), { now: NOW, registries });

describe("VC-JWT registered claims against the credential (OB 3.0 §8.2)", () => {
  it("the genuine token, every claim matching: valid", async () => {
    const r = await verifyJwt(await jwt(issuer, body(issuer.did)));
    expect(check(r, "signature").status).toBe("pass");
    expect(r.result).toBe("valid");
  });

  it("exp in 2020 with a validUntil of 2099: expired, never valid", async () => {
    const r = await verifyJwt(
      await jwt(issuer, body(issuer.did, { validUntil: "2099-01-01T00:00:00Z" }), { exp: seconds("2020-06-01") }),
    );
    expect(check(r, "expiry").status).toBe("fail");
    expect(check(r, "expiry").message).toMatch(/expired on 2020-06-01/);
    expect(check(r, "expiry").message).toMatch(/disagrees with the credential's validUntil \(2099-01-01\)/);
    expect(r.result).toBe("invalid");
  });

  it("nbf in the future: not valid yet", async () => {
    const r = await verifyJwt(await jwt(issuer, body(issuer.did), { nbf: seconds("2030-01-01") }));
    expect(check(r, "expiry").status).toBe("fail");
    expect(check(r, "expiry").message).toMatch(/isn't valid yet.*2030-01-01/);
    expect(r.result).toBe("invalid");
  });

  it("sub or jti naming something else than the credential: the signature check fails", async () => {
    const sub = await verifyJwt(await jwt(issuer, body(issuer.did), { sub: "did:example:mallory" }));
    expect(check(sub, "signature").status).toBe("fail");
    expect(check(sub, "signature").message).toMatch(/`sub` is did:example:mallory/);
    expect(sub.result).toBe("invalid");
    const jti = await verifyJwt(await jwt(issuer, body(issuer.did), { jti: "urn:uuid:another-credential" }));
    expect(check(jti, "signature").status).toBe("fail");
    expect(check(jti, "signature").message).toMatch(/`jti` is urn:uuid:another-credential/);
    expect(jti.result).toBe("invalid");
  });

  it("no registered claims at all: warn (the signature holds, the claims OB 3.0 requires are missing), never valid", async () => {
    const r = await verifyJwt(await jwt(issuer, body(issuer.did), null));
    expect(check(r, "signature").status).toBe("warn");
    expect(check(r, "signature").message).toMatch(/The signature is valid.*`iss`, `jti`, `sub`, `nbf`/);
    expect(r.result).not.toBe("valid");
  });

  it("a relative kid (#0) is resolved against iss", async () => {
    const r = await verifyJwt(await jwt(issuer, body(issuer.did), {}, "#0"));
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(r.result).toBe("valid");
  });
});

describe("an https kid speaks for the issuer only when the issuer's own profile lists it", () => {
  const UNIVERSITY = "https://www.university.example/issuer";
  const JWKS = "https://www.university.example/uploads/jwks.json";
  let privateKey: CryptoKey;
  let jwk: JWK;
  beforeAll(async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    privateKey = pair.privateKey;
    jwk = await exportJWK(pair.publicKey);
  });
  const token = async () =>
    new SignJWT({
      vc: body(UNIVERSITY),
      jti: String(body(UNIVERSITY).id),
      nbf: seconds("2020-01-01T00:00:00Z"),
      sub: SUBJECT,
    })
      .setProtectedHeader({ alg: "ES256", kid: `${JWKS}#k1` })
      .setIssuer(UNIVERSITY)
      .sign(privateKey);

  it("a key set on the university's host that its profile doesn't list: issuer fail (it used to pass by host)", async () => {
    const r = await verifyCredential(await importPayload(await token()), {
      fetcher: mapFetcher({
        [JWKS]: { keys: [{ ...jwk, kid: "k1" }] },
        [UNIVERSITY]: { id: UNIVERSITY, type: "Profile", name: "A Famous University" },
      }),
      now: NOW,
    });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("fail");
    expect(check(r, "issuer").message).toMatch(/doesn't list the key/);
    expect(r.result).toBe("invalid");
  });

  it("the same key listed in the profile's verification methods: issuer pass, valid", async () => {
    const r = await verifyCredential(await importPayload(await token()), {
      fetcher: mapFetcher({
        [JWKS]: { keys: [{ ...jwk, kid: "k1" }] },
        [UNIVERSITY]: {
          id: UNIVERSITY,
          verificationMethod: [{ id: `${JWKS}#k1`, type: "JsonWebKey", controller: UNIVERSITY, publicKeyJwk: jwk }],
          assertionMethod: [`${JWKS}#k1`],
        },
      }),
      now: NOW,
    });
    expect(check(r, "issuer").status).toBe("pass");
    expect(r.result).toBe("valid");
  });
});

/** A gzip'd bitstring of `bits` bits with the given indexes set (index 0 = most significant bit of byte 0). */
function bitstring(set: number[], bits = 131072): Buffer {
  const bytes = Buffer.alloc(bits / 8);
  for (const i of set) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return gzipSync(bytes);
}

describe("status lists are read only from the credential's issuer (Bitstring Status List §3.2)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let signer: DidKeySigner;
  let stranger: DidKeySigner;
  let listed: IssuerRegistries;
  beforeAll(async () => {
    server = await startServer();
    signer = await didKeySigner();
    stranger = await didKeySigner();
    listed = await registryListing({ [signer.did]: "Sash Test College" });
  });
  afterAll(() => server.close());

  /** Publishes a status list at /status/<name>, signed by `by`; index 7 set. */
  async function publish(name: string, by: DidKeySigner, change: Record<string, unknown> = {}, bits = 131072) {
    const { credentialSubject: subjectChange, ...rest } = change as { credentialSubject?: object };
    const list = await signEddsaRdfc2022(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        id: `${server.origin}/status/${name}`,
        type: ["VerifiableCredential", "BitstringStatusListCredential"],
        issuer: by.did,
        validFrom: "2020-01-01T00:00:00Z",
        credentialSubject: {
          id: `${server.origin}/status/${name}#list`,
          type: "BitstringStatusList",
          statusPurpose: "revocation",
          encodedList: "u" + bitstring([7], bits).toString("base64url"),
          ...subjectChange,
        },
        ...rest,
      },
      by,
    );
    server.routes.set(`/status/${name}`, { body: list });
  }

  const verifyWith = async (name: string, index = 8, purpose = "revocation") => {
    const cred = ob3Credential(signer.did, {
      credentialStatus: {
        id: `${server.origin}/status/${name}#${index}`,
        type: "BitstringStatusListEntry",
        statusPurpose: purpose,
        statusListIndex: String(index),
        statusListCredential: `${server.origin}/status/${name}`,
      },
    });
    const signed = await signEddsaRdfc2022(cred, signer);
    return verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: createFetcher({ allowHosts: [server.host] }),
      now: NOW,
      registries: listed,
    });
  };

  it("the issuer's own list: bit clear → not revoked (valid), bit set → revoked", async () => {
    await publish("own", signer);
    const fine = await verifyWith("own", 8);
    expect(check(fine, "revocation").status).toBe("pass");
    expect(fine.result).toBe("valid");
    expect(check(await verifyWith("own", 7), "revocation").status).toBe("fail");
  });

  it("a list signed by a stranger (naming itself the issuer): never 'not revoked'", async () => {
    await publish("stranger", stranger);
    const r = await verifyWith("stranger");
    expect(check(r, "revocation").status).toBe("warn");
    expect(check(r, "revocation").message).toMatch(/not by the credential's issuer/);
    expect(r.result).toBe("indeterminate");
    // …nor when the stranger writes the issuer's id into it: its proof isn't the issuer's.
    await publish("impostor", stranger, { issuer: signer.did });
    const i = await verifyWith("impostor");
    expect(check(i, "revocation").status).toBe("warn");
    expect(i.result).toBe("indeterminate");
  });

  it("a list for another purpose (suspension): never 'not revoked'", async () => {
    await publish("suspension", signer, { credentialSubject: { statusPurpose: "suspension" } });
    const r = await verifyWith("suspension");
    expect(check(r, "revocation").status).toBe("warn");
    expect(check(r, "revocation").message).toMatch(/"suspension", not for "revocation"/);
    expect(r.result).toBe("indeterminate");
  });

  it("a list that expired in 2001: never 'not revoked'", async () => {
    await publish("expired", signer, { validFrom: "2000-01-01T00:00:00Z", validUntil: "2001-01-01T00:00:00Z" });
    const r = await verifyWith("expired");
    expect(check(r, "revocation").status).toBe("warn");
    expect(check(r, "revocation").message).toMatch(/expired on 2001-01-01/);
    expect(r.result).toBe("indeterminate");
  });

  it("a 128-bit list (shorter than 131,072): never 'not revoked'", async () => {
    await publish("short", signer, {}, 128);
    const r = await verifyWith("short");
    expect(check(r, "revocation").status).toBe("warn");
    expect(check(r, "revocation").message).toMatch(/only 128 entries, fewer than the 131,072/);
    expect(r.result).toBe("indeterminate");
  });

  it("a document of another type at the list's address: never 'not revoked'", async () => {
    await publish("wrong-type", signer, { type: ["VerifiableCredential"] });
    const r = await verifyWith("wrong-type");
    expect(check(r, "revocation").status).toBe("warn");
    expect(r.result).toBe("indeterminate");
  });

  describe("1EdTechRevocationList", () => {
    const entry = () => ({ id: `${server.origin}/revocations`, type: "1EdTechRevocationList" });
    const verify1EdTech = async (id: string | null) => {
      const cred = ob3Credential(signer.did, { credentialStatus: entry() });
      if (id === null) delete cred.id;
      else cred.id = id;
      cred["@context"] = [...(cred["@context"] as string[]), "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"];
      const signed = await signEddsaRdfc2022(cred, signer);
      return verifyCredential(await importPayload(JSON.stringify(signed)), {
        fetcher: createFetcher({ allowHosts: [server.host] }),
        now: NOW,
        registries: listed,
      });
    };
    beforeAll(() => {
      server.routes.set("/revocations", {
        body: {
          id: `${server.origin}/revocations`,
          issuer: signer.did,
          revokedCredentials: [
            { id: "urn:uuid:revoked", revoked: true, revocationReason: "Withdrawn" },
            { id: "urn:uuid:reinstated", revoked: false },
          ],
        },
      });
    });

    it("an entry with revoked: false doesn't count as revoked; revoked: true does", async () => {
      const reinstated = await verify1EdTech("urn:uuid:reinstated");
      expect(check(reinstated, "revocation").status).toBe("pass");
      expect(reinstated.result).toBe("valid");
      expect(check(await verify1EdTech("urn:uuid:revoked"), "revocation").status).toBe("fail");
    });

    it("a credential without an id can't be looked up: indeterminate with the reason, never 'not revoked'", async () => {
      const r = await verify1EdTech(null);
      expect(check(r, "revocation").status).toBe("warn");
      expect(check(r, "revocation").message).toMatch(/has no id/);
      expect(r.result).toBe("indeterminate");
    });
  });
});

describe("who the credential is about (OB 3.0 §B.1.3, CLR 2.0)", () => {
  it("a credentialSubject with neither id nor identifier is not valid, and the report says why", async () => {
    const signer = await didKeySigner();
    const listed = await registryListing({ [signer.did]: "Sash Test College" });
    const cred = ob3Credential(signer.did);
    const { identifier: _identifier, ...subject } = cred.credentialSubject as Record<string, unknown>;
    const bare = await signEddsaRdfc2022({ ...cred, credentialSubject: subject }, signer);
    const r = await verifyCredential(await importPayload(JSON.stringify(bare)), { now: NOW, registries: listed });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "schema").status).toBe("fail");
    expect(check(r, "schema").message).toMatch(/neither an id nor an identifier/);
    expect(check(r, "recipient").message).toMatch(/neither an id nor an identifier/);
    expect(r.result).toBe("indeterminate");
    // The same credential with its identifier is valid.
    const whole = await signEddsaRdfc2022(cred, signer);
    expect(
      (await verifyCredential(await importPayload(JSON.stringify(whole)), { now: NOW, registries: listed })).result,
    ).toBe("valid");
  });

  it("a CLR whose nested credential is about another DID: that credential is flagged and the record isn't valid", async () => {
    const college = await jwtIssuer();
    const listed = await registryListing({ [college.did]: "Sash Test College" });
    const own = await signVcJwt(nestedCredential(college.did, 0), college);
    const other = nestedCredential(college.did, 1);
    (other.credentialSubject as Record<string, unknown>).id = "did:example:someone-else";
    const foreign = await signVcJwt(other, college);
    const clr = await signVcJwt(clrCredential(college.did, { nested: [own, foreign] }), college);
    const r = await verifyCredential(await importPayload(clr), { now: NOW, registries: listed });
    const [first, second] = r.credentials!;
    expect(first!.result).toBe("valid");
    expect(second!.result).toBe("indeterminate");
    const flag = second!.checks.find((c) => c.id === "recipient")!;
    expect(flag.status).toBe("warn");
    expect(flag.message).toMatch(/did:example:someone-else, not to the learner the record is about/);
    expect(r.result).toBe("indeterminate");
  });
});

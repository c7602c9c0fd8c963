// CLR 2.0 verification (issue #13 item 2): the record's own proof and every nested credential on its own,
// with the issuer binding rules of every other credential; valid only when all are. Real keys throughout.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { importPayload, type ParsedCredential } from "@/lib/badges";
import { bundledContextUrls, verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { CLR_LIMITS } from "@/lib/badges/verify/limits";
import { clrCredential, jwtClr, nestedCredential, signedClr, signVcJwt } from "../support/clr";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import {
  didKeySigner,
  mapFetcher,
  registryListing,
  signEddsaRdfc2022,
  tamperJws,
  type DidKeySigner,
} from "../support/verify";

/** Issue #20: a did:key or did:jwk alone is key only (never valid); these test issuers are registered. */
const registered = (...issuers: Array<{ did: string }>) =>
  registryListing(Object.fromEntries(issuers.map((i) => [i.did, "Sash Test College"])));

const NOW = new Date("2026-11-28T00:00:00Z");
const read = (f: string) => fs.readFileSync(realFixture(`json/clr/${f}`), "utf8");
const status = (checks: VerificationReport["checks"], id: string) => checks.find((c) => c.id === id)!.status;
const summary = (r: VerificationReport) =>
  r.credentials!.map((c) => [c.title, c.result, status(c.checks, "signature"), status(c.checks, "issuer")]);

/**
 * Signature and issuer confirmed: valid, unless the credential breaks the JSON Schema it names (the
 * `schema` check, issue #13 item 4), which makes it indeterminate. The 1EdTech files name the CLR and
 * OB 3.0 schemas; whether they follow them is that check's business (tests/badges/verify/schema.test.ts).
 */
const schemaAllows = (checks: VerificationReport["checks"]) =>
  checks.some((c) => c.id === "schema" && c.status === "fail") ? "indeterminate" : "valid";
/** The same for the whole record: its own checks and every nested credential's. */
const recordAllows = (r: VerificationReport) =>
  [r.checks, ...r.credentials!.map((c) => c.checks)].every((cs) => schemaAllows(cs) === "valid")
    ? "valid"
    : "indeterminate";

/** A controller document published at an https issuer id, listing `methodId` for issuing (as a did:web would). */
function controllerDoc(methodId: string) {
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
}

describe.skipIf(!haveRealFixtures("json/clr"))("the real CLR 2.0 files, offline unless said", () => {
  it("every JSON-LD context the signed CLR files use (record and nested) is bundled", () => {
    const used = new Set<string>();
    const collect = (doc: Record<string, unknown>) => {
      for (const c of [doc["@context"]].flat()) if (typeof c === "string") used.add(c);
      const subject = doc.credentialSubject as { verifiableCredential?: unknown[] } | undefined;
      for (const n of subject?.verifiableCredential ?? [])
        if (typeof n === "object") collect(n as Record<string, unknown>);
    };
    for (const f of [
      "1edtech-dcpv_clr20-complex_ed25519sig2020.json",
      "1edtech-dcpv_clr20-simple_di.json",
      "1edtech-spec_clr20-ldp-test-vector_signed.json",
    ])
      collect(JSON.parse(read(f)));
    expect(used.size).toBe(8);
    for (const url of used) expect(bundledContextUrls(), url).toContain(url);
    // The unsigned file and the VC-JWT name a withdrawn draft context that exists nowhere now
    // (SOURCES.md); neither needs JSON-LD: one has no proof, the other is a JWS.
    expect(bundledContextUrls()).not.toContain("https://dc.imsglobal.org/draft/clr/v2p0/context");
  });

  it("complex (Ellis Monday): all seven Ed25519Signature2020 proofs pass, but a did:key signs for a urn:uuid issuer, so none is bound (not verified, issue #20)", async () => {
    const r = await verifyCredential(await importPayload(read("1edtech-dcpv_clr20-complex_ed25519sig2020.json")), {
      now: NOW,
    });
    expect(status(r.checks, "signature")).toBe("pass");
    // The issuer is urn:uuid:4ca4a241-…, which nobody can look up; the key's controller is did:key:z6Mks4vZ…:
    // nothing ties them together, and nothing proves them apart (issue #20: unbound, not forged).
    expect(status(r.checks, "issuer")).toBe("warn");
    expect(r.result).toBe("indeterminate");
    expect(summary(r)).toEqual(
      [
        "Nurse Assistant 1 Program with Licensure",
        "Health Careers 1",
        "Human Anatomy and Physiology",
        "Intro to Health Careers",
        "Nurse Assisting 1",
        "Oregon State Board of Nursing - Certified Nursing Assistant",
      ].map((t) => [t, "indeterminate", "pass", "warn"]),
    );
  });

  it("simple Data Integrity: valid when each https issuer publishes its key (one fetch per issuer); offline not confirmed", async () => {
    const text = read("1edtech-dcpv_clr20-simple_di.json");
    const own = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    const nested = "https://example.com/issuers/876543#z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx";
    const fetcher = mapFetcher({ ...controllerDoc(own), ...controllerDoc(nested) });
    const r = await verifyCredential(await importPayload(text), { fetcher, now: NOW });
    expect([status(r.checks, "signature"), status(r.checks, "issuer")]).toEqual(["pass", "pass"]);
    expect(r.result).toBe(recordAllows(r));
    expect(summary(r)).toEqual([["Teamwork", schemaAllows(r.credentials![0]!.checks), "pass", "pass"]]);
    expect([...fetcher.calls].sort()).toEqual([
      "https://example.com/issuers/876543",
      "https://example.edu/issuers/565049",
    ]);

    const offline = await verifyCredential(await importPayload(text), { now: NOW });
    expect([offline.result, status(offline.checks, "signature")]).toEqual(["indeterminate", "warn"]);
    expect(summary(offline)).toEqual([["Teamwork", "indeterminate", "warn", "skip"]]);
  });

  it("the 1EdTech test vector: record and nested degree share one key; it is fetched once for both", async () => {
    const vm = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    const fetcher = mapFetcher(controllerDoc(vm));
    const r = await verifyCredential(await importPayload(read("1edtech-spec_clr20-ldp-test-vector_signed.json")), {
      fetcher,
      now: NOW,
    });
    expect([status(r.checks, "signature"), status(r.checks, "issuer")]).toEqual(["pass", "pass"]);
    expect(r.result).toBe(recordAllows(r));
    expect(summary(r)).toEqual([["Achievement 1", schemaAllows(r.credentials![0]!.checks), "pass", "pass"]]);
    expect(fetcher.calls).toEqual(["https://example.edu/issuers/565049"]);
  });

  it("the unsigned record is never valid, and its nested degree is still reported", async () => {
    const r = await verifyCredential(await importPayload(read("1edtech-dcpv_clr20-simple_noproof.json")), {
      now: NOW,
    });
    expect([r.result, status(r.checks, "signature")]).toEqual(["indeterminate", "warn"]);
    // The degree's proof names an https key; offline it can't be loaded.
    expect(summary(r)).toEqual([["Achievement 1", "indeterminate", "warn", "skip"]]);
  });

  it("VC-JWT with the nested JWT degree: both signatures pass offline, but each key is only in its own header", async () => {
    const r = await verifyCredential(await importPayload(read("1edtech-dcpv_clr20-simple_vcjwt-embedded-jwk.jwt")), {
      now: NOW,
    });
    expect([r.result, status(r.checks, "signature"), status(r.checks, "issuer")]).toEqual([
      "indeterminate",
      "pass",
      "warn",
    ]);
    expect(summary(r)).toEqual([["Achievement 1", "indeterminate", "pass", "warn"]]);
  });
});

describe("generated CLRs: a did:key issuer for the record, another for its credentials", () => {
  it("eddsa-rdfc-2022 and Ed25519Signature2020: valid, each nested credential bound to its own issuer", async () => {
    for (const suite of ["eddsa-rdfc-2022", "Ed25519Signature2020"] as const) {
      const { clr, clrSigner, nestedSigner } = await signedClr({ count: 3, suite });
      const r = await verifyCredential(await importPayload(JSON.stringify(clr)), {
        now: NOW,
        registries: await registered(clrSigner, nestedSigner),
      });
      expect(r.result).toBe("valid");
      expect(r.issuer?.id).toBe(clrSigner.did);
      expect(summary(r)).toEqual(["Course 1", "Course 2", "Course 3"].map((t) => [t, "valid", "pass", "pass"]));
      for (const c of r.credentials!)
        expect(c.checks.find((x) => x.id === "issuer")!.message).toContain(nestedSigner.did.slice(0, 20));
      expect(r.credentials!.map((c) => c.id)).toEqual([0, 1, 2].map((i) => nestedCredential("x", i).id));
    }
  });

  it("a nested credential changed after it was signed (the record's own proof still valid): invalid, and the report names which", async () => {
    const clrSigner = await didKeySigner();
    const { nested, nestedSigner } = await signedClr({ count: 3, signClr: false });
    const tampered = structuredClone(nested);
    (tampered[1]!.credentialSubject as { achievement: { name: string } }).achievement.name = "Course 2 with Honours";
    const clr = await signEddsaRdfc2022(clrCredential(clrSigner.did, { nested: tampered }), clrSigner);
    const r = await verifyCredential(await importPayload(JSON.stringify(clr)), {
      now: NOW,
      registries: await registered(clrSigner, nestedSigner),
    });
    expect([status(r.checks, "signature"), status(r.checks, "issuer")]).toEqual(["pass", "pass"]);
    expect(r.result).toBe("invalid");
    expect(summary(r)).toEqual([
      ["Course 1", "valid", "pass", "pass"],
      ["Course 2 with Honours", "invalid", "fail", "skip"],
      ["Course 3", "valid", "pass", "pass"],
    ]);
  });

  it("the record itself changed after signing: invalid on its own proof; the untouched nested credentials stay valid", async () => {
    const { clr, clrSigner, nestedSigner } = await signedClr({ count: 2 });
    const r = await verifyCredential(await importPayload(JSON.stringify({ ...clr, name: "Forged Transcript" })), {
      now: NOW,
      registries: await registered(clrSigner, nestedSigner),
    });
    expect([r.result, status(r.checks, "signature")]).toEqual(["invalid", "fail"]);
    expect(summary(r)).toEqual([
      ["Course 1", "valid", "pass", "pass"],
      ["Course 2", "valid", "pass", "pass"],
    ]);
  });

  it("a record without a proof is never valid, though every nested credential is", async () => {
    const { clr, nestedSigner } = await signedClr({ count: 2, signClr: false });
    const r = await verifyCredential(await importPayload(JSON.stringify(clr)), {
      now: NOW,
      registries: await registered(nestedSigner),
    });
    expect([r.result, status(r.checks, "signature")]).toEqual(["indeterminate", "warn"]);
    expect(summary(r)).toEqual([
      ["Course 1", "valid", "pass", "pass"],
      ["Course 2", "valid", "pass", "pass"],
    ]);
  });

  it("a record whose nested credentials name an issuer that doesn't hold their key: invalid", async () => {
    const other: DidKeySigner = await didKeySigner();
    const { clr, clrSigner } = await signedClr({
      count: 2,
      nestedExtra: () => ({ issuer: { id: other.did, type: ["Profile"] } }),
    });
    const r = await verifyCredential(await importPayload(JSON.stringify(clr)), {
      now: NOW,
      registries: await registered(clrSigner, other),
    });
    expect(status(r.checks, "issuer")).toBe("pass");
    expect(r.result).toBe("invalid");
    expect(summary(r).map((s) => s.slice(1))).toEqual([
      ["invalid", "pass", "fail"],
      ["invalid", "pass", "fail"],
    ]);
  });

  it("VC-JWT record with nested VC-JWTs (did:jwk issuers): valid; a nested JWT changed after signing names which", async () => {
    const { jwt, nested, clrIssuer, nestedIssuer } = await jwtClr(2);
    const registries = await registered(clrIssuer, nestedIssuer);
    const good = await verifyCredential(await importPayload(jwt), { now: NOW, registries });
    expect(good.result).toBe("valid");
    expect(summary(good)).toEqual([
      ["Course 1", "valid", "pass", "pass"],
      ["Course 2", "valid", "pass", "pass"],
    ]);
    const forgedNested = [nested[0]!, tamperJws(nested[1]!, "Course 2", "Course 9")];
    const resigned = await signVcJwt(clrCredential(clrIssuer.did, { nested: forgedNested }), clrIssuer);
    const bad = await verifyCredential(await importPayload(resigned), { now: NOW, registries });
    expect([bad.result, status(bad.checks, "signature")]).toEqual(["invalid", "pass"]);
    expect(summary(bad)).toEqual([
      ["Course 1", "valid", "pass", "pass"],
      ["Course 2", "invalid", "fail", "skip"],
    ]);
  });
});

describe("limits for a record with many credentials", () => {
  it("one deadline covers the whole record: past it, nested credentials are reported as not checked, never valid", async () => {
    const { clr } = await signedClr({ count: CLR_LIMITS.concurrency + 2 });
    const record: ParsedCredential = await importPayload(JSON.stringify(clr));
    const r = await verifyCredential(record, { now: NOW, limits: { deadlineMs: 0 } });
    expect(r.result).toBe("indeterminate");
    expect(r.credentials).toHaveLength(CLR_LIMITS.concurrency + 2);
    for (const c of r.credentials!) {
      expect(c.result).toBe("indeterminate");
      expect(c.checks.every((x) => x.status === "warn" && /stopped checking/.test(x.message))).toBe(true);
    }
  });

  it(`at most CLR_LIMITS.fetches (${CLR_LIMITS.fetches}) distinct fetches for a record, however many its credentials ask for`, async () => {
    // 11 credentials × 5 status lists each = 55 distinct URLs, each credential within its own limits.
    const nested = Array.from({ length: 11 }, (_, i) =>
      nestedCredential("did:example:college", i, {
        credentialStatus: Array.from({ length: 5 }, (_, k) => ({
          id: `https://status.example/lists/${i}-${k}#1`,
          type: "BitstringStatusListEntry",
          statusPurpose: "revocation",
          statusListIndex: "1",
          statusListCredential: `https://status.example/lists/${i}-${k}`,
        })),
      }),
    );
    const fetcher = mapFetcher({});
    const r = await verifyCredential(
      await importPayload(JSON.stringify(clrCredential("did:example:college", { nested }))),
      { fetcher, now: NOW },
    );
    expect(r.credentials).toHaveLength(11);
    expect(fetcher.calls).toHaveLength(CLR_LIMITS.fetches);
    expect(new Set(fetcher.calls).size).toBe(CLR_LIMITS.fetches);
    expect(r.result).toBe("indeterminate");
  });

  it("nested credentials of one https issuer share one fetch of its key (one cache for the whole record)", async () => {
    // Nested credentials signed with a key an https issuer publishes (as a did:web or a website would).
    const issuer = "https://college.example/issuer";
    const fresh = await Ed25519Multikey.generate();
    const exported = await fresh.export({ publicKey: true, secretKey: true, includeContext: true });
    const methodId = `${issuer}#${fresh.publicKeyMultibase}`;
    const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: issuer });
    const httpsSigner: DidKeySigner = { did: issuer, methodId, key };
    const { clr, clrSigner } = await signedClr({ count: 5, nestedSigner: httpsSigner });
    const fetcher = mapFetcher(controllerDoc(methodId));
    const r = await verifyCredential(await importPayload(JSON.stringify(clr)), {
      fetcher,
      now: NOW,
      registries: await registered(clrSigner), // the record's did:key; the nested https issuer is a domain
    });
    expect(r.result).toBe("valid");
    // Without the record's shared cache each of the five would fetch it.
    expect(fetcher.calls).toEqual([issuer]);
  });
});

// Issue #13 §6: a learner's Verifiable Presentation. Credentials signed here by fresh
// did:key issuers (eddsa-rdfc-2022 on VCDM 2.0, Ed25519Signature2020 on VCDM 1.1,
// ecdsa-rdfc-2019), presented and signed by a fresh holder did:key; @digitalbazaar/vc's
// verify must accept the presentation proof and every credential, and reject a tampered copy.
import { beforeAll, describe, expect, it } from "vitest";
import { verify as vcVerify } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { cryptosuite as ecdsaRdfc2019 } from "@digitalbazaar/ecdsa-rdfc-2019-cryptosuite";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import jsigs from "jsonld-signatures";
import {
  isPresentation,
  presentationDocumentLoader,
  signHolderPresentation,
  verifyPresentationDocument,
  type HolderSigner,
} from "@/lib/presentation/presentation";
import { presentationEligibility } from "@/lib/presentation/eligibility";
import { ecdsaSigner, signEcdsaRdfc2019 } from "../support/ecdsa";
import { ob2Assertion } from "../support/wallet";
import {
  didKeySigner,
  registryListing,
  LEARNER_EMAIL,
  ob3Credential,
  signEd25519Signature2020,
  signEddsaRdfc2022,
  tamperJson,
  type DidKeySigner,
} from "../support/verify";

/** Issue #20: a did:key alone is key only (never valid); the test issuer is a registered one. */
const issuerListed = () => registryListing({ [issuer.did]: "Sash Test University", [p256Did]: "Sash Test University" });
let p256Did: string;

const NOW = new Date("2026-06-01T00:00:00Z");
const holderOf = (s: DidKeySigner): HolderSigner => ({ did: s.did, methodId: s.methodId, signer: s.key.signer() });

/** @digitalbazaar/vc's own verification of a presentation: its proof and every credential inside. */
function vcVerifies(presentation: Record<string, unknown>) {
  return vcVerify({
    presentation,
    suite: [
      new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
      new Ed25519Signature2020(),
    ],
    documentLoader: presentationDocumentLoader(),
    presentationPurpose: new jsigs.purposes.AssertionProofPurpose(),
  });
}

/** The credential with another achievement name (what Sash shows as its title). */
function named(c: Record<string, unknown>, name: string): Record<string, unknown> {
  const subject = structuredClone(c.credentialSubject) as { achievement: Record<string, unknown> };
  subject.achievement.name = name;
  return { ...c, name, credentialSubject: subject };
}

let issuer: DidKeySigner;
let holder: DidKeySigner;
let credentials: Record<string, unknown>[];
beforeAll(async () => {
  issuer = await didKeySigner();
  holder = await didKeySigner();
  const p256 = await ecdsaSigner("P-256");
  p256Did = p256.did;
  const vc11 = {
    ...named(ob3Credential(issuer.did, { id: "urn:uuid:8a0d8f5e-9a55-4f0e-8d3c-0b1f0f3e6c11" }), "Public Speaking"),
    "@context": [
      "https://www.w3.org/2018/credentials/v1",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    ],
    issuanceDate: "2020-01-01T00:00:00Z",
  } as Record<string, unknown>;
  delete vc11.validFrom;
  credentials = [
    await signEddsaRdfc2022(ob3Credential(issuer.did), issuer),
    await signEd25519Signature2020(vc11, issuer),
    await signEcdsaRdfc2019(
      named(ob3Credential(p256.did, { id: "urn:uuid:4e1c2b7a-5d3f-4a8e-9c6b-2f7d1e0a9b33" }), "Statistics"),
      p256,
    ),
  ];
});

describe("a learner's presentation", () => {
  it("is a VCDM 2.0 presentation by the holder that @digitalbazaar/vc verifies: its proof and every credential", async () => {
    const vp = await signHolderPresentation(credentials, holderOf(holder), {
      id: "urn:uuid:0f4a2c3e-1b5d-4e6f-8a7b-9c0d1e2f3a4b",
      now: NOW,
    });
    expect(isPresentation(vp)).toBe(true);
    expect(vp["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2"]);
    expect(vp.holder).toBe(holder.did);
    expect(vp.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: holder.methodId,
    });
    // The credentials are carried as issued.
    expect(vp.verifiableCredential).toEqual(credentials);

    const r = await vcVerifies(vp);
    expect(r.presentationResult?.verified).toBe(true);
    expect(r.credentialResults?.map((c) => c.verified)).toEqual([true, true, true]);
    expect(r.verified).toBe(true);

    const report = await verifyPresentationDocument(vp, { now: NOW, registries: await issuerListed() });
    expect(report).toMatchObject({ type: "presentation", holder: holder.did, result: "valid" });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["signature", "pass"],
      ["holder", "pass"],
      ["credentials", "pass"],
    ]);
    expect(report.credentials.map((c) => [c.id, c.title, c.result])).toEqual([
      ["urn:uuid:2f1f5f35-bb2b-4cbb-9e2c-bd3d1ef0f7a1", "Teamwork", "valid"],
      ["urn:uuid:8a0d8f5e-9a55-4f0e-8d3c-0b1f0f3e6c11", "Public Speaking", "valid"],
      ["urn:uuid:4e1c2b7a-5d3f-4a8e-9c6b-2f7d1e0a9b33", "Statistics", "valid"],
    ]);
  });

  it("a tampered presentation fails: @digitalbazaar/vc rejects its proof and the changed credential", async () => {
    const vp = await signHolderPresentation(credentials, holderOf(holder), { id: "urn:uuid:1", now: NOW });
    const tampered = JSON.parse(tamperJson(JSON.stringify(vp), "Works well")) as Record<string, unknown>;
    const r = await vcVerifies(tampered);
    expect(r.verified).toBe(false);
    expect(r.presentationResult?.verified).toBe(false);
    expect(r.credentialResults?.map((c) => c.verified)).toEqual([false, true, true]);

    const report = await verifyPresentationDocument(tampered, { now: NOW, registries: await issuerListed() });
    expect(report.result).toBe("invalid");
    expect(report.checks[0]).toMatchObject({ id: "signature", status: "fail" });
    expect(report.credentials.map((c) => c.result)).toEqual(["invalid", "valid", "valid"]);
    expect(report.checks[2]).toMatchObject({ id: "credentials", status: "fail" });
  });

  it("a presentation naming another holder than its signer fails the holder check", async () => {
    const other = await didKeySigner();
    const vp = await signHolderPresentation(
      credentials.slice(0, 1),
      { ...holderOf(holder), did: other.did },
      {
        id: "urn:uuid:2",
        now: NOW,
      },
    );
    const report = await verifyPresentationDocument(vp, { now: NOW, registries: await issuerListed() });
    expect(report.checks[0]).toMatchObject({ id: "signature", status: "pass" });
    expect(report.checks[1]).toMatchObject({ id: "holder", status: "fail" });
    expect(report.result).toBe("invalid");
  });

  it("an unsigned presentation is never valid", async () => {
    const report = await verifyPresentationDocument(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        type: ["VerifiablePresentation"],
        holder: holder.did,
        verifiableCredential: credentials.slice(0, 1),
      },
      { now: NOW, registries: await issuerListed() },
    );
    expect(report.checks[0]).toMatchObject({ id: "signature", status: "fail" });
    expect(report.result).toBe("invalid");
    expect(report.credentials[0]!.result).toBe("valid");
  });
});

describe("which stored credentials can be presented", () => {
  /** Ada, whose verified address the test credentials were issued to. */
  const ada = { emails: [LEARNER_EMAIL], dids: [] };

  it("OB 3.0 / CLR JSON with a proof: yes, as issued; OB 2.0, JWT, manual and unsigned: no, with the reason", () => {
    const signed = JSON.stringify(credentials[0]);
    expect(presentationEligibility({ spec: "ob3", raw: signed }, ada)).toEqual({
      ok: true,
      credential: credentials[0],
    });
    expect(presentationEligibility({ spec: "clr2", raw: signed }, ada).ok).toBe(true);
    const no = (spec: string | null, raw: string | null) => {
      const e = presentationEligibility({ spec, raw }, ada);
      if (e.ok) throw new Error("expected not eligible");
      return e.reason;
    };
    expect(no("ob2", ob2Assertion())).toMatch(/aren't Verifiable Credentials/);
    expect(no("ob3", "eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6e319.c2ln")).toMatch(/signed as a JWT/);
    expect(no(null, null)).toMatch(/by hand/);
    expect(no("ob3", JSON.stringify(ob3Credential(issuer.did)))).toMatch(/no signature/);
    expect(no("ob3", "{not json")).toMatch(/isn't a JSON credential/);
  });

  it("only credentials issued to the presenting learner (issue #25 §5a)", async () => {
    const signed = { spec: "ob3", raw: JSON.stringify(credentials[0]) };
    // Issued to ada@example.org: not Bo's to present, nor Ada's before she has verified that address.
    const bo = presentationEligibility(signed, { emails: ["bo@example.org"], dids: [] });
    expect(bo.ok).toBe(false);
    if (!bo.ok) expect(bo.reason).toMatch(/isn't one of yours.*only credentials issued to you/);
    const unverified = presentationEligibility(signed, { emails: [], dids: [] });
    expect(unverified.ok).toBe(false);
    if (!unverified.ok) expect(unverified.reason).toMatch(/add and verify the address/);
    // Matched with any of the learner's verified addresses, as typed or in another case.
    expect(presentationEligibility(signed, { emails: ["work@example.com", "Ada@Example.org"], dids: [] }).ok).toBe(
      true,
    );

    // Issued to a DID: only the learner holding that DID.
    const base = ob3Credential(issuer.did, { id: "urn:uuid:0c5e7d1a-2b3c-4d5e-8f90-a1b2c3d4e5f6" });
    const achievement = (base.credentialSubject as { achievement: unknown }).achievement;
    const toDid = await signEddsaRdfc2022(
      { ...base, credentialSubject: { type: ["AchievementSubject"], id: holder.did, achievement } },
      issuer,
    );
    const didCred = { spec: "ob3", raw: JSON.stringify(toDid) };
    expect(presentationEligibility(didCred, { emails: [LEARNER_EMAIL], dids: [holder.did] }).ok).toBe(true);
    expect(presentationEligibility(didCred, { emails: [LEARNER_EMAIL], dids: [] }).ok).toBe(false);
    const other = await didKeySigner();
    expect(presentationEligibility(didCred, { emails: [], dids: [other.did] }).ok).toBe(false);
  });

  it("nothing whose last check proved it wrong", () => {
    const raw = JSON.stringify(credentials[0]);
    const e = presentationEligibility({ spec: "ob3", raw, verificationResult: "invalid" }, ada);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.reason).toMatch(/isn't valid/);
    for (const result of ["valid", "indeterminate", null])
      expect(presentationEligibility({ spec: "ob3", raw, verificationResult: result }, ada).ok).toBe(true);
  });
});

// Issue #20 §4 (problems 7-8): cases that used to read "Failed" although nothing was proven
// wrong now read "Not verified" (indeterminate) with the true reason: a `urn:` issuer signed by
// a did:key (unbound), a JSON-LD safe-mode refusal (a document Sash couldn't process), a did:web
// document whose id isn't the DID (a resolution error); and a controller document naming the
// W3C Controlled Identifier context (https://www.w3.org/ns/cid/v1, now bundled) binds its key.
// Real keys throughout; did:web documents come through a map fetcher (the Fetcher boundary).
import { describe, expect, it } from "vitest";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { issue } from "@digitalbazaar/vc";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { bundledContext, staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { didKeySigner, mapFetcher, ob3Credential, registryListing, signEddsaRdfc2022 } from "../../support/verify";

const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const NOW = new Date("2026-06-01T00:00:00Z");

/** A credential signed by a key of `did:web:issuer.example` (eddsa-rdfc-2022). */
async function didWebSigned() {
  const did = "did:web:issuer.example";
  const methodId = `${did}#key-1`;
  const base = await didKeySigner();
  const exported = await base.key.export({ publicKey: true, secretKey: true, includeContext: true });
  const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: did });
  const signed = await issue({
    credential: ob3Credential(did),
    suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
    documentLoader: staticDocumentLoader(),
  });
  const doc = (context: unknown, id = did) => ({
    "@context": context,
    id,
    verificationMethod: [
      { id: methodId, type: "Multikey", controller: did, publicKeyMultibase: base.key.publicKeyMultibase },
    ],
    assertionMethod: [methodId],
  });
  return { did, signed, doc, url: "https://issuer.example/.well-known/did.json" };
}

describe("not 'Failed' when nothing is proven wrong", () => {
  it("a urn: issuer signed by a did:key is indeterminate (unbound), with the reason", async () => {
    const signer = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential("urn:uuid:0d5f3a2e-6c1b-4f7e-9a8d-2b4c6e8f0a1c"), signer);
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), { now: NOW });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("warn");
    expect(check(r, "issuer").message).toContain("can't be looked up");
    expect(r.result).toBe("indeterminate");
  });

  it("a did:web issuer signed by a did:key of someone else still fails (proven wrong)", async () => {
    const signer = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential("did:web:university.example"), signer);
    const r = await verifyCredential(await importPayload(JSON.stringify(signed)), {
      fetcher: mapFetcher({}),
      now: NOW,
    });
    expect(check(r, "issuer").status).toBe("fail");
    expect(r.result).toBe("invalid");
  });

  it("a JSON-LD safe-mode refusal is reported as a document Sash couldn't process, not as a change after signing", async () => {
    const signer = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential(signer.did), signer);
    // Under the VC 1.1 context alone (no @vocab), the OB terms are undefined: safe mode refuses them.
    const doc = { ...signed, "@context": ["https://www.w3.org/2018/credentials/v1"] };
    const r = await verifyCredential(await importPayload(JSON.stringify(doc)), { now: NOW });
    const sig = check(r, "signature");
    expect(sig.status).toBe("warn");
    expect(sig.message).toContain("safe mode");
    expect(sig.message).toContain("not proof that it was changed");
    expect(sig.message).not.toContain("changed after it was signed");
    expect(r.result).toBe("indeterminate");
    // A real change after signing still fails.
    const changed = { ...signed, name: "Leadership" };
    const c = await verifyCredential(await importPayload(JSON.stringify(changed)), { now: NOW });
    expect(check(c, "signature").status).toBe("fail");
    expect(c.result).toBe("invalid");
  });

  it("a did:web document whose id isn't the DID is a resolution error (not verified), not a signature failure", async () => {
    const w = await didWebSigned();
    const r = await verifyCredential(await importPayload(JSON.stringify(w.signed)), {
      fetcher: mapFetcher({ [w.url]: w.doc(["https://www.w3.org/ns/did/v1"], "did:web:elsewhere.example") }),
      now: NOW,
    });
    expect(check(r, "signature").status).toBe("warn");
    expect(check(r, "signature").message).toMatch(/couldn't resolve the issuer's identifier did:web:issuer\.example/);
    expect(r.result).toBe("indeterminate");
  });

  it("the W3C Controlled Identifier context is bundled, and a DID document naming it binds its key", async () => {
    expect(bundledContext("https://www.w3.org/ns/cid/v1")).toBeTruthy();
    const w = await didWebSigned();
    const registries = await registryListing({ [w.did]: "Sash Test University" });
    const r = await verifyCredential(await importPayload(JSON.stringify(w.signed)), {
      fetcher: mapFetcher({ [w.url]: w.doc(["https://www.w3.org/ns/cid/v1"]) }),
      registries,
      now: NOW,
    });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(r.result).toBe("valid");
  });
});

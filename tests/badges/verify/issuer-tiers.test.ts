// Issue #20 item 1: issuer identity in three tiers, built with real keys. A self-made did:key
// naming a famous university never reads "Verified" and its name is never written as confirmed;
// a key a registry lists reads under the REGISTRY's name (its own other name only as its claim);
// a did:web or https issuer is shown with its website. Each case goes through the verifier,
// the learner-level result, the one verified status and the words the pages show.
// On the code before issue #20 the first two fail: the did:key reads "Verified — the issuer, the
// contents and the learner are all confirmed" and "Confirmed: issued by Massachusetts Institute of
// Technology"; the registered key reads "Confirmed: issued by Stanford University, a known issuer".
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { issue } from "@digitalbazaar/vc";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { createFetcher } from "@/lib/net/fetcher";
import { presentTrust, statusWords } from "@/lib/trust/present";
import { forLearner } from "@/lib/trust/result";
import { verifiedStatus } from "@/lib/trust/status";
import {
  didKeySigner,
  LEARNER_EMAIL,
  mapFetcher,
  ob3Credential,
  registryListing,
  signEddsaRdfc2022,
  startServer,
} from "../../support/verify";

const NOW = new Date("2026-06-01T00:00:00Z");
const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;

/** An OB 3.0 credential whose issuer profile gives itself `name`. */
function named(issuer: string, name: string) {
  const c = ob3Credential(issuer);
  (c.issuer as Record<string, unknown>).name = name;
  return c;
}

/** What the learner and an employer see: the status, its card words and the page's sentences. */
async function seen(signed: Record<string, unknown>, opts: Parameters<typeof verifyCredential>[1] = {}) {
  const rec = await importPayload(JSON.stringify(signed));
  const report = forLearner(await verifyCredential(rec, { now: NOW, recipientEmails: [LEARNER_EMAIL], ...opts }));
  const stored = JSON.parse(JSON.stringify(report)) as unknown; // as kept in the database (jsonb)
  const status = verifiedStatus({ report: stored }, {}, NOW);
  const view = presentTrust(stored, { issuerName: rec.issuer.name }, NOW);
  return { report, status, card: statusWords(status).words, view, words: JSON.stringify(view) };
}

describe("key only: a fresh did:key naming a famous university", () => {
  it("never reads Verified, and its name is never confirmed", async () => {
    const mallory = await didKeySigner();
    const signed = await signEddsaRdfc2022(named(mallory.did, "Massachusetts Institute of Technology"), mallory);
    const { report, status, card, view, words } = await seen(signed);
    expect(check(report, "signature").status).toBe("pass");
    expect(check(report, "recipient").status).toBe("pass");
    expect(check(report, "issuer").status).toBe("warn");
    expect(check(report, "issuer").message).toContain("the issuer's name is only its own claim");
    expect(report.issuer).toMatchObject({
      id: mallory.did,
      tier: "key",
      domain: null,
      claimedName: "Massachusetts Institute of Technology",
    });
    expect(report.result).toBe("indeterminate");
    expect(status.verified).toBe(false);
    expect(status.reason).toBe("ISSUER_NOT_CONFIRMED");
    expect(card).toBe("Not verified");
    expect(view.summary).toBe(
      "Not verified — nothing vouches for who issued it: its issuer's name is only its own claim.",
    );
    expect(view.statements[0]).toEqual({
      id: "issuer",
      label: "Issuer",
      tone: "neutral",
      text: "Not confirmed: Massachusetts Institute of Technology is only the name the issuer gives itself; no known-issuer registry or website vouches for it.",
    });
    expect(words).not.toMatch(/Verified —|all confirmed|Confirmed: issued by/);
  });
});

describe("registry: a registered key that names itself otherwise", () => {
  it("shows the registry's name as confirmed and the self-declared one only as its claim", async () => {
    const college = await didKeySigner();
    const registries = await registryListing(
      { [college.did]: "Harbor Valley Community College" },
      "Harbor Valley Trust List",
    );
    const signed = await signEddsaRdfc2022(named(college.did, "Stanford University"), college);
    const { report, status, view } = await seen(signed, { registries });
    expect(check(report, "issuer")).toMatchObject({ status: "pass" });
    expect(check(report, "issuer").message).toMatch(/Known issuer · Harbor Valley Trust List\.$/);
    expect(report.issuer).toMatchObject({
      tier: "registry",
      knownIssuer: { name: "Harbor Valley Community College", registry: "Harbor Valley Trust List" },
      claimedName: "Stanford University",
    });
    expect(report.result).toBe("valid");
    expect(status.verified).toBe(true);
    expect(view.summary).toBe(
      "Verified — the issuer (a known issuer, Harbor Valley Trust List), the contents and the learner are all confirmed.",
    );
    expect(view.statements[0]!.text).toBe(
      "Confirmed: issued by Harbor Valley Community College, a known issuer (Harbor Valley Trust List). The credential calls its issuer Stanford University; that name is only the issuer's own claim.",
    );
    expect(view.statements[0]!.text).not.toMatch(/Confirmed: issued by Stanford/);
  });

  it("a forger naming the registered key as its issuer gets neither the tier nor the name", async () => {
    const college = await didKeySigner();
    const mallory = await didKeySigner();
    const registries = await registryListing({ [college.did]: "Harbor Valley Community College" });
    const { report, status, view } = await seen(
      await signEddsaRdfc2022(named(college.did, "Harbor Valley Community College"), mallory),
      { registries },
    );
    expect(check(report, "issuer").status).toBe("fail");
    expect(report.issuer).toBeUndefined();
    expect(status.state).toBe("failed");
    expect(JSON.stringify(view)).not.toContain("known issuer (");
  });
});

describe("domain: did:web and https issuers are shown with their website", () => {
  it("a did:web issuer (its DID document on its website) names the host beside the name", async () => {
    const did = "did:web:www.credly.example:issuers:aws";
    const methodId = `${did}#key-0`;
    const web = await didKeySigner();
    const exported = await web.key.export({ publicKey: true, secretKey: true, includeContext: true });
    const key = await Ed25519Multikey.from({ ...exported, id: methodId, controller: did });
    const signed = await issue({
      credential: named(did, "Amazon Web Services Training and Certification"),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: staticDocumentLoader(),
    });
    const fetcher = mapFetcher({
      "https://www.credly.example/issuers/aws/did.json": {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: did,
        verificationMethod: [
          { id: methodId, type: "Multikey", controller: did, publicKeyMultibase: web.key.publicKeyMultibase },
        ],
        assertionMethod: [methodId],
      },
    });
    const { report, status, view } = await seen(signed, { fetcher });
    expect(check(report, "issuer").status).toBe("pass");
    expect(check(report, "issuer").message).toMatch(/Issued through credly\.example\.$/);
    expect(report.issuer).toMatchObject({ tier: "domain", domain: "credly.example", knownIssuer: null });
    expect(status.verified).toBe(true);
    expect(view.statements[0]!.text).toBe(
      "Confirmed: issued by Amazon Web Services Training and Certification, through credly.example.",
    );
    expect(view.summary).toContain("the issuer's website (credly.example)");
  });

  describe("an OB 2.0 badge hosted on its issuer's website (a real local server)", () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(() => server.close());

    it("names the host it was confirmed on", async () => {
      const o = server.origin;
      const assertion = {
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
      };
      server.routes.set("/assertions/1", { body: assertion });
      server.routes.set("/badge.json", {
        body: { type: "BadgeClass", id: `${o}/badge.json`, name: "Hosting", issuer: `${o}/issuer.json` },
      });
      server.routes.set("/issuer.json", {
        body: { type: "Issuer", id: `${o}/issuer.json`, name: "Hosted College" },
      });
      const { report, view } = await seen(assertion, { fetcher: createFetcher({ allowHosts: [server.host] }) });
      expect(check(report, "hosted").status).toBe("pass");
      expect(check(report, "issuer").status).toBe("pass");
      expect(report.issuer).toMatchObject({ tier: "domain", domain: server.host });
      expect(view.statements[0]!.text).toBe(`Confirmed: issued by the issuer, through ${server.host}.`);
    });
  });
});

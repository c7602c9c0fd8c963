// Signed Open Badges 3.0 credentials issued to a chosen address (plain or
// hashed), baked into a PNG — verifiable offline (did:key + eddsa-rdfc-2022),
// for the verified-address and presentation tests (issue #11).
import { createHash, randomUUID } from "node:crypto";
import { DEFAULT_REGISTRY_URLS } from "@/lib/badges/verify/registries";
import { bakePng, noisePng } from "./wallet";
import { didKeySigner, ob3Credential, signEddsaRdfc2022, type DidKeySigner } from "./verify";

export interface SignedBadgeOptions {
  email: string;
  hashed?: boolean;
  title?: string;
  description?: string;
  validUntil?: string;
  seed?: number;
}

/**
 * Issue #20: a did:key alone is "key only", never Verified. The test issuer is a fixed key listed
 * in the test registry file below (as "Sash Test University"), and importing this module adds
 * that file to SASH_ISSUER_REGISTRIES (after the default DCC registries) unless a test set it:
 * its badges are a registered issuer's, as a real college's would be. Browser tests pass the
 * same file to the server (tests/e2e/global-setup.ts).
 */
export const TEST_REGISTRY_FILE = "tests/support/registries/sash-test-issuers.json";
export const TEST_ISSUER_SEED = new Uint8Array(32).fill(7);
process.env.SASH_ISSUER_REGISTRIES ??= [...DEFAULT_REGISTRY_URLS, TEST_REGISTRY_FILE].join(",");

let shared: Promise<DidKeySigner> | null = null;
export const testIssuer = () => (shared ??= didKeySigner(TEST_ISSUER_SEED));

export async function signedOb3(opts: SignedBadgeOptions): Promise<Record<string, unknown>> {
  const signer = await testIssuer();
  const identifier = opts.hashed
    ? {
        type: "IdentityObject",
        identityType: "emailAddress",
        hashed: true,
        salt: "s4lt",
        identityHash:
          "sha256$" +
          createHash("sha256")
            .update(opts.email + "s4lt")
            .digest("hex"),
      }
    : { type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: opts.email };
  const base = ob3Credential(signer.did, {
    id: `urn:uuid:${randomUUID()}`,
    name: opts.title ?? "Teamwork",
    ...(opts.validUntil ? { validUntil: opts.validUntil } : {}),
  });
  const subject = base.credentialSubject as Record<string, unknown>;
  const achievement = {
    ...(subject.achievement as Record<string, unknown>),
    name: opts.title ?? "Teamwork",
    description: opts.description ?? "Works well with others.",
  };
  return signEddsaRdfc2022(
    { ...base, credentialSubject: { ...subject, identifier: [identifier], achievement } },
    signer,
  );
}

/** The signed credential baked into a PNG (OB 3.0 Baking: iTXt "openbadgecredential"). */
export async function signedOb3Png(opts: SignedBadgeOptions): Promise<Buffer> {
  return bakePng(noisePng(24, 24, opts.seed ?? 3), JSON.stringify(await signedOb3(opts)), "openbadgecredential");
}

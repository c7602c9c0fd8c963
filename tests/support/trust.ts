// Signed Open Badges 3.0 credentials issued to a chosen address (plain or
// hashed), baked into a PNG — verifiable offline (did:key + eddsa-rdfc-2022),
// for the verified-address and presentation tests (issue #11).
import { createHash, randomUUID } from "node:crypto";
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

let shared: Promise<DidKeySigner> | null = null;
export const testIssuer = () => (shared ??= didKeySigner());

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

// ECDSA builders for tests and benches: did:key signers on P-256 / P-384 made
// with @digitalbazaar/ecdsa-multikey, credentials signed with ecdsa-rdfc-2019,
// and ecdsa-sd-2023 base proofs derived to a disclosed credential.
import { derive, issue } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as EcdsaMultikey from "@digitalbazaar/ecdsa-multikey";
import { cryptosuite as ecdsaRdfc2019 } from "@digitalbazaar/ecdsa-rdfc-2019-cryptosuite";
import { createDiscloseCryptosuite, createSignCryptosuite } from "@digitalbazaar/ecdsa-sd-2023-cryptosuite";
import { staticDocumentLoader } from "@/lib/badges/verify/document-loader";

export interface EcdsaSigner {
  did: string;
  methodId: string;
  curve: "P-256" | "P-384";
  key: EcdsaMultikey.EcdsaMultikeyPair;
}

/** A fresh did:key (`zDn…` for P-256, `z82…` for P-384) with its secret key. */
export async function ecdsaSigner(curve: "P-256" | "P-384"): Promise<EcdsaSigner> {
  const fresh = await EcdsaMultikey.generate({ curve });
  const exported = await fresh.export({ publicKey: true, secretKey: true, includeContext: true });
  const did = `did:key:${fresh.publicKeyMultibase}`;
  const methodId = `${did}#${fresh.publicKeyMultibase}`;
  const key = await EcdsaMultikey.from({ ...exported, id: methodId, controller: did });
  return { did, methodId, curve, key };
}

const NOW = new Date("2020-01-01T00:00:00Z");

export async function signEcdsaRdfc2019(
  credential: Record<string, unknown>,
  signer: EcdsaSigner,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: signer.key.signer(), cryptosuite: ecdsaRdfc2019 });
  return issue({ credential: structuredClone(credential), suite, documentLoader: staticDocumentLoader(), now: NOW });
}

/** The issuer's ecdsa-sd-2023 base proof (only the holder sees it); `mandatoryPointers` are always disclosed. */
export async function signEcdsaSdBase(
  credential: Record<string, unknown>,
  signer: EcdsaSigner,
  mandatoryPointers: string[] = ["/issuer"],
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({
    signer: signer.key.signer(),
    cryptosuite: createSignCryptosuite({ mandatoryPointers }),
  });
  return issue({ credential: structuredClone(credential), suite, documentLoader: staticDocumentLoader(), now: NOW });
}

/** The holder's derived (disclosed) credential: the mandatory statements plus `selectivePointers`. */
export async function deriveEcdsaSd(
  base: Record<string, unknown>,
  selectivePointers: string[],
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers }) });
  return derive({ verifiableCredential: structuredClone(base), suite, documentLoader: staticDocumentLoader() });
}

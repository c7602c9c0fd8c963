// The learner's own did:key for presentations (issue #13 §6): Ed25519, made on first use.
// Its secret key is stored only encrypted, with AES-256-GCM under a key derived with HKDF
// (SHA-256) from AUTH_SECRET; the learner's id is the associated data, so a stored secret
// can't be moved to another learner's row. Nothing here is ever logged.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Db } from "@/db/client";
import { getHolderKey, insertHolderKey, replaceHolderKey, type HolderKeyRow } from "@/db/queries/presentation";
import type { HolderSigner } from "@/lib/presentation/presentation";
import { authSecret } from "../auth/secret";

const KEY_VERSION = 1;
const SALT = "sash holder key";
const INFO = "did:key Ed25519 secret key, AES-256-GCM, v1";

function wrappingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), SALT, INFO, 32));
}

export function encryptSecretKey(plain: string, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey(secret), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** Throws when the secret or the learner differs from the ones it was sealed with. */
export function decryptSecretKey(sealed: string, userId: string, secret: string): string {
  const all = Buffer.from(sealed, "base64url");
  if (all.length < 12 + 16 + 1) throw new Error("sealed holder key is too short");
  const decipher = createDecipheriv("aes-256-gcm", wrappingKey(secret), all.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId, "utf8"));
  decipher.setAuthTag(all.subarray(all.length - 16));
  return Buffer.concat([decipher.update(all.subarray(12, all.length - 16)), decipher.final()]).toString("utf8");
}

async function signerFrom(row: HolderKeyRow, userId: string, secret: string): Promise<HolderSigner> {
  const methodId = `${row.did}#${row.publicKeyMultibase}`;
  const key = await Ed25519Multikey.from({
    type: "Multikey",
    id: methodId,
    controller: row.did,
    publicKeyMultibase: row.publicKeyMultibase,
    secretKeyMultibase: decryptSecretKey(row.secretKeyEncrypted, userId, secret),
  });
  return { did: row.did, methodId, signer: key.signer() };
}

/** The learner's holder did:key (public part only): null until their first presentation. */
export async function holderDid(db: Db, userId: string): Promise<string | null> {
  return (await getHolderKey(db, userId))?.did ?? null;
}

/**
 * The DIDs that count as the learner's own for the recipient check (issue #22): their current
 * holder did:key, the key that signs OpenID4VCI proofs of possession and presentations.
 */
export async function learnerDids(db: Db, userId: string): Promise<string[]> {
  const did = await holderDid(db, userId);
  return did ? [did] : [];
}

async function freshKey(userId: string, secret: string): Promise<HolderKeyRow> {
  const fresh = await Ed25519Multikey.generate();
  const exported = await fresh.export({ publicKey: true, secretKey: true });
  return {
    did: `did:key:${fresh.publicKeyMultibase}`,
    publicKeyMultibase: fresh.publicKeyMultibase,
    secretKeyEncrypted: encryptSecretKey(String(exported.secretKeyMultibase), userId, secret),
    keyVersion: KEY_VERSION,
  };
}

/**
 * The learner's signer, creating and storing the key on first use. A key that no longer
 * opens (AUTH_SECRET was changed) is replaced by a new one: presentations signed with the
 * old did:key still verify (a did:key needs no registry), later ones use the new key.
 */
export async function holderSigner(db: Db, userId: string, secret: string = authSecret()): Promise<HolderSigner> {
  const existing = await getHolderKey(db, userId);
  if (!existing) return signerFrom(await insertHolderKey(db, userId, await freshKey(userId, secret)), userId, secret);
  try {
    return await signerFrom(existing, userId, secret);
  } catch {
    const replaced = await replaceHolderKey(db, userId, existing.did, await freshKey(userId, secret));
    return signerFrom(replaced, userId, secret);
  }
}

// Multikey (did:key) public keys as JWKs: Ed25519, P-256 and P-384, checked
// against what node:crypto itself exports for freshly generated keys.
import { ECDH, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { multikeyToJwk } from "@/lib/badges/verify/keys";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** base58btc, written out here so the test doesn't share code with the decoder it checks. */
function base58btc(bytes: Uint8Array): string {
  let n = BigInt("0x" + (Buffer.from(bytes).toString("hex") || "0"));
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = "1" + out;
  }
  return out;
}

function ecMultikey(prefix: [number, number], namedCurve: "P-256" | "P-384") {
  const { publicKey } = generateKeyPairSync("ec", { namedCurve });
  const jwk = publicKey.export({ format: "jwk" });
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
  const opensslName = namedCurve === "P-256" ? "prime256v1" : "secp384r1";
  const compressed = ECDH.convertKey(raw, opensslName, undefined, undefined, "compressed") as Buffer;
  return { jwk, multibase: "z" + base58btc(Buffer.concat([Buffer.from(prefix), compressed])) };
}

describe("multikeyToJwk", () => {
  it.each([
    [[0x80, 0x24], "P-256"],
    [[0x81, 0x24], "P-384"],
  ] as const)("decompresses a %s-prefixed %s key to the same x and y", (prefix, curve) => {
    for (let i = 0; i < 5; i++) {
      const { jwk, multibase } = ecMultikey([prefix[0], prefix[1]], curve);
      expect(multikeyToJwk(multibase)).toEqual({ kty: "EC", crv: curve, x: jwk.x, y: jwk.y });
    }
  });

  it("reads an Ed25519 key and refuses wrong lengths and unknown prefixes", () => {
    const { publicKey } = generateKeyPairSync("ed25519");
    const jwk = publicKey.export({ format: "jwk" });
    const raw = Buffer.from(jwk.x!, "base64url");
    expect(multikeyToJwk("z" + base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw])))).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: jwk.x,
    });
    expect(multikeyToJwk("z" + base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw.subarray(1)])))).toBeNull();
    expect(multikeyToJwk("z" + base58btc(Buffer.concat([Buffer.from([0x12, 0x34]), raw])))).toBeNull();
  });
});

// Has the issuer withdrawn the credential? OB 2.0 §RevocationList for signed
// badges; OB 3.0 credentialStatus: 1EdTech Revocation List (VCRL 1.0),
// W3C StatusList2021 and Bitstring Status List v1.0. A list that can't be
// reached gives `warn`, never `pass`.
import { gunzipSync } from "node:zlib";
import { verifyEmbeddedProofs } from "./data-integrity";
import {
  asArray,
  describeFailure,
  idOf,
  isObject,
  sameResource,
  str,
  type Json,
  type Network,
  type Outcome,
} from "./util";

/** Status lists are small; a 16 MiB bitstring is already 134 million credentials. */
const MAX_BITSTRING = 16 * 1024 * 1024;

function reasonSuffix(entry: unknown): string {
  const reason = isObject(entry) ? str(entry.revocationReason) : null;
  return reason ? ` The issuer's reason: "${reason}".` : "";
}

/** OB 2.0: the issuer profile's `revocationList` (entries are objects with `id` or bare ids). */
export async function checkOb2RevocationList(
  assertionId: string | null,
  issuer: Json | null,
  net: Network,
): Promise<Outcome> {
  if (!issuer)
    return {
      status: "warn",
      message: "Sash couldn't load the issuer's profile, so it can't check whether the badge was revoked.",
    };
  const listUrl = idOf(issuer.revocationList);
  if (!listUrl) return { status: "skip", message: "The issuer doesn't publish a revocation list for signed badges." };
  const list =
    isObject(issuer.revocationList) && Array.isArray(issuer.revocationList.revokedAssertions)
      ? { kind: "ok" as const, json: issuer.revocationList }
      : await net.get(listUrl);
  if (list.kind !== "ok" || !isObject(list.json)) {
    return {
      status: "warn",
      message: `Sash can't tell whether the badge was revoked: ${describeFailure(list as Parameters<typeof describeFailure>[0], "the issuer's revocation list")}`,
    };
  }
  const revoked = asArray(list.json.revokedAssertions);
  const entry = revoked.find(
    (e) => sameResource(idOf(e), assertionId) || (isObject(e) && assertionId !== null && e.uid === assertionId),
  );
  if (entry !== undefined)
    return { status: "fail", message: `The issuer has revoked this badge.${reasonSuffix(entry)}` };
  return { status: "pass", message: "The badge isn't on the issuer's revocation list." };
}

function decodeBitstring(encoded: string, multibase: boolean): Uint8Array {
  let text = encoded;
  if (multibase) {
    if (!text.startsWith("u")) throw new Error("not multibase base64url");
    text = text.slice(1);
  }
  // StatusList2021 used base64 (often base64url in practice); Buffer accepts both alphabets.
  const gz = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return gunzipSync(gz, { maxOutputLength: MAX_BITSTRING });
}

/** Bitstring Status List §3.2: index 0 is the left-most (most significant) bit of the first byte. */
function readStatus(bits: Uint8Array, index: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) {
    const bit = index * size + i;
    const byte = bits[bit >> 3];
    if (byte === undefined) throw new RangeError("index beyond the end of the status list");
    value = (value << 1) | ((byte >> (7 - (bit & 7))) & 1);
  }
  return value;
}

async function checkStatusListEntry(entry: Json, net: Network): Promise<Outcome> {
  const bitstring = entry.type === "BitstringStatusListEntry";
  const listUrl = str(entry.statusListCredential);
  const index = Number(entry.statusListIndex);
  const purpose = str(entry.statusPurpose) ?? "revocation";
  if (!listUrl || !Number.isInteger(index) || index < 0) {
    return {
      status: "warn",
      message: "The credential's status entry is incomplete, so Sash can't check whether it was revoked.",
    };
  }
  if (purpose !== "revocation" && purpose !== "suspension") {
    return { status: "skip", message: `The credential's status list is for "${purpose}", not revocation.` };
  }
  const got = await net.get(listUrl);
  if (got.kind !== "ok" || !isObject(got.json)) {
    return {
      status: "warn",
      message: `Sash can't tell whether the credential was ${purpose === "suspension" ? "suspended" : "revoked"}: ${describeFailure(got, "the issuer's status list")}`,
    };
  }
  // The list's address comes from the signed credential, so the issuer chose it even when another
  // party (a registry) signs the list itself; the list's own proof must still verify.
  const list = got.json;
  const signed = await verifyEmbeddedProofs(list, net, { issuerPurpose: false });
  if (signed.status !== "pass") {
    return {
      status: "warn",
      message:
        "Sash couldn't confirm the issuer's status list is genuine, so it can't tell whether the credential was revoked.",
    };
  }
  const subject = isObject(list.credentialSubject) ? list.credentialSubject : null;
  const encoded = subject ? str(subject.encodedList) : null;
  if (!encoded) return { status: "warn", message: "The issuer's status list has no list in it." };
  let value: number;
  try {
    const size = Number(entry.statusSize ?? subject?.statusSize ?? 1);
    value = readStatus(
      decodeBitstring(encoded, bitstring),
      index,
      Number.isInteger(size) && size > 0 && size <= 8 ? size : 1,
    );
  } catch {
    return {
      status: "warn",
      message: "The issuer's status list can't be read, so Sash can't tell whether the credential was revoked.",
    };
  }
  if (value !== 0) {
    return {
      status: "fail",
      message:
        purpose === "suspension"
          ? "The issuer has suspended this credential."
          : "The issuer has revoked this credential.",
    };
  }
  return {
    status: "pass",
    message:
      purpose === "suspension"
        ? "The issuer hasn't suspended this credential."
        : "The issuer hasn't revoked this credential.",
  };
}

/** 1EdTech Revocation List: `credentialStatus.id` serves { revokedCredentials: [{ id, revocationReason }] }. */
async function check1EdTechList(entry: Json, credentialId: string | null, net: Network): Promise<Outcome> {
  const url = str(entry.id);
  if (!url) return { status: "warn", message: "The credential's revocation entry has no list address." };
  const got = await net.get(url);
  if (got.kind !== "ok" || !isObject(got.json)) {
    return {
      status: "warn",
      message: `Sash can't tell whether the credential was revoked: ${describeFailure(got, "the issuer's revocation list")}`,
    };
  }
  const revoked = asArray(got.json.revokedCredentials ?? got.json.revokedAssertions);
  const hit = revoked.find((e) => credentialId !== null && idOf(e) === credentialId);
  if (hit !== undefined)
    return { status: "fail", message: `The issuer has revoked this credential.${reasonSuffix(hit)}` };
  return { status: "pass", message: "The credential isn't on the issuer's revocation list." };
}

export async function checkCredentialStatus(credential: Json, net: Network): Promise<Outcome> {
  const entries = asArray(credential.credentialStatus).filter(isObject);
  if (entries.length === 0)
    return { status: "skip", message: "The issuer offers no way to check whether this credential was revoked." };
  if (entries.length > net.limits.statusEntries) {
    return {
      status: "warn",
      message: `The credential lists ${entries.length} status entries, more than the ${net.limits.statusEntries} Sash checks, so it can't tell whether it was revoked.`,
    };
  }
  const outcomes: Outcome[] = [];
  for (const entry of entries) {
    switch (entry.type) {
      case "1EdTechRevocationList":
        outcomes.push(await check1EdTechList(entry, str(credential.id), net));
        break;
      case "StatusList2021Entry":
      case "BitstringStatusListEntry":
        outcomes.push(await checkStatusListEntry(entry, net));
        break;
      default:
        outcomes.push({
          status: "warn",
          message: `The credential uses a status method Sash doesn't know (${String(entry.type)}).`,
        });
    }
  }
  return (
    outcomes.find((o) => o.status === "fail") ??
    outcomes.find((o) => o.status === "warn") ??
    outcomes.find((o) => o.status === "pass") ??
    outcomes[0]!
  );
}

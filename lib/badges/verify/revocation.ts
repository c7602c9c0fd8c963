// Has the issuer withdrawn the credential? OB 2.0 §RevocationList for signed
// badges; OB 3.0 credentialStatus: 1EdTech Revocation List (VCRL 1.0),
// W3C StatusList2021 and Bitstring Status List v1.0. A list that can't be
// reached gives `warn`, never `pass`.
import { gunzipSync } from "node:zlib";
import { verifyEmbeddedProofs } from "./data-integrity";
import { checkExpiry } from "./expiry";
import { short } from "./keys";
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

/** Bitstring Status List v1.0 §4.1 (and StatusList2021 before it): at least 16 KB uncompressed. */
export const MIN_STATUS_LIST_BITS = 131_072;

/** What a status entry of each type must point at (Bitstring Status List §2.1/§2.2, StatusList2021 §2). */
const LIST_TYPES: Record<string, { credential: string; subject: string }> = {
  BitstringStatusListEntry: { credential: "BitstringStatusListCredential", subject: "BitstringStatusList" },
  StatusList2021Entry: { credential: "StatusList2021Credential", subject: "StatusList2021" },
};

function unreadable(purpose: string, why: string): Outcome {
  return {
    status: "warn",
    message: `Sash can't tell whether the credential was ${purpose === "suspension" ? "suspended" : "revoked"}: ${why}`,
  };
}

function typesOf(v: unknown): string[] {
  return asArray(v).filter((t): t is string => typeof t === "string");
}

/**
 * Bitstring Status List v1.0 §3.2 (validate algorithm) and StatusList2021: the list credential
 * must be of the entry's list type, be within its validity period, be signed by the credential's
 * own issuer (same issuer id, its proof verified and bound to that issuer), declare the entry's
 * `statusPurpose`, and hold at least 131,072 bits. Anything less is `warn` with the reason:
 * the status was declared but couldn't be read, which is never "not revoked".
 */
async function checkStatusListEntry(
  entry: Json,
  issuerId: string | null,
  net: Network,
  now: Date,
  strict = true,
): Promise<Outcome> {
  const entryType = String(entry.type);
  const bitstring = entryType === "BitstringStatusListEntry";
  const listUrl = str(entry.statusListCredential);
  const index = Number(entry.statusListIndex);
  const purpose = str(entry.statusPurpose) ?? (strict ? null : "revocation");
  if (!listUrl || !Number.isInteger(index) || index < 0 || !purpose) {
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
    return unreadable(purpose, describeFailure(got, "the issuer's status list"));
  }
  const list = got.json;
  const subject = isObject(list.credentialSubject) ? list.credentialSubject : null;
  if (strict) {
    const problem = await listProblem(list, subject, entryType, purpose, issuerId, net, now);
    if (problem) return unreadable(purpose, problem);
  } else if ((await verifyEmbeddedProofs(list, net, { issuerPurpose: false })).status !== "pass") {
    // The pre-#20 rule, kept for the bench's baseline: any valid signature.
    return unreadable(purpose, "Sash couldn't confirm the issuer's status list is genuine.");
  }
  const encoded = subject ? str(subject.encodedList) : null;
  if (!encoded) return unreadable(purpose, "the issuer's status list has no list in it.");
  let bits: Uint8Array;
  try {
    bits = decodeBitstring(encoded, bitstring);
  } catch {
    return unreadable(purpose, "the issuer's status list can't be decoded.");
  }
  if (strict && bits.length * 8 < MIN_STATUS_LIST_BITS)
    return unreadable(
      purpose,
      `the issuer's status list holds only ${bits.length * 8} entries, fewer than the ${MIN_STATUS_LIST_BITS.toLocaleString("en-US")} the specification requires (a short list can single out the people on it).`,
    );
  let value: number;
  try {
    const size = Number(entry.statusSize ?? subject?.statusSize ?? 1);
    value = readStatus(bits, index, Number.isInteger(size) && size > 0 && size <= 8 ? size : 1);
  } catch {
    return unreadable(purpose, "the credential's place in the issuer's status list is past its end.");
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

/** Why a status list credential can't be relied on for this entry (Bitstring Status List §3.2), or null. */
async function listProblem(
  list: Json,
  subject: Json | null,
  entryType: string,
  purpose: string,
  issuerId: string | null,
  net: Network,
  now: Date,
): Promise<string | null> {
  const expected = LIST_TYPES[entryType]!;
  if (
    !typesOf(list.type).includes(expected.credential) ||
    !subject ||
    !typesOf(subject.type).includes(expected.subject)
  )
    return `the document at the status list's address isn't a ${expected.credential}.`;
  // The list must come from the credential's own issuer: anyone else's list says nothing about it.
  const listIssuer = idOf(list.issuer);
  if (!issuerId || !listIssuer || listIssuer !== issuerId)
    return `the status list is issued by ${listIssuer ? short(listIssuer) : "no one it names"}, not by the credential's issuer${issuerId ? ` (${short(issuerId)})` : ""}.`;
  const validity = checkExpiry(
    { from: [list.validFrom, list.issuanceDate], until: [list.validUntil, list.expirationDate] },
    now,
  );
  if (validity.status === "fail")
    return `the issuer's status list isn't current: ${validity.message.replace(/^This credential/, "the list")}`;
  if (validity.status === "warn") return "the dates of the issuer's status list can't be read.";
  const purposes = typesOf(subject.statusPurpose);
  if (!purposes.includes(purpose))
    return `the status list is for ${purposes.length ? purposes.map((p) => `"${p}"`).join(", ") : "no stated purpose"}, not for "${purpose}" as the credential's entry says.`;
  const signed = await verifyEmbeddedProofs(list, net, { issuerPurpose: true });
  if (signed.status !== "pass")
    return `the issuer's signature on the status list couldn't be confirmed. ${signed.message}`;
  if (signed.issuer.status !== "pass")
    return `the status list isn't signed with a key of the credential's issuer. ${signed.issuer.message}`;
  return null;
}

/**
 * 1EdTech Revocation List: `credentialStatus.id` serves { revokedCredentials: [{ id, revoked?, revocationReason }] }.
 * A credential without an `id` can't be looked up (indeterminate, never "not revoked"); an entry
 * that says `revoked: false` is not a revocation.
 */
async function check1EdTechList(entry: Json, credentialId: string | null, net: Network): Promise<Outcome> {
  const url = str(entry.id);
  if (!url) return { status: "warn", message: "The credential's revocation entry has no list address." };
  if (!credentialId)
    return {
      status: "warn",
      message:
        "The credential has no id, so Sash can't look it up in the issuer's revocation list and can't tell whether it was revoked.",
    };
  const got = await net.get(url);
  if (got.kind !== "ok" || !isObject(got.json)) {
    return {
      status: "warn",
      message: `Sash can't tell whether the credential was revoked: ${describeFailure(got, "the issuer's revocation list")}`,
    };
  }
  const revoked = asArray(got.json.revokedCredentials ?? got.json.revokedAssertions);
  const hit = revoked.find(
    (e) => idOf(e) === credentialId && !(isObject(e) && (e.revoked === false || e.revoked === "false")),
  );
  if (hit !== undefined)
    return { status: "fail", message: `The issuer has revoked this credential.${reasonSuffix(hit)}` };
  return { status: "pass", message: "The credential isn't on the issuer's revocation list." };
}

/**
 * The credential's status (revocation/suspension). `strict` (default) applies issue #20's rules
 * to status lists (issuer, purpose, type, validity, length); off only for bench/verify.ts's baseline.
 */
export async function checkCredentialStatus(
  credential: Json,
  net: Network,
  now: Date = new Date(),
  strict = true,
): Promise<Outcome> {
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
        outcomes.push(
          strict
            ? await checkStatusListEntry(entry, idOf(credential.issuer), net, now)
            : await checkStatusListEntry(entry, idOf(credential.issuer), net, now, false),
        );
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

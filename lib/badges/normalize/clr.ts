// Comprehensive Learner Record 2.0 (https://www.imsglobal.org/spec/clr/v2p0/): a ClrCredential whose
// ClrSubject (§4) carries nested AchievementCredentials (`verifiableCredential`: objects, or compact
// VC-JWTs per §8.2), achievements (`achievement`, some without a credential) and the associations
// between achievements (`association`). Every nested credential is normalised by the OB 3.0 path into
// a record of its own, keeping its own raw text; a CLR inside a CLR is refused (depth 1).
import { SashError, isSashError } from "../errors";
import { MAX_CLR_ACHIEVEMENTS, MAX_CLR_ASSOCIATIONS, MAX_CLR_CREDENTIALS } from "../limits";
import { parsePayload } from "../payload";
import type { ParsedCredential, ClrAchievementEntry, ClrAssociation } from "../types";
import { dedupeNames, evidenceOf, idOrString, isoDate, issuerFrom, list, obj, str, typesOf } from "./fields";
import type { JsonObject, RecordBody } from "./fields";
import { normalizeOb3, recipientOf } from "./ob3";

export function isClrCredential(doc: JsonObject): boolean {
  return typesOf(doc.type).includes("ClrCredential");
}

function nestedClrError(position: number): SashError {
  return new SashError("CLR_NESTED", undefined, { detail: `credential ${position} is itself a ClrCredential` });
}

function tooLarge(what: string, count: number, max: number): SashError {
  return new SashError(
    "CLR_TOO_LARGE",
    `This learner record lists ${count} ${what}, more than the ${max} Sash reads from one record.`,
    { detail: `${count} ${what}` },
  );
}

/** Credential `position` (1-based) of the record: an OB 3.0 record of its own, with its own raw text. */
function nestedRecord(item: unknown, position: number): ParsedCredential {
  let credential: JsonObject;
  let raw: string;
  let encoding: "json" | "vc-jwt";
  const o = obj(item);
  if (o) {
    credential = o;
    raw = JSON.stringify(o);
    encoding = "json";
  } else if (typeof item === "string") {
    const payload = (() => {
      try {
        return parsePayload(item);
      } catch {
        return null;
      }
    })();
    if (payload?.encoding !== "vc-jwt")
      throw new SashError(
        "INVALID_PAYLOAD",
        `Credential ${position} in this learner record is text but not a signed credential (VC-JWT), so it can't be read.`,
        { detail: `nested credential ${position} is a string but not a VC-JWT` },
      );
    credential = payload.credential;
    raw = payload.raw;
    encoding = "vc-jwt";
  } else {
    throw new SashError("INVALID_PAYLOAD", `Credential ${position} in this learner record is empty or damaged.`, {
      detail: `nested credential ${position} is neither an object nor a string`,
    });
  }
  if (isClrCredential(credential)) throw nestedClrError(position);
  let body: RecordBody;
  try {
    body = normalizeOb3(credential);
  } catch (err) {
    if (!isSashError(err)) throw err;
    throw new SashError("INVALID_PAYLOAD", `Credential ${position} in this learner record: ${err.message}`, {
      cause: err,
      detail: `nested credential ${position}: ${err.detail ?? err.code}`,
    });
  }
  return {
    spec: "ob3",
    ...body,
    source: { container: null, encoding, keyword: null },
    unresolved: [],
    raw,
    documents: { assertion: credential, badgeClass: null, issuer: null },
  };
}

function achievementEntry(a: JsonObject, credentialIndex: number | null, fallbackTitle: string | null) {
  const entry: ClrAchievementEntry = {
    id: str(a.id),
    title: str(a.name) ?? fallbackTitle,
    description: str(a.description),
    achievementType: str(a.achievementType),
    image: idOrString(a.image),
    credentialIndex,
  };
  return entry;
}

/**
 * The achievements of the record: first the achievement of each nested credential, in credential order
 * (credentialIndex = its position in `credentials`), then the ClrSubject's `achievement` entries no nested
 * credential awards (credentialIndex null), in document order. An entry whose id a credential already
 * listed is not repeated.
 */
function achievementsOf(subject: JsonObject | null, credentials: ParsedCredential[]): ClrAchievementEntry[] {
  const out: ClrAchievementEntry[] = [];
  const seen = new Set<string>();
  credentials.forEach((record, i) => {
    const cs = obj(list(record.documents.assertion?.credentialSubject).find((s) => obj(s) !== null));
    const a = obj(cs?.achievement) ?? {};
    const entry = achievementEntry(a, i, record.title);
    out.push(entry);
    if (entry.id) seen.add(entry.id);
  });
  const listed = list(subject?.achievement);
  if (listed.length > MAX_CLR_ACHIEVEMENTS) throw tooLarge("achievements", listed.length, MAX_CLR_ACHIEVEMENTS);
  for (const item of listed) {
    const a = obj(item);
    if (!a) continue;
    const entry = achievementEntry(a, null, null);
    if (entry.id && seen.has(entry.id)) continue;
    if (!entry.id && !entry.title) continue;
    out.push(entry);
    if (entry.id) seen.add(entry.id);
  }
  return out;
}

/** CLR 2.0 Association: isChildOf, isParentOf, isPartOf, precedes, … between two achievement ids. */
function associationsOf(subject: JsonObject | null): ClrAssociation[] {
  const listed = list(subject?.association);
  if (listed.length > MAX_CLR_ASSOCIATIONS) throw tooLarge("associations", listed.length, MAX_CLR_ASSOCIATIONS);
  const out: ClrAssociation[] = [];
  for (const item of listed) {
    const o = obj(item);
    const associationType = str(o?.associationType);
    const sourceId = str(o?.sourceId);
    const targetId = str(o?.targetId);
    if (associationType && sourceId && targetId) out.push({ associationType, sourceId, targetId });
  }
  return out;
}

/** CLR 2.0 §4 ClrCredential → the record body, with `credentials` and `clr` filled. */
export function normalizeClr(credential: JsonObject): RecordBody {
  const subject = obj(list(credential.credentialSubject).find((s) => obj(s) !== null));
  const nested = list(subject?.verifiableCredential);
  if (nested.length > MAX_CLR_CREDENTIALS) throw tooLarge("credentials", nested.length, MAX_CLR_CREDENTIALS);
  const credentials = nested.map((item, i) => nestedRecord(item, i + 1));
  return {
    // CLR 2.0: the ClrCredential's `name` names the record (some issuers put the learner's name there).
    title: str(credential.name),
    description: str(credential.description),
    image: idOrString(credential.image),
    criteria: { narrative: null, url: null },
    issuer: issuerFrom(credential.issuer),
    issuedOn: isoDate(credential.validFrom ?? credential.issuanceDate ?? credential.awardedDate),
    expires: isoDate(credential.validUntil ?? credential.expirationDate),
    recipient: recipientOf(subject),
    skills: dedupeNames(credentials.flatMap((c) => c.skills)),
    alignments: [],
    evidence: evidenceOf(credential.evidence),
    id: str(credential.id),
    credentials,
    clr: { achievements: achievementsOf(subject, credentials), associations: associationsOf(subject) },
  };
}

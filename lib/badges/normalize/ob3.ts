// Open Badges 3.0 (https://www.imsglobal.org/spec/ob/v3p0/): OpenBadgeCredential /
// AchievementCredential, VCDM 1.1 (issuanceDate/expirationDate) or 2.0 (validFrom/validUntil).
import { SashError } from "../errors";
import type { IdentifierRecipient } from "../types";
import {
  alignmentsOf,
  dedupeNames,
  evidenceOf,
  idOrString,
  isoDate,
  issuerFrom,
  list,
  obj,
  str,
  typesOf,
  type JsonObject,
  type RecordBody,
} from "./fields";

/** OB 3.0 §8.1: both names denote the same credential type. */
const BADGE_TYPES = ["OpenBadgeCredential", "AchievementCredential"];

/** Refuses credentials that are not Open Badges, with a reason the learner understands. */
export function assertOpenBadgeCredential(credential: JsonObject): void {
  const types = typesOf(credential.type);
  if (types.some((t) => BADGE_TYPES.includes(t))) return;
  if (types.includes("EndorsementCredential")) {
    throw new SashError("INVALID_PAYLOAD", "This is an endorsement of a badge or issuer, not a badge awarded to you.", {
      detail: "EndorsementCredential",
    });
  }
  if (types.includes("ClrCredential")) {
    throw new SashError(
      "INVALID_PAYLOAD",
      "This is a Comprehensive Learner Record (a transcript of several achievements), not a single badge. Import its badges one by one.",
      { detail: "ClrCredential" },
    );
  }
  throw new SashError("INVALID_PAYLOAD", "This is a digital credential, but not an Open Badge.", {
    detail: `credential types: ${types.join(", ") || "none"}`,
  });
}

/** OB 3.0 §B.1.3 AchievementSubject: `identifier` IdentityObjects and/or `id`. */
function recipientOf(subject: JsonObject | null): IdentifierRecipient | null {
  if (!subject) return null;
  const identifiers: IdentifierRecipient["identifiers"] = [];
  for (const item of list(subject.identifier)) {
    const o = obj(item);
    const identityHash = str(o?.identityHash);
    if (!o || !identityHash) continue;
    identifiers.push({
      identityType: str(o.identityType) ?? "emailAddress",
      identityHash,
      hashed: typeof o.hashed === "boolean" ? o.hashed : /^(sha256|md5)\$/i.test(identityHash),
      salt: str(o.salt),
    });
  }
  const subjectId = str(subject.id);
  if (identifiers.length === 0 && !subjectId) return null;
  return { kind: "identifiers", subjectId, identifiers };
}

// Alignment target types that denote a competency/skill (OB 3.0 AlignmentTargetType).
const SKILL_TARGET_TYPES = new Set(["ceasn:Competency"]);
const SKILL_RESULT_TYPE = /skill|competenc/i;

function skillsOf(achievement: JsonObject | null): string[] {
  if (!achievement) return [];
  const names: Array<string | null> = list(achievement.tag).map(str);
  for (const a of list(achievement.alignment)) {
    const o = obj(a);
    if (o && SKILL_TARGET_TYPES.has(str(o.targetType) ?? "")) names.push(str(o.targetName));
  }
  for (const rd of list(achievement.resultDescription)) {
    const o = obj(rd);
    if (!o) continue;
    const resultType = str(o.resultType) ?? "";
    const aligned = list(o.alignment).some((a) => SKILL_TARGET_TYPES.has(str(obj(a)?.targetType) ?? ""));
    if (SKILL_RESULT_TYPE.test(resultType) || aligned) names.push(str(o.name));
  }
  return dedupeNames(names);
}

export function normalizeOb3(credential: JsonObject): RecordBody {
  assertOpenBadgeCredential(credential);
  const subject = obj(list(credential.credentialSubject).find((s) => obj(s) !== null));
  const achievement = obj(subject?.achievement);
  const criteria = obj(achievement?.criteria);
  return {
    // Never the credential's top-level `name` while an achievement exists: Credly puts the
    // earner's name there. Early OB 3.0 drafts had no achievement; then the name is all we have.
    title: achievement ? str(achievement.name) : str(credential.name),
    description: str(achievement?.description),
    image: idOrString(achievement?.image),
    criteria: { narrative: str(criteria?.narrative), url: str(criteria?.id) },
    issuer: issuerFrom(credential.issuer),
    issuedOn: isoDate(credential.validFrom ?? credential.issuanceDate),
    expires: isoDate(credential.validUntil ?? credential.expirationDate),
    recipient: recipientOf(subject),
    skills: skillsOf(achievement),
    alignments: alignmentsOf(achievement?.alignment),
    evidence: evidenceOf(credential.evidence),
    id: str(credential.id),
  };
}

// Open Badges 3.0 (https://www.imsglobal.org/spec/ob/v3p0/): OpenBadgeCredential /
// AchievementCredential, VCDM 1.1 (issuanceDate/expirationDate) or 2.0 (validFrom/validUntil).
import { SashError } from "../errors";
import { parsePayload } from "../payload";
import type { AchievementResult, Endorsement, IdentifierRecipient } from "../types";
import {
  alignmentsOf,
  dedupeNames,
  endorserOf,
  evidenceOf,
  idOrString,
  isoDate,
  issuerFrom,
  list,
  MAX_ENDORSEMENTS,
  MAX_RESULTS,
  obj,
  pushEndorsements,
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
  throw new SashError("INVALID_PAYLOAD", "This is a digital credential, but not an Open Badge.", {
    detail: `credential types: ${types.join(", ") || "none"}`,
  });
}

/** OB 3.0 §B.1.3 AchievementSubject: `identifier` IdentityObjects and/or `id`. */
export function recipientOf(subject: JsonObject | null): IdentifierRecipient | null {
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
  // Issue #13: every alignment's targetName joins the skills, as OB 2.0 alignments do.
  for (const a of list(achievement.alignment)) names.push(str(obj(a)?.targetName));
  for (const rd of list(achievement.resultDescription)) {
    const o = obj(rd);
    if (!o) continue;
    const resultType = str(o.resultType) ?? "";
    const aligned = list(o.alignment).some((a) => SKILL_TARGET_TYPES.has(str(obj(a)?.targetType) ?? ""));
    if (SKILL_RESULT_TYPE.test(resultType) || aligned) names.push(str(o.name));
  }
  return dedupeNames(names);
}

/** A string or finite number as text (OB 3.0 values and scale bounds are strings, some issuers write numbers). */
function scalar(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return str(v);
}

/**
 * OB 3.0 §B.1 Result against the achievement's ResultDescription it names
 * (`resultDescription` holds that description's id); an achieved rubric level is
 * named through the description's rubricCriterionLevel entries.
 */
function resultsOf(subject: JsonObject | null, achievement: JsonObject | null): AchievementResult[] {
  const descriptions = new Map<string, JsonObject>();
  const allLevels = new Map<string, JsonObject>();
  const levelsOf = (rd: JsonObject): Map<string, JsonObject> => {
    const m = new Map<string, JsonObject>();
    for (const l of list(rd.rubricCriterionLevel).slice(0, MAX_RESULTS)) {
      const lo = obj(l);
      const id = str(lo?.id);
      if (lo && id) m.set(id, lo);
    }
    return m;
  };
  for (const rd of list(achievement?.resultDescription).slice(0, MAX_RESULTS)) {
    const o = obj(rd);
    const id = str(o?.id);
    if (!o || !id) continue;
    descriptions.set(id, o);
    for (const [lid, lo] of levelsOf(o)) if (!allLevels.has(lid)) allLevels.set(lid, lo);
  }
  const out: AchievementResult[] = [];
  for (const r of list(subject?.result).slice(0, MAX_RESULTS)) {
    const o = obj(r);
    if (!o) continue;
    const rdId = idOrString(o.resultDescription);
    const rd = rdId ? (descriptions.get(rdId) ?? null) : null;
    const levelId = idOrString(o.achievedLevel);
    const lvl = levelId ? (((rd && levelsOf(rd).get(levelId)) || allLevels.get(levelId)) ?? null) : null;
    const item: AchievementResult = {
      name: str(rd?.name),
      resultType: str(rd?.resultType),
      value: scalar(o.value),
      valueMin: scalar(rd?.valueMin),
      valueMax: scalar(rd?.valueMax),
      level: lvl ? (str(lvl.name) ?? str(lvl.level)) : null,
      status: str(o.status),
    };
    if (item.value || item.level || item.status) out.push(item);
  }
  return out;
}

function ob3Endorsement(
  o: JsonObject,
  on: Endorsement["on"],
  format: Endorsement["format"],
  document: Endorsement["document"],
): Endorsement {
  const subject = obj(list(o.credentialSubject).find((x) => obj(x) !== null));
  return {
    id: str(o.id),
    on,
    format,
    issuer: endorserOf(o.issuer),
    comment: str(subject?.endorsementComment),
    issuedOn: isoDate(o.validFrom ?? o.issuanceDate),
    document,
  };
}

/** OB 3.0 `endorsement` (EndorsementCredential objects) and `endorsementJwt` (compact VC-JWTs) of one holder. */
function ob3EndorsementsOf(holder: JsonObject | null, on: Endorsement["on"]): Endorsement[] {
  if (!holder) return [];
  const out: Endorsement[] = [];
  for (const e of list(holder.endorsement).slice(0, MAX_ENDORSEMENTS)) {
    const o = obj(e);
    if (o) out.push(ob3Endorsement(o, on, "ob3", o));
  }
  for (const j of list(holder.endorsementJwt).slice(0, MAX_ENDORSEMENTS)) {
    const jwt = str(j);
    if (!jwt) continue;
    let credential: JsonObject | null = null;
    try {
      const parsed = parsePayload(jwt);
      if (parsed.encoding === "vc-jwt") credential = parsed.credential;
    } catch {
      // Listed without its contents; verification reports it as unreadable.
    }
    out.push(
      credential
        ? ob3Endorsement(credential, on, "ob3-jwt", jwt)
        : {
            id: null,
            on,
            format: "ob3-jwt",
            issuer: { id: null, name: null },
            comment: null,
            issuedOn: null,
            document: jwt,
          },
    );
  }
  return out;
}

export function normalizeOb3(credential: JsonObject): RecordBody {
  assertOpenBadgeCredential(credential);
  const subject = obj(list(credential.credentialSubject).find((s) => obj(s) !== null));
  const achievement = obj(subject?.achievement);
  const criteria = obj(achievement?.criteria);
  const endorsements: Endorsement[] = [];
  pushEndorsements(endorsements, ob3EndorsementsOf(credential, "credential"));
  pushEndorsements(endorsements, ob3EndorsementsOf(achievement, "achievement"));
  pushEndorsements(endorsements, ob3EndorsementsOf(obj(credential.issuer), "issuer"));
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
    achievementType: str(achievement?.achievementType),
    results: resultsOf(subject, achievement),
    endorsements,
    id: str(credential.id),
  };
}

// Open Badges 2.0 (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html)
// Assertion + BadgeClass + Profile → record fields.
import type { Endorsement, IdentityRecipient } from "../types";
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
  obj,
  pushEndorsements,
  str,
  type JsonObject,
  type RecordBody,
} from "./fields";

export interface Ob2Documents {
  assertion: JsonObject;
  /** Embedded or fetched BadgeClass; null when only its URL is known. */
  badgeClass: JsonObject | null;
  /** Embedded or fetched issuer Profile; null when unknown. */
  issuer: JsonObject | null;
}

/** OB 2.0 §IdentityObject. */
export function ob2Recipient(v: unknown): IdentityRecipient | null {
  const o = obj(v);
  if (!o) return null;
  const identity = str(o.identity);
  if (!identity) return null;
  const hashed = typeof o.hashed === "boolean" ? o.hashed : /^(sha256|md5)\$/i.test(identity);
  return { kind: "identity", type: str(o.type) ?? "email", identity, hashed, salt: str(o.salt) };
}

/** OB 2.0 §Criteria: a URL, or an object with `id` and/or `narrative`. */
function criteriaOf(v: unknown): RecordBody["criteria"] {
  if (typeof v === "string") return { narrative: null, url: str(v) };
  const o = obj(v);
  return o ? { narrative: str(o.narrative), url: str(o.id) ?? str(o.url) } : { narrative: null, url: null };
}

/** The BadgeClass URL when `badge` is a reference rather than an embedded object. */
export function ob2BadgeRef(assertion: JsonObject): string | null {
  return typeof assertion.badge === "string" ? str(assertion.badge) : null;
}

/**
 * OB 2.0 §Endorsement on an Assertion, BadgeClass or Profile: embedded objects, or the
 * URLs of hosted ones (listed with `document: null`; unbake.ts fetches them through its fetcher).
 */
export function ob2EndorsementsOf(v: unknown, on: Endorsement["on"]): Endorsement[] {
  const out: Endorsement[] = [];
  for (const item of list(v).slice(0, MAX_ENDORSEMENTS)) {
    if (typeof item === "string") {
      const id = str(item);
      if (id)
        out.push({
          id,
          on,
          format: "ob2",
          issuer: { id: null, name: null },
          comment: null,
          issuedOn: null,
          document: null,
        });
      continue;
    }
    const o = obj(item);
    if (o) out.push(ob2Endorsement(o, on));
  }
  return out;
}

/** One embedded (or fetched) OB 2.0 Endorsement object. */
export function ob2Endorsement(o: JsonObject, on: Endorsement["on"]): Endorsement {
  return {
    id: str(o.id),
    on,
    format: "ob2",
    issuer: endorserOf(o.issuer),
    comment: str(obj(o.claim)?.endorsementComment),
    issuedOn: isoDate(o.issuedOn),
    document: o,
  };
}

export function normalizeOb2({ assertion, badgeClass, issuer }: Ob2Documents): RecordBody {
  const badge = badgeClass ?? obj(assertion.badge);
  const issuerDoc = issuer ?? (badge ? badge.issuer : null);
  const alignments = alignmentsOf(badge?.alignment);
  const tags = list(badge?.tags).map(str);
  const evidence = evidenceOf(assertion.evidence);
  // OB 2.0 Assertion.narrative connects the evidence; keep it alongside the evidence items.
  const narrative = str(assertion.narrative);
  if (narrative) evidence.unshift({ id: null, name: null, description: null, narrative });
  const endorsements: Endorsement[] = [];
  pushEndorsements(endorsements, ob2EndorsementsOf(assertion.endorsement, "credential"));
  pushEndorsements(endorsements, ob2EndorsementsOf(badge?.endorsement, "achievement"));
  pushEndorsements(endorsements, ob2EndorsementsOf(obj(issuerDoc)?.endorsement, "issuer"));
  return {
    title: str(badge?.name),
    description: str(badge?.description),
    image: idOrString(badge?.image) ?? idOrString(assertion.image),
    criteria: criteriaOf(badge?.criteria),
    issuer: issuerFrom(issuerDoc),
    issuedOn: isoDate(assertion.issuedOn),
    expires: isoDate(assertion.expires),
    recipient: ob2Recipient(assertion.recipient),
    // Issue #3: skills from BadgeClass `tags` and `alignment[].targetName`.
    skills: dedupeNames([...tags, ...alignments.map((a) => a.name)]),
    alignments,
    evidence,
    // OB 2.0 has no achievement type and no results.
    achievementType: null,
    results: [],
    endorsements,
    id: str(assertion.id),
  };
}

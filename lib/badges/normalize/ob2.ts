// Open Badges 2.0 (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html)
// Assertion + BadgeClass + Profile → record fields.
import type { IdentityRecipient } from "../types";
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

export function normalizeOb2({ assertion, badgeClass, issuer }: Ob2Documents): RecordBody {
  const badge = badgeClass ?? obj(assertion.badge);
  const issuerDoc = issuer ?? (badge ? badge.issuer : null);
  const alignments = alignmentsOf(badge?.alignment);
  const tags = list(badge?.tags).map(str);
  const evidence = evidenceOf(assertion.evidence);
  // OB 2.0 Assertion.narrative connects the evidence; keep it alongside the evidence items.
  const narrative = str(assertion.narrative);
  if (narrative) evidence.unshift({ id: null, name: null, description: null, narrative });
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
    id: str(assertion.id),
  };
}

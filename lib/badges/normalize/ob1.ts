// Open Badges 1.0 (and the 0.5 "backpack" format it grew from): assertions without @context,
// `uid` + `verify`, `issued_on`/`issuedOn` (ISO date or unix seconds), a top-level `recipient`
// string with `salt`, and `badge.issuer.origin`. Mapped onto the same record as OB 2.0.
import type { IdentityRecipient } from "../types";
import {
  dedupeNames,
  evidenceOf,
  idOrString,
  isoDate,
  list,
  obj,
  str,
  type JsonObject,
  type RecordBody,
} from "./fields";

export interface Ob1Documents {
  assertion: JsonObject;
  badgeClass: JsonObject | null;
  issuer: JsonObject | null;
}

/** The assertion's own URL: `verify.url` for hosted (1.0), else `uid`-less fallbacks. */
export function ob1AssertionUrl(assertion: JsonObject): string | null {
  const verify = obj(assertion.verify);
  const type = str(verify?.type);
  if (verify && (!type || type === "hosted")) return str(verify.url);
  return null;
}

export function ob1Recipient(assertion: JsonObject): IdentityRecipient | null {
  // 1.0 IdentityObject
  const o = obj(assertion.recipient);
  if (o) {
    const identity = str(o.identity);
    if (!identity) return null;
    const hashed = typeof o.hashed === "boolean" ? o.hashed : /^(sha256|md5)\$/i.test(identity);
    return { kind: "identity", type: str(o.type) ?? "email", identity, hashed, salt: str(o.salt) };
  }
  // 0.5: recipient is the e-mail or its hash, salt sits beside it
  const plain = str(assertion.recipient);
  if (plain) {
    return {
      kind: "identity",
      type: "email",
      identity: plain,
      hashed: /^(sha256|md5)\$/i.test(plain),
      salt: str(assertion.salt),
    };
  }
  // Pre-1.0 drafts: `identity: { recipient, type, hashed, salt }`
  const draft = obj(assertion.identity);
  const identity = str(draft?.recipient) ?? str(draft?.identity);
  if (draft && identity) {
    const hashed = typeof draft.hashed === "boolean" ? draft.hashed : /^(sha256|md5)\$/i.test(identity);
    return { kind: "identity", type: str(draft.type) ?? "email", identity, hashed, salt: str(draft.salt) };
  }
  return null;
}

/** Resolves a possibly relative 0.5 path (e.g. "/images/badge.png") against the issuer origin. */
function absolute(value: string | null, origin: string | null): string | null {
  if (!value) return null;
  if (!origin || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  try {
    return new URL(value, origin).toString();
  } catch {
    return value;
  }
}

export function normalizeOb1({ assertion, badgeClass, issuer }: Ob1Documents): RecordBody {
  const badge = badgeClass ?? obj(assertion.badge);
  const issuerDoc = issuer ?? obj(badge?.issuer);
  const origin = str(issuerDoc?.origin) ?? str(issuerDoc?.url);
  // 1.0 AlignmentObject used name/url/description; 2.0 renamed them target*.
  const alignments = list(badge?.alignment)
    .map(obj)
    .filter((a): a is JsonObject => a !== null)
    .map((a) => ({
      name: str(a.name) ?? str(a.targetName) ?? "",
      url: str(a.url) ?? str(a.targetUrl),
      framework: str(a.targetFramework),
      code: str(a.targetCode),
    }))
    .filter((a) => a.name !== "");
  const verifyUrl = ob1AssertionUrl(assertion);
  return {
    title: str(badge?.name),
    description: str(badge?.description),
    image: absolute(idOrString(badge?.image), origin) ?? idOrString(assertion.image),
    criteria: { narrative: null, url: absolute(str(badge?.criteria), origin) },
    issuer: {
      id: typeof badge?.issuer === "string" ? str(badge.issuer) : null,
      name: str(issuerDoc?.name) ?? str(issuerDoc?.org),
      url: origin,
      email: str(issuerDoc?.email) ?? str(issuerDoc?.contact),
      image: idOrString(issuerDoc?.image),
    },
    issuedOn: isoDate(assertion.issuedOn ?? assertion.issued_on),
    expires: isoDate(assertion.expires),
    recipient: ob1Recipient(assertion),
    skills: dedupeNames([...list(badge?.tags).map(str), ...alignments.map((a) => a.name)]),
    alignments,
    evidence: evidenceOf(assertion.evidence),
    id: verifyUrl ?? str(assertion.id) ?? str(assertion.uid),
  };
}
